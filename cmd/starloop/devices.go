package main

import (
	"fmt"
	"time"

	"github.com/urfave/cli/v2"

	"github.com/starloop/starloop"
	"github.com/starloop/starloop/audio/portaudio"
)

// devicesCommand is `starloop devices`: which microphones and speakers
// there are, which ones starloop will use, and (with --check) whether the
// microphone works.
func devicesCommand(env *appEnv) *cli.Command {
	return &cli.Command{
		Name:      "devices",
		Usage:     "list microphones and speakers, and check the microphone",
		UsageText: "starloop devices [--input NAME] [--output NAME] [--check [--duration 2s]]",
		Flags: append(deviceFlags(),
			&cli.BoolFlag{Name: "check", Usage: "record the microphone and report its level"},
			&cli.DurationFlag{Name: "duration", Usage: "how long --check records", Value: 2 * time.Second},
			verboseFlag(),
		),
		Action: env.action(0, "; name a device with --input or --output", func(c *cli.Context, _ *settings) error {
			if d := c.Duration("duration"); d < 500*time.Millisecond || d > time.Minute {
				return starloop.Errorf(starloop.Invalid, "devices: --duration %v is outside 500ms to 1m", d)
			}
			host, err := portaudio.Open()
			if err != nil {
				return err
			}
			defer host.Close()
			if c.Bool("verbose") {
				fmt.Fprint(env.stderr, host.ProbeLog())
			}
			chosen, err := host.Survey(env.stdout, c.String("input"), c.String("output"))
			if err == nil {
				err = chosen.Err(c.IsSet("input"), c.IsSet("output"), c.Bool("check"))
			}
			if err != nil || !c.Bool("check") {
				return err
			}
			return host.CheckMic(c.Context, env.stdout, chosen.In, c.Duration("duration"))
		}),
	}
}

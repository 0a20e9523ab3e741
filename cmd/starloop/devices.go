package main

import (
	"fmt"
	"io"
	"time"

	"github.com/urfave/cli/v2"

	"github.com/starloop/starloop"
	"github.com/starloop/starloop/audio"
	"github.com/starloop/starloop/audio/portaudio"
)

// devicesCommand is `starloop devices`: which microphones and speakers
// there are, which ones starloop will use, and (with --check) whether the
// microphone works.
func devicesCommand(env *appEnv) *cli.Command {
	return &cli.Command{
		Name:        "devices",
		Usage:       "list microphones and speakers, and check the microphone",
		UsageText:   "starloop devices [--input NAME] [--output NAME] [--check [--duration 2s]]",
		Description: help("devices"),
		Flags: []cli.Flag{
			&cli.StringFlag{
				Name:    "input",
				Usage:   "the microphone to use and check (`NAME` or part of it; default: the system's)",
				EnvVars: []string{"STARLOOP_INPUT"},
			},
			&cli.StringFlag{
				Name:    "output",
				Usage:   "the speaker to use (`NAME` or part of it; default: the system's)",
				EnvVars: []string{"STARLOOP_OUTPUT"},
			},
			&cli.BoolFlag{
				Name:  "check",
				Usage: "record the microphone and report its level",
			},
			&cli.DurationFlag{
				Name:  "duration",
				Usage: "how long --check records",
				Value: 2 * time.Second,
			},
			&cli.BoolFlag{
				Name:  "verbose",
				Usage: "also print what the audio libraries reported while looking for devices",
			},
		},
		Action: func(c *cli.Context) error {
			if c.NArg() > 0 {
				return starloop.Errorf(starloop.Invalid, "devices: unexpected argument %q; name a device with --input or --output", c.Args().First())
			}
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
			devs, err := host.Devices()
			if err != nil {
				return err
			}
			// A device that cannot be found is reported after the list,
			// which shows the names there are.
			in, inErr := host.Input(c.String("input"))
			out, outErr := host.Output(c.String("output"))
			if err := portaudio.WriteDevices(env.stdout, devs, found(in, inErr), found(out, outErr)); err != nil {
				return starloop.E("write devices", starloop.Other, err)
			}
			if inErr != nil && (c.IsSet("input") || c.Bool("check")) {
				return inErr
			}
			if outErr != nil && c.IsSet("output") {
				return outErr
			}
			if !c.Bool("check") {
				return nil
			}
			return checkMic(c, env.stdout, host, in, c.Duration("duration"))
		},
	}
}

// found is the device d that was looked for, or nil if err says it was
// not found.
func found(d portaudio.Device, err error) *portaudio.Device {
	if err != nil {
		return nil
	}
	return &d
}

// checkMic records the chosen microphone for d and reports on it. A silent
// microphone is an error of kind DeviceUnavailable; clipping, noise and a
// faint voice are warnings.
func checkMic(c *cli.Context, w io.Writer, host *portaudio.Host, in portaudio.Device, d time.Duration) error {
	fmt.Fprintf(w, "\nChecking %q for %v: say a few words...\n", in.Name, d)
	mic, err := host.Capture(c.Context, in.Name)
	if err != nil {
		return err
	}
	defer mic.Close()
	pcm, err := audio.ReadAll(audio.Take(mic, d))
	if err != nil {
		return err
	}
	r := audio.CheckMic(pcm)
	fmt.Fprintln(w, r.Levels(mic.Overflows()))
	if err := r.Err(in.Name); err != nil {
		return err
	}
	if !r.OK() {
		fmt.Fprintf(w, "warning: %s\n", r.Advice)
		return nil
	}
	fmt.Fprintln(w, r.Advice)
	return nil
}

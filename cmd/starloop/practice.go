package main

import (
	"fmt"
	"path/filepath"

	"github.com/urfave/cli/v2"

	"github.com/starloop/starloop"
	"github.com/starloop/starloop/audio/portaudio"
	"github.com/starloop/starloop/spoken"
)

func practiceCommand(env *appEnv) *cli.Command {
	return &cli.Command{
		Name:        "practice",
		Usage:       "a spoken practice session: questions aloud, your answer from the microphone, STAR feedback and follow-ups",
		Description: help("practice"),
		Flags:       append(sessionFlags(spokenDefaults()), deviceFlags()...),
		Action: env.action(0, " (flags go after the command name)", func(c *cli.Context, s *settings) error {
			return env.onDevices(c, "practice", func(dev devices) error { return runPractice(c, env, s, dev, nil) })
		}),
	}
}

// onDevices opens the microphone and the speaker that --input and --output
// name, runs fn on them and closes them. Without a usable microphone it
// returns one line that says where to look. With --verbose, what the audio
// libraries said while opening them goes to stderr first.
func (env *appEnv) onDevices(c *cli.Context, op string, fn func(devices) error) error {
	host, err := portaudio.Open()
	if err != nil {
		return err
	}
	defer host.Close()
	if c.Bool("verbose") {
		fmt.Fprint(env.stderr, host.ProbeLog())
	}
	mic, err := host.Capture(c.Context, c.String("input"))
	if err != nil {
		if starloop.KindOf(err) == starloop.DeviceUnavailable {
			return starloop.E(op, starloop.DeviceUnavailable,
				fmt.Errorf("no usable microphone (%w): list devices with `starloop devices`, or watch a session on virtual devices with `starloop demo`", err))
		}
		return err
	}
	defer mic.Close()
	speaker, err := host.Speaker(c.String("output"), portaudio.SpeakerOptions{})
	if err != nil {
		return err
	}
	return fn(devices{mic: mic, player: speaker})
}

// runPractice runs a practice session on dev with the settings in c;
// hooks, if not nil, let the demo watch it.
func runPractice(c *cli.Context, env *appEnv, set *settings, dev devices, hooks *spoken.Practice) error {
	n := c.Int("questions")
	if n < 1 {
		return starloop.Errorf(starloop.Invalid, "practice: --questions must be at least 1")
	}
	s, err := newSpoken(c, env, set, "practice")
	if err != nil {
		return err
	}
	defer s.Close()
	lps, err := s.Backends.Bank.Resolve(c.StringSlice("lp"))
	if err != nil {
		return err
	}
	p := spoken.Practice{LPs: lps, Questions: n, Voice: c.String("voice")}
	if hooks != nil {
		// The story bank is the person's own: the demo's synthetic
		// candidate practises without it.
		p.Watch, p.Opened = hooks.Watch, hooks.Opened
	} else if p.Bank, err = set.storyBank(); err != nil {
		return err
	}
	var opened string
	if p.Opened == nil {
		p.Opened = func(dir string) { opened = dir }
	}
	err = s.Practice(c.Context, s.console(c, dev), p)
	if opened != "" && !s.Backends.Config.Remote() && c.Context.Err() == nil {
		// Said after the session, so that the next is made with the
		// right profile.
		checkSessionProfile(c, env.stdout, "starloop", filepath.Dir(opened), filepath.Base(opened))
	}
	return err
}

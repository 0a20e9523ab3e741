package main

import (
	"fmt"
	"strconv"

	"github.com/urfave/cli/v2"

	"github.com/starloop/starloop"
	"github.com/starloop/starloop/audio/portaudio"
	"github.com/starloop/starloop/interviewer"
	"github.com/starloop/starloop/spoken"
	"github.com/starloop/starloop/stories"
	"github.com/starloop/starloop/terminal"
)

func practiceCommand(env *appEnv) *cli.Command {
	return &cli.Command{
		Name:        "practice",
		Usage:       "a spoken practice session: questions aloud, your answer from the microphone, STAR feedback and follow-ups",
		Description: help("practice"),
		Flags:       append(sessionFlags(), deviceFlags()...),
		Action: func(c *cli.Context) error {
			if c.NArg() > 0 {
				return starloop.Errorf(starloop.Invalid, "practice: unexpected argument %q (flags go after the command name)", c.Args().First())
			}
			return onDevices(c, "practice", func(dev devices) error {
				return runPractice(c, env, dev, nil)
			})
		},
	}
}

// onDevices opens the microphone and the speaker that --input and --output
// name, runs fn on them and closes them. Without a usable microphone it
// returns one line that says where to look.
func onDevices(c *cli.Context, op string, fn func(devices) error) error {
	host, err := portaudio.Open()
	if err != nil {
		return err
	}
	defer host.Close()
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

// sessionHooks let the demo watch the session it runs.
type sessionHooks struct {
	// view, if set, wraps the view the session shows.
	view func(interviewer.View) interviewer.View
	// dir, if set, is told the session's folder once it exists.
	dir func(string)
}

// runPractice runs a practice session on dev with the settings in c.
func runPractice(c *cli.Context, env *appEnv, dev devices, hooks *sessionHooks) error {
	n := c.Int("questions")
	if n < 1 {
		return starloop.Errorf(starloop.Invalid, "practice: --questions must be at least 1")
	}
	s, err := newSpoken(c, env, "practice")
	if err != nil {
		return err
	}
	defer s.Close()
	bank := s.Backends.Bank
	lps, err := bank.Resolve(c.StringSlice("lp"))
	if err != nil {
		return err
	}
	// The story bank is the person's own: the demo's synthetic candidate
	// (hooks) practises without it.
	var storyPath string
	var bankStories []stories.Story
	if hooks == nil {
		if storyPath, bankStories, err = loopStories(c.String("stories"), bank); err != nil {
			return err
		}
	}
	lps = spoken.PracticeLPs(bank, lps, bankStories, s.Dir, s.Record.Seed)
	m, err := spoken.PracticeMachine(bank, lps, n, s.Record.Seed, s.Turns)
	if err != nil {
		return err
	}
	voice, err := s.Backends.Voice(c.Context, c.String("voice"), "")
	if err != nil {
		return err
	}
	sess, err := s.Open(c.Context, lps, map[string]string{"questions": strconv.Itoa(n), "voice": c.String("voice"), "stories": storyPath})
	if err != nil {
		return err
	}
	if hooks != nil && hooks.dir != nil {
		hooks.dir(sess.Dir())
	}
	view := spoken.PracticeView(env.stdout, terminal.Is(env.stdout), useColor(env.stdout, false), c.Bool("verbose"), bank, bankStories)
	if hooks != nil && hooks.view != nil {
		view = hooks.view(view)
	}
	fmt.Fprint(env.stdout, spoken.PracticeIntro(bank, lps, n))
	return s.run(c, m, dev, voice, sess, view)
}

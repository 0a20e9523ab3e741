package main

import (
	"fmt"

	"github.com/urfave/cli/v2"

	"github.com/starloop/starloop/day"
	"github.com/starloop/starloop/spoken"
)

// loopFlags are the turn-taking flags (a loop sets LPs, questions and
// voices per round) and the loop's own.
func loopFlags() []cli.Flag {
	flags := append(turnFlags(spokenDefaults()),
		&cli.IntFlag{Name: "interviewers", Value: 5, Usage: fmt.Sprintf("interview rounds, 1 to %d", day.MaxInterviewers), EnvVars: []string{"STARLOOP_INTERVIEWERS"}},
		&cli.IntFlag{Name: "questions-per-interviewer", Value: 1, Usage: "main questions each interviewer asks", EnvVars: []string{"STARLOOP_QUESTIONS_PER_INTERVIEWER"}},
		&cli.IntFlag{Name: "english-round", Usage: "hold round `N` in English only: its interviewer asks you to answer in English, for a non-native speaker who practises the other rounds in their own language and must also be ready for an English interview (0: none)"},
		&cli.BoolFlag{Name: "guess-lp", Usage: "after each main question, type which LP you think it probes, then answer; the debrief scores your guesses"},
		&cli.BoolFlag{Name: "no-intro", Usage: "skip the introduction round (\"tell me about yourself\")"},
		storiesFlag(),
		speechBankFlags(false)[0],
	)
	flags = append(flags, remoteFlags()...)
	return append(flags, deviceFlags()...)
}

func loopCommand(env *appEnv) *cli.Command {
	return &cli.Command{
		Name:        "loop",
		Usage:       "a whole loop day, time-compressed: an introduction, then several interviewers, each with a voice and two LPs, and a debrief",
		Description: help("loop"),
		Flags:       loopFlags(),
		Action: env.action(0, " (flags go after the command name)", func(c *cli.Context, s *settings) error {
			// A story bank named but unreadable fails before any device opens.
			sb, err := s.storyBank()
			if err != nil {
				return err
			}
			return env.onDevices(c, "loop", func(dev devices) error { return runLoop(c, env, s, dev, sb) })
		}),
	}
}

// runLoop holds a loop day on dev with the story bank sb (package
// spoken, then day, does the holding).
func runLoop(c *cli.Context, env *appEnv, set *settings, dev devices, sb spoken.StoryBank) error {
	s, err := newSpoken(c, env, set, day.Mode)
	if err != nil {
		return err
	}
	defer s.Close()
	return s.Loop(c.Context, s.console(c, dev), spoken.Loop{
		Interviewers: c.Int("interviewers"), Questions: c.Int("questions-per-interviewer"), EnglishRound: c.Int("english-round"),
		Intro: !c.Bool("no-intro"), GuessLP: c.Bool("guess-lp"), Bank: sb,
	})
}

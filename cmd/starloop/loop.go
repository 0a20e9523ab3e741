package main

import (
	"fmt"
	"maps"
	"strconv"

	"github.com/urfave/cli/v2"

	"github.com/starloop/starloop"
	"github.com/starloop/starloop/day"
	"github.com/starloop/starloop/interviewer"
	"github.com/starloop/starloop/prompts"
	"github.com/starloop/starloop/spoken"
	"github.com/starloop/starloop/stories"
	"github.com/starloop/starloop/terminal"
)

// loopFlags are the turn-taking flags (a loop sets LPs, questions and
// voices per round) and the loop's own.
func loopFlags() []cli.Flag {
	flags := append(turnFlags(),
		&cli.IntFlag{Name: "interviewers", Value: 5, Usage: fmt.Sprintf("interview rounds, 1 to %d", day.MaxInterviewers), EnvVars: []string{"STARLOOP_INTERVIEWERS"}},
		&cli.IntFlag{Name: "questions-per-interviewer", Value: 1, Usage: "main questions each interviewer asks", EnvVars: []string{"STARLOOP_QUESTIONS_PER_INTERVIEWER"}},
		&cli.IntFlag{Name: "english-round", Usage: "hold round `N` in English only: its interviewer asks you to answer in English, for a non-native speaker who practises the other rounds in their own language and must also be ready for an English interview (0: none)"},
		&cli.BoolFlag{Name: "guess-lp", Usage: "after each main question, type which LP you think it probes, then answer; the debrief scores your guesses"},
		&cli.BoolFlag{Name: "no-intro", Usage: "skip the introduction round (\"tell me about yourself\")"},
		storiesFlag("stories"),
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
		Action: func(c *cli.Context) error {
			if c.NArg() > 0 {
				return starloop.Errorf(starloop.Invalid, "loop: unexpected argument %q (flags go after the command name)", c.Args().First())
			}
			// A story bank named but unreadable fails before any device opens.
			if path := c.String("stories"); path != "" {
				bank, err := prompts.Load()
				if err != nil {
					return err
				}
				if _, _, err := loopStories(path, bank); err != nil {
					return err
				}
			}
			return onDevices(c, "loop", func(dev devices) error { return runLoop(c, env, dev) })
		},
	}
}

// runLoop holds a loop day on dev (package day does the holding).
func runLoop(c *cli.Context, env *appEnv, dev devices) error {
	s, err := newSpoken(c, env, day.Mode)
	if err != nil {
		return err
	}
	defer s.Close()
	bank := s.Backends.Bank
	storyPath, bankStories, err := loopStories(c.String("stories"), bank)
	if err != nil {
		return err
	}
	opt := day.Options{
		Interviewers: c.Int("interviewers"),
		Questions:    c.Int("questions-per-interviewer"),
		EnglishRound: c.Int("english-round"),
		Intro:        !c.Bool("no-intro"),
		Seed:         s.Record.Seed,
		LPs:          day.LPOrder(bank, bankStories, spoken.Practiced(s.Dir)),
		Shuffle:      bankStories == nil,
	}
	plan, err := day.NewDay(opt)
	if err != nil {
		return err
	}
	if err := plan.CheckQuestions(bank, opt.Questions); err != nil {
		return err
	}
	voices := map[string]interviewer.Voice{}
	for _, r := range plan.Rounds {
		if voices[r.Interviewer], err = s.Backends.Voice(c.Context, r.Voice, r.RemoteVoice); err != nil {
			return err
		}
	}
	remote := s.Backends.Config.Uses("tts")
	settings := plan.Settings(remote)
	if remote {
		settings["tts"] = "openai " + s.Backends.Config.Get("tts-model") + ", a voice per interviewer (see the rounds)"
	}
	maps.Copy(settings, opt.Settings())
	settings["guess_lp"], settings["stories"] = strconv.FormatBool(c.Bool("guess-lp")), storyPath
	sess, err := s.Open(c.Context, plan.LPs(), settings)
	if err != nil {
		return err
	}
	keyCh, restore := terminal.Keys(c.Context, env.stdin)
	defer restore()
	var guesses *day.Guesser
	if c.Bool("guess-lp") {
		guesses = day.NewGuesser(c.Context, keyCh, env.stdin, env.stdout, bank)
		keyCh = guesses.Keys()
	}
	return day.Hold(c.Context, day.Setup{
		Day: plan, Bank: bank, Stories: bankStories, Questions: opt.Questions, FollowUps: s.Record.FollowUps,
		Patience: s.Turns.Patience, AnswerCap: s.Turns.AnswerCap, NoSpeech: s.Turns.NoSpeech, Seed: s.Record.Seed, Plan: s.Plan,
		Mic: dev.mic, Player: dev.player, Keys: keyCh, Transcriber: s.STT, Voices: voices, Judge: s.Backends.Judge(),
		Session: sess, Out: env.stdout, Terminal: terminal.Is(env.stdout), Color: useColor(env.stdout, false), Verbose: c.Bool("verbose"), Guesses: guesses,
		Next: nextCommands(c, sess.ID()),
	})
}

// loopStories reads the story bank at path, or at the default path when it
// exists. No bank is not an error unless path was given.
func loopStories(path string, bank *prompts.Bank) (string, []stories.Story, error) {
	given := path != ""
	if !given {
		var err error
		if path, err = defaultStoriesPath(); err != nil {
			return "", nil, nil
		}
	}
	f, err := stories.Load(path, given, bank)
	if f == nil {
		return "", nil, err
	}
	return path, f.Stories, nil
}

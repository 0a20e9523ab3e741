package main

import (
	"fmt"
	"strconv"

	"github.com/urfave/cli/v2"

	"github.com/starloop/starloop"
	"github.com/starloop/starloop/day"
	"github.com/starloop/starloop/interviewer"
	"github.com/starloop/starloop/prompts"
	"github.com/starloop/starloop/session"
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
		Name:  "loop",
		Usage: "a whole loop day, time-compressed: an introduction, then several interviewers, each with a voice and two LPs, and a debrief",
		Description: "Each interviewer has a name, a voice of their own and two Leadership Principles; one is the bar raiser,\n" +
			"who probes hardest. Every answer is matched against your story bank and your earlier answers: telling\n" +
			"one story twice draws a warning. At the end a debrief per LP, with each interviewer's leaning, is shown,\n" +
			"spoken briefly, and saved as debrief.md and debrief.json in the session folder.\n" +
			"Keys while you answer: Enter = done, r = repeat the question, s = skip, q = save and quit.",
		Flags: loopFlags(),
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
	s, err := newSpoken(c, env, "loop")
	if err != nil {
		return err
	}
	defer s.close()
	bank := s.b.bank
	storyPath, bankStories, err := loopStories(c.String("stories"), bank)
	if err != nil {
		return err
	}
	opt := day.Options{
		Interviewers: c.Int("interviewers"),
		Questions:    c.Int("questions-per-interviewer"),
		EnglishRound: c.Int("english-round"),
		Intro:        !c.Bool("no-intro"),
		Seed:         s.seed,
		LPs:          day.LPOrder(bank, bankStories, practiced(s.dir)),
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
		if voices[r.Interviewer], err = s.b.voiceAs(c.Context, r.Voice, r.RemoteVoice); err != nil {
			return err
		}
	}
	remote := s.b.cfg.Uses("tts")
	settings := plan.Settings(remote)
	if remote {
		settings["tts"] = "openai " + s.b.cfg.Get("tts-model") + ", a voice per interviewer (see the rounds)"
	}
	for k, v := range map[string]string{
		"mode": day.Mode, "interviewers": strconv.Itoa(opt.Interviewers), "questions_per_interviewer": strconv.Itoa(opt.Questions),
		"english_round": strconv.Itoa(opt.EnglishRound), "guess_lp": strconv.FormatBool(c.Bool("guess-lp")), "stories": storyPath,
	} {
		settings[k] = v
	}
	var lps []string
	for _, r := range plan.Rounds {
		lps = append(lps, r.LPs...)
	}
	sess, err := s.open(c, lps, settings)
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
		Day: plan, Bank: bank, Stories: bankStories, Questions: opt.Questions, FollowUps: s.follow,
		Patience: s.turns.Patience, AnswerCap: s.turns.AnswerCap, NoSpeech: s.turns.NoSpeech, Seed: s.seed, Plan: s.plan,
		Mic: dev.mic, Player: dev.player, Keys: keyCh, Transcriber: s.stt, Voices: voices, Judge: s.b.judge(),
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
	f, err := readStoryBank(path, bank)
	if err != nil {
		if !given && starloop.KindOf(err) == starloop.NotFound {
			return "", nil, nil
		}
		return "", nil, err
	}
	if err := f.Err(); err != nil {
		return "", nil, err
	}
	return path, f.Stories, nil
}

// practiced counts the main questions answered per LP in the sessions in
// dir; a folder that cannot be read counts nothing.
func practiced(dir string) map[string]int {
	metas, _ := session.List(dir)
	return day.Practiced(metas)
}

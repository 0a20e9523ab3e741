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
		LPs:          lpOrder(bank, bankStories, s.dir),
		Shuffle:      bankStories == nil,
	}
	plan, err := day.NewDay(opt)
	if err != nil {
		return err
	}
	for _, r := range plan.Interviews() {
		if n := questionsFor(bank, r.LPs); n < opt.Questions {
			return starloop.Errorf(starloop.Invalid, "loop: %d questions per interviewer asked for, but %s have %d", opt.Questions, starloop.JoinAnd(namesOf(r.LPs, bank)), n)
		}
	}
	voices := map[string]interviewer.Voice{}
	for _, r := range plan.Rounds {
		if voices[r.Interviewer], err = s.b.voiceAs(c.Context, r.Voice, r.RemoteVoice); err != nil {
			return err
		}
	}
	settings := plan.Settings()
	for k, v := range map[string]string{
		"mode": "loop", "interviewers": strconv.Itoa(opt.Interviewers), "questions_per_interviewer": strconv.Itoa(opt.Questions),
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

// lpOrder is the order in which the day assigns LPs: with a story bank,
// those that lack stories, then practice, first; without one, the bank's
// order (the day shuffles it).
func lpOrder(bank *prompts.Bank, bankStories []stories.Story, dir string) []string {
	var ids []string
	if bankStories != nil {
		for _, n := range stories.ByNeed(stories.Cover(bank.LPs(), bankStories), practiced(dir)) {
			ids = append(ids, n.ID)
		}
		return ids
	}
	for _, lp := range bank.LPs() {
		ids = append(ids, lp.ID)
	}
	return ids
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
	out := map[string]int{}
	for _, m := range metas {
		for _, a := range m.Answers {
			if !a.FollowUp && a.LP != "" {
				out[a.LP]++
			}
		}
	}
	return out
}

func questionsFor(bank *prompts.Bank, ids []string) int {
	n := 0
	for _, id := range ids {
		if lp, ok := bank.LP(id); ok {
			n += len(lp.Questions)
		}
	}
	return n
}

func namesOf(ids []string, bank *prompts.Bank) []string {
	out := make([]string, len(ids))
	for i, id := range ids {
		out[i] = bank.Name(id)
	}
	return out
}

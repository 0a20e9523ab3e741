package spoken

import (
	"context"
	"fmt"
	"io"
	"maps"
	"strconv"

	"github.com/starloop/starloop/day"
	"github.com/starloop/starloop/interviewer"
	"github.com/starloop/starloop/stories"
	"github.com/starloop/starloop/terminal"
)

// Console is where a session meets the person: the devices, the keys
// and the screen.
type Console struct {
	Mic    interviewer.Microphone
	Player interviewer.Player
	Keys   io.Reader // key presses, read raw when a terminal
	Out    io.Writer
	// Terminal, Color and Verbose shape the live view: redrawn in place,
	// coloured, with each reply's latency.
	Terminal, Color, Verbose bool
	Sessions                 string // --sessions as given ("" for the default), for NextCommands
}

// StoryBank is the person's story bank: where it was read (recorded in
// the session's settings) and its stories; nil stories for none.
type StoryBank struct {
	Path    string
	Stories []stories.Story
}

// Practice is a practice session's own settings.
type Practice struct {
	LPs       []string // as given; none for PracticeLPs' choice
	Questions int
	Voice     string // the interviewer's flite voice
	Bank      StoryBank
	// Watch, if set, wraps the view the session shows (the demo's
	// candidate listens there); Opened, if set, is told the session's
	// folder once it exists.
	Watch  func(interviewer.View) interviewer.View
	Opened func(dir string)
}

// Practice holds a practice session on con: its LPs chosen, its questions
// drawn, the session opened in the sessions folder and run.
func (s *Session) Practice(ctx context.Context, con Console, p Practice) error {
	bank := s.Backends.Bank
	lps := PracticeLPs(bank, p.LPs, p.Bank.Stories, s.Dir, s.Record.Seed)
	m, err := PracticeMachine(bank, lps, p.Questions, s.Record.Seed, s.Turns)
	if err != nil {
		return err
	}
	voice, err := s.Backends.Voice(ctx, p.Voice, "")
	if err != nil {
		return err
	}
	sess, err := s.Open(ctx, lps, map[string]string{"questions": strconv.Itoa(p.Questions), "voice": p.Voice, "stories": p.Bank.Path})
	if err != nil {
		return err
	}
	if p.Opened != nil {
		p.Opened(sess.Dir())
	}
	view := PracticeView(con.Out, con.Terminal, con.Color, con.Verbose, bank, p.Bank.Stories)
	if p.Watch != nil {
		view = p.Watch(view)
	}
	fmt.Fprint(con.Out, PracticeIntro(bank, lps, p.Questions))
	return Run{Mic: con.Mic, Player: con.Player, Keys: con.Keys, Out: con.Out, Transcriber: s.STT, Voice: voice,
		Judge: s.Backends.Judge(), Session: sess, View: view, Next: NextCommands(con.Sessions, sess.ID())}.Do(ctx, m)
}

// Loop is a loop day's own settings (see day.Options).
type Loop struct {
	Interviewers, Questions, EnglishRound int
	Intro, GuessLP                        bool
	Bank                                  StoryBank
}

// Loop holds a loop day on con (package day does the holding): its plan
// made, a voice per interviewer, the session opened with the day's
// settings, and the LP guesses taken when asked for.
func (s *Session) Loop(ctx context.Context, con Console, l Loop) error {
	bank := s.Backends.Bank
	opt := day.Options{Interviewers: l.Interviewers, Questions: l.Questions, EnglishRound: l.EnglishRound, Intro: l.Intro,
		Seed: s.Record.Seed, LPs: day.LPOrder(bank, l.Bank.Stories, Practiced(s.Dir)), Shuffle: l.Bank.Stories == nil}
	plan, err := day.NewDay(opt)
	if err != nil {
		return err
	}
	if err := plan.CheckQuestions(bank, opt.Questions); err != nil {
		return err
	}
	voices := map[string]interviewer.Voice{}
	for _, r := range plan.Rounds {
		if voices[r.Interviewer], err = s.Backends.Voice(ctx, r.Voice, r.RemoteVoice); err != nil {
			return err
		}
	}
	sess, err := s.Open(ctx, plan.LPs(), s.loopSettings(plan, opt, l))
	if err != nil {
		return err
	}
	keyCh, restore := terminal.Keys(ctx, con.Keys)
	defer restore()
	var guesses *day.Guesser
	if l.GuessLP {
		guesses = day.NewGuesser(ctx, keyCh, con.Keys, con.Out, bank)
		keyCh = guesses.Keys()
	}
	return day.Hold(ctx, day.Setup{
		Day: plan, Bank: bank, Stories: l.Bank.Stories, Questions: opt.Questions, FollowUps: s.Record.FollowUps,
		Patience: s.Turns.Patience, AnswerCap: s.Turns.AnswerCap, NoSpeech: s.Turns.NoSpeech, Seed: s.Record.Seed, Plan: s.Plan,
		Mic: con.Mic, Player: con.Player, Keys: keyCh, Transcriber: s.STT, Voices: voices, Judge: s.Backends.Judge(),
		Session: sess, Out: con.Out, Terminal: con.Terminal, Color: con.Color, Verbose: con.Verbose, Guesses: guesses,
		Next: NextCommands(con.Sessions, sess.ID()),
	})
}

// loopSettings are the settings a loop day records besides Record's: the
// plan's (its rounds and voices; with tts openai, the remote model), the
// day's options, whether LPs are guessed and the story bank read.
func (s *Session) loopSettings(plan day.Day, opt day.Options, l Loop) map[string]string {
	remote := s.Backends.Config.Uses("tts")
	settings := plan.Settings(remote)
	if remote {
		settings["tts"] = "openai " + s.Backends.Config.Get("tts-model") + ", a voice per interviewer (see the rounds)"
	}
	maps.Copy(settings, opt.Settings())
	settings["guess_lp"], settings["stories"] = strconv.FormatBool(l.GuessLP), l.Bank.Path
	return settings
}

package main

import (
	"fmt"

	"github.com/urfave/cli/v2"

	"github.com/starloop/starloop"
	"github.com/starloop/starloop/audio/portaudio"
	sessreport "github.com/starloop/starloop/report"
	"github.com/starloop/starloop/session"
	"github.com/starloop/starloop/speech/pocketsphinx"
	"github.com/starloop/starloop/spoken"
	"github.com/starloop/starloop/terminal"
)

// The commands on past sessions: sessions, review, report and progress.

func sessionsCommand(env *appEnv) *cli.Command {
	return &cli.Command{
		Name:      "sessions",
		Usage:     "list past sessions, or delete one",
		UsageText: "starloop sessions [--delete ID [--yes]] [--sessions DIR]",
		Flags: []cli.Flag{
			sessionsFlag(),
			&cli.StringFlag{Name: "delete", Usage: "delete session `ID` and its recordings, after asking (the only way starloop deletes anything)"},
			&cli.BoolFlag{Name: "yes", Usage: "with --delete: do not ask (needed when standard input is not a terminal)"},
		},
		Action: env.action(0, "", func(c *cli.Context, s *settings) error {
			if id := c.String("delete"); id != "" {
				return deleteSession(c, env, s.sessions, id)
			}
			spoken.RecoverOffline(c.Context, env.stderr, s.sessions, pocketsphinx.Config{})
			metas, err := session.List(s.sessions)
			if err != nil {
				return err
			}
			if len(metas) == 0 {
				fmt.Fprintf(env.stdout, "No sessions in %s yet: start one with `starloop practice` or `starloop demo`.\n", s.sessions)
				return nil
			}
			return sessreport.List(env.stdout, s.sessions, metas, sessreport.Options{LPName: s.bank.Name, NoAudio: true})
		}),
	}
}

// deleteSession deletes session id from dir after asking on the terminal,
// unless --yes says not to ask.
func deleteSession(c *cli.Context, env *appEnv, dir, id string) error {
	confirm := func(question string) (bool, error) {
		if !terminal.Is(env.stdin) {
			return false, starloop.Errorf(starloop.Invalid, "sessions --delete %s: standard input is not a terminal to ask on; add --yes to delete it", id)
		}
		ok, err := terminal.Confirm(env.stdin, env.stdout, question)
		if err != nil || !ok {
			fmt.Fprintln(env.stdout, "Nothing deleted.")
		}
		return ok, err
	}
	if c.Bool("yes") {
		confirm = nil
	}
	if deleted, err := session.DeleteAsking(dir, id, confirm); !deleted {
		return err
	}
	fmt.Fprintf(env.stdout, "Deleted session %s.\n", id)
	return nil
}

// onSession is the Action of a command on one past session: the one the
// argument names, or the latest with an answer (sessions lists no other),
// in the sessions folder s.sessions.
func (env *appEnv) onSession(do func(c *cli.Context, s *settings, id string) error) cli.ActionFunc {
	return env.action(1, "; give at most one session id (see `starloop sessions`)", func(c *cli.Context, s *settings) error {
		id, err := session.Pick(s.sessions, c.Args().First(), c.Command.Name)
		if err != nil {
			return err
		}
		return do(c, s, id)
	})
}

func reviewCommand(env *appEnv) *cli.Command {
	return &cli.Command{
		Name:      "review",
		Usage:     "read back a session: transcripts with STAR parts marked, measures, delivery and verdicts",
		UsageText: "starloop review [SESSION] [--play N] [--sessions DIR]\nstarloop review [SESSION] --correct N --text WORDS",
		Flags: []cli.Flag{
			sessionsFlag(),
			&cli.IntFlag{Name: "play", Usage: "play answer `N`'s recording through the speaker"},
			&cli.IntFlag{Name: "correct", Usage: "save --text as what you said in answer `N`, for starloop adapt (the verdict stays)"},
			&cli.StringFlag{Name: "text", Usage: "the `WORDS` you said, with --correct"},
			outputFlag(),
		},
		Action: env.onSession(func(c *cli.Context, s *settings, id string) error {
			if c.IsSet("text") && !c.IsSet("correct") {
				return starloop.Errorf(starloop.Invalid, "review: --text goes with --correct N, the answer it corrects")
			}
			if n := c.Int("correct"); c.IsSet("correct") {
				if err := session.Correct(s.sessions, id, n, c.String("text")); err != nil {
					return err
				}
				_, err := fmt.Fprintf(env.stdout, "Saved what you said in answer %d of session %s; starloop adapt will learn your voice from it.\n", n, id)
				return err
			}
			if n := c.Int("play"); c.IsSet("play") {
				return playAnswer(c, env, s.sessions, id, n)
			}
			r, err := sessreport.Load(s.sessions, id, sessreport.Options{LPName: s.bank.Name})
			if err != nil {
				return err
			}
			return sessreport.Text(env.stdout, r)
		}),
	}
}

// playAnswer plays answer n of session id through the speaker --output
// names (package report says what plays).
func playAnswer(c *cli.Context, env *appEnv, dir, id string, n int) error {
	clip, err := sessreport.LoadClip(dir, id, n)
	if err != nil {
		return err
	}
	host, err := portaudio.Open()
	if err != nil {
		return err
	}
	defer host.Close()
	sp, err := host.Speaker(c.String("output"), portaudio.SpeakerOptions{})
	if err != nil {
		return err
	}
	return clip.Play(c.Context, env.stdout, sp)
}

func reportCommand(env *appEnv) *cli.Command {
	return &cli.Command{
		Name:      "report",
		Usage:     "write a session's report: one self-contained HTML page, Markdown or JSON",
		UsageText: "starloop report [SESSION] [--format html|md|json] [-o FILE] [--progress] [--sessions DIR]",
		Flags: []cli.Flag{
			sessionsFlag(),
			&cli.StringFlag{Name: "format", Value: "html", Usage: "html, md or json"},
			&cli.StringFlag{Name: "o", Usage: "write to `FILE` (- for standard output)"},
			&cli.BoolFlag{Name: "progress", Usage: "add the progress across all sessions to an HTML report (as `starloop progress` shows it)"},
		},
		Action: env.onSession(func(c *cli.Context, s *settings, id string) error {
			return sessreport.Save(env.stdout, s.sessions, id, sessreport.SaveOptions{
				Format: c.String("format"), Out: c.String("o"), Progress: c.Bool("progress"), LPName: s.bank.Name})
		}),
	}
}

func progressCommand(env *appEnv) *cli.Command {
	return &cli.Command{
		Name:      "progress",
		Usage:     "trends across sessions per LP and figure, and the latest two tellings of the same story",
		UsageText: "starloop progress [--lp NAME] [--sessions DIR]",
		Flags:     []cli.Flag{sessionsFlag(), lpFlag()},
		Action: env.action(0, "", func(c *cli.Context, s *settings) error {
			lpID, err := lpArg(c, s.bank, "progress")
			if err != nil {
				return err
			}
			p := sessreport.ProgressIn(s.sessions, lpID, s.bank.Name)
			if p == nil {
				fmt.Fprintf(env.stdout, "No sessions in %s yet.\n", s.sessions)
				return nil
			}
			return sessreport.ProgressText(env.stdout, p)
		}),
	}
}

package main

import (
	"fmt"

	"github.com/urfave/cli/v2"

	"github.com/starloop/starloop"
	"github.com/starloop/starloop/audio/portaudio"
	"github.com/starloop/starloop/prompts"
	sessreport "github.com/starloop/starloop/report"
	"github.com/starloop/starloop/session"
)

// pickSession is the sessions folder and the session named by the first
// argument, or the latest with an answer (sessions lists no other).
func pickSession(c *cli.Context, op string) (dir, id string, err error) {
	if c.NArg() > 1 {
		return "", "", starloop.Errorf(starloop.Invalid, "%s: give at most one session id (see `starloop sessions`)", op)
	}
	if dir, err = sessionsDir(c); err != nil {
		return "", "", err
	}
	id, err = session.Pick(dir, c.Args().First(), op)
	return dir, id, err
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
		Action: func(c *cli.Context) error {
			dir, id, err := pickSession(c, "review")
			if err != nil {
				return err
			}
			if c.IsSet("text") && !c.IsSet("correct") {
				return starloop.Errorf(starloop.Invalid, "review: --text goes with --correct N, the answer it corrects")
			}
			if n := c.Int("correct"); c.IsSet("correct") {
				if err := session.Correct(dir, id, n, c.String("text")); err != nil {
					return err
				}
				_, err := fmt.Fprintf(env.stdout, "Saved what you said in answer %d of session %s; starloop adapt will learn your voice from it.\n", n, id)
				return err
			}
			if n := c.Int("play"); c.IsSet("play") {
				return playAnswer(c, env, dir, id, n)
			}
			s, err := sessreport.Load(dir, id, sessreport.Options{LPName: lpNamer()})
			if err != nil {
				return err
			}
			return sessreport.Text(env.stdout, s)
		},
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
		Name:        "report",
		Usage:       "write a session's report: one self-contained HTML page, Markdown or JSON",
		UsageText:   "starloop report [SESSION] [--format html|md|json] [-o FILE] [--progress] [--sessions DIR]",
		Description: help("report"),
		Flags: []cli.Flag{
			sessionsFlag(),
			&cli.StringFlag{Name: "format", Value: "html", Usage: "html, md or json"},
			&cli.StringFlag{Name: "o", Usage: "write to `FILE` (- for standard output)"},
			&cli.BoolFlag{Name: "progress", Usage: "add the progress across all sessions to an HTML report (as `starloop progress` shows it)"},
		},
		Action: func(c *cli.Context) error {
			dir, id, err := pickSession(c, "report")
			if err != nil {
				return err
			}
			return sessreport.Save(env.stdout, dir, id, sessreport.SaveOptions{
				Format: c.String("format"), Out: c.String("o"), Progress: c.Bool("progress"), LPName: lpNamer()})
		},
	}
}

func progressCommand(env *appEnv) *cli.Command {
	return &cli.Command{
		Name:      "progress",
		Usage:     "trends across sessions per LP and figure, and the latest two tellings of the same story",
		UsageText: "starloop progress [--lp NAME] [--sessions DIR]",
		Flags: []cli.Flag{
			sessionsFlag(),
			lpFlag(),
		},
		Action: func(c *cli.Context) error {
			dir, err := sessionsDir(c)
			if err != nil {
				return err
			}
			bank, err := prompts.Load()
			if err != nil {
				return err
			}
			lpID, err := lpArg(c, bank, "progress")
			if err != nil {
				return err
			}
			p := sessreport.ProgressIn(dir, lpID, lpNamer())
			if p == nil {
				fmt.Fprintf(env.stdout, "No sessions in %s yet.\n", dir)
				return nil
			}
			return sessreport.ProgressText(env.stdout, p)
		},
	}
}

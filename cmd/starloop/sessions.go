package main

import (
	"fmt"

	"github.com/urfave/cli/v2"

	"github.com/starloop/starloop"
	"github.com/starloop/starloop/prompts"
	sessreport "github.com/starloop/starloop/report"
	"github.com/starloop/starloop/session"
	"github.com/starloop/starloop/speech/pocketsphinx"
	"github.com/starloop/starloop/spoken"
	"github.com/starloop/starloop/terminal"
)

// sessionsDir is --sessions, or the default folder.
func sessionsDir(c *cli.Context) (string, error) {
	if d := c.String("sessions"); d != "" {
		return d, nil
	}
	return defaultSessionsDir()
}

// lpNamer returns the official names of LP ids from the question bank.
func lpNamer() func(string) string {
	bank, err := prompts.Load()
	if err != nil {
		return nil
	}
	return bank.Name
}

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
		Action: func(c *cli.Context) error {
			if c.NArg() > 0 {
				return starloop.Errorf(starloop.Invalid, "sessions: unexpected argument %q", c.Args().First())
			}
			dir, err := sessionsDir(c)
			if err != nil {
				return err
			}
			if id := c.String("delete"); id != "" {
				return deleteSession(c, env, dir, id)
			}
			spoken.RecoverOffline(c.Context, env.stderr, dir, pocketsphinx.Config{})
			metas, err := session.List(dir)
			if err != nil {
				return err
			}
			if len(metas) == 0 {
				fmt.Fprintf(env.stdout, "No sessions in %s yet: start one with `starloop practice` or `starloop demo`.\n", dir)
				return nil
			}
			return sessreport.List(env.stdout, dir, metas, sessreport.Options{LPName: lpNamer(), NoAudio: true})
		},
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

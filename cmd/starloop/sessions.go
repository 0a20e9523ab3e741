package main

import (
	"fmt"

	"github.com/urfave/cli/v2"

	"github.com/starloop/starloop"
	"github.com/starloop/starloop/prompts"
	sessreport "github.com/starloop/starloop/report"
	"github.com/starloop/starloop/session"
)

// sessionsDir is --sessions, or the default folder.
func sessionsDir(c *cli.Context) (string, error) {
	if d := c.String("sessions"); d != "" {
		return d, nil
	}
	return defaultSessionsDir()
}

// recoverSessions repairs what a crash left behind and says so on stderr.
func recoverSessions(env *appEnv, dir string) {
	rec, err := session.Recover(dir)
	for _, r := range rec {
		fmt.Fprintf(env.stderr, "starloop: recovered session %s, left by a crash: %d recording(s) checked, kept and marked interrupted\n", r.ID, len(r.Repaired))
	}
	if err != nil {
		fmt.Fprintf(env.stderr, "starloop: %v\n", err)
	}
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
		UsageText: "starloop sessions [--delete ID] [--sessions DIR]",
		Flags: []cli.Flag{
			sessionsFlag(),
			&cli.StringFlag{Name: "delete", Usage: "delete session `ID` and its recordings (the only way starloop deletes anything)"},
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
				if err := session.Delete(dir, id); err != nil {
					return err
				}
				fmt.Fprintf(env.stdout, "Deleted session %s.\n", id)
				return nil
			}
			recoverSessions(env, dir)
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

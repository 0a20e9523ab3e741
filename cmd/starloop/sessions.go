package main

import (
	"fmt"
	"strings"

	"github.com/urfave/cli/v2"

	"github.com/starloop/starloop"
	"github.com/starloop/starloop/prompts"
	sessreport "github.com/starloop/starloop/report"
	"github.com/starloop/starloop/session"
)

// sessionsDirFlag is the --sessions flag of the review commands.
func sessionsDirFlag() cli.Flag {
	return &cli.StringFlag{Name: "sessions", Usage: "folder for sessions (default: $XDG_DATA_HOME/starloop/sessions)", EnvVars: []string{"STARLOOP_SESSIONS"}}
}

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
	return func(id string) string {
		lp, ok := bank.LP(id)
		if !ok {
			return ""
		}
		return lp.Name
	}
}

func sessionsCommand(env *appEnv) *cli.Command {
	return &cli.Command{
		Name:      "sessions",
		Usage:     "list past sessions, or delete one",
		UsageText: "starloop sessions [--delete ID] [--sessions DIR]",
		Flags: []cli.Flag{
			sessionsDirFlag(),
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
			opt := sessreport.Options{LPName: lpNamer(), NoAudio: true}
			fmt.Fprintf(env.stdout, "%-18s %-16s %-7s %-7s %-6s %-9s %-7s %s\n", "ID", "DATE", "ANSWERS", "LENGTH", "STAR", "MEASURED", "I SHARE", "LPs")
			for _, m := range metas {
				s, err := sessreport.Load(dir, m.ID, opt)
				if err != nil {
					fmt.Fprintf(env.stdout, "%-18s (unreadable: %v)\n", m.ID, err)
					continue
				}
				var f sessreport.Figures
				ts := sessreport.Tellings(s)
				for _, t := range ts {
					f.STAR += t.Figures.STAR / float64(len(ts))
					f.Measurable += t.Figures.Measurable / float64(len(ts))
					f.IShare += t.Figures.IShare / float64(len(ts))
				}
				names := make([]string, len(s.LPs))
				for i, l := range s.LPs {
					names[i] = l.Name
				}
				state := ""
				if m.State == session.Interrupted {
					state = "  [interrupted]"
				}
				d := s.Duration()
				fmt.Fprintf(env.stdout, "%-18s %-16s %-7d %-7s %-6s %-9s %-7s %s%s\n", m.ID, m.Start.Format("2006-01-02 15:04"), len(s.Answers),
					fmt.Sprintf("%d:%02d", int(d.Minutes()), int(d.Seconds())%60),
					pct(f.STAR), pct(f.Measurable), pct(f.IShare), strings.Join(names, ", "), state)
			}
			return nil
		},
	}
}

func pct(v float64) string { return fmt.Sprintf("%.0f%%", v*100) }

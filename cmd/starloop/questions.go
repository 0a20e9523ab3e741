package main

import (
	"strings"

	"github.com/urfave/cli/v2"

	"github.com/starloop/starloop"
	"github.com/starloop/starloop/prompts"
	"github.com/starloop/starloop/whichlp"
)

// questionsWidth is the column the person-readable listing wraps at.
const questionsWidth = 80

// questionsCommand is `starloop questions`: the question bank, for reading
// before a session or for other tools (--json).
func questionsCommand(env *appEnv) *cli.Command {
	return &cli.Command{
		Name:      "questions",
		Usage:     "list the Leadership Principles with their questions and follow-ups",
		UsageText: "starloop questions [--lp NAME,...] [--json]",
		Flags: []cli.Flag{
			lpFlag(),
			jsonFlag("print a JSON array of LPs (id, name, meaning, signals, questions, follow_ups)"),
		},
		Action: env.action(0, "; pick LPs with --lp", func(c *cli.Context, s *settings) error {
			// An empty STARLOOP_LP means no filter, as if it were unset.
			lps, err := s.bank.Select(c.StringSlice("lp"))
			if err != nil {
				return err
			}
			return prompts.Print(env.stdout, lps, c.Bool("json"), questionsWidth)
		}),
	}
}

// whichTop is how many LPs `which` shows.
const whichTop = 3

// whichCommand is `starloop which QUESTION`: the LPs a question probes.
func whichCommand(env *appEnv) *cli.Command {
	return &cli.Command{
		Name:      "which",
		Usage:     "which Leadership Principle a question probes",
		UsageText: "starloop which [--json] QUESTION",
		Flags: []cli.Flag{
			jsonFlag(`print [{"lp": id, "name": name, "score": number}, ...], best first`),
		},
		Action: env.action(-1, "", func(c *cli.Context, s *settings) error {
			q := strings.TrimSpace(strings.Join(c.Args().Slice(), " "))
			if q == "" {
				return starloop.Errorf(starloop.Invalid, `which: give a question, e.g. starloop which "Tell me about a time you disagreed with your manager."`)
			}
			ranked := whichlp.New(s.bank.LPs()).Rank(q)[:whichTop]
			return whichlp.Print(env.stdout, ranked, whichTop, c.Bool("json"))
		}),
	}
}

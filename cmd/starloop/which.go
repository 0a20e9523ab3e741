package main

import (
	"strings"

	"github.com/urfave/cli/v2"

	"github.com/starloop/starloop"
	"github.com/starloop/starloop/whichlp"
)

// whichTop is how many LPs `which` shows.
const whichTop = 3

// whichCommand is `starloop which QUESTION`: the LPs a question probes.
func whichCommand(env *appEnv) *cli.Command {
	return &cli.Command{
		Name:        "which",
		Usage:       "which Leadership Principle a question probes",
		UsageText:   "starloop which [--json] QUESTION",
		Description: help("which"),
		Flags: []cli.Flag{
			jsonFlag(`print [{"lp": id, "name": name, "score": number}, ...], best first`),
		},
		Action: env.action(-1, "", func(c *cli.Context, s *settings) error {
			q := strings.TrimSpace(strings.Join(c.Args().Slice(), " "))
			if q == "" {
				return starloop.Errorf(starloop.Invalid, `which: give a question, e.g. starloop which "Tell me about a time you disagreed with your manager."`)
			}
			ranked := whichlp.New(s.bank.LPs()).Rank(q)[:whichTop]
			write := whichlp.Write
			if c.Bool("json") {
				write = whichlp.WriteJSON
			}
			if err := write(env.stdout, ranked, whichTop); err != nil {
				return starloop.E("write LPs", starloop.Other, err)
			}
			return nil
		}),
	}
}

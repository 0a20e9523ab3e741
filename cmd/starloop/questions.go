package main

import (
	"bufio"
	"encoding/json"
	"fmt"
	"io"
	"strings"

	"github.com/urfave/cli/v2"

	"github.com/starloop/starloop"
	"github.com/starloop/starloop/prompts"
)

// questionsWidth is the column the person-readable listing wraps at.
const questionsWidth = 80

// questionsCommand is `starloop questions`: the question bank, for reading
// before a session or for other tools (--json).
func questionsCommand(env *appEnv) *cli.Command {
	return &cli.Command{
		Name:      "questions",
		Usage:     "list the Leadership Principles with their questions and follow-ups",
		UsageText: "starloop questions [--lp NAME] [--json]",
		Description: "Prints each Leadership Principle (LP) with what it means, what an interviewer\n" +
			"listens for, the questions starloop asks, and its ladder of follow-ups from\n" +
			"gentle to hard. --lp takes an id, a name, or any unique part of one:\n" +
			"\"dive deep\", \"backbone\", \"bias\".",
		Flags: []cli.Flag{
			&cli.StringFlag{
				Name:    "lp",
				Usage:   "show only this `LP` (id, name, or a unique part such as \"backbone\")",
				EnvVars: []string{"STARLOOP_LP"},
			},
			&cli.BoolFlag{
				Name:  "json",
				Usage: "print a JSON array of LPs (id, name, meaning, signals, questions, follow_ups)",
			},
		},
		Action: func(c *cli.Context) error {
			if c.NArg() > 0 {
				return starloop.Errorf(starloop.Invalid, "questions: unexpected argument %q; pick one LP with --lp", c.Args().First())
			}
			bank, err := prompts.Load()
			if err != nil {
				return err
			}
			lps := bank.LPs()
			// An empty STARLOOP_LP means no filter, as if it were unset.
			if name := c.String("lp"); name != "" {
				lp, err := bank.Lookup(name)
				if err != nil {
					return err
				}
				lps = []prompts.LP{lp}
			}
			w := bufio.NewWriter(env.stdout)
			if c.Bool("json") {
				enc := json.NewEncoder(w)
				enc.SetIndent("", "  ")
				err = enc.Encode(lps)
			} else {
				writeLPs(w, lps)
			}
			if err == nil {
				err = w.Flush()
			}
			if err != nil {
				return starloop.E("write questions", starloop.Other, err)
			}
			return nil
		},
	}
}

// writeLPs prints lps for a person, wrapped at questionsWidth. Errors are
// sticky in a bufio.Writer, so the caller checks once, at Flush.
func writeLPs(w *bufio.Writer, lps []prompts.LP) {
	for i, lp := range lps {
		if i > 0 {
			w.WriteString("\n")
		}
		fmt.Fprintf(w, "%s (%s)\n", lp.Name, lp.ID)
		writeWrapped(w, "  ", "  ", lp.Meaning)
		w.WriteString("\n  Listen for:\n")
		for _, s := range lp.Signals {
			writeWrapped(w, "    - ", "      ", s)
		}
		w.WriteString("\n  Questions:\n")
		writeNumbered(w, lp.Questions)
		w.WriteString("\n  Follow-ups, gentle to hard:\n")
		writeNumbered(w, lp.FollowUps)
	}
}

func writeNumbered(w io.Writer, lines []string) {
	for i, l := range lines {
		prefix := fmt.Sprintf("    %2d. ", i+1)
		writeWrapped(w, prefix, strings.Repeat(" ", len(prefix)), l)
	}
}

// writeWrapped writes text as lines of at most questionsWidth columns, the
// first starting with first and the rest with indent. A word too long for
// any line gets a line of its own.
func writeWrapped(w io.Writer, first, indent, text string) {
	var line strings.Builder
	line.WriteString(first)
	empty := true // no word on line yet
	for _, word := range strings.Fields(text) {
		if !empty && line.Len()+1+len(word) > questionsWidth {
			fmt.Fprintln(w, line.String())
			line.Reset()
			line.WriteString(indent)
			empty = true
		}
		if !empty {
			line.WriteByte(' ')
		}
		line.WriteString(word)
		empty = false
	}
	fmt.Fprintln(w, line.String())
}

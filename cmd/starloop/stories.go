package main

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"

	"github.com/urfave/cli/v2"

	"github.com/starloop/starloop"
	"github.com/starloop/starloop/prompts"
	"github.com/starloop/starloop/stories"
)

// storiesFileFlag is --file, shared by `stories` and `stories check`.
func storiesFileFlag() cli.Flag {
	return &cli.StringFlag{
		Name:    "file",
		Usage:   "the story bank `PATH` (default $XDG_CONFIG_HOME/starloop/stories.yaml or ~/.config/starloop/stories.yaml)",
		EnvVars: []string{"STARLOOP_STORIES"},
	}
}

// storiesCommand is `starloop stories`: the coverage grid of the story bank,
// and `starloop stories check`: its problems, line by line.
func storiesCommand(env *appEnv) *cli.Command {
	return &cli.Command{
		Name:      "stories",
		Usage:     "show which Leadership Principles your story bank covers, and the gaps",
		UsageText: "starloop stories [--file PATH]\nstarloop stories check [--file PATH]",
		Description: "Reads your story bank (a YAML file you edit; see README) and prints a grid of\n" +
			"the 16 Leadership Principles by your stories, then the LPs with fewer than two\n" +
			"stories. `stories check` lists every problem in the file with its line.",
		Flags: []cli.Flag{storiesFileFlag()},
		Action: func(c *cli.Context) error {
			if c.NArg() > 0 {
				return starloop.Errorf(starloop.Invalid, "stories: unknown subcommand %q; did you mean check?", c.Args().First())
			}
			f, bank, err := readStoryBank(c.String("file"))
			if err != nil {
				return err
			}
			if err := f.Err(); err != nil {
				return err
			}
			w := bufio.NewWriter(env.stdout)
			writeCoverage(w, f, stories.Cover(bank.LPs(), f.Stories))
			if err := w.Flush(); err != nil {
				return starloop.E("write stories", starloop.Other, err)
			}
			return nil
		},
		Subcommands: []*cli.Command{{
			Name:      "check",
			Usage:     "validate the story bank; list errors and warnings with line numbers",
			UsageText: "starloop stories check [--file PATH]",
			Flags:     []cli.Flag{storiesFileFlag()},
			Action: func(c *cli.Context) error {
				f, _, err := readStoryBank(c.String("file"))
				if err != nil {
					return err
				}
				w := bufio.NewWriter(env.stdout)
				nerr := writeProblems(w, f)
				if err := w.Flush(); err != nil {
					return starloop.E("write problems", starloop.Other, err)
				}
				if nerr > 0 {
					return starloop.Errorf(starloop.Invalid, "check %s: %d %s; fix %s and check again", f.Name, nerr, plural(nerr, "error", "errors"), pluralIt(nerr))
				}
				return nil
			},
		}},
	}
}

// defaultStoriesPath is $XDG_CONFIG_HOME/starloop/stories.yaml, or
// ~/.config/starloop/stories.yaml.
func defaultStoriesPath() (string, error) {
	if d := os.Getenv("XDG_CONFIG_HOME"); filepath.IsAbs(d) {
		return filepath.Join(d, "starloop", "stories.yaml"), nil
	}
	home, err := os.UserHomeDir()
	if err != nil {
		return "", starloop.E("find story bank", starloop.Invalid, err)
	}
	return filepath.Join(home, ".config", "starloop", "stories.yaml"), nil
}

// readStoryBank reads and parses the story bank at path, or at the default
// path when path is empty.
func readStoryBank(path string) (*stories.File, *prompts.Bank, error) {
	if path == "" {
		var err error
		if path, err = defaultStoriesPath(); err != nil {
			return nil, nil, err
		}
	}
	data, err := os.ReadFile(path)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, nil, starloop.Errorf(starloop.NotFound, "read story bank: no story bank at %s; write one (see README: Story bank) or pass --file", path)
	}
	if err != nil {
		return nil, nil, starloop.E("read story bank", starloop.Invalid, err)
	}
	bank, err := prompts.Load()
	if err != nil {
		return nil, nil, err
	}
	return stories.Parse(path, data, bank), bank, nil
}

// writeCoverage prints the grid: one row per LP, one column per story
// (numbered; the legend follows), a count, and a mark on rows short of
// stories.Target; then the gaps.
func writeCoverage(w io.Writer, f *stories.File, c stories.Coverage) {
	fmt.Fprintf(w, "Story bank %s: %d %s\n\n", f.Name, len(c.Stories), plural(len(c.Stories), "story", "stories"))
	width := len("Leadership Principle")
	for _, r := range c.Rows {
		width = max(width, len(r.LP.ID))
	}
	cols := make([]string, len(c.Stories))
	for i := range c.Stories {
		cols[i] = fmt.Sprint(i + 1)
	}
	colw := len(cols[len(cols)-1])
	fmt.Fprintf(w, "%-*s", width, "Leadership Principle")
	for _, h := range cols {
		fmt.Fprintf(w, " %*s", colw, h)
	}
	fmt.Fprintln(w, "  stories")
	for _, r := range c.Rows {
		fmt.Fprintf(w, "%-*s", width, r.LP.ID)
		has := make([]bool, len(c.Stories))
		for _, j := range r.Stories {
			has[j] = true
		}
		for _, h := range has {
			mark := "."
			if h {
				mark = "x"
			}
			fmt.Fprintf(w, " %*s", colw, mark)
		}
		fmt.Fprintf(w, "  %d", len(r.Stories))
		if r.Missing() > 0 {
			fmt.Fprint(w, "  gap")
		}
		fmt.Fprintln(w)
	}
	fmt.Fprintln(w, "\nStories:")
	for i, s := range c.Stories {
		fmt.Fprintf(w, "  %*d  %s (%s)\n", colw, i+1, s.Title, s.ID)
	}
	gaps := c.Gaps()
	if len(gaps) == 0 {
		fmt.Fprintf(w, "\nNo gaps: every LP has at least %d stories.\n", stories.Target)
		return
	}
	fmt.Fprintf(w, "\nGaps (aim for %d stories per LP): %d of %d LPs\n", stories.Target, len(gaps), len(c.Rows))
	for _, r := range gaps {
		n := len(r.Stories)
		switch n {
		case 0:
			fmt.Fprintf(w, "  %s: no story\n", r.LP.Name)
		default:
			fmt.Fprintf(w, "  %s: %d %s, %d more wanted\n", r.LP.Name, n, plural(n, "story", "stories"), r.Missing())
		}
	}
}

// writeProblems prints each problem on a line and a summary, and returns
// the number of errors.
func writeProblems(w io.Writer, f *stories.File) int {
	nerr, nwarn := 0, 0
	for _, p := range f.Problems {
		fmt.Fprintln(w, p)
		if p.Severity == stories.Error {
			nerr++
		} else {
			nwarn++
		}
	}
	fmt.Fprintf(w, "%s: %d %s, %d %s, %d %s\n", f.Name,
		len(f.Stories), plural(len(f.Stories), "story", "stories"),
		nerr, plural(nerr, "error", "errors"), nwarn, plural(nwarn, "warning", "warnings"))
	return nerr
}

func plural(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}

func pluralIt(n int) string { return plural(n, "it", "them") }

package main

import (
	"bufio"
	"errors"
	"io/fs"
	"os"
	"path/filepath"

	"github.com/urfave/cli/v2"

	"github.com/starloop/starloop"
	"github.com/starloop/starloop/prompts"
	"github.com/starloop/starloop/stories"
)

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
		Flags: []cli.Flag{storiesFlag("file")},
		Action: func(c *cli.Context) error {
			if c.NArg() > 0 {
				return starloop.Errorf(starloop.Invalid, "stories: unknown subcommand %q; did you mean check?", c.Args().First())
			}
			f, bank, err := storyBank(c)
			if err != nil {
				return err
			}
			if err := f.Err(); err != nil {
				return err
			}
			w := bufio.NewWriter(env.stdout)
			stories.WriteCoverage(w, f, stories.Cover(bank.LPs(), f.Stories))
			if err := w.Flush(); err != nil {
				return starloop.E("write stories", starloop.Other, err)
			}
			return nil
		},
		Subcommands: []*cli.Command{{
			Name:      "check",
			Usage:     "validate the story bank; list errors and warnings with line numbers",
			UsageText: "starloop stories check [--file PATH] [--no-stories]",
			Flags:     []cli.Flag{storiesFlag("file"), speechBankFlags(false)[0]},
			Action: func(c *cli.Context) error {
				f, qbank, err := storyBank(c)
				if err != nil {
					return err
				}
				w := bufio.NewWriter(env.stdout)
				nerr := stories.WriteProblems(w, f)
				if err := w.Flush(); err != nil {
					return starloop.E("write problems", starloop.Other, err)
				}
				if nerr > 0 {
					return starloop.Errorf(starloop.Invalid, "check %s: %d %s; fix %s and check again", f.Name, nerr, stories.Plural(nerr, "error", "errors"), stories.Plural(nerr, "it", "them"))
				}
				if !c.Bool("no-stories") {
					buildBankModel(c, f.Stories, qbank, env.stdout)
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

// storyBank reads the story bank --file names, with the LP bank it was
// read against.
func storyBank(c *cli.Context) (*stories.File, *prompts.Bank, error) {
	bank, err := prompts.Load()
	if err != nil {
		return nil, nil, err
	}
	f, err := readStoryBank(c.String("file"), bank)
	return f, bank, err
}

// readStoryBank reads and parses the story bank at path, or at the default
// path when path is empty.
func readStoryBank(path string, bank *prompts.Bank) (*stories.File, error) {
	if path == "" {
		var err error
		if path, err = defaultStoriesPath(); err != nil {
			return nil, err
		}
	}
	data, err := os.ReadFile(path)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, starloop.Errorf(starloop.NotFound, "read story bank: no story bank at %s; write one (see README: Story bank) or pass --file", path)
	}
	if err != nil {
		return nil, starloop.E("read story bank", starloop.Invalid, err)
	}
	return stories.Parse(path, data, bank), nil
}

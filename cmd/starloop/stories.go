package main

import (
	"github.com/urfave/cli/v2"

	"github.com/starloop/starloop"
	"github.com/starloop/starloop/prompts"
	"github.com/starloop/starloop/stories"
)

// storiesCommand is `starloop stories`: the coverage grid of the story bank,
// and `starloop stories check`: its problems, line by line.
func storiesCommand(env *appEnv) *cli.Command {
	return &cli.Command{
		Name:        "stories",
		Usage:       "show which Leadership Principles your story bank covers, and the gaps",
		UsageText:   "starloop stories [--stories PATH]\nstarloop stories check [--stories PATH]",
		Description: help("stories"),
		Flags:       []cli.Flag{storyBankFlag()},
		Action: func(c *cli.Context) error {
			if c.NArg() > 0 {
				return starloop.Errorf(starloop.Invalid, "stories: unknown subcommand %q; did you mean check?", c.Args().First())
			}
			f, bank, err := storyBank(c)
			if err != nil {
				return err
			}
			return stories.Report(env.stdout, f, bank)
		},
		Subcommands: []*cli.Command{{
			Name:      "check",
			Usage:     "validate the story bank; list errors and warnings with line numbers",
			UsageText: "starloop stories check [--stories PATH] [--no-stories]",
			Flags:     []cli.Flag{storyBankFlag(), speechBankFlags(false)[0]},
			Action: func(c *cli.Context) error {
				f, qbank, err := storyBank(c)
				if err != nil {
					return err
				}
				if err := stories.Check(env.stdout, f); err != nil {
					return err
				}
				if !c.Bool("no-stories") {
					buildBankModel(c, f.Stories, qbank, env.stdout)
				}
				return nil
			},
		}},
	}
}

// storyBankFlag is --stories, the story bank's flag in every command, with
// --file, its first name here, kept as an alias.
func storyBankFlag() cli.Flag {
	f := storiesFlag("stories").(*cli.StringFlag)
	f.Aliases = []string{"file"}
	return f
}

// storyBank reads the story bank --stories names (else the default
// one), with the LP bank it was read against.
func storyBank(c *cli.Context) (*stories.File, *prompts.Bank, error) {
	bank, err := prompts.Load()
	if err != nil {
		return nil, nil, err
	}
	path := c.String("stories")
	if path == "" {
		if path, err = defaultStoriesPath(); err != nil {
			return nil, nil, err
		}
	}
	f, err := stories.ReadFile(path, bank)
	return f, bank, err
}

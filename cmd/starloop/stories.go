package main

import (
	"fmt"
	"io"

	"github.com/urfave/cli/v2"

	"github.com/starloop/starloop/backends"
	"github.com/starloop/starloop/prompts"
	"github.com/starloop/starloop/speech/banklm"
	"github.com/starloop/starloop/speech/pocketsphinx"
	"github.com/starloop/starloop/spoken"
	"github.com/starloop/starloop/stories"
)

// storiesCommand is `starloop stories`: the coverage grid of the story bank,
// and `starloop stories check`: its problems, line by line.
func storiesCommand(env *appEnv) *cli.Command {
	return &cli.Command{
		Name:      "stories",
		Usage:     "show which Leadership Principles your story bank covers, and the gaps",
		UsageText: "starloop stories [--stories PATH]\nstarloop stories check [--stories PATH]",
		Flags:     []cli.Flag{storyBankFlag()},
		Action: env.action(0, "; the one subcommand is check", func(c *cli.Context, s *settings) error {
			f, err := stories.ReadFile(s.stories, s.bank)
			if err != nil {
				return err
			}
			return stories.Report(env.stdout, f, s.bank)
		}),
		Subcommands: []*cli.Command{{
			Name:      "check",
			Usage:     "validate the story bank; list errors and warnings with line numbers",
			UsageText: "starloop stories check [--stories PATH] [--no-stories]",
			Flags:     []cli.Flag{storyBankFlag(), speechBankFlags(false)[0]},
			Action: env.action(-1, "", func(c *cli.Context, s *settings) error {
				f, err := stories.ReadFile(s.stories, s.bank)
				if err != nil {
					return err
				}
				if err := stories.Check(env.stdout, f); err != nil {
					return err
				}
				if !c.Bool("no-stories") {
					buildBankModel(c, f.Stories, s.bank, env.stdout)
				}
				return nil
			}),
		}},
	}
}

// storyBankFlag is --stories, the story bank's flag in every command, with
// --file, its first name here, kept as an alias.
func storyBankFlag() cli.Flag {
	f := storiesFlag().(*cli.StringFlag)
	f.Aliases = []string{"file"}
	return f
}

// storyBank is the story bank of a session: --stories, else the default
// one when it exists. No bank is not an error unless --stories names one.
func (s *settings) storyBank() (spoken.StoryBank, error) {
	f, err := stories.Load(s.stories, s.storiesGiven, s.bank)
	if f == nil {
		return spoken.StoryBank{}, err
	}
	return spoken.StoryBank{Path: s.stories, Stories: f.Stories}, nil
}

// speechBankFlags are --stories (unless the command has it already) and
// --no-stories: the story bank that the recogniser learns from.
func speechBankFlags(withStories bool) []cli.Flag {
	flags := []cli.Flag{&cli.BoolFlag{Name: "no-stories", Usage: "recognise speech with the general and interview models only, not your story bank's words", EnvVars: []string{"STARLOOP_NO_STORIES"}}}
	if withStories {
		flags = append(flags, storiesFlag())
	}
	return flags
}

// withStoryBank returns model with the language model of the story bank
// (--stories, or the default bank when it exists) merged into the stock
// and interview models, and the bank's words added to the dictionary;
// extra is more personal text (a rehearsal script's key points). With
// build it builds the model if it is not cached (a batch command: seconds,
// with a progress line); without, a session never waits: it takes the
// cached model, or the interview model, or the stock one, and says how to
// build the bank's. Anything wrong with the bank costs one line on notices
// and the general models serve. Commands without --no-stories, and --lm or
// --dict, keep model as it is.
func withStoryBank(c *cli.Context, s *settings, model pocketsphinx.Config, extra string, notices io.Writer, build bool) pocketsphinx.Config {
	if !hasFlag(c, "no-stories") || c.Bool("no-stories") || c.IsSet("lm") || c.IsSet("dict") {
		return model
	}
	sb, err := s.storyBank()
	if err != nil {
		fmt.Fprintf(notices, "Story bank not used for speech recognition: %v\n", err)
	}
	dir, err := defaultCacheDir()
	if err != nil {
		return model
	}
	return backends.StoryModel(c.Context, model, backends.BankBuilder(dir, s.bank, notices), sb.Stories, s.bank, extra, build, notices)
}

// buildBankModel builds the speech model of a checked bank, for
// `stories check`, so that the next session finds it ready. A failure is
// one line: the bank itself is fine.
func buildBankModel(c *cli.Context, bank []stories.Story, qbank *prompts.Bank, notices io.Writer) {
	dir, err := defaultCacheDir()
	if err == nil {
		_, err = backends.BankBuilder(dir, qbank, notices).Build(c.Context, banklm.StoryText(bank, qbank.Name)+"\n")
	}
	if err != nil {
		fmt.Fprintf(notices, "Speech model of the story bank not built: %v\n", err)
	}
}

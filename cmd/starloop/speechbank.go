package main

import (
	"fmt"
	"io"
	"slices"

	"github.com/urfave/cli/v2"

	"github.com/starloop/starloop/backends"
	"github.com/starloop/starloop/prompts"
	"github.com/starloop/starloop/rehearse"
	"github.com/starloop/starloop/speech/banklm"
	"github.com/starloop/starloop/speech/pocketsphinx"
	"github.com/starloop/starloop/stories"
)

// speechBankFlags are --stories (unless the command has it already) and
// --no-stories: the story bank that the recogniser learns from.
func speechBankFlags(withStories bool) []cli.Flag {
	flags := []cli.Flag{&cli.BoolFlag{Name: "no-stories", Usage: "recognise speech with the general and interview models only, not your story bank's words", EnvVars: []string{"STARLOOP_NO_STORIES"}}}
	if withStories {
		flags = append(flags, storiesFlag("stories"))
	}
	return flags
}

// withStoryBank returns model with the language model of the story bank
// (--stories, or the default bank when it exists) merged into the stock
// and interview models, and the bank's words added to the dictionary;
// extra is more personal text (a rehearsal script). With build it builds
// the model if it is not cached (a batch command: seconds, with a progress
// line); without, a session never waits: it takes the cached model, or the
// interview model, or the stock one, and says how to build the bank's.
// Anything wrong with the bank costs one line on notices and the general
// models serve. Commands without --no-stories, and --lm or --dict, keep
// model as it is.
func withStoryBank(c *cli.Context, model pocketsphinx.Config, qbank *prompts.Bank, extra string, notices io.Writer, build bool) pocketsphinx.Config {
	if !slices.ContainsFunc(c.Command.Flags, func(f cli.Flag) bool { return slices.Contains(f.Names(), "no-stories") }) ||
		c.Bool("no-stories") || c.IsSet("lm") || c.IsSet("dict") {
		return model
	}
	sb, err := loopStories(c.String("stories"), qbank)
	if err != nil {
		fmt.Fprintf(notices, "Story bank not used for speech recognition: %v\n", err)
	}
	dir, err := defaultCacheDir()
	if err != nil {
		return model
	}
	return backends.StoryModel(c.Context, model, backends.BankBuilder(dir, qbank, notices), sb.Stories, qbank, extra, build, notices)
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

// withRehearsalBank is withStoryBank for `rehearse SCRIPT`: the script's
// key points are personal text too.
func withRehearsalBank(c *cli.Context, model pocketsphinx.Config, points []rehearse.Point, notices io.Writer, build bool) pocketsphinx.Config {
	qbank, err := prompts.Load()
	if err != nil {
		return model
	}
	return withStoryBank(c, model, qbank, rehearse.Text(points), notices, build)
}

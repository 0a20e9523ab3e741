package main

import (
	"slices"

	"github.com/urfave/cli/v2"

	"github.com/starloop/starloop"
	"github.com/starloop/starloop/prompts"
)

// settings are what many commands read besides their own flags, read once
// per command (by action): the LP bank, and the sessions folder and the
// story bank of a command that has --sessions or --stories.
type settings struct {
	bank         *prompts.Bank // the LP bank, embedded
	sessions     string        // --sessions, else the default folder; "" for a command without the flag
	stories      string        // --stories, else the default story bank
	storiesGiven bool          // whether --stories (or STARLOOP_STORIES) named it
}

// action is the Action of a command that takes at most maxArgs arguments
// (-1: any number): one more is a one-line error, with hint after it;
// otherwise it reads the settings once and runs do with them.
func (env *appEnv) action(maxArgs int, hint string, do func(c *cli.Context, s *settings) error) cli.ActionFunc {
	return func(c *cli.Context) error {
		if maxArgs >= 0 && c.NArg() > maxArgs {
			return starloop.Errorf(starloop.Invalid, "%s: unexpected argument %q%s", c.Command.Name, c.Args().Get(maxArgs), hint)
		}
		bank, err := prompts.Load()
		if err != nil {
			return err
		}
		s := &settings{bank: bank, sessions: c.String("sessions"), stories: c.String("stories")}
		if s.sessions == "" && hasFlag(c, "sessions") {
			if s.sessions, err = defaultSessionsDir(); err != nil {
				return err
			}
		}
		if s.storiesGiven = s.stories != ""; !s.storiesGiven && hasFlag(c, "stories") {
			if s.stories, err = defaultStoriesPath(); err != nil {
				return err
			}
		}
		return do(c, s)
	}
}

// hasFlag reports whether c's command has the flag name.
func hasFlag(c *cli.Context, name string) bool {
	return slices.ContainsFunc(c.Command.Flags, func(f cli.Flag) bool { return slices.Contains(f.Names(), name) })
}

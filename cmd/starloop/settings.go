package main

import (
	"os"
	"path/filepath"
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

// Where starloop keeps its files unless a flag says otherwise, by the XDG
// base directory spec: $XDG_DATA_HOME (else ~/.local/share) for sessions
// and profiles, $XDG_CONFIG_HOME (else ~/.config) for the config file and
// the story bank, $XDG_CACHE_HOME (else ~/.cache) for built models.
const (
	dataHome   = "XDG_DATA_HOME"
	configHome = "XDG_CONFIG_HOME"
	cacheHome  = "XDG_CACHE_HOME"
)

// xdgPath is starloop's path rel under the base folder that the XDG
// variable names when it holds an absolute path, else under its default
// below the home folder. op names what is looked for in the error.
func xdgPath(variable, op string, rel ...string) (string, error) {
	base := os.Getenv(variable)
	if !filepath.IsAbs(base) {
		home, err := os.UserHomeDir()
		if err != nil {
			return "", starloop.E(op, starloop.Invalid, err)
		}
		base = filepath.Join(home, map[string]string{dataHome: ".local/share", configHome: ".config", cacheHome: ".cache"}[variable])
	}
	return filepath.Join(append([]string{base, "starloop"}, rel...)...), nil
}

// defaultSessionsDir is where sessions live unless --sessions says otherwise.
func defaultSessionsDir() (string, error) {
	return xdgPath(dataHome, "find sessions folder", "sessions")
}

// defaultStoriesPath is the story bank unless --stories names another.
func defaultStoriesPath() (string, error) {
	return xdgPath(configHome, "find story bank", "stories.yaml")
}

// defaultCacheDir is where models built from the story bank are kept.
func defaultCacheDir() (string, error) { return xdgPath(cacheHome, "find cache folder") }

package main

import (
	"os"
	"path/filepath"
	"slices"
	"time"

	"github.com/urfave/cli/v2"

	"github.com/starloop/starloop"
	"github.com/starloop/starloop/prompts"
	"github.com/starloop/starloop/speech/pocketsphinx"
)

// Every flag that more than one command takes is defined here, once.

func sessionsFlag() cli.Flag {
	return &cli.StringFlag{Name: "sessions", Usage: "folder for sessions (default: $XDG_DATA_HOME/starloop/sessions)", EnvVars: []string{"STARLOOP_SESSIONS"}}
}

func modelDirFlag() cli.Flag {
	return &cli.StringFlag{Name: "model-dir", Usage: "pocketsphinx acoustic model `DIR`", Value: pocketsphinx.DefaultModelDir, EnvVars: []string{"STARLOOP_MODEL_DIR"}}
}

func inputFlag() cli.Flag {
	return &cli.StringFlag{Name: "input", Usage: "microphone, by `NAME` or part of it (starloop devices lists them; default: the system's)", EnvVars: []string{"STARLOOP_INPUT"}}
}

func outputFlag() cli.Flag {
	return &cli.StringFlag{Name: "output", Usage: "speaker, by `NAME` or part of it (default: the system's)", EnvVars: []string{"STARLOOP_OUTPUT"}}
}

// lpFlag is --lp, the Leadership Principles a command is about: those
// practised, listed, shown the progress of, or the one a question probed
// (lpArg); the demo's default is its own.
func lpFlag(def ...string) cli.Flag {
	f := &cli.StringSliceFlag{Name: "lp", Usage: "Leadership Principles by `NAME`: an id, a name or a unique part (\"backbone\"); repeat or separate with commas", EnvVars: []string{"STARLOOP_LP"}}
	if def != nil {
		f.Value = cli.NewStringSlice(def...)
	}
	return f
}

// lpArg is the one LP --lp names for a command about one (analyze: the
// question's; progress), as its id; "" when --lp names none.
func lpArg(c *cli.Context, bank *prompts.Bank, op string) (string, error) {
	ids, err := bank.Resolve(c.StringSlice("lp"))
	if err != nil || len(ids) == 0 {
		return "", err
	}
	if len(ids) > 1 {
		return "", starloop.Errorf(starloop.Invalid, "%s: --lp names one LP here, not %d", op, len(ids))
	}
	return ids[0], nil
}

// voiceFlag is --voice, the flite voice the command speaks with.
func voiceFlag() cli.Flag {
	return &cli.StringFlag{Name: "voice", Value: "slt", Usage: "the flite `VOICE` starloop speaks with: slt, kal, kal16, awb or rms (enrol: none, to show the sentences only)", EnvVars: []string{"STARLOOP_VOICE"}}
}

// rateFlag is --rate, how fast that voice speaks.
func rateFlag() cli.Flag {
	return &cli.Float64Flag{Name: "rate", Value: 1.0, Usage: "the speaking rate of starloop's voice: 1 is normal, 0.8 slower", EnvVars: []string{"STARLOOP_RATE"}}
}

// verboseFlag is --verbose: diagnostics for when something seems wrong.
func verboseFlag() cli.Flag {
	return &cli.BoolFlag{Name: "verbose", Usage: "also print diagnostics: what the audio libraries reported while opening devices, and in a session how soon after each answer the reply started"}
}

func jsonFlag(usage string) cli.Flag { return &cli.BoolFlag{Name: "json", Usage: usage} }

func storiesFlag() cli.Flag {
	return &cli.StringFlag{Name: "stories", Usage: "the story bank `PATH` (default $XDG_CONFIG_HOME/starloop/stories.yaml or ~/.config/starloop/stories.yaml)", EnvVars: []string{"STARLOOP_STORIES"}}
}

// sessionDefaults are the defaults of the flags of a spoken session:
// practice's and the loop's (spokenDefaults), or the demo's.
type sessionDefaults struct {
	lps                  []string
	questions, followUps int
	patience             time.Duration
	seed                 uint64
}

func spokenDefaults() sessionDefaults {
	return sessionDefaults{questions: 3, followUps: 2, patience: 3 * time.Second}
}

// turnFlags shape the turn-taking of a spoken session.
func turnFlags(d sessionDefaults) []cli.Flag {
	return []cli.Flag{
		&cli.IntFlag{Name: "follow-ups", Value: d.followUps, Usage: "most follow-ups per main question (0 for none)", EnvVars: []string{"STARLOOP_FOLLOW_UPS"}},
		&cli.DurationFlag{Name: "patience", Value: d.patience, Usage: "silence after speech that ends an answer (thinking pauses shorter than this never cut you off)", EnvVars: []string{"STARLOOP_PATIENCE"}},
		&cli.DurationFlag{Name: "no-speech-timeout", Value: time.Minute, Usage: "how long to wait for the first word before a nudge; the session ends after twice this with no speech (exit code 5)", EnvVars: []string{"STARLOOP_NO_SPEECH"}},
		&cli.DurationFlag{Name: "max-answer", Value: 4 * time.Minute, Usage: "longest answer; a spoken warning comes 20 s before", EnvVars: []string{"STARLOOP_MAX_ANSWER"}},
		rateFlag(),
		sessionsFlag(),
		&cli.Uint64Flag{Name: "seed", Value: d.seed, Usage: "seed for choosing LPs and questions (0: a new choice each time)", EnvVars: []string{"STARLOOP_SEED"}},
		modelDirFlag(), profileFlag(), noProfileFlag(),
		verboseFlag(),
	}
}

// recogniserFlags choose the offline recogniser's model: the model as
// installed, adapted with a speaker profile or not.
func recogniserFlags() []cli.Flag {
	return []cli.Flag{modelDirFlag(), profileFlag(), noProfileFlag()}
}

// sessionFlags are the flags of a practice session (and the demo's).
func sessionFlags(d sessionDefaults) []cli.Flag {
	return slices.Concat([]cli.Flag{lpFlag(d.lps...),
		&cli.IntFlag{Name: "questions", Aliases: []string{"n"}, Value: d.questions, Usage: "main questions to ask", EnvVars: []string{"STARLOOP_QUESTIONS"}},
		voiceFlag(),
	}, turnFlags(d), speechBankFlags(true), remoteFlags())
}

func deviceFlags() []cli.Flag { return []cli.Flag{inputFlag(), outputFlag()} }

// settings are what many commands read besides their own flags, read once
// per command (by action): the LP bank, and the sessions folder and the
// story bank of a command that has --sessions or --stories.
type settings struct {
	bank         *prompts.Bank // the LP bank, embedded
	sessions     string        // --sessions, else the default folder; "" for a command without the flag
	stories      string        // --stories, else the default story bank ("" when there is none)
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
			s.stories, _ = defaultStoriesPath() // no home folder: no default bank
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

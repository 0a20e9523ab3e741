package main

import (
	"io"
	"os"
	"strconv"
	"strings"

	"github.com/urfave/cli/v2"

	"github.com/starloop/starloop/backends"
	"github.com/starloop/starloop/config"
	"github.com/starloop/starloop/prompts"
)

// remoteFlags are the flags of every command that may use a remote backend.
func remoteFlags() []cli.Flag {
	var flags []cli.Flag
	for _, s := range config.Settings() {
		if s.Name == config.APIKey {
			continue
		}
		usage := s.Usage + " (env " + strings.Join(s.Env, ", ") + "; default " + s.Def + ")"
		flags = append(flags, &cli.StringFlag{Name: s.Name, Usage: usage})
	}
	return append(flags,
		&cli.BoolFlag{Name: "remote", Usage: "use openai for stt, coach and tts (STARLOOP_REMOTE=1)"},
		&cli.BoolFlag{Name: "offline", Usage: "no network at all: offline stt, coach and tts, whatever else says (STARLOOP_OFFLINE=1)"},
	)
}

// configPath is the config file: $STARLOOP_CONFIG, else config.yaml in
// starloop's config folder; "" when there is none.
func configPath() string {
	if p := os.Getenv("STARLOOP_CONFIG"); p != "" {
		return p
	}
	p, _ := xdgPath(configHome, "find config file", "config.yaml")
	return p
}

// loadRemoteConfig works out the effective settings for c (see
// config.Resolve) from its flags, the environment and the config file.
func loadRemoteConfig(c *cli.Context) (*config.Config, error) {
	in := config.Input{Flags: map[string]string{}, Env: os.LookupEnv, FilePath: configPath()}
	var err error
	if in.File, err = config.ReadFile(in.FilePath); err != nil {
		return nil, err
	}
	if c != nil {
		for _, s := range config.Settings() {
			if s.Name != config.APIKey && c.IsSet(s.Name) {
				in.Flags[s.Name] = c.String(s.Name)
			}
		}
		for _, name := range []string{"remote", "offline"} {
			if c.IsSet(name) {
				in.Flags[name] = strconv.FormatBool(c.Bool(name))
			}
		}
	}
	return config.Resolve(in)
}

// configCommand is `starloop config`: the effective remote settings and
// where each came from, the key masked.
func configCommand(env *appEnv) *cli.Command {
	return &cli.Command{
		Name:  "config",
		Usage: "show the effective speech and coach settings and where each comes from (the API key masked)",
		Flags: remoteFlags(),
		Action: env.action(0, "", func(c *cli.Context, _ *settings) error {
			r, err := loadRemoteConfig(c)
			if err != nil {
				return err
			}
			return r.Write(env.stdout)
		}),
	}
}

// newBackends loads the settings for c once (flags, environment, config
// file) and builds the command's backends (package backends) from them;
// fallbacks are reported on notices, one line each. A command without the
// remote flags (rehearse) is offline: the environment's remote settings
// do not apply to it.
func newBackends(c *cli.Context, bank *prompts.Bank, notices io.Writer) (*backends.Set, error) {
	cfg := config.Offline()
	if hasFlag(c, "offline") {
		var err error
		if cfg, err = loadRemoteConfig(c); err != nil {
			return nil, err
		}
	}
	model, err := speechModel(c)
	if err != nil {
		return nil, err
	}
	return backends.New(c.Context, backends.Options{Config: cfg, Bank: bank, Model: model, Rate: c.Float64("rate"), Notices: notices})
}

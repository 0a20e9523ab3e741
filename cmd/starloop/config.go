package main

import (
	"fmt"
	"text/tabwriter"

	"github.com/urfave/cli/v2"

	"github.com/starloop/starloop"
	"github.com/starloop/starloop/speech/openai"
)

// configCommand is `starloop config`: the effective remote settings and
// where each came from, the key masked.
func configCommand(env *appEnv) *cli.Command {
	return &cli.Command{
		Name:  "config",
		Usage: "show the effective speech and coach settings and where each comes from (the API key masked)",
		Description: "Settings come from flags, then the environment (STARLOOP_*, OPENAI_API_KEY, OPENAI_BASE_URL),\n" +
			"then the config file ($XDG_CONFIG_HOME/starloop/config.yaml or ~/.config/starloop/config.yaml,\n" +
			"or $STARLOOP_CONFIG): one \"key: value\" per line, keys stt, coach, tts, stt_model, coach_model,\n" +
			"tts_model, tts_voice, language, base_url, api_key. starloop never writes the key anywhere.",
		Flags: remoteFlags(),
		Action: func(c *cli.Context) error {
			if c.NArg() > 0 {
				return starloop.Errorf(starloop.Invalid, "config: unexpected argument %q", c.Args().First())
			}
			r, err := loadRemoteConfig(c)
			if err != nil {
				return err
			}
			w := tabwriter.NewWriter(env.stdout, 0, 4, 2, ' ', 0)
			fmt.Fprintf(w, "config file:\t%s\n", r.file)
			for _, s := range remoteSettings() {
				v := r.get(s.name)
				if s.name == "api-key" {
					v = openai.MaskKey(v)
					if v == "" {
						v = "(none)"
					}
				}
				fmt.Fprintf(w, "%s:\t%s\t(%s)\n", s.name, v, r.sources[s.name])
			}
			if err := w.Flush(); err != nil {
				return starloop.E("write settings", starloop.Other, err)
			}
			return nil
		},
	}
}

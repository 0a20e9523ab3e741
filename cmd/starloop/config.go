package main

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"text/tabwriter"

	"github.com/urfave/cli/v2"
	"gopkg.in/yaml.v3"

	"github.com/starloop/starloop"
	"github.com/starloop/starloop/speech/openai"
)

// The remote backends' settings: each comes from a flag, else from the
// environment, else from the config file, else a default. The API key has
// no flag (a key on a command line lands in shell history and ps); it
// comes from OPENAI_API_KEY or the file, and starloop never writes it.

// remoteSetting is one setting: its flag, environment variables and key in
// the config file.
type remoteSetting struct {
	name string // the flag's name and the key shown by `starloop config`
	env  []string
	key  string // in the config file
	def  string
	// choice, if set, lists the allowed values.
	choice []string
	usage  string
}

var backendChoice = []string{"offline", "openai"}

func remoteSettings() []remoteSetting {
	return []remoteSetting{
		{name: "stt", env: []string{"STARLOOP_STT"}, key: "stt", def: "offline", choice: backendChoice, usage: "speech to text: offline (pocketsphinx) or openai"},
		{name: "coach", env: []string{"STARLOOP_COACH"}, key: "coach", def: "offline", choice: backendChoice, usage: "judging and follow-ups: offline (the rubric) or openai (a chat model, with the rubric's figures)"},
		{name: "tts", env: []string{"STARLOOP_TTS"}, key: "tts", def: "offline", choice: backendChoice, usage: "the interviewer's voice: offline (flite) or openai"},
		{name: "stt-model", env: []string{"STARLOOP_STT_MODEL"}, key: "stt_model", def: openai.DefaultSTTModel, usage: "remote transcription model"},
		{name: "coach-model", env: []string{"STARLOOP_COACH_MODEL"}, key: "coach_model", def: openai.DefaultCoachModel, usage: "remote coach (chat) model"},
		{name: "tts-model", env: []string{"STARLOOP_TTS_MODEL"}, key: "tts_model", def: openai.DefaultTTSModel, usage: "remote voice model"},
		{name: "tts-voice", env: []string{"STARLOOP_TTS_VOICE"}, key: "tts_voice", def: openai.DefaultTTSVoice, usage: "remote voice (alloy, nova, onyx, ...)"},
		{name: "language", env: []string{"STARLOOP_LANGUAGE"}, key: "language", def: openai.DefaultLanguage, usage: "language of the answers for remote transcription (en, ko, ...)"},
		{name: "base-url", env: []string{"STARLOOP_BASE_URL", "OPENAI_BASE_URL"}, key: "base_url", def: openai.DefaultBaseURL, usage: "OpenAI-compatible API base URL"},
		{name: "api-key", env: []string{"OPENAI_API_KEY"}, key: "api_key", usage: "API key (environment or config file only)"},
	}
}

// remoteFlags are the flags of every command that may use a remote backend.
func remoteFlags() []cli.Flag {
	var flags []cli.Flag
	for _, s := range remoteSettings() {
		if s.name == "api-key" {
			continue
		}
		usage := s.usage + " (env " + strings.Join(s.env, ", ") + "; default " + s.def + ")"
		flags = append(flags, &cli.StringFlag{Name: s.name, Usage: usage})
	}
	return append(flags,
		&cli.BoolFlag{Name: "remote", Usage: "use openai for stt, coach and tts (STARLOOP_REMOTE=1)"},
		&cli.BoolFlag{Name: "offline", Usage: "no network at all: offline stt, coach and tts, whatever else says (STARLOOP_OFFLINE=1)"},
	)
}

// remoteConfig is the effective settings and where each came from.
type remoteConfig struct {
	values  map[string]string
	sources map[string]string // "flag --stt", "env STARLOOP_STT", "file PATH", "default"
	file    string            // the config file looked at
	offline bool
}

func (r *remoteConfig) get(name string) string { return r.values[name] }

// uses reports whether backend ("stt", "coach", "tts") is remote.
func (r *remoteConfig) uses(backend string) bool { return !r.offline && r.get(backend) == "openai" }

// remote reports whether any backend is remote.
func (r *remoteConfig) remote() bool { return r.uses("stt") || r.uses("coach") || r.uses("tts") }

// configPath is the config file: $STARLOOP_CONFIG, else
// $XDG_CONFIG_HOME/starloop/config.yaml, else ~/.config/starloop/config.yaml.
func configPath() string {
	if p := os.Getenv("STARLOOP_CONFIG"); p != "" {
		return p
	}
	if d := os.Getenv("XDG_CONFIG_HOME"); filepath.IsAbs(d) {
		return filepath.Join(d, "starloop", "config.yaml")
	}
	home, err := os.UserHomeDir()
	if err != nil {
		return ""
	}
	return filepath.Join(home, ".config", "starloop", "config.yaml")
}

// readConfigFile reads the config file: a YAML mapping of known keys to
// single values. A missing file is no settings.
func readConfigFile(path string, known map[string]bool) (map[string]string, error) {
	out := map[string]string{}
	if path == "" {
		return out, nil
	}
	op := "read " + path
	data, err := os.ReadFile(path)
	if errors.Is(err, fs.ErrNotExist) {
		return out, nil
	}
	if err != nil {
		return nil, starloop.E(op, starloop.Invalid, err)
	}
	var doc yaml.Node
	if err := yaml.Unmarshal(data, &doc); err != nil {
		return nil, starloop.E(op, starloop.Invalid, err)
	}
	if len(doc.Content) == 0 {
		return out, nil // empty, or only comments
	}
	m := doc.Content[0]
	if m.Kind != yaml.MappingNode {
		return nil, starloop.Errorf(starloop.Invalid, "%s: line %d: want \"key: value\"", op, m.Line)
	}
	for i := 0; i+1 < len(m.Content); i += 2 {
		k, v := m.Content[i], m.Content[i+1]
		if !known[k.Value] {
			return nil, starloop.Errorf(starloop.Invalid, "%s: line %d: unknown setting %q", op, k.Line, k.Value)
		}
		if v.Kind != yaml.ScalarNode {
			return nil, starloop.Errorf(starloop.Invalid, "%s: line %d: %s takes one value", op, v.Line, k.Value)
		}
		out[k.Value] = v.Value
	}
	return out, nil
}

func envBool(name string) bool {
	b, _ := strconv.ParseBool(os.Getenv(name))
	return b
}

// loadRemoteConfig works out the effective settings for c: flags beat the
// environment, which beats the config file, which beats the defaults.
// --remote sets stt, coach and tts to openai (a flag naming one of them
// still wins); --offline sets all three to offline and may not be mixed
// with a flag asking for openai.
func loadRemoteConfig(c *cli.Context) (*remoteConfig, error) {
	settings := remoteSettings()
	known := map[string]bool{}
	for _, s := range settings {
		known[s.key] = true
	}
	r := &remoteConfig{values: map[string]string{}, sources: map[string]string{}, file: configPath()}
	file, err := readConfigFile(r.file, known)
	if err != nil {
		return nil, err
	}
	isSet := func(name string) bool { return c != nil && c.IsSet(name) }
	remoteFlag := isSet("remote") && c.Bool("remote")
	r.offline = (isSet("offline") && c.Bool("offline")) || (!isSet("offline") && !remoteFlag && envBool("STARLOOP_OFFLINE"))
	if remoteFlag && r.offline {
		return nil, starloop.Errorf(starloop.Invalid, "settings: --remote and --offline contradict each other")
	}
	envRemote := !remoteFlag && envBool("STARLOOP_REMOTE")
	for _, s := range settings {
		v, src := s.def, "default"
		if fv, ok := file[s.key]; ok {
			v, src = fv, "file "+r.file
		}
		if envRemote && s.choice != nil {
			v, src = "openai", "env STARLOOP_REMOTE"
		}
		for _, e := range s.env {
			if ev, ok := os.LookupEnv(e); ok && ev != "" {
				v, src = ev, "env "+e
				break
			}
		}
		if remoteFlag && s.choice != nil {
			v, src = "openai", "flag --remote"
		}
		if s.name != "api-key" && isSet(s.name) {
			v, src = c.String(s.name), "flag --"+s.name
		}
		if v, src, err = r.check(s, strings.TrimSpace(v), src, isSet("offline")); err != nil {
			return nil, err
		}
		r.values[s.name], r.sources[s.name] = v, src
	}
	return r, nil
}

// check applies --offline to a backend choice s and checks its value v.
func (r *remoteConfig) check(s remoteSetting, v, src string, offlineFlag bool) (string, string, error) {
	if s.choice == nil {
		return v, src, nil
	}
	v = strings.ToLower(v)
	if r.offline {
		if strings.HasPrefix(src, "flag --") && src != "flag --offline" && v != "offline" {
			return "", "", starloop.Errorf(starloop.Invalid, "settings: --offline contradicts --%s %s", s.name, v)
		}
		v, src = "offline", "flag --offline"
		if !offlineFlag {
			src = "env STARLOOP_OFFLINE"
		}
	}
	if !slices.Contains(s.choice, v) {
		return "", "", starloop.Errorf(starloop.Invalid, "settings: %s %q (from %s) must be one of %s", s.name, v, src, strings.Join(s.choice, ", "))
	}
	return v, src, nil
}

// openaiConfig is the client's configuration for r.
func (r *remoteConfig) openaiConfig() openai.Config {
	return openai.Config{
		BaseURL:    r.get("base-url"),
		APIKey:     r.get("api-key"),
		STTModel:   r.get("stt-model"),
		CoachModel: r.get("coach-model"),
		TTSModel:   r.get("tts-model"),
		TTSVoice:   r.get("tts-voice"),
		Language:   r.get("language"),
	}
}

// configCommand is `starloop config`: the effective remote settings and
// where each came from, the key masked.
func configCommand(env *appEnv) *cli.Command {
	return &cli.Command{
		Name:  "config",
		Usage: "show the effective speech and coach settings and where each comes from (the API key masked)",
		Description: "Settings come from flags, then the environment (STARLOOP_*, OPENAI_API_KEY, OPENAI_BASE_URL),\n" +
			"then the config file ($XDG_CONFIG_HOME/starloop/config.yaml or ~/.config/starloop/config.yaml,\n" +
			"or $STARLOOP_CONFIG): a YAML mapping, keys stt, coach, tts, stt_model, coach_model,\n" +
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

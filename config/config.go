// Package config works out the remote backends' settings: each comes from
// a flag, else from the environment, else from the config file, else a
// default. The API key has no flag (a key on a command line lands in shell
// history and ps); it comes from OPENAI_API_KEY or the file, and starloop
// never writes it.
//
// The package does not read the environment: cmd/starloop hands it the
// flags that were set, a lookup of the environment and the file's path
// (ReadFile reads it), and gets back the effective settings and where each
// came from, which Config.Write shows.
package config

import (
	"slices"
	"strconv"
	"strings"

	"gopkg.in/yaml.v3"

	"github.com/starloop/starloop"
	"github.com/starloop/starloop/speech/openai"
)

// Setting is one setting: its flag, environment variables and key in the
// config file.
type Setting struct {
	Name string // the flag's name and the key shown by `starloop config`
	Env  []string
	Key  string // in the config file
	Def  string
	// Choice, if set, lists the allowed values.
	Choice []string
	Usage  string
}

// APIKey is the name of the one setting that has no flag.
const APIKey = "api-key"

var backendChoice = []string{"offline", "openai"}

// Settings are the remote settings, in the order `starloop config` shows
// them.
func Settings() []Setting {
	return []Setting{
		{Name: "stt", Env: []string{"STARLOOP_STT"}, Key: "stt", Def: "offline", Choice: backendChoice, Usage: "speech to text: offline (pocketsphinx) or openai"},
		{Name: "coach", Env: []string{"STARLOOP_COACH"}, Key: "coach", Def: "offline", Choice: backendChoice, Usage: "judging and follow-ups: offline (the rubric) or openai (a chat model, with the rubric's figures)"},
		{Name: "tts", Env: []string{"STARLOOP_TTS"}, Key: "tts", Def: "offline", Choice: backendChoice, Usage: "the interviewer's voice: offline (flite) or openai"},
		{Name: "stt-model", Env: []string{"STARLOOP_STT_MODEL"}, Key: "stt_model", Def: openai.DefaultSTTModel, Usage: "remote transcription model"},
		{Name: "coach-model", Env: []string{"STARLOOP_COACH_MODEL"}, Key: "coach_model", Def: openai.DefaultCoachModel, Usage: "remote coach (chat) model"},
		{Name: "tts-model", Env: []string{"STARLOOP_TTS_MODEL"}, Key: "tts_model", Def: openai.DefaultTTSModel, Usage: "remote voice model"},
		{Name: "tts-voice", Env: []string{"STARLOOP_TTS_VOICE"}, Key: "tts_voice", Def: openai.DefaultTTSVoice, Usage: "remote voice (alloy, nova, onyx, ...)"},
		{Name: "language", Env: []string{"STARLOOP_LANGUAGE"}, Key: "language", Def: openai.DefaultLanguage, Usage: "language of the answers for remote transcription (en, ko, ...)"},
		{Name: "base-url", Env: []string{"STARLOOP_BASE_URL", "OPENAI_BASE_URL"}, Key: "base_url", Def: openai.DefaultBaseURL, Usage: "OpenAI-compatible API base URL"},
		{Name: APIKey, Env: []string{"OPENAI_API_KEY"}, Key: "api_key", Usage: "API key (environment or config file only)"},
	}
}

// Config is the effective settings and where each came from.
type Config struct {
	values  map[string]string
	sources map[string]string // "flag --stt", "env STARLOOP_STT", "file PATH", "default"
	// File is the config file looked at.
	File string
	// Offline is --offline or STARLOOP_OFFLINE: no backend is remote.
	Offline bool
}

// Offline is the configuration of a command that never goes remote.
func Offline() *Config { return &Config{Offline: true} }

// Get is the value of the setting name.
func (r *Config) Get(name string) string { return r.values[name] }

// Source says where the setting name came from: "flag --stt",
// "env STARLOOP_STT", "file PATH" or "default".
func (r *Config) Source(name string) string { return r.sources[name] }

// Uses reports whether backend ("stt", "coach", "tts") is remote.
func (r *Config) Uses(backend string) bool { return !r.Offline && r.Get(backend) == "openai" }

// Remote reports whether any backend is remote.
func (r *Config) Remote() bool { return r.Uses("stt") || r.Uses("coach") || r.Uses("tts") }

// OpenAI is the client's configuration for r.
func (r *Config) OpenAI() openai.Config {
	return openai.Config{
		BaseURL:    r.Get("base-url"),
		APIKey:     r.Get(APIKey),
		STTModel:   r.Get("stt-model"),
		CoachModel: r.Get("coach-model"),
		TTSModel:   r.Get("tts-model"),
		TTSVoice:   r.Get("tts-voice"),
		Language:   r.Get("language"),
	}
}

// ParseFile parses the config file read from path: a YAML mapping of known
// keys to single values. Empty data, or only comments, is no settings.
func ParseFile(path string, data []byte) (map[string]string, error) {
	known := map[string]bool{}
	for _, s := range Settings() {
		known[s.Key] = true
	}
	out := map[string]string{}
	op := "read " + path
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

// Input is what Resolve works from.
type Input struct {
	// Flags are the flags given on the command line, by name: the
	// settings' flags, and "remote" and "offline" ("true" or "false").
	Flags map[string]string
	// Env looks up an environment variable (os.LookupEnv).
	Env func(string) (string, bool)
	// File is the config file's settings (ParseFile), read from FilePath.
	File     map[string]string
	FilePath string
}

func (in Input) flagBool(name string) bool {
	b, _ := strconv.ParseBool(in.Flags[name])
	return b
}

func (in Input) envBool(name string) bool {
	if in.Env == nil {
		return false
	}
	v, _ := in.Env(name)
	b, _ := strconv.ParseBool(v)
	return b
}

// Resolve works out the effective settings: flags beat the environment,
// which beats the config file, which beats the defaults. --remote sets
// stt, coach and tts to openai (a flag naming one of them still wins);
// --offline sets all three to offline and may not be mixed with a flag
// asking for openai.
func Resolve(in Input) (*Config, error) {
	isSet := func(name string) bool { _, ok := in.Flags[name]; return ok }
	r := &Config{values: map[string]string{}, sources: map[string]string{}, File: in.FilePath}
	remoteFlag := in.flagBool("remote")
	r.Offline = in.flagBool("offline") || (!isSet("offline") && !remoteFlag && in.envBool("STARLOOP_OFFLINE"))
	if remoteFlag && r.Offline {
		return nil, starloop.Errorf(starloop.Invalid, "settings: --remote and --offline contradict each other")
	}
	envRemote := !remoteFlag && in.envBool("STARLOOP_REMOTE")
	for _, s := range Settings() {
		v, src := s.Def, "default"
		if fv, ok := in.File[s.Key]; ok {
			v, src = fv, "file "+r.File
		}
		if envRemote && s.Choice != nil {
			v, src = "openai", "env STARLOOP_REMOTE"
		}
		for _, e := range s.Env {
			if in.Env == nil {
				break
			}
			if ev, ok := in.Env(e); ok && ev != "" {
				v, src = ev, "env "+e
				break
			}
		}
		if remoteFlag && s.Choice != nil {
			v, src = "openai", "flag --remote"
		}
		if fv, ok := in.Flags[s.Name]; ok && s.Name != APIKey {
			v, src = fv, "flag --"+s.Name
		}
		var err error
		if v, src, err = r.check(s, strings.TrimSpace(v), src, isSet("offline")); err != nil {
			return nil, err
		}
		r.values[s.Name], r.sources[s.Name] = v, src
	}
	return r, nil
}

// check applies --offline to a backend choice s and checks its value v.
func (r *Config) check(s Setting, v, src string, offlineFlag bool) (string, string, error) {
	if s.Choice == nil {
		return v, src, nil
	}
	v = strings.ToLower(v)
	if r.Offline {
		if strings.HasPrefix(src, "flag --") && src != "flag --offline" && v != "offline" {
			return "", "", starloop.Errorf(starloop.Invalid, "settings: --offline contradicts --%s %s", s.Name, v)
		}
		v, src = "offline", "flag --offline"
		if !offlineFlag {
			src = "env STARLOOP_OFFLINE"
		}
	}
	if !slices.Contains(s.Choice, v) {
		return "", "", starloop.Errorf(starloop.Invalid, "settings: %s %q (from %s) must be one of %s", s.Name, v, src, strings.Join(s.Choice, ", "))
	}
	return v, src, nil
}

package main

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strconv"
	"strings"

	"github.com/urfave/cli/v2"

	"github.com/starloop/starloop"
	"github.com/starloop/starloop/audio"
	"github.com/starloop/starloop/interviewer"
	"github.com/starloop/starloop/prompts"
	"github.com/starloop/starloop/rubric"
	"github.com/starloop/starloop/speech/fallback"
	"github.com/starloop/starloop/speech/openai"
	"github.com/starloop/starloop/speech/pocketsphinx"
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

// remote reports whether any backend is remote.
func (r *remoteConfig) remote() bool {
	return r.get("stt") == "openai" || r.get("coach") == "openai" || r.get("tts") == "openai"
}

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

// readConfigFile reads "key: value" lines (a flat YAML mapping; # starts a
// comment, values may be quoted). A missing file is no settings.
func readConfigFile(path string, known map[string]bool) (map[string]string, error) {
	out := map[string]string{}
	if path == "" {
		return out, nil
	}
	op := "read " + path
	f, err := os.Open(path)
	if errors.Is(err, fs.ErrNotExist) {
		return out, nil
	}
	if err != nil {
		return nil, starloop.E(op, starloop.Invalid, err)
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	for n := 1; sc.Scan(); n++ {
		line := strings.TrimSpace(sc.Text())
		if line == "" || strings.HasPrefix(line, "#") || line == "---" {
			continue
		}
		k, v, ok := strings.Cut(line, ":")
		k = strings.TrimSpace(k)
		if !ok || k == "" {
			return nil, starloop.Errorf(starloop.Invalid, "%s: line %d: want \"key: value\"", op, n)
		}
		if !known[k] {
			return nil, starloop.Errorf(starloop.Invalid, "%s: line %d: unknown setting %q", op, n, k)
		}
		v = strings.TrimSpace(v)
		if len(v) >= 2 && (v[0] == '"' || v[0] == '\'') && v[len(v)-1] == v[0] {
			if v[0] == '"' {
				if u, err := strconv.Unquote(v); err == nil {
					v = u
				}
			} else {
				v = v[1 : len(v)-1]
			}
		} else if i := strings.Index(v, " #"); i >= 0 {
			v = strings.TrimSpace(v[:i])
		}
		out[k] = v
	}
	if err := sc.Err(); err != nil {
		return nil, starloop.E(op, starloop.Invalid, err)
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
		v = strings.TrimSpace(v)
		if s.choice != nil {
			v = strings.ToLower(v)
			if r.offline {
				if strings.HasPrefix(src, "flag --") && src != "flag --offline" && v != "offline" {
					return nil, starloop.Errorf(starloop.Invalid, "settings: --offline contradicts --%s %s", s.name, v)
				}
				v, src = "offline", "flag --offline"
				if !isSet("offline") {
					src = "env STARLOOP_OFFLINE"
				}
			}
			if !contains(s.choice, v) {
				return nil, starloop.Errorf(starloop.Invalid, "settings: %s %q (from %s) must be one of %s", s.name, v, src, strings.Join(s.choice, ", "))
			}
		}
		r.values[s.name], r.sources[s.name] = v, src
	}
	return r, nil
}

func contains(s []string, x string) bool {
	for _, v := range s {
		if v == x {
			return true
		}
	}
	return false
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

// analyzeAudio transcribes a WAV answer for `starloop analyze`: with the
// remote recognizer when --stt openai (the offline one if that fails, said
// on w), else with pocketsphinx.
func analyzeAudio(c *cli.Context, env *appEnv, name string, data []byte) (starloop.Transcript, error) {
	pcm, err := audio.DecodeWAV(bytes.NewReader(data))
	if err != nil {
		return starloop.Transcript{}, starloop.E("read audio "+name, starloop.Invalid, err)
	}
	return transcribePCM(c, env, pcm, pocketsphinx.Config{ModelDir: c.String("model-dir")})
}

// transcribePCM transcribes a whole recording: remotely with --stt openai,
// falling back to pocketsphinx (loaded with cfg) with one line on stderr if
// the remote fails; offline otherwise.
func transcribePCM(c *cli.Context, env *appEnv, pcm []int16, cfg pocketsphinx.Config) (starloop.Transcript, error) {
	offline := func() (starloop.Transcript, error) {
		rec, err := pocketsphinx.New(cfg)
		if err != nil {
			return starloop.Transcript{}, err
		}
		defer rec.Close()
		return rec.Transcribe(c.Context, pcm)
	}
	client, rc, err := remoteClient(c, true)
	if err != nil {
		return starloop.Transcript{}, err
	}
	if client == nil || rc.get("stt") != "openai" {
		return offline()
	}
	t, err := client.Transcribe(c.Context, pcm)
	if err == nil {
		return t, nil
	}
	if starloop.IsKind(err, starloop.Canceled) {
		return starloop.Transcript{}, err
	}
	fmt.Fprintln(env.stderr, fallback.Line("transcription", err, "this answer"))
	return offline()
}

// analyzeCoach asks the remote coach about an analyzed answer when
// --coach openai; it returns nil when the coach is offline, and says on
// stderr when the remote failed (the rubric's report stands alone then).
func analyzeCoach(c *cli.Context, env *appEnv, bank *prompts.Bank, lpID, question string, t starloop.Transcript, r *rubric.Report) (*openai.CoachedReport, error) {
	client, rc, err := remoteClient(c, true)
	if err != nil {
		return nil, err
	}
	if client == nil || rc.get("coach") != "openai" {
		return nil, nil
	}
	name := "any Leadership Principle"
	if lp, ok := bank.LP(lpID); ok {
		name = lp.Name
	}
	report, err := json.Marshal(r)
	if err != nil {
		return nil, starloop.E("coach", starloop.Other, err)
	}
	if question == "" {
		question = "Tell me about a time."
	}
	reply, err := client.Coach(c.Context, openai.CoachRequest{LPName: name, Question: question,
		Thread: []prompts.Exchange{{Question: question, Answer: t.Text}}, Rubric: report})
	if err != nil {
		if starloop.IsKind(err, starloop.Canceled) {
			return nil, err
		}
		fmt.Fprintln(env.stderr, fallback.Line("coach", err, "this answer"))
		return nil, nil
	}
	v := interviewer.Verdict{Situation: r.STAR.Situation.Present, Task: r.STAR.Task.Present,
		Action: r.STAR.Action.Present, Result: r.STAR.Result.Present}
	if r.MeasurableResult {
		v.Measures = []string{"yes"}
	}
	return &openai.CoachedReport{Rubric: r, Coach: reply, Disagree: openai.Disagree(v, reply)}, nil
}

// isWAV reports whether data starts like a WAV file.
func isWAV(data []byte) bool {
	return bytes.HasPrefix(data, []byte("RIFF")) && len(data) >= 12 && string(data[8:12]) == "WAVE"
}

// writeCoach adds the coach's view to the human report, where there is one.
func writeCoach(w *bufio.Writer, r *openai.CoachedReport) {
	if r == nil {
		return
	}
	fmt.Fprintf(w, "\nCoach: %s\n", r.Coach.Feedback)
	if r.Coach.FollowUp != "" {
		fmt.Fprintf(w, "  would ask: %s (%s)\n", r.Coach.FollowUp, r.Coach.Reason)
	}
	for _, d := range r.Disagree {
		fmt.Fprintf(w, "  disagrees: %s\n", d)
	}
}

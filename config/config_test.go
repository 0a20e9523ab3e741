package config

import (
	"strings"
	"testing"

	"github.com/starloop/starloop"
)

func env(m map[string]string) func(string) (string, bool) {
	return func(k string) (string, bool) { v, ok := m[k]; return v, ok }
}

// TestResolvePrecedence: a flag beats the environment, which beats the
// file, which beats the default; each value says where it came from.
func TestResolvePrecedence(t *testing.T) {
	r, err := Resolve(Input{
		Flags:    map[string]string{"stt": "OpenAI"},
		Env:      env(map[string]string{"STARLOOP_STT": "offline", "STARLOOP_LANGUAGE": "ko", "OPENAI_BASE_URL": "http://b"}),
		File:     map[string]string{"language": "de", "tts_voice": "nova", "api_key": "sk-x"},
		FilePath: "c.yaml",
	})
	if err != nil {
		t.Fatal(err)
	}
	for _, w := range []struct{ name, value, source string }{
		{"stt", "openai", "flag --stt"},
		{"language", "ko", "env STARLOOP_LANGUAGE"},
		{"tts-voice", "nova", "file c.yaml"},
		{"base-url", "http://b", "env OPENAI_BASE_URL"},
		{"api-key", "sk-x", "file c.yaml"},
		{"coach", "offline", "default"},
		{"stt-model", "whisper-1", "default"},
	} {
		if got, src := r.Get(w.name), r.Source(w.name); got != w.value || src != w.source {
			t.Errorf("%s = %q (%s), want %q (%s)", w.name, got, src, w.value, w.source)
		}
	}
	if !r.Uses("stt") || r.Uses("tts") || !r.Remote() {
		t.Errorf("Uses(stt)=%v Uses(tts)=%v Remote()=%v, want true false true", r.Uses("stt"), r.Uses("tts"), r.Remote())
	}
	if c := r.OpenAI(); c.APIKey != "sk-x" || c.Language != "ko" || c.BaseURL != "http://b" {
		t.Errorf("OpenAI() = %+v", c)
	}
}

// TestResolveRemoteOffline: --remote and STARLOOP_REMOTE switch the three
// backends to openai, a flag naming one still wins; offline overrides the
// environment and contradicts a flag asking for openai.
func TestResolveRemoteOffline(t *testing.T) {
	tests := []struct {
		name  string
		in    Input
		want  string // stt, coach, tts
		error string
	}{
		{name: "--remote", in: Input{Flags: map[string]string{"remote": "true", "tts": "offline"}}, want: "openai openai offline"},
		{name: "STARLOOP_REMOTE", in: Input{Env: env(map[string]string{"STARLOOP_REMOTE": "1", "STARLOOP_COACH": "offline"})}, want: "openai offline openai"},
		{name: "STARLOOP_OFFLINE", in: Input{Env: env(map[string]string{"STARLOOP_OFFLINE": "true", "STARLOOP_STT": "openai"})}, want: "offline offline offline"},
		{name: "--remote beats STARLOOP_OFFLINE", in: Input{Flags: map[string]string{"remote": "true"}, Env: env(map[string]string{"STARLOOP_OFFLINE": "1"})}, want: "openai openai openai"},
		{name: "--offline=false beats STARLOOP_OFFLINE", in: Input{Flags: map[string]string{"offline": "false"}, Env: env(map[string]string{"STARLOOP_OFFLINE": "1", "STARLOOP_TTS": "openai"})}, want: "offline offline openai"},
		{name: "both", in: Input{Flags: map[string]string{"remote": "true", "offline": "true"}}, error: "--remote and --offline contradict"},
		{name: "offline and openai", in: Input{Flags: map[string]string{"offline": "true", "coach": "openai"}}, error: "--offline contradicts --coach openai"},
		{name: "bad choice", in: Input{File: map[string]string{"tts": "espeak"}, FilePath: "f"}, error: `tts "espeak" (from file f) must be one of offline, openai`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r, err := Resolve(tt.in)
			if tt.error != "" {
				if err == nil || !strings.Contains(err.Error(), tt.error) || !starloop.IsKind(err, starloop.Invalid) {
					t.Fatalf("error %v, want an Invalid one with %q", err, tt.error)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if got := r.Get("stt") + " " + r.Get("coach") + " " + r.Get("tts"); got != tt.want {
				t.Errorf("stt coach tts = %q, want %q", got, tt.want)
			}
		})
	}
	if o := Offline(); o.Remote() || o.Uses("stt") {
		t.Error("Offline() uses a remote backend")
	}
}

func TestParseFile(t *testing.T) {
	got, err := ParseFile("c.yaml", []byte("# mine\nstt: openai\nlanguage: ko  # Korean\ntts_voice: \"nova\"\n"))
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != 3 || got["stt"] != "openai" || got["language"] != "ko" || got["tts_voice"] != "nova" {
		t.Errorf("ParseFile = %v", got)
	}
	if got, err := ParseFile("c.yaml", []byte("# only a comment\n")); err != nil || len(got) != 0 {
		t.Errorf("comments only: %v, %v; want no settings", got, err)
	}
	for data, want := range map[string]string{
		"- stt\n":                 "read c.yaml: line 1: want \"key: value\"",
		"stt: openai\nvoice: x\n": `read c.yaml: line 2: unknown setting "voice"`,
		"stt: [openai]\n":         "read c.yaml: line 1: stt takes one value",
		"stt: 'open\n":            "read c.yaml",
	} {
		_, err := ParseFile("c.yaml", []byte(data))
		if err == nil || !strings.Contains(err.Error(), want) || !starloop.IsKind(err, starloop.Invalid) {
			t.Errorf("ParseFile(%q) error %v, want an Invalid one with %q", data, err, want)
		}
	}
}

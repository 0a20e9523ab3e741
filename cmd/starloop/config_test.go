package main

import (
	"bytes"
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/urfave/cli/v2"

	"github.com/starloop/starloop"
	"github.com/starloop/starloop/config"
	"github.com/starloop/starloop/interviewer"
	"github.com/starloop/starloop/prompts"
	"github.com/starloop/starloop/speech/openaitest"
)

const fakeKey = "sk-proj-TESTKEY-do-not-leak-7f3a"

// clearRemoteEnv unsets every variable the remote settings read, so the
// tests see only what they set.
func clearRemoteEnv(t *testing.T) {
	t.Helper()
	for _, s := range config.Settings() {
		for _, e := range s.Env {
			t.Setenv(e, "")
			os.Unsetenv(e)
		}
	}
	for _, e := range []string{"STARLOOP_REMOTE", "STARLOOP_OFFLINE", "XDG_CONFIG_HOME"} {
		t.Setenv(e, "")
		os.Unsetenv(e)
	}
	t.Setenv("STARLOOP_CONFIG", filepath.Join(t.TempDir(), "none.yaml"))
}

func runConfig(t *testing.T, args ...string) (string, error) {
	t.Helper()
	var out bytes.Buffer
	app := newApp(&appEnv{stdin: strings.NewReader(""), stdout: &out, stderr: &out})
	err := app.RunContext(context.Background(), append([]string{"starloop", "config"}, args...))
	return out.String(), err
}

func TestConfigPrecedence(t *testing.T) {
	tests := []struct {
		name  string
		file  string
		env   map[string]string
		args  []string
		want  []string // lines (spaces squeezed) that must appear
		error string   // a part of the error, or ""
	}{
		{name: "defaults",
			want: []string{"stt: offline (default)", "coach: offline (default)", "stt-model: whisper-1 (default)", "language: en (default)", "api-key: (none) (default)"}},
		{name: "file", file: "stt: openai\nlanguage: ko  # Korean answers\ntts_voice: \"nova\"\n",
			want: []string{"stt: openai (file ", "language: ko (file ", "tts-voice: nova (file "}},
		{name: "env beats file", file: "stt: offline\nstt_model: whisper-1\n", env: map[string]string{"STARLOOP_STT": "openai", "STARLOOP_STT_MODEL": "gpt-4o-transcribe"},
			want: []string{"stt: openai (env STARLOOP_STT)", "stt-model: gpt-4o-transcribe (env STARLOOP_STT_MODEL)"}},
		{name: "flag beats env", env: map[string]string{"STARLOOP_STT": "openai"}, args: []string{"--stt", "offline"},
			want: []string{"stt: offline (flag --stt)"}},
		{name: "OPENAI_BASE_URL", env: map[string]string{"OPENAI_BASE_URL": "http://10.0.0.5:8000/v1"},
			want: []string{"base-url: http://10.0.0.5:8000/v1 (env OPENAI_BASE_URL)"}},
		{name: "remote sets all three, a flag still wins", args: []string{"--remote", "--tts", "offline"},
			want: []string{"stt: openai (flag --remote)", "coach: openai (flag --remote)", "tts: offline (flag --tts)"}},
		{name: "offline beats env and file", file: "coach: openai\n", env: map[string]string{"STARLOOP_STT": "openai"}, args: []string{"--offline"},
			want: []string{"stt: offline (flag --offline)", "coach: offline (flag --offline)"}},
		{name: "offline against a flag", args: []string{"--offline", "--coach", "openai"}, error: "--offline contradicts --coach openai"},
		{name: "remote against offline", args: []string{"--offline", "--remote"}, error: "--remote and --offline contradict each other"},
		{name: "bad choice", env: map[string]string{"STARLOOP_TTS": "polly"}, error: `tts "polly" (from env STARLOOP_TTS) must be one of offline, openai`},
		{name: "unknown key in file", file: "sst: openai\n", error: `line 1: unknown setting "sst"`},
		{name: "not key: value", file: "# ok\nstt openai\n", error: `line 2: want "key: value"`},
		{name: "a list where one value goes", file: "stt: openai\ncoach: [openai, offline]\n", error: `line 2: coach takes one value`},
		{name: "not YAML", file: "stt: \"openai\n", error: `yaml:`},
		{name: "empty file", file: "# nothing yet\n", want: []string{"stt: offline (default)"}},
		{name: "key from env, masked", env: map[string]string{"OPENAI_API_KEY": fakeKey},
			want: []string{"api-key: sk-...7f3a (env OPENAI_API_KEY)"}},
		{name: "key from file, masked", file: "api_key: " + fakeKey + "\n",
			want: []string{"api-key: sk-...7f3a (file "}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			clearRemoteEnv(t)
			if tt.file != "" {
				p := filepath.Join(t.TempDir(), "config.yaml")
				if err := os.WriteFile(p, []byte(tt.file), 0o600); err != nil {
					t.Fatal(err)
				}
				t.Setenv("STARLOOP_CONFIG", p)
			}
			for k, v := range tt.env {
				t.Setenv(k, v)
			}
			out, err := runConfig(t, tt.args...)
			if tt.error != "" {
				if err == nil || !strings.Contains(err.Error(), tt.error) || starloop.KindOf(err) != starloop.Invalid {
					t.Fatalf("got %v, want an Invalid error with %q", err, tt.error)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			squeezed := strings.Join(strings.Fields(strings.ReplaceAll(out, "\n", " | ")), " ")
			for _, w := range tt.want {
				if !strings.Contains(squeezed, w) {
					t.Errorf("output lacks %q:\n%s", w, out)
				}
			}
			if strings.Contains(out, fakeKey) {
				t.Errorf("the key is shown:\n%s", out)
			}
		})
	}
}

func TestConfigXDG(t *testing.T) {
	clearRemoteEnv(t)
	os.Unsetenv("STARLOOP_CONFIG")
	dir := t.TempDir()
	t.Setenv("XDG_CONFIG_HOME", dir)
	if got, want := configPath(), filepath.Join(dir, "starloop", "config.yaml"); got != want {
		t.Errorf("config path %q, want %q", got, want)
	}
	t.Setenv("XDG_CONFIG_HOME", "relative/not/allowed")
	t.Setenv("HOME", dir)
	if got, want := configPath(), filepath.Join(dir, ".config", "starloop", "config.yaml"); got != want {
		t.Errorf("config path %q, want %q", got, want)
	}
}

// TestOfflineMakesNoConnection builds every backend with the environment
// asking for openai at a test server, and uses each once: with --offline
// the server must hear nothing; without it, it must hear every kind of
// call, which shows the test can see a connection.
func TestOfflineMakesNoConnection(t *testing.T) {
	if testing.Short() {
		t.Skip("loads the pocketsphinx model: skipped with -short")
	}
	for _, offline := range []bool{true, false} {
		clearRemoteEnv(t)
		srv := openaitest.New(t, fakeKey)
		t.Setenv("OPENAI_API_KEY", fakeKey)
		t.Setenv("OPENAI_BASE_URL", srv.URL)
		t.Setenv("STARLOOP_REMOTE", "1")
		args := []string{"x"}
		if offline {
			args = append(args, "--offline")
		}
		var out bytes.Buffer
		env := &appEnv{stdin: strings.NewReader(""), stdout: &out, stderr: &out}
		app := &cli.App{Flags: sessionFlags(spokenDefaults()), Action: func(c *cli.Context) error { return useBackends(c, env) }}
		if err := app.RunContext(context.Background(), args); err != nil {
			t.Fatalf("offline=%v: %v\n%s", offline, err, out.String())
		}
		seen := map[string]int{}
		for _, r := range srv.Requests("") {
			seen[r.Path]++
		}
		if offline && len(seen) != 0 {
			t.Errorf("--offline: the server was called: %v", seen)
		}
		if !offline {
			for _, p := range []string{openaitest.PathModels, openaitest.PathTranscriptions, openaitest.PathSpeech, openaitest.PathChat} {
				if seen[p] != 1 {
					t.Errorf("remote: %s called %d times, want 1 (%v)", p, seen[p], seen)
				}
			}
		}
		if out.Len() != 0 {
			t.Errorf("offline=%v: unexpected output %q", offline, out.String())
		}
	}
}

// useBackends builds the session's three backends from c and uses each
// once.
func useBackends(c *cli.Context, env *appEnv) error {
	bank, err := prompts.Load()
	if err != nil {
		return err
	}
	b, err := newBackends(c, bank, env.stdout)
	if err != nil {
		return err
	}
	tr := b.Transcriber()
	defer tr.Close()
	s, err := tr.Start(c.Context)
	if err != nil {
		return err
	}
	s.Write(openaitest.Tone(300, 500*time.Millisecond, 16000))
	if _, err := s.Finish(); err != nil {
		return err
	}
	voice, err := b.Voice(c.Context, "slt", "")
	if err != nil {
		return err
	}
	if _, err := voice.Synthesize(c.Context, "Tell me about a time."); err != nil {
		return err
	}
	_, err = b.Judge().Judge(c.Context, interviewer.Answer{Transcript: starloop.Transcript{Text: "I fixed the build."},
		Question: interviewer.Question{LP: "ownership", Text: "Tell me about a time you took ownership."}})
	return err
}

// TestOfflineInEmptyNetns runs itself again in a fresh network namespace
// (unshare -n: no interface is up, not even loopback), where the
// environment asks for every remote backend at OpenAI: with --offline the
// backends work; without it the start-up check cannot connect, which shows
// that the namespace really has no network.
func TestOfflineInEmptyNetns(t *testing.T) {
	if testing.Short() {
		t.Skip("loads the pocketsphinx model: skipped with -short")
	}
	if os.Getenv("STARLOOP_TEST_NETNS") == "" {
		if _, err := exec.LookPath("unshare"); err != nil {
			t.Skip("no unshare")
		}
		cmd := exec.Command("unshare", "-n", os.Args[0], "-test.run", "^TestOfflineInEmptyNetns$", "-test.v", "-test.count=1")
		cmd.Env = append(os.Environ(), "STARLOOP_TEST_NETNS=1")
		out, err := cmd.CombinedOutput()
		if err != nil && strings.Contains(string(out), "Operation not permitted") {
			t.Skipf("cannot make a network namespace here: %s", out)
		}
		if err != nil || !strings.Contains(string(out), "--- PASS: TestOfflineInEmptyNetns") {
			t.Fatalf("in a fresh network namespace: %v\n%s", err, out)
		}
		return
	}
	clearRemoteEnv(t)
	t.Setenv("OPENAI_API_KEY", fakeKey)
	t.Setenv("STARLOOP_REMOTE", "1")
	var out bytes.Buffer
	env := &appEnv{stdin: strings.NewReader(""), stdout: &out, stderr: &out}
	run := func(args ...string) error {
		app := &cli.App{Flags: sessionFlags(spokenDefaults()), Action: func(c *cli.Context) error { return useBackends(c, env) }}
		return app.RunContext(context.Background(), append([]string{"x"}, args...))
	}
	if err := run("--offline"); err != nil || out.Len() != 0 {
		t.Errorf("--offline with no network: %v, output %q", err, out.String())
	}
	err := run()
	if starloop.KindOf(err) != starloop.Invalid || !strings.Contains(err.Error(), "cannot connect") {
		t.Errorf("remote with no network: got %v, want a cannot-connect error", err)
	}
	t.Logf("remote with no network: %v", err)
}

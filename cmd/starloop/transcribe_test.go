package main

import (
	"bytes"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/starloop/starloop"
	"github.com/starloop/starloop/audio"
	"github.com/starloop/starloop/internal/speechtest"
	"github.com/starloop/starloop/speech/wer"
)

// jfkFiles returns jfk.wav as it is (16 kHz mono) and, when sox is there, a
// 44.1 kHz stereo copy of it.
//
// The copy is made with -D, no dither, so that it is the same file every
// time. By default sox dithers a resampled 16-bit output with noise from a
// randomly seeded generator: each copy then differed (md5sum of four runs:
// four sums), and pocketsphinx is sensitive enough to that noise of one
// step of the sample that 3 of 16 such copies lost words ("what your
// country into the u and ...", 8 of 22 wrong where the original has 4),
// which made TestTranscribeText fail in about one run in five.
func jfkFiles(t *testing.T) (speech string, files map[string]string) {
	t.Helper()
	speech = sharedSpeech(t)
	files = map[string]string{"16k-mono": filepath.Join(speech, "jfk.wav")}
	if _, err := exec.LookPath("sox"); err != nil {
		t.Log("sox is not installed: no 44.1 kHz stereo copy to test with")
		return speech, files
	}
	stereo := filepath.Join(t.TempDir(), "jfk-44k-stereo.wav")
	if out, err := exec.Command("sox", "-D", files["16k-mono"], "-r", "44100", "-c", "2", "-b", "16", stereo).CombinedOutput(); err != nil {
		t.Fatalf("sox: %v\n%s", err, out)
	}
	files["44k-stereo"] = stereo
	return speech, files
}

func TestTranscribeText(t *testing.T) {
	speech, files := jfkFiles(t)
	ref := reference(t, speech, "jfk")
	texts := map[string]string{}
	for name, path := range files {
		t.Run(name, func(t *testing.T) {
			out, errOut, err := runCLI(t, "transcribe", path)
			if err != nil {
				t.Fatalf("transcribe: %v\n%s", err, errOut)
			}
			if strings.Count(out, "\n") != 1 || !strings.HasSuffix(out, "\n") {
				t.Errorf("output is not one line: %q", out)
			}
			text := strings.TrimSpace(out)
			texts[name] = text
			// 22 words: at most 5 wrong (pocketsphinx gets 4 wrong here).
			e, n := wer.Score(ref, text)
			t.Logf("%d/%d errors: %s", e, n, text)
			if wer.Rate(e, n) > 0.25 {
				t.Errorf("%d of %d words wrong: %q", e, n, text)
			}
		})
	}
	// Resampling back to 16 kHz changes the samples a little, the words
	// hardly at all.
	if a, b := texts["16k-mono"], texts["44k-stereo"]; a != "" && b != "" {
		if e, n := wer.Score(a, b); wer.Rate(e, n) > 0.1 {
			t.Errorf("44.1 kHz stereo copy: %q; original: %q (%d/%d words differ)", b, a, e, n)
		}
	}
}

func TestTranscribeJSON(t *testing.T) {
	_, files := jfkFiles(t)
	for name, path := range files {
		t.Run(name, func(t *testing.T) {
			out, errOut, err := runCLI(t, "transcribe", "--json", path)
			if err != nil {
				t.Fatalf("transcribe --json: %v\n%s", err, errOut)
			}
			var got struct {
				Text  string `json:"text"`
				Words []struct {
					Text  string  `json:"text"`
					Start float64 `json:"start"`
					End   float64 `json:"end"`
				} `json:"words"`
				Duration float64 `json:"duration"`
			}
			dec := json.NewDecoder(strings.NewReader(out))
			dec.DisallowUnknownFields()
			if err := dec.Decode(&got); err != nil {
				t.Fatalf("%v in\n%s", err, out)
			}
			// soxi -D jfk.wav: 11.000000 s.
			if got.Duration < 10.999 || got.Duration > 11.001 {
				t.Errorf("duration %v s; sox says 11.000 s", got.Duration)
			}
			if len(got.Words) == 0 {
				t.Fatalf("no words in %s", out)
			}
			var texts []string
			prevEnd := 0.0
			for i, w := range got.Words {
				if w.Start < prevEnd || w.End <= w.Start || w.End > got.Duration {
					t.Errorf("word %d %q at %v-%v s: want %v <= start < end <= %v", i, w.Text, w.Start, w.End, prevEnd, got.Duration)
				}
				prevEnd = w.End
				texts = append(texts, w.Text)
			}
			if joined := strings.Join(texts, " "); joined != got.Text {
				t.Errorf("text %q is not the words joined: %q", got.Text, joined)
			}
		})
	}
}

func TestTranscribeErrors(t *testing.T) {
	dir := t.TempDir()
	notWAV := filepath.Join(dir, "answer.txt")
	if err := os.WriteFile(notWAV, []byte("I led the migration.\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	var silence bytes.Buffer
	if err := audio.EncodeWAV(&silence, make([]int16, 2*audio.SampleRate)); err != nil {
		t.Fatal(err)
	}
	silent := filepath.Join(dir, "silent.wav")
	if err := os.WriteFile(silent, silence.Bytes(), 0o600); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name string
		args []string
		kind starloop.Kind
		want string // in the one-line message
	}{
		{"no file", []string{"transcribe"}, starloop.Invalid, "one WAV file"},
		{"two files", []string{"transcribe", silent, silent}, starloop.Invalid, "one WAV file"},
		{"missing file", []string{"transcribe", filepath.Join(dir, "nope.wav")}, starloop.NotFound, "nope.wav"},
		{"not a WAV", []string{"transcribe", notWAV}, starloop.Invalid, "answer.txt"},
		{"silence", []string{"transcribe", silent}, starloop.NoSpeech, "no words"},
		{"no model", []string{"transcribe", "--model-dir", filepath.Join(dir, "model"), silent}, starloop.NotFound, "pocketsphinx-en-us"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			out, _, err := runCLI(t, tt.args...)
			var msg bytes.Buffer
			code := report(&msg, err)
			if code != tt.kind.ExitCode() || starloop.KindOf(err) != tt.kind {
				t.Errorf("exit %d, kind %v (%v); want %d, %v", code, starloop.KindOf(err), err, tt.kind.ExitCode(), tt.kind)
			}
			if line := msg.String(); strings.Count(line, "\n") != 1 || !strings.Contains(line, tt.want) {
				t.Errorf("message %q: want one line mentioning %q", line, tt.want)
			}
			if out != "" {
				t.Errorf("printed %q on failure", out)
			}
		})
	}
}

// sharedSpeech is the folder of the shared recordings, or skips.
func sharedSpeech(t testing.TB) string { return speechtest.Dir(t) }

// reference returns the published transcript of recording id.
func reference(t *testing.T, _ string, id string) string { return speechtest.Reference(t, id) }

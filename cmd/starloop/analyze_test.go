package main

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/starloop/starloop"
	"github.com/starloop/starloop/analysis"
	"github.com/starloop/starloop/audio"
	"github.com/starloop/starloop/internal/golden"
)

// sampleAnswer is a short STAR answer with a measured result.
const sampleAnswer = `At my last job our deploys kept failing and releases slipped by weeks. ` +
	`I was responsible for the release pipeline. So I dug into the logs, found that flaky ` +
	`integration tests caused most failures, and rewrote them with proper fakes. ` +
	`As a result, failed deploys dropped from 30 percent to 5 percent, um, within a month.`

// runAnalyze runs `starloop analyze` in-process with stdin and args.
func analyzeCLI(t *testing.T, stdin string, args ...string) (stdout, stderr string, err error) {
	t.Helper()
	var out, errOut bytes.Buffer
	env := &appEnv{stdin: strings.NewReader(stdin), stdout: &out, stderr: &errOut}
	err = newApp(env).RunContext(context.Background(), append([]string{"starloop", "analyze"}, args...))
	return out.String(), errOut.String(), err
}

func TestAnalyzeHuman(t *testing.T) {
	t.Setenv("NO_COLOR", "")
	out, _, err := analyzeCLI(t, sampleAnswer, "--lp", "dive deep", "-")
	if err != nil {
		t.Fatal(err)
	}
	if strings.Contains(out, "\x1b[") {
		t.Error("colour written to a buffer, which is not a terminal")
	}
	golden.Check(t, "analyze-human.golden", []byte(out))
}

func TestAnalyzeJSON(t *testing.T) {
	dir := t.TempDir()
	file := filepath.Join(dir, "answer.txt")
	if err := os.WriteFile(file, []byte(sampleAnswer), 0o600); err != nil {
		t.Fatal(err)
	}
	out, _, err := analyzeCLI(t, "", "--json", "--lp", "dive-deep", file)
	if err != nil {
		t.Fatal(err)
	}
	golden.Check(t, "analyze-json.golden", []byte(out))

	// The documented field names, read back independently of the Go types.
	var r struct {
		Answer bool `json:"answer"`
		STAR   map[string]struct {
			Present bool    `json:"present"`
			Share   float64 `json:"share"`
			Spans   []struct {
				Start int    `json:"start"`
				End   int    `json:"end"`
				Text  string `json:"text"`
			} `json:"spans"`
		} `json:"star"`
		Complete         bool `json:"complete"`
		MeasurableResult bool `json:"measurable_result"`
		Metrics          []struct {
			Text     string  `json:"text"`
			Value    float64 `json:"value"`
			Unit     string  `json:"unit"`
			Kind     string  `json:"kind"`
			InResult bool    `json:"in_result"`
		} `json:"metrics"`
		Ownership struct {
			I        int  `json:"i"`
			We       int  `json:"we"`
			MostlyWe bool `json:"mostly_we"`
		} `json:"ownership"`
		LP []struct {
			ID    string  `json:"id"`
			Name  string  `json:"name"`
			Score float64 `json:"score"`
		} `json:"lp"`
		Words    int `json:"words"`
		FollowUp struct {
			Reason   string `json:"reason"`
			Question string `json:"question"`
		} `json:"follow_up"`
	}
	if err := json.Unmarshal([]byte(out), &r); err != nil {
		t.Fatal(err)
	}
	// Hand count (and wc -w): 13 + 7 + 20 + 16 = 56 words over the four
	// sentences.
	if r.Words != 56 {
		t.Errorf("words = %d, want 56", r.Words)
	}
	for _, p := range []string{"situation", "task", "action", "result"} {
		if !r.STAR[p].Present {
			t.Errorf("%s not present", p)
		}
	}
	if !r.Complete || !r.MeasurableResult || !r.Answer {
		t.Errorf("complete %v, measurable %v, answer %v; want all true", r.Complete, r.MeasurableResult, r.Answer)
	}
	// I: "my", "I", "I" = 3; we: "our" = 1.
	if r.Ownership.I != 3 || r.Ownership.We != 1 || r.Ownership.MostlyWe {
		t.Errorf("ownership = %+v, want I 3, we 1, not mostly we", r.Ownership)
	}
	if r.FollowUp.Reason != "lp_ladder" || r.FollowUp.Question == "" {
		t.Errorf("follow-up = %+v, want an lp_ladder question", r.FollowUp)
	}
}

func TestAnalyzeBadInput(t *testing.T) {
	dir := t.TempDir()
	write := func(name string, data []byte) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, data, 0o600); err != nil {
			t.Fatal(err)
		}
		return p
	}
	wav := append([]byte("RIFF\x24\x00\x00\x00WAVEfmt "), make([]byte, 32)...)
	tests := []struct {
		name  string
		stdin string
		args  []string
		kind  starloop.Kind
		msg   string
	}{
		{"no file", "", nil, starloop.Invalid, "exactly one"},
		{"two files", "", []string{"a", "b"}, starloop.Invalid, "exactly one"},
		{"missing", "", []string{filepath.Join(dir, "nope.txt")}, starloop.NotFound, "no such file"},
		{"empty", "", []string{write("empty.txt", nil)}, starloop.Invalid, "empty"},
		{"blank stdin", " \n\t", []string{"-"}, starloop.Invalid, "empty"},
		{"binary", "", []string{write("bin.dat", []byte{0x7f, 'E', 'L', 'F', 0, 1, 2})}, starloop.Invalid, "not a text file"},
		{"not utf8", "", []string{write("latin1.txt", []byte("caf\xe9 story"))}, starloop.Invalid, "not a text file"},
		{"wav", "", []string{write("a.wav", wav)}, starloop.Invalid, "WAV fmt chunk"},
		{"header-only WAV on stdin", headerOnlyWAV(t), []string{"-"}, starloop.Invalid, "read standard input: the recording holds no audio"},
		{"too big", strings.Repeat("we did it. ", analysis.MaxAnswerBytes/10), []string{"-"}, starloop.Invalid, "1 MiB"},
		{"unknown LP", sampleAnswer, []string{"--lp", "nonsense", "-"}, starloop.Invalid, "choose one of"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			out, _, err := analyzeCLI(t, tt.stdin, tt.args...)
			if err == nil {
				t.Fatalf("no error; output:\n%s", out)
			}
			if k := starloop.KindOf(err); k != tt.kind {
				t.Errorf("kind = %v, want %v (%v)", k, tt.kind, err)
			}
			msg := err.Error()
			if !strings.Contains(msg, tt.msg) || strings.Contains(msg, "\n") {
				t.Errorf("error %q: want one line containing %q", msg, tt.msg)
			}
		})
	}
}

func TestAnalyzeLPFromEnv(t *testing.T) {
	t.Setenv("STARLOOP_LP", "frugality")
	out, _, err := analyzeCLI(t, sampleAnswer, "--json", "-")
	if err != nil {
		t.Fatal(err)
	}
	var r struct {
		FollowUp struct{ Question string } `json:"follow_up"`
	}
	if err := json.Unmarshal([]byte(out), &r); err != nil {
		t.Fatal(err)
	}
	// The complete answer gets the first rung of the frugality ladder.
	bankOut, _, err := runCLI(t, "questions", "--lp", "frugality", "--json")
	if err != nil {
		t.Fatal(err)
	}
	lps := decodeLPs(t, bankOut)
	if len(lps) != 1 || lps[0].FollowUps[0] != r.FollowUp.Question {
		t.Errorf("follow-up %q, want the first frugality rung %q", r.FollowUp.Question, lps[0].FollowUps[0])
	}
}

// headerOnlyWAV is a WAV file of a header and no samples.
func headerOnlyWAV(t *testing.T) string {
	t.Helper()
	var b bytes.Buffer
	if err := audio.EncodeWAV(&b, nil); err != nil {
		t.Fatal(err)
	}
	return b.String()
}

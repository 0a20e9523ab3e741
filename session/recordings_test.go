package session

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/starloop/starloop"
)

// frame is the samples in one 20 ms frame at 16 kHz.
const frame = 320

// TestLatestRecordings: newest session first, within it the last answer
// first, and no more than asked for.
func TestLatestRecordings(t *testing.T) {
	dir := t.TempDir()
	st := openStore(t, dir)
	for _, frames := range [][]int{{2, 3}, {1}} {
		s := newSession(t, st)
		for i, f := range frames {
			record(t, s, i+1, f)
			if err := s.SaveAnswer(Answer{N: i + 1, Question: "Tell me about a time."}); err != nil {
				t.Fatal(err)
			}
		}
		if err := s.Close(Complete); err != nil {
			t.Fatal(err)
		}
	}
	got, err := LatestRecordings(dir, 2)
	if err != nil {
		t.Fatal(err)
	}
	// frames 1 of the second session, then 3 of the first's answer 2.
	if len(got) != 2 || len(got[0].PCM) != frame || len(got[1].PCM) != 3*frame {
		t.Fatalf("got %d recordings, lengths %v; want 2, of %d and %d samples", len(got), lens(got), frame, 3*frame)
	}
	if got[1].PCM[2*frame] != 3 {
		t.Errorf("the second recording's third frame starts with %d, want 3", got[1].PCM[2*frame])
	}
	if all, _ := LatestRecordings(dir, 10); len(all) != 3 {
		t.Errorf("LatestRecordings(10) gave %d, want all 3", len(all))
	}
}

func lens(hs []Heard) []int {
	var out []int
	for _, h := range hs {
		out = append(out, len(h.PCM))
	}
	return out
}

// TestCorrect: a correction is saved beside the transcript, which stays,
// and LatestRecordings gives it with the recording; a second one
// replaces the first. Bad input is one line and changes nothing.
func TestCorrect(t *testing.T) {
	dir := t.TempDir()
	s := newSession(t, openStore(t, dir))
	heard := starloop.Transcript{Text: "we cat costs"}
	for n := 1; n <= 2; n++ {
		record(t, s, n, 2)
		if err := s.SaveAnswer(Answer{N: n, Question: "Tell me about a time.", Transcript: heard}); err != nil {
			t.Fatal(err)
		}
	}
	if err := s.Close(Complete); err != nil {
		t.Fatal(err)
	}
	id := s.ID()
	for _, text := range []string{"we cut cost", "  we cut\tcosts\n"} {
		if err := Correct(dir, id, 1, text); err != nil {
			t.Fatal(err)
		}
	}
	_, answers, err := Load(dir, id)
	if err != nil {
		t.Fatal(err)
	}
	if a := answers[0]; a.Corrected != "we cut costs" || a.Transcript.Text != "we cat costs" || a.Question != "Tell me about a time." {
		t.Errorf("answer 1: corrected %q, transcript %q, question %q", a.Corrected, a.Transcript.Text, a.Question)
	}
	if answers[1].Corrected != "" {
		t.Errorf("answer 2 corrected %q", answers[1].Corrected)
	}
	path := filepath.Join(dir, id, RecordName(1))
	if st, err := os.Stat(path); err != nil || st.Mode().Perm() != FileMode {
		t.Errorf("%s: %v, %v; want mode %v", path, st.Mode(), err, FileMode)
	}
	var raw map[string]any
	b, _ := os.ReadFile(path)
	if json.Unmarshal(b, &raw); raw["corrected"] != "we cut costs" {
		t.Errorf("record holds corrected %v", raw["corrected"])
	}
	got, err := LatestRecordings(dir, 2)
	if err != nil || len(got) != 2 || got[0].Corrected != "" || got[1].Corrected != "we cut costs" || len(got[1].PCM) != 2*frame {
		t.Errorf("LatestRecordings: %d, %v; want answer 2 uncorrected, then answer 1 corrected", len(got), err)
	}

	for _, tc := range []struct {
		name, id string
		n        int
		text     string
		kind     starloop.Kind
		msg      string
	}{
		{"empty", id, 1, " \t", starloop.Invalid, "the correction is empty"},
		{"no answer", id, 3, "x", starloop.NotFound, "no recorded answer 3"},
		{"bad id", "../x", 1, "x", starloop.Invalid, "not a session id"},
		{"no session", "20200101-000000", 1, "x", starloop.NotFound, "no such session"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			err := Correct(dir, tc.id, tc.n, tc.text)
			if !starloop.IsKind(err, tc.kind) || !strings.Contains(err.Error(), tc.msg) || strings.Contains(err.Error(), "\n") {
				t.Errorf("error %v, want one line of kind %v saying %q", err, tc.kind, tc.msg)
			}
		})
	}
	if _, answers, _ := Load(dir, id); answers[0].Corrected != "we cut costs" {
		t.Errorf("after bad input, answer 1 corrected %q", answers[0].Corrected)
	}
}

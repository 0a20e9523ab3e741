package spoken

import (
	"bytes"
	"context"
	"testing"
	"time"

	"github.com/starloop/starloop/backends"
	"github.com/starloop/starloop/interviewer"
	"github.com/starloop/starloop/prompts"
	"github.com/starloop/starloop/session"
)

// TestStartOpen: the session records the offline backends' names and the
// command's settings; nothing to recover says nothing.
func TestStartOpen(t *testing.T) {
	bank, err := prompts.Load()
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	b, err := backends.New(ctx, backends.Options{Bank: bank})
	if err != nil {
		t.Fatal(err)
	}
	rec := Record{Turns: Turns{Patience: time.Second, AnswerCap: time.Minute, NoSpeech: time.Second}, Seed: 5, Mode: "practice"}
	turns, err := rec.Config("practice")
	if err != nil {
		t.Fatal(err)
	}
	var notices bytes.Buffer
	s := Start(b, t.TempDir(), rec, turns, &notices)
	defer s.Close()
	sess, err := s.Open(ctx, []string{"ownership"}, map[string]string{"questions": "2"})
	if err != nil {
		t.Fatal(err)
	}
	defer sess.Close(session.Stopped)
	m := sess.Meta()
	for k, want := range map[string]string{"stt": "pocketsphinx", "tts": "flite", "coach": "rubric", "seed": "5", "mode": "practice", "questions": "2", "follow_ups": "0"} {
		if m.Settings[k] != want {
			t.Errorf("setting %s = %q, want %q", k, m.Settings[k], want)
		}
	}
	if len(m.LPs) != 1 || m.LPs[0] != "ownership" || notices.Len() != 0 {
		t.Errorf("LPs %v, notices %q", m.LPs, notices.String())
	}
	if qs, err := s.Plan([]string{"ownership"}, 1, 5); err != nil || len(qs) != 1 {
		t.Errorf("Plan: %v, %v", qs, err)
	}
}

// TestStartSeed: a seed given is kept; none (0) is drawn anew, and differs
// between sessions.
func TestStartSeed(t *testing.T) {
	b, err := backends.New(context.Background(), backends.Options{})
	if err != nil {
		t.Fatal(err)
	}
	seed := func(given uint64) uint64 {
		s := Start(b, t.TempDir(), Record{Seed: given}, interviewer.Config{}, nil)
		defer s.Close()
		return s.Record.Seed
	}
	if got := seed(5); got != 5 {
		t.Errorf("seed 5 became %d", got)
	}
	a, c := seed(0), seed(0)
	if a == 0 || c == 0 || a == c {
		t.Errorf("seed 0 became %d, then %d: want two new seeds", a, c)
	}
}

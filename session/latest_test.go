package session

import (
	"path/filepath"
	"testing"
	"time"

	"github.com/starloop/starloop"
)

func TestLatest(t *testing.T) {
	answered := []AnswerRef{{N: 1}}
	for _, tt := range []struct {
		metas []Meta
		want  string
	}{
		{nil, ""},
		{[]Meta{{ID: "a"}, {ID: "b"}}, "b"},
		{[]Meta{{ID: "a", Answers: answered}, {ID: "b", Answers: answered}, {ID: "c"}}, "b"},
		{[]Meta{{ID: "a", Answers: answered}, {ID: "b"}}, "a"},
	} {
		if got := Latest(tt.metas); got != tt.want {
			t.Errorf("Latest(%v) = %q, want %q", tt.metas, got, tt.want)
		}
	}
}

// TestPickAndAnswerAudio: with no id the latest session with an answer;
// answer 1's recording is found by its number, answer 2 is not there.
func TestPickAndAnswerAudio(t *testing.T) {
	dir := t.TempDir()
	if _, err := Pick(dir, "", "review"); !starloop.IsKind(err, starloop.NotFound) ||
		err.Error() != "review: no sessions in "+dir+" yet: start one with `starloop practice`" {
		t.Errorf("empty folder: %v", err)
	}
	if id, err := Pick(dir, "20261127-154502", "review"); id != "20261127-154502" || err != nil {
		t.Errorf("named: %q, %v", id, err)
	}
	now := time.Date(2026, 11, 27, 15, 45, 2, 0, time.UTC)
	store, err := Open(dir, Options{Now: func() time.Time { return now }})
	if err != nil {
		t.Fatal(err)
	}
	s, err := store.NewSession(Meta{LPs: []string{"ownership"}})
	if err != nil {
		t.Fatal(err)
	}
	if err := s.SaveAnswer(Answer{N: 1, Question: "Tell me about a time."}); err != nil {
		t.Fatal(err)
	}
	if err := s.Close(Stopped); err != nil {
		t.Fatal(err)
	}
	if id, err := Pick(dir, "", "review"); id != "20261127-154502" || err != nil {
		t.Errorf("latest: %q, %v", id, err)
	}
	a, path, err := AnswerAudio(dir, "20261127-154502", 1)
	if err != nil || a.Question != "Tell me about a time." || path != filepath.Join(dir, "20261127-154502", "answer-01.wav") {
		t.Errorf("answer 1: %+v, %q, %v", a, path, err)
	}
	if _, _, err := AnswerAudio(dir, "20261127-154502", 2); !starloop.IsKind(err, starloop.NotFound) ||
		err.Error() != "play answer 2: session 20261127-154502 has no answer 2" {
		t.Errorf("answer 2: %v", err)
	}
}

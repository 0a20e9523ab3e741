package session

import (
	"errors"
	"os"
	"path/filepath"
	"testing"

	"github.com/starloop/starloop"
)

// TestDeleteAsking asks before deleting, names the session and its one
// answer, keeps it when told no, and asks nothing about an unknown id.
func TestDeleteAsking(t *testing.T) {
	dir := t.TempDir()
	s := newSession(t, openStore(t, dir))
	record(t, s, 1, 10)
	if err := s.SaveAnswer(Answer{N: 1, Question: "Tell me about a time.", Audio: AudioName(1)}); err != nil {
		t.Fatal(err)
	}
	if err := s.Close(Complete); err != nil {
		t.Fatal(err)
	}
	id := s.ID()
	var asked []string
	answer := func(yes bool, err error) func(string) (bool, error) {
		return func(q string) (bool, error) { asked = append(asked, q); return yes, err }
	}

	if deleted, err := DeleteAsking(dir, id, answer(false, nil)); deleted || err != nil {
		t.Errorf("told no: deleted %v, %v", deleted, err)
	}
	want := "Delete session " + id + ", its 1 answer and their recordings, for good?"
	if len(asked) != 1 || asked[0] != want {
		t.Errorf("asked %q, want %q", asked, want)
	}
	broken := errors.New("end of input")
	if deleted, err := DeleteAsking(dir, id, answer(true, broken)); deleted || err != broken {
		t.Errorf("no answer: deleted %v, %v", deleted, err)
	}
	if _, err := os.Stat(filepath.Join(dir, id, MetaFile)); err != nil {
		t.Fatalf("kept session: %v", err)
	}

	asked = nil
	if deleted, err := DeleteAsking(dir, "20261127-000000", answer(true, nil)); deleted || !starloop.IsKind(err, starloop.NotFound) || asked != nil {
		t.Errorf("unknown id: deleted %v, %v, asked %q", deleted, err, asked)
	}
	if deleted, err := DeleteAsking(dir, id, answer(true, nil)); !deleted || err != nil {
		t.Errorf("told yes: deleted %v, %v", deleted, err)
	}
	if _, err := os.Stat(filepath.Join(dir, id)); !os.IsNotExist(err) {
		t.Errorf("session folder after delete: %v", err)
	}
}

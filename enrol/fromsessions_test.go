package enrol

import (
	"bytes"
	"context"
	"testing"

	"github.com/starloop/starloop"
	"github.com/starloop/starloop/audio"
	"github.com/starloop/starloop/session"
)

// TestFromSessions refines from a session's one recorded answer (250
// frames of 20 ms: 5 s, heard by the fake ears as seven words), and says
// so; a folder with no recorded answer is NotFound.
func TestFromSessions(t *testing.T) {
	store, cur := enrolled(t)
	a := &adapter{}
	e := &ears{cur: cur, curErrs: 1, candErrs: 1, post: []float64{0.95, 0.95, 0.95, 0.5, 0.99, 0.99, 0.2}}
	r := &Refine{Adapter: a, Store: store, Name: "ana", Hear: e.hear}

	empty := t.TempDir()
	if err := r.FromSessions(context.Background(), &bytes.Buffer{}, empty, 30); !starloop.IsKind(err, starloop.NotFound) {
		t.Errorf("no answers: %v, want NotFound", err)
	}

	dir := t.TempDir()
	st, err := session.Open(dir, session.Options{})
	if err != nil {
		t.Fatal(err)
	}
	s, err := st.NewSession(session.Meta{LPs: []string{"ownership"}})
	if err != nil {
		t.Fatal(err)
	}
	rec, err := s.NewAnswer(1)
	if err != nil {
		t.Fatal(err)
	}
	for range 250 {
		if err := rec.WriteFrame(audio.NewFrame()); err != nil {
			t.Fatal(err)
		}
	}
	if err := rec.Close(); err != nil {
		t.Fatal(err)
	}
	if err := s.SaveAnswer(session.Answer{N: 1, Question: "Tell me about a time.", Audio: session.AudioName(1)}); err != nil {
		t.Fatal(err)
	}
	if err := s.Close(session.Complete); err != nil {
		t.Fatal(err)
	}
	var out bytes.Buffer
	if err := r.FromSessions(context.Background(), &out, dir, 30); err != nil {
		t.Fatal(err)
	}
	if len(a.got) != 6 {
		t.Errorf("adapted to %d utterances, want the 5 enrolment recordings and 1 stretch", len(a.got))
	}
	if out.Len() == 0 {
		t.Error("nothing said")
	}
}

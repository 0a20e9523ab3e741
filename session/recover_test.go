package session

import (
	"encoding/binary"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/starloop/starloop"
	"github.com/starloop/starloop/audio"
)

func TestRecover(t *testing.T) {
	dir := t.TempDir()
	st, err := Open(dir, Options{Now: func() time.Time { return time.Date(2026, 11, 27, 10, 0, 0, 0, time.UTC) }})
	if err != nil {
		t.Fatal(err)
	}
	sess, err := st.NewSession(Meta{LPs: []string{"ownership"}})
	if err != nil {
		t.Fatal(err)
	}
	// Answer 1 is finished and saved: 10 frames.
	rec, err := sess.NewAnswer(1)
	if err != nil {
		t.Fatal(err)
	}
	for range 10 {
		rec.WriteFrame(audio.NewFrame())
	}
	rec.Close()
	if err := sess.SaveAnswer(Answer{N: 1, LP: "ownership", Question: "q"}); err != nil {
		t.Fatal(err)
	}
	// Answer 2 dies mid-recording: a header that claims no samples,
	// followed by 1000 samples and one stray byte that reached the disk.
	rec2, err := sess.NewAnswer(2)
	if err != nil {
		t.Fatal(err)
	}
	rec2.Close()
	f, err := os.OpenFile(rec2.Path(), os.O_APPEND|os.O_WRONLY, 0)
	if err != nil {
		t.Fatal(err)
	}
	f.Write(make([]byte, 2001))
	f.Close()
	// A crash: the lock is released without Close.
	sess.lock.Close()

	before, _ := List(dir)
	if len(before) != 1 || !before[0].Unclosed {
		t.Fatalf("before recovery: %+v", before)
	}
	got, err := Recover(dir)
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != 1 || len(got[0].Repaired) != 2 || len(got[0].Orphans) != 1 || got[0].Orphans[0] != "answer-02.wav" {
		t.Fatalf("Recover = %+v", got)
	}
	m, answers, err := Load(dir, sess.ID())
	if err != nil {
		t.Fatal(err)
	}
	if m.State != Interrupted || m.Unclosed || m.End.IsZero() || len(answers) != 2 || answers[0].Question != "q" || answers[1].Audio != "answer-02.wav" {
		t.Fatalf("after recovery: %+v %+v", m, answers)
	}
	// 44-byte header; data 2001 bytes cut to 2000: 1000 samples.
	b, err := os.ReadFile(filepath.Join(sess.Dir(), "answer-02.wav"))
	if err != nil {
		t.Fatal(err)
	}
	if len(b) != 44+2000 || binary.LittleEndian.Uint32(b[40:]) != 2000 || binary.LittleEndian.Uint32(b[4:]) != 36+2000 {
		t.Errorf("repaired file: %d bytes, data size %d, RIFF size %d", len(b), binary.LittleEndian.Uint32(b[40:]), binary.LittleEndian.Uint32(b[4:]))
	}
	// A second start finds nothing more to do.
	if again, err := Recover(dir); err != nil || len(again) != 0 {
		t.Errorf("second Recover = %+v, %v", again, err)
	}
}

func TestDelete(t *testing.T) {
	dir := t.TempDir()
	st, _ := Open(dir, Options{})
	live, err := st.NewSession(Meta{})
	if err != nil {
		t.Fatal(err)
	}
	if err := Delete(dir, live.ID()); starloop.KindOf(err) != starloop.Invalid {
		t.Errorf("deleting a live session: %v", err)
	}
	live.Close(Complete)
	for _, tt := range []struct {
		id   string
		kind starloop.Kind
	}{{"../etc", starloop.Invalid}, {"20200101-000000", starloop.NotFound}} {
		if err := Delete(dir, tt.id); starloop.KindOf(err) != tt.kind {
			t.Errorf("Delete(%q) = %v, want %v", tt.id, err, tt.kind)
		}
	}
	if err := Delete(dir, live.ID()); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(live.Dir()); !os.IsNotExist(err) {
		t.Errorf("folder still there: %v", err)
	}
}

// TestAskedSurvivesACrash: the question written as it is asked is what
// recovery lists the cut-off take under; a discarded take takes its
// question with it; Amend saves what is made of the take afterwards.
func TestAskedSurvivesACrash(t *testing.T) {
	dir := t.TempDir()
	st, err := Open(dir, Options{})
	if err != nil {
		t.Fatal(err)
	}
	sess, err := st.NewSession(Meta{LPs: []string{"ownership"}})
	if err != nil {
		t.Fatal(err)
	}
	record := func(n int) string { return filepath.Join(sess.Dir(), RecordName(n)) }
	// Answer 1: asked, then discarded (the person pressed r).
	rec, err := sess.NewAnswer(1)
	if err != nil {
		t.Fatal(err)
	}
	if err := sess.Asked(Answer{N: 1, LP: "ownership", Question: "Tell me about a time you took ownership."}); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(record(1)); err != nil {
		t.Fatalf("the question is not on disk as it is asked: %v", err)
	}
	rec.Discard()
	if _, err := os.Stat(record(1)); !os.IsNotExist(err) {
		t.Errorf("a discarded take left its question behind: %v", err)
	}
	// Answer 1 again, cut off by a crash 100 frames in.
	rec, err = sess.NewAnswer(1)
	if err != nil {
		t.Fatal(err)
	}
	q := Answer{N: 1, LP: "ownership", Question: "Tell me about a time you took ownership.", FollowUp: false}
	if err := sess.Asked(q); err != nil {
		t.Fatal(err)
	}
	for range 100 {
		rec.WriteFrame(audio.NewFrame())
	}
	sess.lock.Close()

	got, err := Recover(dir)
	if err != nil || len(got) != 1 || len(got[0].Orphans) != 1 {
		t.Fatalf("Recover = %+v, %v", got, err)
	}
	m, answers, err := Load(dir, sess.ID())
	if err != nil {
		t.Fatal(err)
	}
	if len(answers) != 1 || answers[0].Question != q.Question || answers[0].LP != "ownership" || m.Answers[0].Question != q.Question {
		t.Fatalf("after recovery: %+v; session.json %+v", answers, m.Answers)
	}

	a := answers[0]
	a.Transcript = starloop.Transcript{Text: "so last year I"}
	a.Recovered, a.Timings.EndReason = true, EndCrash
	if err := Amend(dir, sess.ID(), a); err != nil {
		t.Fatal(err)
	}
	_, answers, _ = Load(dir, sess.ID())
	if len(answers) != 1 || answers[0].Transcript.Text != "so last year I" || !answers[0].Recovered || answers[0].Question != q.Question {
		t.Errorf("after Amend: %+v", answers)
	}
	if err := Amend(dir, sess.ID(), Answer{N: 7}); !starloop.IsKind(err, starloop.NotFound) {
		t.Errorf("Amend of an answer the session lacks: %v, want NotFound", err)
	}
}

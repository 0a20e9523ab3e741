package interviewer

import (
	"bytes"
	"context"
	"encoding/json"
	"testing"
	"time"

	"github.com/starloop/starloop"
	"github.com/starloop/starloop/audio"
	"github.com/starloop/starloop/internal/sessiontest"
	"github.com/starloop/starloop/session"
)

// TestSalvage: the follow-up a crash cut off is transcribed and judged
// with its thread, and saved as a partial answer; the answer saved before
// the crash is left alone.
func TestSalvage(t *testing.T) {
	dir := t.TempDir()
	st, err := session.Open(dir, session.Options{})
	if err != nil {
		t.Fatal(err)
	}
	sess, err := st.NewSession(session.Meta{LPs: []string{"ownership"}})
	if err != nil {
		t.Fatal(err)
	}
	store := SessionStore{Session: sess}
	main := session.Answer{N: 1, LP: "ownership", Question: "Tell me about a time you took ownership.",
		Transcript: starloop.Transcript{Text: "I moved billing to the cloud"}, Report: json.RawMessage(`{"saved":true}`)}
	rec, _ := store.NewAnswer(1)
	rec.Close()
	if err := store.SaveAnswer(main); err != nil {
		t.Fatal(err)
	}
	follow := session.Answer{N: 2, LP: "ownership", Question: "How did you measure it?", FollowUp: true, Reason: "no-measure"}
	rec, _ = store.NewAnswer(2)
	if err := store.Asked(follow); err != nil {
		t.Fatal(err)
	}
	for range 50 { // 1 s
		rec.WriteFrame(audio.NewFrame())
	}
	rec.Close()
	// The crash: the lock goes, nothing else runs.
	sessiontest.Crash(t, sess.Dir())

	recs, err := session.Recover(dir)
	if err != nil || len(recs) != 1 {
		t.Fatalf("Recover: %+v, %v", recs, err)
	}
	var judged Answer
	transcribe := func(_ context.Context, pcm []int16) (starloop.Transcript, error) {
		if len(pcm) != audio.SampleRate {
			t.Errorf("transcribed %d samples, want the 1 s recorded", len(pcm))
		}
		return starloop.Transcript{Text: "costs fell by forty percent"}, nil
	}
	j := JudgeFunc(func(_ context.Context, a Answer) (Verdict, error) {
		judged = a
		return Verdict{Report: heard(a.Transcript.Text)}, nil
	})
	done, err := Salvage(context.Background(), dir, recs[0], transcribe, j)
	if err != nil || len(done) != 1 || done[0] != 2 {
		t.Fatalf("Salvage = %v, %v", done, err)
	}
	if judged.Question.Text != follow.Question || !judged.Question.FollowUp || len(judged.Thread) != 1 ||
		judged.Thread[0].Transcript.Text != main.Transcript.Text {
		t.Errorf("judged %+v, want the follow-up with the main answer as its thread", judged)
	}
	_, answers, err := session.Load(dir, sess.ID())
	if err != nil {
		t.Fatal(err)
	}
	a := answers[1]
	if a.Transcript.Text != "costs fell by forty percent" || !a.Recovered || a.Timings.EndReason != session.EndCrash ||
		a.Timings.End != time.Second || compact(t, a.Report) != `{"heard":"costs fell by forty percent"}` || a.Question != follow.Question {
		t.Errorf("salvaged answer: %+v", a)
	}
	if compact(t, answers[0].Report) != `{"saved":true}` || answers[0].Recovered {
		t.Errorf("the saved answer changed: %+v", answers[0])
	}
}

func compact(t *testing.T, b []byte) string {
	t.Helper()
	var out bytes.Buffer
	if err := json.Compact(&out, b); err != nil {
		t.Fatal(err)
	}
	return out.String()
}

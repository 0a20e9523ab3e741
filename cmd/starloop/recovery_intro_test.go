package main

import (
	"context"
	"encoding/json"
	"strings"
	"testing"
	"time"

	"github.com/starloop/starloop/audio"
	"github.com/starloop/starloop/day"
	"github.com/starloop/starloop/internal/sessiontest"
	"github.com/starloop/starloop/judge"
	"github.com/starloop/starloop/session"
)

// TestRecoveredIntroduction: a loop day cut off by a crash during the
// introduction is recovered by the next start, and the introduction is
// judged and saved as one, as the day judges it live: review shows the
// introduction's check, not a STAR story with an empty principle.
func TestRecoveredIntroduction(t *testing.T) {
	if testing.Short() {
		t.Skip("transcribes a recording: skipped with -short")
	}
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	dir := t.TempDir()
	st, err := session.Open(dir, session.Options{})
	if err != nil {
		t.Fatal(err)
	}
	sess, err := st.NewSession(session.Meta{LPs: []string{"ownership", "dive-deep"}, Settings: map[string]string{"mode": day.Mode}})
	if err != nil {
		t.Fatal(err)
	}
	rec, err := sess.NewAnswer(1)
	if err != nil {
		t.Fatal(err)
	}
	if err := sess.Asked(session.Answer{N: 1, Question: day.IntroQuestion}); err != nil {
		t.Fatal(err)
	}
	pcm := synthesize(ctx, t, "I am a backend engineer. Before that I taught maths for two years. Now I want to build payments.")
	for ; len(pcm) >= audio.FrameSize; pcm = pcm[audio.FrameSize:] {
		if err := rec.WriteFrame(audio.Frame(pcm[:audio.FrameSize])); err != nil {
			t.Fatal(err)
		}
	}
	rec.Close()
	sessiontest.Crash(t, sess.Dir())

	_, stderr, err := runCLI(t, "sessions", "--sessions", dir)
	if err != nil {
		t.Fatalf("starloop sessions: %v\n%s", err, stderr)
	}
	if !strings.Contains(stderr, "answer 1 of session "+sess.ID()+", cut off by the crash") {
		t.Errorf("sessions did not say it salvaged the introduction:\n%s", stderr)
	}
	_, answers, err := session.Load(dir, sess.ID())
	if err != nil || len(answers) != 1 {
		t.Fatalf("answers %+v, %v", answers, err)
	}
	var saved judge.Judged
	if err := json.Unmarshal(answers[0].Report, &saved); err != nil || saved.Kind != judge.IntroKind || saved.Intro == nil {
		t.Errorf("the recovered introduction was saved as %s (%v), want an introduction", answers[0].Report, err)
	}
	review, _, err := runCLI(t, "review", "--sessions", dir, sess.ID())
	if err != nil || !strings.Contains(review, "Introduction") {
		t.Errorf("review of the recovered introduction: %v\n%s", err, review)
	}
}

package main

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/starloop/starloop/audio/pulsetest"
	"github.com/starloop/starloop/session"
	"github.com/starloop/starloop/speech/flite"
)

// TestLoopSpoken runs a short `starloop loop` on virtual devices: two
// interviewers, one question each, no follow-ups. A synthetic candidate
// tells the same story to both, in other words the second time; the
// second telling must draw the reuse warning, on the terminal and in the
// debrief saved with the session.
func TestLoopSpoken(t *testing.T) {
	if testing.Short() {
		t.Skip("spoken end-to-end test: skipped with -short")
	}
	t.Setenv("XDG_CONFIG_HOME", t.TempDir()) // no story bank
	srv := pulsetest.Start(t)
	ctx, cancel := context.WithTimeout(context.Background(), 4*time.Minute)
	defer cancel()
	candidate, err := flite.New(flite.Config{Voice: "rms"})
	if err != nil {
		t.Fatal(err)
	}
	const (
		first = "At my last company the billing system ran in an old data center and nobody wanted to touch it. " +
			"I was asked to move it to the cloud without losing a single invoice. " +
			"I wrote the plan, I ran the old and the new systems side by side for six weeks, and I fixed fourteen rounding bugs in the tax code. " +
			"We moved on a Sunday with no downtime and hosting costs fell by forty percent."
		retold = "In my previous job our billing service sat in an old data center and everyone was afraid of it. " +
			"I took on moving it to the cloud. " +
			"I ran both systems side by side for six weeks, comparing every invoice, and I found fourteen rounding bugs in the tax code. " +
			"We switched over on a Sunday with zero downtime, and we cut hosting costs by forty percent."
	)
	var clips [][]int16
	for _, text := range []string{first, retold} {
		pcm, err := candidate.Synthesize(ctx, text)
		if err != nil {
			t.Fatal(err)
		}
		clips = append(clips, pcm)
	}

	sessions := t.TempDir()
	out, done := startCLI(ctx, []string{"starloop", "loop", "--interviewers", "2",
		"--questions-per-interviewer", "1", "--follow-ups", "0", "--no-intro",
		"--patience", "1500ms", "--seed", "5", "--sessions", sessions})
	for i, pcm := range clips {
		waitOutput(t, out, "listening", i+1, done)
		time.Sleep(500 * time.Millisecond) // a thinking pause
		if err := srv.Speak(ctx, pcm); err != nil {
			t.Fatal(err)
		}
	}
	select {
	case err := <-done:
		if err != nil {
			t.Fatalf("loop: %v\n%s", err, out.String())
		}
	case <-ctx.Done():
		t.Fatalf("loop did not end:\n%s", out.String())
	}
	t.Logf("output:\n%s", out.String())

	// One end, after the debrief, counting what was played: two answers.
	if strings.Count(out.String(), "Session over") != 1 || strings.Contains(out.String(), "session over") ||
		!strings.Contains(out.String(), "Session over: 2 answers (2 main questions, 0 follow-ups)") {
		t.Errorf("want one end, with the two answers played:\n%s", out.String())
	}
	const warning = "story you told for "
	if n := strings.Count(out.String(), "Warning: this is the"); n != 1 {
		t.Errorf("%d reuse warnings on the terminal, want 1 (the second telling)", n)
	}
	meta, answers := onlySession(t, sessions)
	if meta.State != session.Complete || len(answers) != 2 || answers[0].N != 1 || answers[1].N != 2 {
		t.Fatalf("session %v with answers %+v; want complete, answers 1 and 2", meta.State, answers)
	}
	if answers[0].LP == "" || answers[1].LP == "" || meta.Settings["round_1"] == "" || meta.Settings["round_2"] == "" {
		t.Errorf("answers or rounds not recorded: %+v %v", answers, meta.Settings)
	}
	md, err := os.ReadFile(filepath.Join(sessions, meta.ID, "debrief.md"))
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(md), warning) || !strings.Contains(string(md), "## Retold stories") {
		t.Errorf("debrief.md lacks the reuse warning:\n%s", md)
	}
	if _, err := os.Stat(filepath.Join(sessions, meta.ID, "debrief.json")); err != nil {
		t.Error(err)
	}
	checkPrivate(t, sessions)
}

package main

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/starloop/starloop/audio"
	"github.com/starloop/starloop/audio/pulsetest"
	"github.com/starloop/starloop/session"
)

// TestRecoveryAfterKill runs the starloop binary on virtual devices, lets
// the candidate finish the first answer, kills the process with SIGKILL
// five seconds into the second, and checks that the next start finds both
// answers, the partial one repaired, and shows the session as interrupted.
func TestRecoveryAfterKill(t *testing.T) {
	if testing.Short() {
		t.Skip("spoken end-to-end test: skipped with -short")
	}
	bin := buildStarloop(t)
	srv := pulsetest.Start(t)
	ctx, cancel := context.WithTimeout(context.Background(), 3*time.Minute)
	defer cancel()
	story := synthesize(ctx, t, faultStory)
	sessions := t.TempDir()

	out := &syncBuffer{}
	cmd := exec.CommandContext(ctx, bin, "practice", "--lp", "ownership", "--questions", "2", "--follow-ups", "0",
		"--patience", "1500ms", "--seed", "11", "--sessions", sessions)
	cmd.Env = append(os.Environ(), srv.Env()...)
	cmd.Stdout, cmd.Stderr = out, out
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	done := make(chan error, 1)
	go func() { done <- cmd.Wait() }()
	defer func() {
		cmd.Process.Kill()
		<-done
	}()

	waitOutput(t, out, "listening", 1, done)
	if err := srv.Speak(ctx, story); err != nil {
		t.Fatal(err)
	}
	waitNextListening(t, out, 1, done)
	speakCtx, stopSpeaking := context.WithCancel(ctx)
	defer stopSpeaking()
	go srv.Speak(speakCtx, story)
	time.Sleep(5 * time.Second)
	if err := cmd.Process.Signal(syscall.SIGKILL); err != nil {
		t.Fatal(err)
	}
	err := <-done
	done <- err // for the deferred cleanup
	stopSpeaking()
	if ws, ok := cmd.ProcessState.Sys().(syscall.WaitStatus); !ok || !ws.Signaled() || ws.Signal() != syscall.SIGKILL {
		t.Fatalf("practice was not killed by SIGKILL: %v\n%s", err, out.String())
	}

	// As the crash left it: in progress, the second recording on disk.
	metas, err := session.List(sessions)
	if err != nil || len(metas) != 1 {
		t.Fatalf("sessions: %v, %v", metas, err)
	}
	id := metas[0].ID
	partial := filepath.Join(sessions, id, session.AudioName(2))
	if _, err := os.Stat(partial); err != nil {
		t.Fatalf("the partial recording is missing: %v", err)
	}
	if pcm, err := audio.ReadWAVFile(partial); err != nil {
		t.Logf("before recovery, the partial recording reads as: %v", err)
	} else {
		t.Logf("before recovery, the partial recording reads as %d samples", len(pcm))
	}

	// The next start: `starloop sessions` recovers and lists it.
	var stdout, stderr bytes.Buffer
	list := exec.CommandContext(ctx, bin, "sessions", "--sessions", sessions)
	list.Env = append(os.Environ(), srv.Env()...)
	list.Stdout, list.Stderr = &stdout, &stderr
	if err := list.Run(); err != nil {
		t.Fatalf("starloop sessions: %v\n%s%s", err, stdout.String(), stderr.String())
	}
	t.Logf("starloop sessions:\n%s%s", stderr.String(), stdout.String())
	if !strings.Contains(stderr.String(), "recovered session "+id) {
		t.Errorf("sessions did not say it recovered %s:\n%s", id, stderr.String())
	}
	if !strings.Contains(stdout.String(), id) || !strings.Contains(stdout.String(), "[interrupted]") {
		t.Errorf("sessions does not list %s as interrupted:\n%s", id, stdout.String())
	}

	meta, answers, err := session.Load(sessions, id)
	if err != nil {
		t.Fatal(err)
	}
	if meta.State != session.Interrupted {
		t.Errorf("session state %v, want interrupted", meta.State)
	}
	if len(answers) != 2 {
		t.Fatalf("%d answers, want the finished one and the partial one", len(answers))
	}
	if answers[0].Transcript.Text == "" || len(answers[0].Report) == 0 {
		t.Errorf("the finished answer lost its transcript or report: %+v", answers[0])
	}
	// The cut-off take keeps the question asked, and recovery transcribed
	// and judged it offline, marked partial.
	if cut := answers[1]; cut.Question == "" || cut.Question != meta.Answers[1].Question || !cut.Recovered ||
		cut.Transcript.Text == "" || len(cut.Report) == 0 || cut.Timings.EndReason != session.EndCrash {
		t.Errorf("the cut-off answer: %+v", cut)
	}
	if want := fmt.Sprintf("answer 2 of session %s, cut off by the crash, transcribed and judged offline; marked partial", id); !strings.Contains(stderr.String(), want) {
		t.Errorf("sessions did not say %q:\n%s", want, stderr.String())
	}
	review, err := exec.CommandContext(ctx, bin, "review", "--sessions", sessions, id).Output()
	if err != nil || !strings.Contains(string(review), "cut off by a crash") || strings.Contains(string(review), "(nothing was heard)") {
		t.Errorf("review after recovery: %v\n%s", err, review)
	}
	// The candidate spoke for 5 s of the second answer before the kill, a
	// little after listening began: the recording holds 4.5 s to 7 s
	// (20 ms frames reach the file as they are recorded).
	pcm, err := audio.ReadWAVFile(partial)
	if err != nil {
		t.Fatalf("the partial recording is unreadable after recovery: %v", err)
	}
	got := float64(len(pcm)) / audio.SampleRate
	if got < 4.5 || got > 7 {
		t.Errorf("the partial recording holds %.2f s, want 4.5 s to 7 s", got)
	}
	// sox reads the repaired file the same way.
	for _, f := range []string{session.AudioName(1), session.AudioName(2)} {
		path := filepath.Join(sessions, id, f)
		soxi, err := exec.Command("soxi", "-s", path).Output()
		if err != nil {
			t.Errorf("soxi %s: %v", f, err)
			continue
		}
		n, err := strconv.Atoi(strings.TrimSpace(string(soxi)))
		if err != nil {
			t.Errorf("soxi -s %s: %q", f, soxi)
			continue
		}
		want, _ := audio.ReadWAVFile(path)
		t.Logf("%s: sox counts %d samples (%.2f s)", f, n, float64(n)/audio.SampleRate)
		if n != len(want) || n == 0 {
			t.Errorf("%s: sox counts %d samples, starloop %d", f, n, len(want))
		}
	}
	checkPrivate(t, sessions)
}

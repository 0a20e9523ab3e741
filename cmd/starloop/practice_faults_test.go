package main

import (
	"bytes"
	"context"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/starloop/starloop"
	"github.com/starloop/starloop/audio"
	"github.com/starloop/starloop/audio/pulsetest"
	"github.com/starloop/starloop/interviewer"
	"github.com/starloop/starloop/session"
	"github.com/starloop/starloop/speech/flite"
	"github.com/starloop/starloop/speech/pocketsphinx"
)

// runPractice runs `starloop practice args...` in-process, as main would,
// and returns the process's exit code and what it printed.
func practiceCLI(ctx context.Context, t *testing.T, args ...string) (code int, stdout, stderr string) {
	t.Helper()
	out, errOut := &syncBuffer{}, &syncBuffer{}
	app := newApp(&appEnv{stdin: strings.NewReader(""), stdout: out, stderr: errOut})
	err := app.RunContext(ctx, append([]string{"starloop", "practice"}, args...))
	code = report(errOut, err)
	return code, out.String(), errOut.String()
}

// TestPracticeNoInputDevice: with no microphone, practice fails at once
// with one line that names the problem and says what to do, exit code 4,
// and leaves no session behind.
func TestPracticeNoInputDevice(t *testing.T) {
	if testing.Short() {
		t.Skip("virtual devices: skipped with -short")
	}
	tests := []struct {
		name string
		opts pulsetest.Options
	}{
		{"no devices at all", pulsetest.Options{NoMic: true, NoSpeaker: true}},
		// With a speaker but no microphone, PulseAudio offers the
		// speaker's monitor as the default source and practice records
		// it: see the report on issue 3. Not tested here until practice
		// can tell a monitor from a microphone.
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			pulsetest.StartWith(t, tt.opts)
			ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
			defer cancel()
			sessions := filepath.Join(t.TempDir(), "sessions")
			code, stdout, stderr := practiceCLI(ctx, t, "--lp", "ownership", "--questions", "1", "--sessions", sessions)
			if ctx.Err() != nil {
				t.Fatalf("practice did not fail fast: still running after 30 s")
			}
			if code != starloop.DeviceUnavailable.ExitCode() {
				t.Errorf("exit code %d, want %d (device unavailable)\nstdout: %s\nstderr: %s", code, starloop.DeviceUnavailable.ExitCode(), stdout, stderr)
			}
			lines := strings.Split(strings.TrimRight(stderr, "\n"), "\n")
			if len(lines) != 1 {
				t.Errorf("stderr has %d lines, want one:\n%s", len(lines), stderr)
			}
			msg := lines[len(lines)-1]
			t.Logf("error line: %s", msg)
			for _, want := range []string{"no usable microphone", "`starloop devices`", "`starloop demo`"} {
				if !strings.Contains(msg, want) {
					t.Errorf("error line %q does not mention %s", msg, want)
				}
			}
			if strings.TrimSpace(stdout) != "" {
				t.Errorf("stdout should be empty, got:\n%s", stdout)
			}
			// Nothing half-created: no session, not even the folder.
			if _, err := os.Stat(sessions); !errors.Is(err, os.ErrNotExist) {
				entries, _ := os.ReadDir(sessions)
				if len(entries) > 0 {
					t.Errorf("sessions folder holds %d entries after a failed start", len(entries))
				}
			}
		})
	}
}

// buildStarloop builds the starloop binary into a temporary folder and
// returns its path.
func buildStarloop(t testing.TB) string {
	t.Helper()
	bin := filepath.Join(t.TempDir(), "starloop")
	cmd := exec.Command("go", "build", "-o", bin, ".")
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	return bin
}

// TestPracticeNoInputDeviceProcess runs the binary with no devices at all
// and checks what a user sees on the terminal: one line on stderr, however
// much the C libraries below have to say, and exit code 4.
func TestPracticeNoInputDeviceProcess(t *testing.T) {
	if testing.Short() {
		t.Skip("virtual devices: skipped with -short")
	}
	bin := buildStarloop(t)
	srv := pulsetest.StartWith(t, pulsetest.Options{NoMic: true, NoSpeaker: true})
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	sessions := filepath.Join(t.TempDir(), "sessions")
	cmd := exec.CommandContext(ctx, bin, "practice", "--lp", "ownership", "--questions", "1", "--sessions", sessions)
	cmd.Env = append(os.Environ(), srv.Env()...)
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	err := cmd.Run()
	var exit *exec.ExitError
	if !errors.As(err, &exit) {
		t.Fatalf("practice: %v, want exit code 4\nstdout: %s\nstderr: %s", err, stdout.String(), stderr.String())
	}
	if exit.ExitCode() != 4 {
		t.Errorf("exit code %d, want 4\nstderr: %s", exit.ExitCode(), stderr.String())
	}
	lines := strings.Split(strings.TrimRight(stderr.String(), "\n"), "\n")
	if len(lines) != 1 {
		// ALSA and PortAudio print while the microphone is opened;
		// audio/portaudio captures their output only while it probes
		// devices (Open), not while Capture tries formats and opens the
		// stream.
		t.Errorf("stderr has %d lines, want one:\n%s", len(lines), stderr.String())
	}
	if !strings.HasPrefix(lines[len(lines)-1], "starloop: practice: no usable microphone") {
		t.Errorf("last line %q does not say that there is no usable microphone", lines[len(lines)-1])
	}
	if _, err := os.Stat(sessions); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("sessions folder created by a failed start: %v", err)
	}
}

// The candidate's answers in the fault tests: a story long enough (about
// 20 s in the rms voice) to be cut in the middle.
const faultStory = "At my last job our deploys kept failing and releases slipped every week. " +
	"I was responsible for the release pipeline, although nobody had asked me to fix it. " +
	"I dug into the logs for two weeks, found that flaky tests caused most of the failures, and I rewrote them one by one. " +
	"In the end the deploys became reliable and the whole team trusted the pipeline again."

// synthesize is text in the candidate's voice (flite rms).
func synthesize(ctx context.Context, t *testing.T, text string) []int16 {
	t.Helper()
	candidate, err := flite.New(flite.Config{Voice: "rms"})
	if err != nil {
		t.Fatal(err)
	}
	pcm, err := candidate.Synthesize(ctx, text)
	if err != nil {
		t.Fatal(err)
	}
	return pcm
}

// TestPracticeMicDies cuts the microphone while the candidate is in the
// middle of an answer: the session must end with a device error, keep the
// partial answer's recording (readable) and its record, and be listed.
func TestPracticeMicDies(t *testing.T) {
	if testing.Short() {
		t.Skip("spoken test: skipped with -short")
	}
	tests := []struct {
		name string
		kill func(context.Context, *pulsetest.Server) error
	}{
		{"microphone unplugged", func(ctx context.Context, s *pulsetest.Server) error { return s.RemoveMic(ctx) }},
		{"sound server crashed", func(_ context.Context, s *pulsetest.Server) error { return s.Crash() }},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			srv := pulsetest.Start(t)
			ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
			defer cancel()
			story := synthesize(ctx, t, faultStory)
			sessions := t.TempDir()
			out, done := startCLI(ctx, []string{"starloop", "practice", "--lp", "ownership",
				"--questions", "2", "--follow-ups", "0", "--patience", "1500ms", "--seed", "11",
				"--sessions", sessions})
			waitOutput(t, out, "listening", 1, done)
			speakCtx, stopSpeaking := context.WithCancel(ctx)
			defer stopSpeaking()
			go srv.Speak(speakCtx, story) // cut short by the fault; its error says nothing
			// Six seconds into a twenty-second answer.
			time.Sleep(6 * time.Second)
			if err := tt.kill(ctx, srv); err != nil {
				t.Fatal(err)
			}
			var err error
			select {
			case err = <-done:
			case <-ctx.Done():
				t.Fatalf("practice did not end after the fault:\n%s", out.String())
			}
			stopSpeaking()
			if k := starloop.KindOf(err); k != starloop.DeviceUnavailable {
				t.Errorf("practice ended with %v (kind %v), want kind %v\n%s", err, k, starloop.DeviceUnavailable, out.String())
			}
			t.Logf("error: %v", err)

			meta, answers := onlySession(t, sessions)
			if meta.State != session.Interrupted {
				t.Errorf("session state %v, want interrupted", meta.State)
			}
			if len(answers) != 1 {
				t.Fatalf("%d answers saved, want the partial one", len(answers))
			}
			pcm, err := audio.ReadWAVFile(filepath.Join(sessions, meta.ID, answers[0].Audio))
			if err != nil {
				t.Fatalf("partial answer: %v", err)
			}
			// At least the 6 s of the answer before the fault, less the
			// time until listening began (the candidate spoke after the
			// "listening" line) and a margin of 1 s: at least 4 s.
			got := time.Duration(len(pcm)) * time.Second / audio.SampleRate
			t.Logf("partial answer: %v recorded; transcript %q", got, answers[0].Transcript.Text)
			if got < 4*time.Second || got > 10*time.Second {
				t.Errorf("partial answer holds %v of audio, want 4 s to 10 s", got)
			}
			if answers[0].Transcript.Text == "" {
				t.Errorf("partial answer has no transcript")
			}
			checkPrivate(t, sessions)
		})
	}
}

// TestPracticeSilence: nobody answers. With --no-speech-timeout 6s the
// interviewer nudges once after 6 s of silence and, after 12 s, ends the
// session with NoSpeech (exit code 5), keeping it on disk. (The nudge
// takes about 5 s to say, and the end does not wait for it: with 2 s the
// session would end in the middle of the nudge.)
func TestPracticeSilence(t *testing.T) {
	if testing.Short() {
		t.Skip("spoken test: skipped with -short")
	}
	srv := pulsetest.Start(t)
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	speaker, err := srv.RecordSpeaker(ctx)
	if err != nil {
		t.Fatal(err)
	}
	sessions := t.TempDir()
	out, errOut := &syncBuffer{}, &syncBuffer{}
	app := newApp(&appEnv{stdin: strings.NewReader(""), stdout: out, stderr: errOut})
	runErr := app.RunContext(ctx, []string{"starloop", "practice", "--lp", "ownership",
		"--questions", "1", "--seed", "11", "--no-speech-timeout", "6s", "--sessions", sessions})
	code := report(errOut, runErr)
	said, err := speaker.Stop()
	if err != nil {
		t.Fatal(err)
	}
	if code != starloop.NoSpeech.ExitCode() {
		t.Errorf("exit code %d, want %d (no speech): %v\n%s", code, starloop.NoSpeech.ExitCode(), runErr, out.String())
	}
	t.Logf("stderr: %s", errOut.String())
	if n := strings.Count(errOut.String(), "\n"); n != 1 {
		t.Errorf("stderr has %d lines, want one:\n%s", n, errOut.String())
	}

	// The nudge was said, once, and reached the speaker.
	nudge := interviewer.DefaultConfig().Lines.Nudge
	if n := strings.Count(out.String(), nudge); n != 1 {
		t.Errorf("the nudge %q was shown %d times, want once:\n%s", nudge, n, out.String())
	}
	rec, err := pocketsphinx.New(pocketsphinx.Config{})
	if err != nil {
		t.Fatal(err)
	}
	defer rec.Close()
	heard, err := rec.Transcribe(ctx, said)
	if err != nil {
		t.Fatal(err)
	}
	w := werWithin(nudge, heard.Text)
	t.Logf("speaker: %q; nudge WER %.2f", heard.Text, w)
	if w > 0.4 {
		t.Errorf("the speaker did not say the nudge %q (WER %.2f)", nudge, w)
	}

	metas, err := session.List(sessions)
	if err != nil || len(metas) != 1 {
		t.Fatalf("sessions: %v, %v", metas, err)
	}
	if metas[0].State != session.Interrupted {
		t.Errorf("session state %v, want interrupted", metas[0].State)
	}
	checkPrivate(t, sessions)
}

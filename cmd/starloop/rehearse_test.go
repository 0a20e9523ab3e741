package main

import (
	"context"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/starloop/starloop/audio"
	"github.com/starloop/starloop/interviewer"
	"github.com/starloop/starloop/rehearse"
	"github.com/starloop/starloop/speech/flite"
	"github.com/starloop/starloop/speech/pocketsphinx"
)

// TestRehearseWAV rehearses a three-point script from a recording in which
// a flite voice says the first and third points in other words and leaves
// out the second; then rehearses again saying all three, and checks the
// history shows recall rising from 2 of 3 to 3 of 3.
func TestRehearseWAV(t *testing.T) {
	if testing.Short() {
		t.Skip("transcribes speech: skipped with -short")
	}
	ctx := context.Background()
	dir := t.TempDir()
	script := filepath.Join(dir, "intro.md")
	if err := os.WriteFile(script, []byte("# Intro\n- I have worked in payments for eight years.\n- I led the billing migration to the cloud.\n- I want to work on larger systems at Amazon.\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	voice, err := flite.New(flite.Config{Voice: "rms"})
	if err != nil {
		t.Fatal(err)
	}
	record := func(name, text string) string {
		t.Helper()
		pcm, err := voice.Synthesize(ctx, text)
		if err != nil {
			t.Fatal(err)
		}
		path := filepath.Join(dir, name)
		if err := writeWAV(path, pcm); err != nil {
			t.Fatal(err)
		}
		return path
	}
	partial := record("one.wav", "Hello. For eight years I have worked in payments. Now I want to work on larger systems, at Amazon.")
	full := record("two.wav", "Hello. I have worked in payments for eight years. I led the billing migration to the cloud. Now I want to work on larger systems at Amazon.")
	sessions := filepath.Join(dir, "data", "sessions")

	run := func(args ...string) string {
		t.Helper()
		out := &syncBuffer{}
		app := newApp(&appEnv{stdin: strings.NewReader(""), stdout: out, stderr: out})
		if err := app.RunContext(ctx, append([]string{"starloop", "rehearse", "--sessions", sessions}, args...)); err != nil {
			t.Fatalf("rehearse %v: %v\n%s", args, err, out.String())
		}
		t.Logf("rehearse %v:\n%s", args, out.String())
		return out.String()
	}
	if out := run("--wav", partial, script); !strings.Contains(out, "Key points said: 2 of 3") || !strings.Contains(out, "  2. I led the billing migration") {
		t.Errorf("first run: want points 1 and 3 said, 2 missed")
	}
	if out := run("--wav", full, script); !strings.Contains(out, "Key points said: 3 of 3") {
		t.Errorf("second run: want all 3 points said")
	}
	out := run("--history", script)
	if !strings.Contains(out, "Recall +33 points over 2 runs (67% to 100%).") {
		t.Errorf("history does not show recall rising from 2/3 to 3/3")
	}
	info, err := os.Stat(filepath.Join(dir, "data", historyName))
	if err != nil {
		t.Fatal(err)
	}
	if info.Mode().Perm() != 0o600 {
		t.Errorf("history mode %v, want 0600", info.Mode().Perm())
	}
	if _, err := audio.ReadWAVFile(partial); err != nil {
		t.Fatal(err)
	}
}

func TestRehearseBadInput(t *testing.T) {
	dir := t.TempDir()
	empty := filepath.Join(dir, "empty.md")
	os.WriteFile(empty, []byte("# nothing here\n"), 0o600)
	tests := []struct {
		name string
		args []string
		want string
	}{
		{"no script", nil, "give one SCRIPT"},
		{"missing script", []string{filepath.Join(dir, "nope.md")}, "no script at"},
		{"no key points", []string{empty}, "no key points"},
		{"missing recording", []string{"--wav", filepath.Join(dir, "nope.wav"), empty}, "no key points"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			out := &syncBuffer{}
			app := newApp(&appEnv{stdin: strings.NewReader(""), stdout: out, stderr: out})
			err := app.RunContext(context.Background(), append([]string{"starloop", "rehearse", "--sessions", filepath.Join(dir, "s")}, tt.args...))
			if err == nil || !strings.Contains(err.Error(), tt.want) || strings.Contains(err.Error(), "\n") {
				t.Errorf("error %v, want one line with %q", err, tt.want)
			}
		})
	}
}

// pcmMic is a Microphone that plays a clip, then reports io.EOF.
type pcmMic struct{ pcm []int16 }

func (m *pcmMic) ReadFrame(f audio.Frame) error {
	if len(m.pcm) == 0 {
		return io.EOF
	}
	n := copy(f, m.pcm)
	clear(f[n:])
	m.pcm = m.pcm[n:]
	return nil
}

// TestRehearseLiveCue plays a run into the live loop: the first key point,
// a 6 s silence (the speaker is stuck), then the third point. With cues
// after 4 s, the second point, the first not yet said, must be shown once,
// during the silence; the transcript must then hold both points said.
func TestRehearseLiveCue(t *testing.T) {
	if testing.Short() {
		t.Skip("transcribes speech: skipped with -short")
	}
	ctx := context.Background()
	points, err := rehearse.ParseScript("- I have worked in payments for eight years.\n- I led the billing migration to the cloud.\n- I want to work on larger systems at Amazon.\n")
	if err != nil {
		t.Fatal(err)
	}
	voice, err := flite.New(flite.Config{Voice: "rms"})
	if err != nil {
		t.Fatal(err)
	}
	one, err := voice.Synthesize(ctx, "I have worked in payments for eight years.")
	if err != nil {
		t.Fatal(err)
	}
	three, err := voice.Synthesize(ctx, "Now I want to work on larger systems at Amazon.")
	if err != nil {
		t.Fatal(err)
	}
	var clip []int16
	clip = append(clip, one...)
	clip = append(clip, make([]int16, 6*audio.SampleRate)...)
	clip = append(clip, three...)
	clip = append(clip, make([]int16, 2*audio.SampleRate)...)

	rec, err := pocketsphinx.New(pocketsphinx.Config{})
	if err != nil {
		t.Fatal(err)
	}
	defer rec.Close()
	out := &syncBuffer{}
	live := rehearse.Live{Mic: &pcmMic{pcm: clip}, Transcriber: interviewer.TranscriberOf(rec.Start), Out: out, Points: points, Cues: true,
		CueAfter: 4 * time.Second, EndSilence: 10 * time.Second, Max: time.Minute}
	tr, err := live.Run(ctx)
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("heard %q\n%s", tr.Text, out.String())
	if n := strings.Count(out.String(), "Cue ("); n != 1 || !strings.Contains(out.String(), "Cue (2): I led the billing migration") {
		t.Errorf("cues shown:\n%s\nwant one, for point 2", out.String())
	}
	res := rehearse.Measure(points, tr, rehearse.Options{})
	if res.Said != 2 || res.Points[1].Said {
		t.Errorf("said %d points (point 2 said: %v), want points 1 and 3", res.Said, res.Points[1].Said)
	}
	if len(res.Stalls) != 1 || res.Stalls[0].Cue != 2 || res.Stalls[0].Length < 6*time.Second || res.Stalls[0].Length > 8*time.Second {
		t.Errorf("stalls %+v, want one of 6 to 8 s (6 s of silence and the voice's own pauses) cueing point 2", res.Stalls)
	}
}

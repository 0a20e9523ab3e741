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
		if err := audio.WriteWAVFile(path, pcm); err != nil {
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
	info, err := os.Stat(filepath.Join(dir, "data", rehearse.HistoryName))
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
	tk, err := live.Run(ctx)
	if err != nil {
		t.Fatal(err)
	}
	tr := tk.Transcript
	t.Logf("heard %q\n%s", tr.Text, out.String())
	if n := strings.Count(out.String(), "Cue ("); n != 1 || !strings.Contains(out.String(), "Cue (2): I led the billing migration") {
		t.Errorf("cues shown:\n%s\nwant one, for point 2", out.String())
	}
	res := rehearse.MeasureTake(points, tk, rehearse.Options{})
	if res.Said != 2 || res.Points[1].Said {
		t.Errorf("said %d points (point 2 said: %v), want points 1 and 3", res.Said, res.Points[1].Said)
	}
	if len(res.Stalls) != 1 || res.Stalls[0].Cue != 2 || res.Stalls[0].Length < 6*time.Second || res.Stalls[0].Length > 8*time.Second {
		t.Errorf("stalls %+v, want one of 6 to 8 s (6 s of silence and the voice's own pauses) cueing point 2", res.Stalls)
	}
}

// keyMic is a live microphone: it plays a clip, then silence for ever.
// When it has delivered at samples of it, it presses Enter on keys: the
// frames read before then are what the speaker had said by the key.
type keyMic struct {
	pcm  []int16
	pos  int
	at   int
	keys chan byte
}

func (m *keyMic) ReadFrame(f audio.Frame) error {
	if m.pos >= m.at && m.keys != nil {
		m.keys <- '\n'
		m.keys = nil
	}
	clear(f)
	if m.pos < len(m.pcm) {
		copy(f, m.pcm[m.pos:])
	}
	m.pos += len(f)
	return nil
}

// rehearseClip synthesizes the lines with a flite voice, each followed by
// the given seconds of silence.
func rehearseClip(t *testing.T, lines []string, gaps []float64) []int16 {
	t.Helper()
	voice, err := flite.New(flite.Config{Voice: "rms"})
	if err != nil {
		t.Fatal(err)
	}
	var clip []int16
	for i, l := range lines {
		pcm, err := voice.Synthesize(context.Background(), l)
		if err != nil {
			t.Fatal(err)
		}
		clip = append(clip, pcm...)
		clip = append(clip, make([]int16, int(gaps[i]*audio.SampleRate))...)
	}
	return clip
}

const rehearseScript = "- I have worked in payments for eight years.\n- I led the billing migration to the cloud.\n- I want to work on larger systems at Amazon.\n"

// TestRehearseEnterKeepsLastSentence: the speaker says the first and the
// third point and presses Enter 0.2 s after the last word. The frames
// heard by then wait for the transcriber (it is slower than a live
// microphone hands them over); Enter must not drop them: "amazon", the
// last word said, is in the transcript and the third point counts as said.
func TestRehearseEnterKeepsLastSentence(t *testing.T) {
	if testing.Short() {
		t.Skip("transcribes speech: skipped with -short")
	}
	points, err := rehearse.ParseScript(rehearseScript)
	if err != nil {
		t.Fatal(err)
	}
	clip := rehearseClip(t, []string{"I have worked in payments for eight years.", "Now I want to work on larger systems at Amazon."}, []float64{1, 0})
	keys := make(chan byte, 1)
	mic := &keyMic{pcm: clip, at: len(clip) + audio.SampleRate/5, keys: keys}
	rec, err := pocketsphinx.New(pocketsphinx.Config{})
	if err != nil {
		t.Fatal(err)
	}
	defer rec.Close()
	out := &syncBuffer{}
	live := rehearse.Live{Mic: mic, Keys: keys, Transcriber: interviewer.TranscriberOf(rec.Start), Out: out, Points: points,
		EndSilence: 10 * time.Second, Max: time.Minute}
	tk, err := live.Run(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	res := rehearse.MeasureTake(points, tk, rehearse.Options{})
	t.Logf("heard %q\n%s", tk.Transcript.Text, res.Report())
	if !strings.Contains(tk.Transcript.Text, "amazon") {
		t.Errorf("the last word said, amazon, is not in the transcript")
	}
	if res.Said != 2 || !res.Points[0].Said || !res.Points[2].Said {
		t.Errorf("said %d points, want points 1 and 3", res.Said)
	}
	// Played: 8 + 10 words, with a 1 s pause between the sentences (no
	// stall: a stall is 2.5 s).
	if res.Words < 16 || res.Words > 20 || len(res.Stalls) != 0 {
		t.Errorf("%d words and %d stalls, want 18 words (give or take two) and none", res.Words, len(res.Stalls))
	}
}

// TestRehearseCueIsAStall: the speaker says the first point, is stuck for
// 6 s (a cue for point 2 is shown after 4 s), and presses Enter without
// saying more. No word follows the pause, yet the cue was shown: the
// report must list one stall, with the cue for point 2.
func TestRehearseCueIsAStall(t *testing.T) {
	if testing.Short() {
		t.Skip("transcribes speech: skipped with -short")
	}
	points, err := rehearse.ParseScript(rehearseScript)
	if err != nil {
		t.Fatal(err)
	}
	clip := rehearseClip(t, []string{"I have worked in payments for eight years."}, []float64{0})
	keys := make(chan byte, 1)
	mic := &keyMic{pcm: clip, at: len(clip) + 6*audio.SampleRate, keys: keys}
	rec, err := pocketsphinx.New(pocketsphinx.Config{})
	if err != nil {
		t.Fatal(err)
	}
	defer rec.Close()
	out := &syncBuffer{}
	live := rehearse.Live{Mic: mic, Keys: keys, Transcriber: interviewer.TranscriberOf(rec.Start), Out: out, Points: points,
		Cues: true, CueAfter: 4 * time.Second, EndSilence: 10 * time.Second, Max: time.Minute, Redraw: true}
	tk, err := live.Run(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	res := rehearse.MeasureTake(points, tk, rehearse.Options{})
	report := res.Report()
	t.Logf("heard %q\n%s", tk.Transcript.Text, report)
	if len(tk.Cues) != 1 || tk.Cues[0].Point != 2 {
		t.Fatalf("cues shown %+v, want one for point 2", tk.Cues)
	}
	if len(res.Stalls) != 1 || res.Stalls[0].Cue != 2 || strings.Contains(report, "No stalls") {
		t.Fatalf("stalls %+v, want the one the cue was shown in", res.Stalls)
	}
	if res.Words < 7 || res.Words > 9 {
		t.Errorf("%d words, want the 8 played, give or take one", res.Words)
	}
	// The pause runs from the last word (the end of the clip, give or take
	// the recogniser's word ends) to the end of the take, 6 s later and
	// however much of the silence was read before Enter was taken.
	if s := res.Stalls[0]; s.Length < 5*time.Second || s.Length > 8*time.Second {
		t.Errorf("stall of %v, want about 6 s", s.Length)
	}
	// The live line, as in practice: state, time, meter, words heard.
	if !strings.Contains(out.String(), "\rlistening    0:01 [") || !strings.Contains(out.String(), "pause") {
		t.Errorf("no live line with the time and the level:\n%q", out.String())
	}
}

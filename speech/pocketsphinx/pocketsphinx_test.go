package pocketsphinx

import (
	"context"
	"os/exec"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/starloop/starloop"
	"github.com/starloop/starloop/audio"
	"github.com/starloop/starloop/speech/wer"
)

// checkTimes fails unless every word has Start < End, each word ends before
// the next starts, and all lie within the audio.
func checkTimes(t *testing.T, tr starloop.Transcript, length time.Duration) {
	t.Helper()
	if len(tr.Words) == 0 {
		t.Fatalf("no words in %q", tr.Text)
	}
	var prevEnd time.Duration
	for i, w := range tr.Words {
		if w.Start < prevEnd || w.End <= w.Start || w.End > length {
			t.Errorf("word %d %q at %v-%v: want %v <= start < end <= %v", i, w.Text, w.Start, w.End, prevEnd, length)
		}
		prevEnd = w.End
	}
	if got := starloop.TextFromWords(tr.Words); got != tr.Text {
		t.Errorf("Text %q is not the words joined, %q", tr.Text, got)
	}
}

// soxSpeechSpan asks sox where the first and last sound louder than 1% of
// full scale, held 20 ms, lie in the file.
func soxSpeechSpan(t *testing.T, path string) (onset, end time.Duration) {
	t.Helper()
	if _, err := exec.LookPath("sox"); err != nil {
		t.Skip("sox is not installed (scripts/install-deps.sh installs it)")
	}
	length := func(args ...string) time.Duration {
		out, err := exec.Command("sox", append([]string{path, "-n"}, append(args, "stat")...)...).CombinedOutput()
		if err != nil {
			t.Fatalf("sox %v: %v\n%s", args, err, out)
		}
		for line := range strings.Lines(string(out)) {
			if v, ok := strings.CutPrefix(line, "Length (seconds):"); ok {
				s, err := strconv.ParseFloat(strings.TrimSpace(v), 64)
				if err != nil {
					t.Fatal(err)
				}
				return time.Duration(s * float64(time.Second))
			}
		}
		t.Fatalf("no length in sox output:\n%s", out)
		return 0
	}
	total := length()
	return total - length("silence", "1", "0.02", "1%"), length("reverse", "silence", "1", "0.02", "1%")
}

func TestWordTimes(t *testing.T) {
	utts := loadCorpus(t)
	dir := speechDir(t)
	r := newRecognizer(t, Config{})
	for _, u := range utts {
		t.Run(u.id, func(t *testing.T) {
			onset, end := soxSpeechSpan(t, filepath.Join(dir, u.id+".wav"))
			modes := []string{"batch"}
			if onset > 200*time.Millisecond {
				// Streams map times the same way; try them where the
				// recording starts with silence for the detector to drop.
				modes = append(modes, "stream")
			}
			for _, mode := range modes {
				var tr starloop.Transcript
				if mode == "batch" {
					var err error
					if tr, err = r.Transcribe(context.Background(), u.pcm); err != nil {
						t.Fatal(err)
					}
				} else {
					tr = stream(t, r, u.pcm, audio.FrameSize)
				}
				checkTimes(t, tr, u.duration())
				first, last := tr.Words[0], tr.Words[len(tr.Words)-1]
				t.Logf("%s: first word %q at %v (sox onset %v), last %q ends %v (sox end %v)",
					mode, first.Text, first.Start, onset, last.Text, last.End, end)
				if d := first.Start - onset; d < -100*time.Millisecond || d > 100*time.Millisecond {
					t.Errorf("%s: first word starts at %v; sox hears sound from %v", mode, first.Start, onset)
				}
				// When sox finds the recording ends in silence, the last
				// word must end near where the sound does.
				if end < u.duration()-50*time.Millisecond {
					if d := last.End - end; d < -300*time.Millisecond || d > 300*time.Millisecond {
						t.Errorf("%s: last word ends at %v; sox hears sound until %v", mode, last.End, end)
					}
				}
			}
		})
	}
}

// faintNoise is n samples of quiet white noise (at most ±amp), the same
// every time: a stand-in for a silent room.
func faintNoise(n, amp int) []int16 {
	pcm := make([]int16, n)
	x := uint32(12345)
	for i := range pcm {
		x = x*1103515245 + 12345
		pcm[i] = int16(int(x>>16)%(2*amp+1) - amp)
	}
	return pcm
}

func TestSilenceKeepsTimes(t *testing.T) {
	jfk := recording(t, "jfk")
	r := newRecognizer(t, Config{})
	base, err := r.Transcribe(context.Background(), jfk.pcm)
	if err != nil {
		t.Fatal(err)
	}
	// 2 s of quiet before the recording, and 3 s more in the pause after
	// "fellow americans", at 2.35 s: sox stat on jfk.wav trimmed to
	// 2.2-2.5 s finds nothing above 1% of full scale. The detector drops
	// most of that silence; the times must not.
	cut := 2350 * SampleRate / 1000
	pcm := slices.Concat(faintNoise(2*SampleRate, 20), jfk.pcm[:cut], faintNoise(3*SampleRate, 20), jfk.pcm[cut:])
	padded, err := r.Transcribe(context.Background(), pcm)
	if err != nil {
		t.Fatal(err)
	}
	checkTimes(t, padded, time.Duration(len(pcm))*time.Second/SampleRate)
	if len(padded.Words) != len(base.Words) {
		t.Fatalf("with silence added, %d words (%q); without, %d (%q)", len(padded.Words), padded.Text, len(base.Words), base.Text)
	}
	const tolerance = 30 * time.Millisecond // three frames
	for i, w := range base.Words {
		shift := 2 * time.Second
		if w.Start >= 2350*time.Millisecond {
			shift += 3 * time.Second
		}
		p := padded.Words[i]
		if d := p.Start - w.Start - shift; d < -tolerance || d > tolerance {
			t.Errorf("word %d %q starts at %v, with silence added at %v: moved %v, want %v", i, w.Text, w.Start, p.Start, p.Start-w.Start, shift)
		}
		if d := p.End - w.End - shift; d < -tolerance || d > tolerance {
			t.Errorf("word %d %q ends at %v, with silence added at %v: moved %v, want %v", i, w.Text, w.End, p.End, p.End-w.End, shift)
		}
	}
}

func TestNewErrors(t *testing.T) {
	tests := []struct {
		name string
		cfg  Config
		kind starloop.Kind
		want string // in the message
	}{
		{"no model dir", Config{ModelDir: "/nonexistent/en-us"}, starloop.NotFound, "pocketsphinx-en-us"},
		{"no language model", Config{LM: "/nonexistent/en-us.lm.bin"}, starloop.NotFound, "/nonexistent/en-us.lm.bin"},
		{"no dictionary", Config{Dict: "/nonexistent/cmudict"}, starloop.NotFound, "pronunciation dictionary"},
		{"unknown option", Config{Options: map[string]string{"-nosuchoption": "1"}}, starloop.Invalid, "-nosuchoption"},
		{"option without dash", Config{Options: map[string]string{"beam": "1e-48"}}, starloop.Invalid, `"beam"`},
		{"short cmninit", Config{Options: map[string]string{"-cmninit": "40,3"}}, starloop.Invalid, "13"},
		{"bad cmninit", Config{Options: map[string]string{"-cmninit": "40,x"}}, starloop.Invalid, `"x"`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r, err := New(tt.cfg)
			if err == nil {
				r.Close()
				t.Fatal("New succeeded")
			}
			msg := err.Error()
			if starloop.KindOf(err) != tt.kind || !strings.Contains(msg, tt.want) || strings.Contains(msg, "\n") {
				t.Errorf("New: %v (kind %v); want one line of kind %v mentioning %s", err, starloop.KindOf(err), tt.kind, tt.want)
			}
		})
	}
}

func TestNoSpeech(t *testing.T) {
	r := newRecognizer(t, Config{})
	ctx := context.Background()
	inputs := []struct {
		name string
		pcm  []int16
	}{
		{"nothing", nil},
		{"a few samples", faintNoise(100, 20)},
		{"digital silence", make([]int16, 2*SampleRate)},
		{"quiet room", faintNoise(3*SampleRate, 20)},
	}
	for _, in := range inputs {
		t.Run(in.name, func(t *testing.T) {
			tr, err := r.Transcribe(ctx, in.pcm)
			if err != nil || tr.Text != "" || len(tr.Words) != 0 {
				t.Errorf("Transcribe = %+v, %v; want an empty transcript and no error", tr, err)
			}
			tr = stream(t, r, in.pcm, audio.FrameSize)
			if tr.Text != "" || len(tr.Words) != 0 {
				t.Errorf("stream = %+v; want an empty transcript", tr)
			}
		})
	}
}

// warmRecognizer loads a model and transcribes pcm once, as a microphone
// check would: the first answer from a cold start is the least accurate
// (see TestDevSetWER), and these tests are about something else.
func warmRecognizer(t *testing.T, pcm []int16) *Recognizer {
	t.Helper()
	r := newRecognizer(t, Config{})
	if _, err := r.Transcribe(context.Background(), pcm); err != nil {
		t.Fatal(err)
	}
	return r
}

// TestStreamWrites feeds the same answer in pieces of different sizes: a
// Stream must take any length, however it splits the front end's frames.
func TestStreamWrites(t *testing.T) {
	u := recording(t, "LJ001-0004") // 5.1 s
	var want string
	for _, chunk := range []int{audio.FrameSize, 7, 4096, len(u.pcm)} {
		t.Run(strconv.Itoa(chunk), func(t *testing.T) {
			r := warmRecognizer(t, u.pcm)
			tr := stream(t, r, u.pcm, chunk)
			checkTimes(t, tr, u.duration())
			e, n := wer.Score(u.ref, tr.Text)
			t.Logf("%d/%d errors: %s", e, n, tr.Text)
			if wer.Rate(e, n) > werBar {
				t.Errorf("WER %d/%d is above %.0f%%", e, n, 100*werBar)
			}
			// Up to a frame, the first second of speech is held back
			// whatever the writes, so small writes give the same words.
			if want == "" {
				want = tr.Text
			} else if chunk <= audio.FrameSize && tr.Text != want {
				t.Errorf("with %d-sample writes: %q; with %d: %q", chunk, tr.Text, audio.FrameSize, want)
			}
		})
	}
}

func TestPartial(t *testing.T) {
	u := recording(t, "jfk")
	r := warmRecognizer(t, u.pcm)
	s, err := r.Start(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	// Until a second of speech has been heard, nothing is searched: the
	// detector keeps at most 80 frames of the first 0.8 s.
	early := 800 * SampleRate / 1000
	if err := s.Write(u.pcm[:early]); err != nil {
		t.Fatal(err)
	}
	if p := s.Partial(); p != "" {
		t.Errorf("Partial after 0.8 s = %q; want nothing yet", p)
	}
	for i := early; i < len(u.pcm); i += audio.FrameSize {
		if err := s.Write(u.pcm[i:min(i+audio.FrameSize, len(u.pcm))]); err != nil {
			t.Fatal(err)
		}
	}
	partial := s.Partial()
	tr, err := s.Finish()
	if err != nil {
		t.Fatal(err)
	}
	// The partial result comes from the first pass alone, before the
	// lattice is rescored, so some words change at the end; most do not.
	e, n := wer.Score(tr.Text, partial)
	t.Logf("last partial %q, %d/%d words off the final %q", partial, e, n, tr.Text)
	if partial == "" || wer.Rate(e, n) > 0.5 {
		t.Errorf("last Partial %q is %d/%d words off the final %q", partial, e, n, tr.Text)
	}
	if p := s.Partial(); p != "" {
		t.Errorf("Partial after Finish = %q; want empty", p)
	}
}

func TestOneUtteranceAtATime(t *testing.T) {
	ctx := context.Background()
	u := recording(t, "LJ001-0002") // 1.9 s
	r := newRecognizer(t, Config{})
	s, err := r.Start(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := r.Transcribe(ctx, u.pcm); err == nil || !strings.Contains(err.Error(), "busy") {
		t.Errorf("Transcribe with a stream open: %v; want busy", err)
	}
	if _, err := r.Start(ctx); err == nil || !strings.Contains(err.Error(), "busy") {
		t.Errorf("second Start: %v; want busy", err)
	}
	if err := s.Write(u.pcm); err != nil {
		t.Fatal(err)
	}
	if _, err := s.Finish(); err != nil {
		t.Fatal(err)
	}
	if _, err := s.Finish(); err == nil {
		t.Error("second Finish succeeded")
	}
	if err := s.Write(u.pcm); err == nil {
		t.Error("Write after Finish succeeded")
	}
	if err := s.Close(); err != nil {
		t.Errorf("Close after Finish: %v", err)
	}
	// Free again: an abandoned stream frees it too.
	s, err = r.Start(ctx)
	if err != nil {
		t.Fatal(err)
	}
	s.Close()
	if _, err := r.Transcribe(ctx, u.pcm); err != nil {
		t.Errorf("Transcribe after the stream was closed: %v", err)
	}
	// Closing the Recognizer abandons an open stream.
	s, err = r.Start(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if err := r.Close(); err != nil {
		t.Fatal(err)
	}
	if err := s.Write(u.pcm); err == nil {
		t.Error("Write after Recognizer.Close succeeded")
	}
	if _, err := s.Finish(); err == nil {
		t.Error("Finish after Recognizer.Close succeeded")
	}
	if _, err := r.Transcribe(ctx, u.pcm); err == nil || !strings.Contains(err.Error(), "closed") {
		t.Errorf("Transcribe after Close: %v; want closed", err)
	}
	if err := r.Close(); err != nil {
		t.Errorf("second Close: %v", err)
	}
}

func TestCanceled(t *testing.T) {
	u := recording(t, "jfk")
	r := newRecognizer(t, Config{})
	done, cancel := context.WithCancel(context.Background())
	cancel()
	isCanceled := func(what string, err error) {
		t.Helper()
		if !starloop.IsKind(err, starloop.Canceled) {
			t.Errorf("%s: %v; want a Canceled error", what, err)
		}
	}
	_, err := r.Transcribe(done, u.pcm)
	isCanceled("Transcribe", err)
	_, err = r.Start(done)
	isCanceled("Start", err)

	ctx, cancel := context.WithCancel(context.Background())
	s, err := r.Start(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if err := s.Write(u.pcm[:SampleRate]); err != nil {
		t.Fatal(err)
	}
	cancel()
	isCanceled("Write", s.Write(u.pcm[SampleRate:]))
	_, err = s.Finish()
	isCanceled("Finish", err)

	// A long decode stops between seconds of audio: a minute of speech
	// takes some 20 s, and the context ends after a tenth of one.
	long := slices.Concat(u.pcm, u.pcm, u.pcm, u.pcm, u.pcm, u.pcm)
	ctx, cancel = context.WithTimeout(context.Background(), 100*time.Millisecond)
	defer cancel()
	_, err = r.Transcribe(ctx, long)
	isCanceled("Transcribe of a minute", err)

	// And the Recognizer is free afterwards.
	if _, err := r.Transcribe(context.Background(), u.pcm[:SampleRate]); err != nil {
		t.Errorf("Transcribe after cancellations: %v", err)
	}
}

func TestFillersAndAlternates(t *testing.T) {
	tests := []struct {
		word   string
		filler bool
		base   string
	}{
		{"<s>", true, "<s>"},
		{"</s>", true, "</s>"},
		{"<sil>", true, "<sil>"},
		{"[NOISE]", true, "[NOISE]"},
		{"[SPEECH]", true, "[SPEECH]"},
		{"++UH++", true, "++UH++"},
		{"", true, ""},
		{"read", false, "read"},
		{"read(2)", false, "read"},
		{"and(12)", false, "and"},
		{"(2)", false, "(2)"}, // not a marker: nothing before it
		{"don't", false, "don't"},
	}
	for _, tt := range tests {
		if got := isFiller(tt.word); got != tt.filler {
			t.Errorf("isFiller(%q) = %v; want %v", tt.word, got, tt.filler)
		}
		if got := baseWord(tt.word); got != tt.base {
			t.Errorf("baseWord(%q) = %q; want %q", tt.word, got, tt.base)
		}
	}
}

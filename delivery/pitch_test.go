package delivery

import (
	"math"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"testing"

	"github.com/starloop/starloop/audio"
)

// synth renders a voice-like tone at 16 kHz: a fundamental that follows
// freq(t) (t in seconds from the start) with harmonics up to 3 kHz falling
// off as 1/k, at amplitude amp of full scale. Phase is integrated sample
// by sample, so a glide has exactly the instantaneous frequency asked.
func synth(seconds float64, amp float64, freq func(t float64) float64) []int16 {
	n := int(seconds * audio.SampleRate)
	out := make([]int16, n)
	var phase float64
	for i := range out {
		f := freq(float64(i) / audio.SampleRate)
		var v, norm float64
		for k := 1; float64(k)*f < 3000; k++ {
			v += math.Sin(float64(k)*phase) / float64(k)
			norm += 1 / float64(k)
		}
		out[i] = int16(amp * 32767 * v / norm)
		phase += 2 * math.Pi * f / audio.SampleRate
	}
	return out
}

func constant(hz float64) func(float64) float64 { return func(float64) float64 { return hz } }

// semitones between a and b.
func semitones(a, b float64) float64 { return 12 * math.Log2(b/a) }

func TestTrackPitchTones(t *testing.T) {
	for _, hz := range []float64{80, 120, 220, 330, 440} {
		pcm := synth(2, 0.5, constant(hz))
		p := Summarize(TrackPitch(pcm, PitchConfig{}), DefaultMonotoneSemitones)
		// 2 s = 100 frames. Each needs 256 + 230 samples (30.4 ms) from its
		// start: the frame at 1.98 s lacks them, the one at 1.96 s has them.
		if p.Frames != 100 || p.Voiced != 99 {
			t.Errorf("%v Hz: %d of %d frames voiced, want 99 of 100", hz, p.Voiced, p.Frames)
		}
		// Within 0.5% (under a tenth of a semitone) at every percentile.
		for _, got := range []float64{p.P10Hz, p.MedianHz, p.P90Hz} {
			if math.Abs(got-hz)/hz > 0.005 {
				t.Errorf("%v Hz: tracked %.2f Hz", hz, got)
			}
		}
		if p.SpreadSemitones > 0.1 || !p.Monotone {
			t.Errorf("%v Hz: spread %.3f st, monotone %v; want ~0 and monotone", hz, p.SpreadSemitones, p.Monotone)
		}
	}
}

func TestTrackPitchGlide(t *testing.T) {
	// An exponential glide 150 -> 300 Hz over 4 s moves 12 semitones at a
	// constant 3 st/s, so the semitone values of the frames are uniform over
	// [0, 12]: the 10th percentile is 1.2 st and the 90th 10.8 st above
	// 150 Hz, i.e. 160.9 Hz and 279.7 Hz, a spread of 9.6 st.
	pcm := synth(4, 0.5, func(t float64) float64 { return 150 * math.Pow(2, t/4) })
	p := Summarize(TrackPitch(pcm, PitchConfig{}), DefaultMonotoneSemitones)
	// Each frame's estimate describes its 16 ms window, a few ms after the
	// frame start; allow 0.15 st.
	if d := semitones(150*math.Pow(2, 1.2/12), p.P10Hz); math.Abs(d) > 0.15 {
		t.Errorf("P10 = %.2f Hz, %.2f st off 160.9 Hz", p.P10Hz, d)
	}
	if d := semitones(150*math.Pow(2, 10.8/12), p.P90Hz); math.Abs(d) > 0.15 {
		t.Errorf("P90 = %.2f Hz, %.2f st off 279.7 Hz", p.P90Hz, d)
	}
	if math.Abs(p.SpreadSemitones-9.6) > 0.2 || p.Monotone {
		t.Errorf("spread %.2f st, monotone %v; want 9.6 st, not monotone", p.SpreadSemitones, p.Monotone)
	}
}

func TestTrackPitchUnvoiced(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	noise := make([]int16, 2*audio.SampleRate)
	for i := range noise {
		noise[i] = int16(rng.NormFloat64() * 3000)
	}
	tests := []struct {
		name      string
		pcm       []int16
		maxVoiced int
	}{
		{"digital silence", make([]int16, 2*audio.SampleRate), 0},
		{"quiet hum under -50 dBFS", synth(2, 0.002, constant(120)), 0},
		{"white noise", noise, 5}, // 5 of 100 frames: chance dips
		{"too short to analyse", synth(0.03, 0.5, constant(120)), 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p := Summarize(TrackPitch(tt.pcm, PitchConfig{}), DefaultMonotoneSemitones)
			if p.Voiced > tt.maxVoiced || p.Monotone {
				t.Errorf("%d voiced frames, monotone %v; want at most %d, not monotone", p.Voiced, p.Monotone, tt.maxVoiced)
			}
		})
	}
}

// syllables is tone-speech: 200 ms syllables at the given pitches, each
// followed by 100 ms of silence, repeated reps times.
func syllables(reps int, pitches ...float64) []int16 {
	var out []int16
	for range reps {
		for _, hz := range pitches {
			out = append(out, synth(0.2, 0.4, constant(hz))...)
			out = append(out, make([]int16, audio.SampleRate/10)...)
		}
	}
	return out
}

func TestMonotoneVersusExpressive(t *testing.T) {
	// Expressive: equal numbers of syllables at 0, 2, 4, 6 and 8 semitones
	// above 100 Hz. Each pitch holds a fifth of the voiced frames, so the
	// 10th percentile falls among the lowest fifth (0 st) and the 90th
	// among the highest (8 st): a spread of 8 semitones.
	var steps []float64
	for st := 0.0; st <= 8; st += 2 {
		steps = append(steps, 100*math.Pow(2, st/12))
	}
	tests := []struct {
		name     string
		pcm      []int16
		spread   float64
		monotone bool
	}{
		{"monotone at 120 Hz", syllables(8, 120, 120, 120, 120, 120), 0, true},
		{"a 1.5 st wobble is still flat", syllables(8, 120, 120*math.Pow(2, 1.5/12)), 1.5, true},
		{"five pitches over 8 st", syllables(8, steps...), 8, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p := Summarize(TrackPitch(tt.pcm, PitchConfig{}), DefaultMonotoneSemitones)
			if math.Abs(p.SpreadSemitones-tt.spread) > 0.15 || p.Monotone != tt.monotone {
				t.Errorf("spread %.2f st, monotone %v (%d voiced); want %.2f st, %v", p.SpreadSemitones, p.Monotone, p.Voiced, tt.spread, tt.monotone)
			}
		})
	}
}

// TestFlatVersusExpressiveReading reads a sentence with flite, then makes
// an expressive version with sox by shifting alternate quarter-second
// segments up and down four semitones. The reading's own contour is what
// flite gives; the shifted one must spread wider by several semitones and
// must not read as monotone.
func TestFlatVersusExpressiveReading(t *testing.T) {
	for _, tool := range []string{"flite", "sox"} {
		if _, err := exec.LookPath(tool); err != nil {
			t.Skipf("%s not installed (scripts/install-deps.sh)", tool)
		}
	}
	dir := t.TempDir()
	raw := filepath.Join(dir, "raw.wav")
	flat := filepath.Join(dir, "flat.wav")
	run(t, "flite", "-voice", "kal", "-t", "I moved the nightly build to a cache and cut the time from forty minutes to nine.", "-o", raw)
	run(t, "sox", raw, "-r", "16000", "-c", "1", "-b", "16", flat)
	var parts []string
	for i := 0; i < 16; i++ {
		seg := filepath.Join(dir, "seg"+string(rune('a'+i))+".wav")
		cents := "400"
		if i%2 == 1 {
			cents = "-400"
		}
		run(t, "sox", flat, seg, "trim", ftoa(float64(i)*0.25), "0.25", "pitch", cents)
		if st, err := os.Stat(seg); err == nil && st.Size() > 44 {
			parts = append(parts, seg)
		}
	}
	expressive := filepath.Join(dir, "expressive.wav")
	run(t, "sox", append(parts, expressive)...)

	spread := func(path string) Pitch {
		t.Helper()
		pcm, err := audio.ReadWAVFile(path)
		if err != nil {
			t.Fatal(err)
		}
		return Summarize(TrackPitch(pcm, PitchConfig{}), DefaultMonotoneSemitones)
	}
	f, e := spread(flat), spread(expressive)
	t.Logf("flat: %.2f st (%.0f-%.0f Hz, %d voiced); expressive: %.2f st (%.0f-%.0f Hz, %d voiced)",
		f.SpreadSemitones, f.P10Hz, f.P90Hz, f.Voiced, e.SpreadSemitones, e.P10Hz, e.P90Hz, e.Voiced)
	// Shifting halves of the voiced frames 8 st apart puts the 10th and
	// 90th percentiles in different halves; the spread grows by well over
	// 4 st unless the tracker is lost.
	if e.SpreadSemitones < f.SpreadSemitones+4 || e.Monotone {
		t.Errorf("expressive spread %.2f st is not 4 st over flat %.2f st", e.SpreadSemitones, f.SpreadSemitones)
	}
}

func ftoa(f float64) string { return strconv.FormatFloat(f, 'f', -1, 64) }

func run(t *testing.T, name string, args ...string) {
	t.Helper()
	if out, err := exec.Command(name, args...).CombinedOutput(); err != nil {
		t.Fatalf("%s %v: %v\n%s", name, args, err, out)
	}
}

func BenchmarkTrackPitch(b *testing.B) {
	// One minute of tone-speech, about the length of a short answer.
	pcm := syllables(40, 100, 120, 140, 110, 130)
	b.SetBytes(int64(len(pcm) * 2))
	for b.Loop() {
		TrackPitch(pcm, PitchConfig{})
	}
}

package enrol

import (
	"bytes"
	"context"
	"math"
	"strings"
	"testing"

	"github.com/starloop/starloop/audio"
	"github.com/starloop/starloop/speech/flite"
)

// noisy is d seconds of faint noise (about -60 dBFS), as a real
// microphone gives between words.
func noisy(d float64, seed int) []int16 {
	out := make([]int16, int(d*audio.SampleRate))
	x := uint32(seed*7919 + 1)
	for i := range out {
		x = x*1664525 + 1013904223
		out[i] = int16(x>>16)%64 - 32
	}
	return out
}

func scaled(pcm []int16, gain float64) []int16 {
	out := make([]int16, len(pcm))
	for i, s := range pcm {
		out[i] = int16(max(math.MinInt16, min(math.MaxInt16, float64(s)*gain)))
	}
	return out
}

// takes strings each take between a second of noise before and two after.
func takes(ts ...[]int16) []int16 {
	var out []int16
	for i, t := range ts {
		out = append(out, noisy(1, i)...)
		out = append(out, t...)
		out = append(out, noisy(2, i+100)...)
	}
	return out
}

// hearing transcribes the nth take as heard[n].
type hearing struct {
	heard []string
	n     int
}

func (h *hearing) hear(context.Context, []int16) (string, error) {
	h.n++
	return h.heard[h.n-1], nil
}

func speak(t *testing.T, texts ...string) [][]int16 {
	t.Helper()
	v, err := flite.New(flite.Config{Voice: "slt"})
	if err != nil {
		t.Skip(err)
	}
	var out [][]int16
	for _, s := range texts {
		pcm, err := v.Synthesize(context.Background(), s)
		if err != nil {
			t.Fatal(err)
		}
		out = append(out, pcm)
	}
	return out
}

// Takes too quiet, clipped or misread are asked for again; good ones are
// kept with 300 ms either side of the speech.
func TestReadingRetakes(t *testing.T) {
	a, b := "We cut costs by ten percent.", "I led the migration."
	sp := speak(t, a, b)
	mic := audio.NewSliceReader(takes(scaled(sp[0], 0.01), sp[0], scaled(sp[1], 8), sp[1], sp[1]))
	h := &hearing{heard: []string{a, "the weather is nice today", b}}
	var out bytes.Buffer
	r := &Reading{Mic: mic, Hear: h.hear, Out: &out}
	recs, err := r.Run(context.Background(), []string{a, b})
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("%s", out.String())
	if len(recs) != 2 || recs[0].Text != a || recs[1].Text != b {
		t.Fatalf("recordings %+v", recs)
	}
	for i, want := range []string{"too quiet", "clipped", "did not sound like the sentence"} {
		if !strings.Contains(out.String(), want) {
			t.Errorf("output does not say %q (retake %d):\n%s", want, i+1, out.String())
		}
	}
	// flite's own leading and trailing silence is part of its speech, so
	// a take is at least the speech and at most 300 ms more each side
	// (plus the frames the detector needs to be sure).
	for i, rec := range recs {
		speech := len(sp[i])
		t.Logf("take %d: %d samples kept, %d spoken", i+1, len(rec.PCM), speech)
		if n := len(rec.PCM); n < speech*8/10 || n > speech+audio.SampleRate {
			t.Errorf("take %d: %d samples for %d of speech", i+1, n, speech)
		}
		if audio.CheckMic(rec.PCM).Quiet {
			t.Errorf("take %d kept is the quiet one", i+1)
		}
	}
	if h.n != 3 {
		t.Errorf("%d takes were heard, want 3 (the quiet and clipped ones fail first)", h.n)
	}
}

// r goes back one sentence; q stops with what was read.
func TestReadingKeys(t *testing.T) {
	a, b, c := "We shipped in March.", "I owned the rollout.", "Churn fell."
	sp := speak(t, a, a+" Again.", b)
	keys := make(chan byte, 8)
	for _, k := range "\nr\n\nq" {
		keys <- byte(k)
	}
	var out bytes.Buffer
	r := &Reading{Mic: audio.NewSliceReader(takes(sp...)), Keys: keys, Out: &out}
	recs, err := r.Run(context.Background(), []string{a, b, c})
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("%s", out.String())
	if len(recs) != 2 || recs[0].Text != a || recs[1].Text != b {
		t.Fatalf("recordings %+v", recs)
	}
	// The second take of a ("... Again.") replaced the first.
	if n, first := len(recs[0].PCM), len(sp[0]); n < first+audio.SampleRate/4 {
		t.Errorf("sentence 1 kept %d samples: the first take (%d) rather than the second", n, first)
	}
}

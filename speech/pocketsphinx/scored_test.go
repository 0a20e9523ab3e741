package pocketsphinx

import (
	"context"
	"slices"
	"testing"

	"github.com/starloop/starloop/speech/wer"
)

// Words the recogniser got right score higher posteriors than words it
// got wrong; a word is right when it is in the reference.
func TestTranscribeScored(t *testing.T) {
	r := newRecognizer(t, Config{})
	var right, wrong []float64
	for _, id := range []string{"jfk", "2412-153948-0000"} {
		u := recording(t, id)
		tr, post, err := r.TranscribeScored(context.Background(), u.pcm)
		if err != nil {
			t.Fatal(err)
		}
		if len(post) != len(tr.Words) {
			t.Fatalf("%s: %d posteriors for %d words", id, len(post), len(tr.Words))
		}
		ref := wer.Normalize(u.ref)
		for i, w := range tr.Words {
			p := post[i]
			if p < 0 || p > 1 {
				t.Errorf("%s: word %q posterior %v", id, w.Text, p)
			}
			if slices.Contains(ref, w.Text) {
				right = append(right, p)
			} else {
				wrong = append(wrong, p)
			}
			t.Logf("%s %-12s %.3f", id, w.Text, p)
		}
	}
	mean := func(v []float64) float64 {
		var s float64
		for _, x := range v {
			s += x
		}
		return s / float64(max(1, len(v)))
	}
	t.Logf("mean posterior: %d right words %.3f, %d wrong %.3f", len(right), mean(right), len(wrong), mean(wrong))
	if len(wrong) == 0 || mean(right) <= mean(wrong) {
		t.Errorf("right words' mean posterior %.3f is not above wrong words' %.3f", mean(right), mean(wrong))
	}
}

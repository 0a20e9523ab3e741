package enrol

import (
	"context"
	"errors"
	"testing"

	"github.com/starloop/starloop/speech/sphinxtrain"
)

// scorer gives fixed log-likelihoods per frame: base for the model as
// installed, adapted for any other; it remembers what it scored.
type scorer struct {
	base, adapted float64
	err           error
	got           []sphinxtrain.Utterance
	models        []string
}

func (s *scorer) Score(_ context.Context, utts []sphinxtrain.Utterance, models ...string) ([]float64, error) {
	s.got, s.models = utts, models
	out := make([]float64, len(models))
	for i, m := range models {
		out[i] = s.adapted
		if m == "" {
			out[i] = s.base
		}
	}
	return out, s.err
}

func TestFit(t *testing.T) {
	for _, tc := range []struct {
		name          string
		base, adapted float64
		gain          float64
		ok            bool
	}{
		{"the profile explains the voice better", -160.5, -159.25, 1.25, true},
		{"as well", -160, -160, 0, true},
		{"worse", -160, -160.5, -0.5, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			s := &scorer{base: tc.base, adapted: tc.adapted}
			pcm := make([]int16, 100)
			gain, ok, err := Fit(context.Background(), s, "prof/model", pcm, "we cut costs")
			if err != nil || gain != tc.gain || ok != tc.ok {
				t.Errorf("Fit = %v, %v, %v; want %v, %v", gain, ok, err, tc.gain, tc.ok)
			}
			if len(s.got) != 1 || s.got[0].Text != "we cut costs" || len(s.got[0].PCM) != 100 || len(s.models) != 2 || s.models[0] != "" || s.models[1] != "prof/model" {
				t.Errorf("scored %+v under %q", s.got, s.models)
			}
		})
	}
	s := &scorer{}
	if _, ok, err := Fit(context.Background(), s, "", nil, "x"); !ok || err != nil || s.got != nil {
		t.Errorf("no profile: ok %v, %v, scored %v; want ok, nothing scored", ok, err, s.got)
	}
	bad := errors.New("bw failed")
	if _, ok, err := Fit(context.Background(), &scorer{err: bad}, "p", nil, "x"); ok || !errors.Is(err, bad) {
		t.Errorf("scorer error: ok %v, %v", ok, err)
	}
}

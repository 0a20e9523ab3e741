package backends

import (
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"testing"

	"github.com/starloop/starloop/enrol"
	"github.com/starloop/starloop/profile"
	"github.com/starloop/starloop/speech/pocketsphinx"
	"github.com/starloop/starloop/speech/sphinxtrain"
)

// TestCheckFit: what is said of a profile that fits, does not, cannot be
// checked, or does not exist, and what the check is given: the profile's
// folder and an adapter of the installed model.
func TestCheckFit(t *testing.T) {
	store := profile.Store{Dir: t.TempDir()}
	means := filepath.Join(store.Path(profile.DefaultName), "model", "means")
	if err := os.MkdirAll(filepath.Dir(means), 0o700); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(means, []byte("x"), 0o600); err != nil {
		t.Fatal(err)
	}
	checking := "transcribe: checking that speaker profile \"default\" fits the voice (a few seconds)\n"
	for _, tt := range []struct {
		name, profile string
		fits          bool
		err           error
		want          string
	}{
		{"fits", "", true, nil, checking},
		{"does not fit", "", false, nil, checking + "transcribe: " + enrol.Mismatch + "\n"},
		{"cannot be checked", "default", false, errors.New("no bw"), checking},
		{"no such profile", "work", false, nil, ""},
	} {
		t.Run(tt.name, func(t *testing.T) {
			var b bytes.Buffer
			var gotDir string
			var gotScorer enrol.Scorer
			CheckFit(&b, "transcribe", store, tt.profile, "m", "", func(s enrol.Scorer, dir string) (float64, bool, error) {
				gotScorer, gotDir = s, dir
				return 0, tt.fits, tt.err
			})
			if b.String() != tt.want {
				t.Errorf("said %q, want %q", b.String(), tt.want)
			}
			if tt.want == "" {
				if gotScorer != nil {
					t.Error("checked a profile that does not exist")
				}
				return
			}
			if want := filepath.Join(store.Path(profile.DefaultName), "model"); gotDir != want {
				t.Errorf("checked folder %q, want %q", gotDir, want)
			}
			if a, ok := gotScorer.(*sphinxtrain.Adapter); !ok || a.ModelDir != "m" || a.Dict != pocketsphinx.DefaultDict {
				t.Errorf("scorer %+v, want an adapter of model m with the installed dictionary", gotScorer)
			}
		})
	}
}

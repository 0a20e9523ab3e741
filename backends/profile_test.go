package backends

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/starloop/starloop"
	"github.com/starloop/starloop/profile"
)

// TestSpeakerModel: the default profile is used when it exists and
// skipped when not; a named one must exist. An adapted profile's means
// (the one file MAP adaptation changes) replace the installed model's.
func TestSpeakerModel(t *testing.T) {
	store := profile.Store{Dir: t.TempDir()}
	cfg, err := SpeakerModel(store, profile.DefaultName, false, "m")
	if err != nil || cfg.ModelDir != "m" || len(cfg.Options) != 0 {
		t.Errorf("no default profile: %+v, %v; want the model as installed", cfg, err)
	}
	if _, err := SpeakerModel(store, "work", true, "m"); !starloop.IsKind(err, starloop.NotFound) {
		t.Errorf("named profile missing: %v", err)
	}
	means := filepath.Join(store.Path("work"), "model", "means")
	if err := os.MkdirAll(filepath.Dir(means), 0o700); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(means, []byte("x"), 0o600); err != nil {
		t.Fatal(err)
	}
	cfg, err = SpeakerModel(store, "work", true, "m")
	if err != nil || cfg.ModelDir != "m" || cfg.Options["-mean"] != means {
		t.Errorf("profile work: %+v, %v; want -mean %s", cfg, err, means)
	}
}

package backends

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/starloop/starloop"
	"github.com/starloop/starloop/audio"
	"github.com/starloop/starloop/internal/speechtest"
	"github.com/starloop/starloop/profile"
	"github.com/starloop/starloop/speech/pocketsphinx"
)

// TestSpeakerModel: with no name the default profile is used when it
// exists and skipped when not; a named one must exist. An adapted
// profile's means (the one file MAP adaptation changes) replace the
// installed model's.
func TestSpeakerModel(t *testing.T) {
	store := profile.Store{Dir: t.TempDir()}
	cfg, err := SpeakerModel(store, "", "m")
	if err != nil || cfg.ModelDir != "m" || len(cfg.Options) != 0 {
		t.Errorf("no default profile: %+v, %v; want the model as installed", cfg, err)
	}
	if _, err := SpeakerModel(store, "work", "m"); !starloop.IsKind(err, starloop.NotFound) {
		t.Errorf("named profile missing: %v", err)
	}
	for _, tc := range []struct{ name, profile string }{{"work", "work"}, {"", profile.DefaultName}} {
		means := filepath.Join(store.Path(tc.profile), "model", "means")
		if err := os.MkdirAll(filepath.Dir(means), 0o700); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(means, []byte("x"), 0o600); err != nil {
			t.Fatal(err)
		}
		cfg, err = SpeakerModel(store, tc.name, "m")
		if err != nil || cfg.ModelDir != "m" || cfg.Options["-mean"] != means {
			t.Errorf("profile %q: %+v, %v; want -mean %s", tc.name, cfg, err, means)
		}
	}
}

// TestEarsInstalled hears a real recording with the model as installed:
// LJ001-0002.wav says "in being comparatively modern." (LJ Speech's
// transcript); pocketsphinx's stock model hears the long word,
// "comparatively", at least, and silence as no words.
func TestEarsInstalled(t *testing.T) {
	pcm, err := audio.ReadWAVFile(speechtest.Path(t, "LJ001-0002.wav"))
	if err != nil {
		t.Fatal(err)
	}
	e := &Ears{ModelDir: pocketsphinx.DefaultModelDir, Dict: pocketsphinx.DefaultDict}
	defer e.Close()
	hear, err := e.Installed()
	if err != nil {
		t.Fatal(err)
	}
	if text, err := hear(context.Background(), pcm); err != nil || !strings.Contains(text, "comparatively") {
		t.Errorf("heard %q, %v; want comparatively in it", text, err)
	}
	if text, err := hear(context.Background(), make([]int16, 16000)); strings.TrimSpace(text) != "" {
		t.Errorf("silence heard as %q, %v", text, err)
	}
	if _, err := (&Ears{ModelDir: t.TempDir()}).Installed(); err == nil {
		t.Error("an empty model folder loaded")
	}
}

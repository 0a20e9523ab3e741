package backends

import (
	"context"

	"github.com/starloop/starloop"
	"github.com/starloop/starloop/profile"
	"github.com/starloop/starloop/speech/pocketsphinx"
	"github.com/starloop/starloop/speech/sphinxtrain"
)

// SpeakerModel is the recogniser's model in modelDir adapted with the
// speaker profile name of store: a profile the user named must exist; with
// no name, the default profile is used only if it does.
func SpeakerModel(store profile.Store, name, modelDir string) (pocketsphinx.Config, error) {
	cfg := pocketsphinx.Config{ModelDir: modelDir}
	named := name != ""
	if !named {
		name = profile.DefaultName
	}
	dir, err := store.Model(name)
	if err != nil {
		if !named {
			return cfg, nil // no default profile: the model as installed
		}
		return cfg, err
	}
	cfg.Options = sphinxtrain.Options(dir)
	return cfg, nil
}

// Ears hear recordings with the adapted models whose files are in a
// folder, each loaded once, for enrol.Refine's Hear; Close frees them.
type Ears struct {
	ModelDir, Dict string // the model as installed, and its dictionary
	loaded         map[string]*pocketsphinx.Recognizer
}

// Hear transcribes pcm with the model adapted into dir, giving each
// word's posterior probability.
func (e *Ears) Hear(ctx context.Context, dir string, pcm []int16) (starloop.Transcript, []float64, error) {
	rec := e.loaded[dir]
	if rec == nil {
		var err error
		rec, err = pocketsphinx.New(pocketsphinx.Config{ModelDir: e.ModelDir, Dict: e.Dict, Options: sphinxtrain.Options(dir)})
		if err != nil {
			return starloop.Transcript{}, nil, err
		}
		if e.loaded == nil {
			e.loaded = map[string]*pocketsphinx.Recognizer{}
		}
		e.loaded[dir] = rec
	}
	return rec.TranscribeScored(ctx, pcm)
}

// Installed loads the model as installed (no profile) with e's
// dictionary and returns what it hears in a recording, as text: enrol's
// check that a take is the sentence read. Close frees it.
func (e *Ears) Installed() (func(ctx context.Context, pcm []int16) (string, error), error) {
	rec, err := pocketsphinx.New(pocketsphinx.Config{ModelDir: e.ModelDir, Dict: e.Dict})
	if err != nil {
		return nil, err
	}
	if e.loaded == nil {
		e.loaded = map[string]*pocketsphinx.Recognizer{}
	}
	e.loaded[""] = rec
	return func(ctx context.Context, pcm []int16) (string, error) {
		t, err := rec.Transcribe(ctx, pcm)
		return t.Text, err
	}, nil
}

// Close frees every model loaded.
func (e *Ears) Close() {
	for _, r := range e.loaded {
		r.Close()
	}
}

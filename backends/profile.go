package backends

import (
	"cmp"
	"context"
	"fmt"
	"io"

	"github.com/starloop/starloop"
	"github.com/starloop/starloop/enrol"
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

// CheckFit says on w, after op, whether the speaker profile name of store
// (the default one when name is "") fits the voice that fit hears
// (enrol.Fit or enrol.SessionFit, given the scorer and the profile's
// folder): one line that it checks, as that takes seconds, then
// enrol.Mismatch when the profile's model explains the voice no better
// than the one installed in modelDir (with dict, else the installed
// dictionary). No such profile, or a voice that cannot be checked (the
// tools missing, a word the dictionary lacks), says nothing more.
func CheckFit(w io.Writer, op string, store profile.Store, name, modelDir, dict string, fit func(s enrol.Scorer, dir string) (float64, bool, error)) {
	name = cmp.Or(name, profile.DefaultName)
	dir, err := store.Model(name)
	if err != nil {
		return
	}
	a := &sphinxtrain.Adapter{ModelDir: modelDir, Dict: cmp.Or(dict, pocketsphinx.DefaultDict)}
	fmt.Fprintf(w, "%s: checking that speaker profile %q fits the voice (a few seconds)\n", op, name)
	if _, fits, err := fit(a, dir); err == nil && !fits {
		fmt.Fprintf(w, "%s: %s\n", op, enrol.Mismatch)
	}
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

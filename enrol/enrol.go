// Package enrol makes a speaker profile: the person reads known sentences,
// and the speech model is adapted to their voice (package sphinxtrain)
// and saved with the recordings (package profile).
//
// Recordings enter as profile.Recordings, from a folder (FromDir) or read
// aloud one sentence at a time (Reader); a profile leaves on disk.
package enrol

import (
	"context"
	_ "embed"
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/starloop/starloop"
	"github.com/starloop/starloop/profile"
	"github.com/starloop/starloop/speech/sphinxtrain"
)

//go:embed sentences.txt
var sentences string

// Sentences are the enrolment sentences: short, in the words of interview
// answers (numbers, percentages, technical words, "I" and "we"), together
// covering every phone of US English: most many times, the rarest OY once
// and ZH twice (TestSentencesCoverEveryPhone).
func Sentences() []string {
	var out []string
	for l := range strings.Lines(sentences) {
		if l = strings.TrimSpace(l); l != "" {
			out = append(out, l)
		}
	}
	return out
}

// Adapter computes a speaker adaptation from recordings.
type Adapter interface {
	Adapt(ctx context.Context, utts []sphinxtrain.Utterance) (sphinxtrain.Adaptation, error)
}

var _ Adapter = (*sphinxtrain.Adapter)(nil)

// MinRecordings is the fewest recordings a profile is made from: fewer
// hold too little speech for the model's means to be
// adapted, and it would fit the noise.
const MinRecordings = 5

// Save adapts the model to recs with a and saves the result as profile
// name of store, replacing any profile of that name.
func Save(ctx context.Context, a Adapter, store profile.Store, name string, recs []profile.Recording) error {
	if err := profile.CheckName(name); err != nil {
		return err
	}
	if len(recs) < MinRecordings {
		return starloop.Errorf(starloop.Invalid, "enrol: %d recording(s); a profile needs at least %d", len(recs), MinRecordings)
	}
	utts := make([]sphinxtrain.Utterance, len(recs))
	for i, r := range recs {
		utts[i] = sphinxtrain.Utterance{Name: r.Name, PCM: r.PCM, Text: r.Text}
	}
	model, err := a.Adapt(ctx, utts)
	if err != nil {
		return err
	}
	return store.Save(name, model, recs)
}

// Make is Save, told: the adaptation announced on progress, then where
// the profile was saved and how it is used on w (Saved). Fewer than
// MinRecordings sentences read is an error of kind Invalid before
// anything is adapted, and nothing is saved.
func Make(ctx context.Context, w, progress io.Writer, a Adapter, store profile.Store, name string, recs []profile.Recording) error {
	if len(recs) < MinRecordings {
		return starloop.Errorf(starloop.Invalid, "enrol: %d sentence(s) read; a profile needs at least %d (nothing was saved)", len(recs), MinRecordings)
	}
	fmt.Fprintf(progress, "enrol: adapting the speech model to %d recordings (a few seconds)\n", len(recs))
	start := time.Now()
	if err := Save(ctx, a, store, name, recs); err != nil {
		return err
	}
	return Saved(w, name, store.Path(name), len(recs), time.Since(start))
}

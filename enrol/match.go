package enrol

import (
	"context"
	"time"

	"github.com/starloop/starloop"
	"github.com/starloop/starloop/audio"
	"github.com/starloop/starloop/session"
	"github.com/starloop/starloop/speech/sphinxtrain"
)

// Scorer scores how well models explain utterances: for each model folder
// ("" for the model as installed), the log-likelihood per frame of the
// utterances aligned with their words.
type Scorer interface {
	Score(ctx context.Context, utts []sphinxtrain.Utterance, models ...string) ([]float64, error)
}

var _ Scorer = (*sphinxtrain.Adapter)(nil)

// Mismatch is what is said when the voice heard is not the profile's.
const Mismatch = "this profile does not seem to match the voice; run starloop enrol or use --no-profile"

// MinFit is the least gain in log-likelihood per frame (the natural log
// that bw reports) of the profile's model over the model as installed for
// the voice to be taken for the profile's. See Fit.
const MinFit = 0.0

// Fit says whether the voice in pcm, heard as words, is the voice of the
// profile whose adapted model is in dir: as a speaker verifier compares a
// speaker's model with a general one, it aligns the words with both
// models and takes the voice for the profile's when the profile's model
// explains its frames better by at least MinFit per frame. It returns
// that gain too. An answer with no words, or words the dictionary lacks,
// cannot be checked: the error is then of kind Invalid.
func Fit(ctx context.Context, s Scorer, dir string, pcm []int16, words string) (gain float64, ok bool, err error) {
	if dir == "" {
		return 0, true, nil
	}
	sc, err := s.Score(ctx, []sphinxtrain.Utterance{{Name: "the answer", PCM: pcm, Text: words}}, "", dir)
	if err != nil {
		return 0, false, err
	}
	if len(sc) != 2 {
		return 0, false, starloop.Errorf(starloop.Other, "check profile: %d scores for 2 models", len(sc))
	}
	gain = sc[1] - sc[0]
	return gain, gain >= MinFit, nil
}

// FitWindow is how much of a session's first answer SessionFit hears.
const FitWindow = 30 * time.Second

// SessionFit is Fit on the first answer of session id in the sessions
// folder dir: its first FitWindow and the words heard in it, so that a
// practice session can say afterwards that the next one wants another
// profile. An answer that cannot be read or has no words is an error.
func SessionFit(ctx context.Context, s Scorer, profileDir, dir, id string) (gain float64, ok bool, err error) {
	a, path, err := session.AnswerAudio(dir, id, 1)
	if err != nil {
		return 0, false, err
	}
	pcm, err := audio.ReadWAVFile(path)
	if err != nil {
		return 0, false, err
	}
	var words []starloop.Word
	for _, wd := range a.Transcript.Words {
		if wd.End > FitWindow {
			break
		}
		words = append(words, wd)
	}
	if len(words) == 0 {
		return 0, false, starloop.Errorf(starloop.Invalid, "check profile: the first answer of %s has no words", id)
	}
	end := min(len(pcm), int((words[len(words)-1].End+200*time.Millisecond)*audio.SampleRate/time.Second))
	return Fit(ctx, s, profileDir, pcm[:end], starloop.TextFromWords(words))
}

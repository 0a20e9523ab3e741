package enrol

import (
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"time"

	"github.com/starloop/starloop"
	"github.com/starloop/starloop/audio"
	"github.com/starloop/starloop/profile"
	"github.com/starloop/starloop/session"
	"github.com/starloop/starloop/speech/sphinxtrain"
	"github.com/starloop/starloop/speech/wer"
)

// Refine adapts a profile again from the person's own answers: the
// enrolment recordings, the answers whose transcripts the person
// corrected, whole, with what they said, and the stretches of the other
// answers that the profile's model heard with confidence, words it was
// sure of, three or more in a row. The new model is made from the model as installed (nothing is
// adapted on top of an adaptation), and it replaces the profile's only if
// it hears the enrolment recordings at least as well: a run of misheard
// words taken for sure cannot make the profile drift.
type Refine struct {
	Adapter Adapter
	Store   profile.Store
	Name    string // the profile
	// Hear transcribes pcm with the adapted model whose files are in
	// dir, giving each word's posterior probability (0..1).
	Hear func(ctx context.Context, dir string, pcm []int16) (starloop.Transcript, []float64, error)
	// MinPosterior is the least posterior of a word taken for sure
	// (default 0.9); MaxAudio caps the answers' stretches used (default
	// 10 minutes), so that a long history does not make it slow.
	MinPosterior float64
	MaxAudio     time.Duration
	// Fits, if set, says whether the voice of pcm, which said words, is
	// the one the adapted model in dir was made for (Fit); answers in
	// another voice are left out, so that someone else's answers in the
	// same sessions do not pull the profile towards their voice.
	Fits     func(ctx context.Context, dir string, pcm []int16, words string) (bool, error)
	Progress func(string) // optional
}

// Answer is a recorded answer: 16 kHz mono samples and, if the person
// corrected its transcript, what they said.
type Answer struct {
	PCM       []int16
	Corrected string
}

// RefineResult says what Refine did.
type RefineResult struct {
	Stretches int           // stretches of answers heard with confidence
	Corrected int           // answers used whole with their corrected words
	Strangers int           // answers left out as in another voice (Refine.Fits)
	Audio     time.Duration // the length of both
	// Before and After are the errors on the enrolment recordings with the
	// profile as it was and with the new model.
	Before, After wer.Tally
	Replaced      bool // the new model was saved
}

// stretchMargin of audio is kept either side of a stretch's words.
const stretchMargin = 150 * time.Millisecond

// minRun is the fewest words, all sure, that make a stretch.
const minRun = 3

// Run refines the profile from answers, newest first: when MaxAudio is
// reached the older ones are not used.
func (r *Refine) Run(ctx context.Context, answers []Answer) (RefineResult, error) {
	var res RefineResult
	cur, err := r.Store.Model(r.Name)
	if err != nil {
		return res, err
	}
	recs, err := r.Store.Recordings(r.Name)
	if err != nil {
		return res, err
	}
	minPost := r.MinPosterior
	if minPost <= 0 {
		minPost = 0.9
	}
	maxAudio := orDefault(r.MaxAudio, 10*time.Minute)
	utts := make([]sphinxtrain.Utterance, 0, len(recs))
	for _, rec := range recs {
		utts = append(utts, sphinxtrain.Utterance{Name: rec.Name, PCM: rec.PCM, Text: rec.Text})
	}
	for i, ans := range answers {
		if res.Audio >= maxAudio {
			break
		}
		pcm := ans.PCM
		if ans.Corrected != "" {
			if !r.fits(ctx, cur, i, pcm, ans.Corrected, &res) {
				continue
			}
			utts = append(utts, sphinxtrain.Utterance{Name: fmt.Sprintf("answer %d (corrected)", i+1), PCM: pcm, Text: ans.Corrected})
			res.Corrected++
			res.Audio += time.Duration(len(pcm)) * time.Second / audio.SampleRate
			continue
		}
		r.progress(fmt.Sprintf("hearing answer %d of %d", i+1, len(answers)))
		t, post, err := r.Hear(ctx, cur, pcm)
		if err != nil {
			return res, err
		}
		if !r.fits(ctx, cur, i, pcm, t.Text, &res) {
			continue
		}
		for _, s := range sureStretches(t, post, minPost) {
			from := max(0, samples(s.Words[0].Start-stretchMargin))
			to := min(len(pcm), samples(s.Words[len(s.Words)-1].End+stretchMargin))
			if from >= to {
				continue
			}
			utts = append(utts, sphinxtrain.Utterance{Name: fmt.Sprintf("answer %d", i+1), PCM: pcm[from:to], Text: s.Text})
			res.Stretches++
			res.Audio += time.Duration(to-from) * time.Second / audio.SampleRate
		}
	}
	if res.Stretches == 0 && res.Corrected == 0 && res.Strangers > 0 {
		return res, starloop.Errorf(starloop.Invalid, "refine profile %s: %d of %d answers are in another voice and none is usable: %s", r.Name, res.Strangers, len(answers), Mismatch)
	}
	if res.Stretches == 0 && res.Corrected == 0 {
		return res, starloop.Errorf(starloop.NoSpeech, "refine profile %s: no stretch of %d words or more heard with confidence in %d answer(s)", r.Name, minRun, len(answers))
	}
	r.progress(fmt.Sprintf("adapting to the enrolment, %d corrected %s and %d %s of answers (%.0f s)", res.Corrected, starloop.Plural(res.Corrected, "answer", "answers"),
		res.Stretches, starloop.Plural(res.Stretches, "stretch", "stretches"), res.Audio.Seconds()))
	model, err := r.Adapter.Adapt(ctx, utts)
	if err != nil {
		return res, err
	}
	cand, err := os.MkdirTemp("", "starloop-refine-") // 0700
	if err != nil {
		return res, starloop.E("refine profile", starloop.Other, err)
	}
	defer os.RemoveAll(cand)
	for name, b := range model {
		if err := os.WriteFile(filepath.Join(cand, name), b, profile.FileMode); err != nil {
			return res, starloop.E("refine profile", starloop.Other, err)
		}
	}
	r.progress("comparing the new model with the profile on the enrolment recordings")
	for _, rec := range recs {
		for _, m := range []struct {
			dir   string
			tally *wer.Tally
		}{{cur, &res.Before}, {cand, &res.After}} {
			t, _, err := r.Hear(ctx, m.dir, rec.PCM)
			if err != nil {
				return res, err
			}
			m.tally.Add(rec.Text, t.Text)
		}
	}
	if res.After.Errors > res.Before.Errors {
		return res, nil
	}
	res.Replaced = true
	return res, r.Store.Save(r.Name, model, recs)
}

// fits reports whether answer i (pcm, said as words) is in the profile's
// voice, counting it in res.Strangers when not. Without Fits, or when it
// cannot tell, every answer fits.
func (r *Refine) fits(ctx context.Context, dir string, i int, pcm []int16, words string, res *RefineResult) bool {
	if r.Fits == nil || words == "" {
		return true
	}
	r.progress(fmt.Sprintf("checking that answer %d is in the profile's voice", i+1))
	ok, err := r.Fits(ctx, dir, pcm, words)
	if err != nil || ok {
		return true
	}
	r.progress(fmt.Sprintf("left out answer %d: it does not seem to be in the profile's voice", i+1))
	res.Strangers++
	return false
}

func (r *Refine) progress(s string) {
	if r.Progress != nil {
		r.Progress(s)
	}
}

// sureStretches are the runs of at least minRun consecutive words of t
// whose posteriors are all at least minPost, as transcripts.
func sureStretches(t starloop.Transcript, post []float64, minPost float64) []starloop.Transcript {
	var out []starloop.Transcript
	start := 0
	for i := 0; i <= len(t.Words); i++ {
		if i < len(t.Words) && i < len(post) && post[i] >= minPost {
			continue
		}
		if i-start >= minRun {
			w := t.Words[start:i]
			out = append(out, starloop.Transcript{Text: starloop.TextFromWords(w), Words: w})
		}
		start = i + 1
	}
	return out
}

// Write says on w what r did for profile name from the answers it heard:
// the stretches used, the errors on the enrolment recordings before and
// after, and whether the refined model was saved.
func (r RefineResult) Write(w io.Writer, name string, answers int) error {
	stretches := starloop.Plural(r.Stretches, "stretch", "stretches")
	if r.Corrected > 0 {
		fmt.Fprintf(w, "Used %d %s with the words you corrected in review, and %d %s heard with confidence in the other %d (%.0f s in all).\n",
			r.Corrected, starloop.Plural(r.Corrected, "answer", "answers"), r.Stretches, stretches, answers-r.Corrected, r.Audio.Seconds())
	} else {
		fmt.Fprintf(w, "Heard %d %s (%.0f s) with confidence in %d %s.\n", r.Stretches, stretches, r.Audio.Seconds(), answers, starloop.Plural(answers, "answer", "answers"))
	}
	if r.Strangers > 0 {
		fmt.Fprintf(w, "Left out %d %s in the profile's voice.\n", r.Strangers, starloop.Plural(r.Strangers, "answer that does not seem to be", "answers that do not seem to be"))
	}
	fmt.Fprintf(w, "Enrolment recordings: %d of %d words wrong with the profile, %d with the refined model.\n",
		r.Before.Errors, r.Before.Words, r.After.Errors)
	var err error
	if r.Replaced {
		_, err = fmt.Fprintf(w, "Refined profile %q saved.\n", name)
	} else {
		_, err = fmt.Fprintf(w, "Kept profile %q as it was: the refined model heard you worse.\n", name)
	}
	return err
}

// FromSessions refines the profile (Run) from the latest recorded answers,
// up to latest of them, of the sessions in dir, and writes what it did on
// w (RefineResult.Write). No recorded answer is an error of kind NotFound.
func (r *Refine) FromSessions(ctx context.Context, w io.Writer, dir string, latest int) error {
	heard, err := session.LatestRecordings(dir, latest)
	if err != nil {
		return err
	}
	answers := make([]Answer, len(heard))
	for i, h := range heard {
		answers[i] = Answer{PCM: h.PCM, Corrected: h.Corrected}
	}
	if len(answers) == 0 {
		return starloop.Errorf(starloop.NotFound, "adapt: no recorded answers in %s: practise first", dir)
	}
	res, err := r.Run(ctx, answers)
	if err != nil {
		return err
	}
	return res.Write(w, r.Name, len(answers))
}

package session

import (
	"path/filepath"
	"slices"
	"strings"

	"github.com/starloop/starloop"
	"github.com/starloop/starloop/audio"
)

// Heard is an answer's recording and, if the person corrected its
// transcript, what they said.
type Heard struct {
	PCM       []int16
	Corrected string
}

// LatestRecordings reads the recordings of the latest n answers in the
// sessions in dir, newest first. Sessions and recordings that cannot be
// read, and empty recordings, are skipped.
func LatestRecordings(dir string, n int) ([]Heard, error) {
	metas, err := List(dir)
	if err != nil {
		return nil, err
	}
	var out []Heard
	for _, m := range slices.Backward(metas) {
		_, answers, err := Load(dir, m.ID)
		if err != nil {
			continue
		}
		for _, a := range slices.Backward(answers) {
			if len(out) == n {
				return out, nil
			}
			if pcm, err := audio.ReadWAVFile(filepath.Join(dir, m.ID, a.Audio)); err == nil && len(pcm) > 0 {
				out = append(out, Heard{PCM: pcm, Corrected: a.Corrected})
			}
		}
	}
	return out, nil
}

// Correct saves text as what the person said in answer n of session id
// in dir (Answer.Corrected), replacing any earlier correction; the
// transcript and the judgement are left as they were. The answer must
// have a recording, since a correction is only of use with its audio.
func Correct(dir, id string, n int, text string) error {
	op := "correct answer " + RecordName(n) + " of session " + id
	text = strings.Join(strings.Fields(text), " ")
	if text == "" {
		return starloop.Errorf(starloop.Invalid, "%s: the correction is empty: give what you said, e.g. --text \"I led the migration\"", op)
	}
	if !validID(id) {
		return starloop.Errorf(starloop.Invalid, "%s: not a session id (want e.g. 20261127-154502)", op)
	}
	_, answers, err := Load(dir, id)
	if err != nil {
		return err
	}
	i := slices.IndexFunc(answers, func(a Answer) bool { return a.N == n })
	if i < 0 || answers[i].Audio == "" {
		return starloop.Errorf(starloop.NotFound, "%s: the session has no recorded answer %d", op, n)
	}
	a := answers[i]
	a.Corrected = text
	return Amend(dir, id, a)
}

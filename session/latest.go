package session

import (
	"path/filepath"

	"github.com/starloop/starloop"
)

// Latest is the id of the last of metas (in List's order, oldest first)
// that holds an answer, else of the last one; "" when metas is empty.
func Latest(metas []Meta) string {
	for i := len(metas) - 1; i >= 0; i-- {
		if len(metas[i].Answers) > 0 {
			return metas[i].ID
		}
	}
	if len(metas) == 0 {
		return ""
	}
	return metas[len(metas)-1].ID
}

// Pick is the session id names in dir, or when id is empty the latest
// with an answer (see Latest); op names the command in the error when dir
// holds no session yet.
func Pick(dir, id, op string) (string, error) {
	if id != "" {
		return id, nil
	}
	metas, err := List(dir)
	if err != nil {
		return "", err
	}
	if len(metas) == 0 {
		return "", starloop.Errorf(starloop.NotFound, "%s: no sessions in %s yet: start one with `starloop practice`", op, dir)
	}
	return Latest(metas), nil
}

// AnswerAudio is answer n of session id in dir, and the path of its
// recording: an error of kind NotFound when the session has no such
// answer or it has no recording.
func AnswerAudio(dir, id string, n int) (Answer, string, error) {
	_, answers, err := Load(dir, id)
	if err != nil {
		return Answer{}, "", err
	}
	for _, a := range answers {
		if a.N == n && a.Audio != "" {
			return a, filepath.Join(dir, id, filepath.Base(a.Audio)), nil
		}
	}
	return Answer{}, "", starloop.Errorf(starloop.NotFound, "play answer %d: session %s has no answer %d", n, id, n)
}

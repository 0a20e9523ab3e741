package session

import (
	"fmt"

	"github.com/starloop/starloop"
)

// DeleteAsking deletes session id from dir (Delete) once confirm says yes
// to a question that names it and the answers it holds; a nil confirm
// deletes without asking. It reports whether the session was deleted. An
// unknown id, or one that is no session id, is an error before anything
// is asked.
func DeleteAsking(dir, id string, confirm func(question string) (bool, error)) (bool, error) {
	meta, _, err := Load(dir, id)
	if starloop.IsKind(err, starloop.NotFound) || starloop.IsKind(err, starloop.Invalid) {
		return false, err
	}
	if confirm != nil {
		n, noun := len(meta.Answers), "answers"
		if n == 1 {
			noun = "answer"
		}
		ok, err := confirm(fmt.Sprintf("Delete session %s, its %d %s and their recordings, for good?", id, n, noun))
		if err != nil || !ok {
			return false, err
		}
	}
	if err := Delete(dir, id); err != nil {
		return false, err
	}
	return true, nil
}

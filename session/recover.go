package session

import (
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"github.com/starloop/starloop"
	"github.com/starloop/starloop/audio"
)

// Recovered is what Recover did to one crashed session.
type Recovered struct {
	ID string
	// Repaired are the recordings whose headers were checked and fixed
	// where needed; Orphans those among them that session.json did not
	// list yet (the answer being recorded when the process died), now
	// listed with no record.
	Repaired []string
	Orphans  []string
	// Failed maps a recording that could not be repaired to why; it is
	// kept as it is.
	Failed map[string]string
}

// Recover finds the sessions in dir that a crash left in progress (no
// process holds their lock), repairs the WAV header of every recording in
// them (audio.RepairWAV), lists recordings that session.json does not know
// yet as answers, and marks the sessions interrupted, their end time being
// that of their newest file. It deletes nothing: a recording too damaged
// to repair is kept as it is and reported in Failed. Sessions being
// recorded by a live process are left alone, so it is safe to call at every
// start. A missing dir holds nothing to recover.
func Recover(dir string) ([]Recovered, error) {
	metas, err := List(dir)
	if err != nil {
		return nil, err
	}
	var out []Recovered
	for _, m := range metas {
		if !m.Unclosed {
			continue
		}
		r, err := recoverOne(filepath.Join(dir, m.ID), m)
		if err != nil {
			return out, starloop.E("recover session "+m.ID, starloop.Other, err)
		}
		out = append(out, r)
	}
	return out, nil
}

func recoverOne(folder string, m Meta) (Recovered, error) {
	r := Recovered{ID: m.ID}
	entries, err := os.ReadDir(folder)
	if err != nil {
		return r, err
	}
	end := m.Start
	for _, e := range entries {
		name := e.Name()
		if info, err := e.Info(); err == nil && info.ModTime().After(end) && !strings.HasPrefix(name, ".") {
			end = info.ModTime()
		}
		var n int
		if _, err := fmt.Sscanf(name, "answer-%d.wav", &n); err != nil || name != AudioName(n) || n < 1 {
			continue
		}
		if err := audio.RepairWAV(filepath.Join(folder, name)); err != nil {
			if r.Failed == nil {
				r.Failed = map[string]string{}
			}
			r.Failed[name] = err.Error()
		} else {
			r.Repaired = append(r.Repaired, name)
		}
		if !slices.ContainsFunc(m.Answers, func(a AnswerRef) bool { return a.N == n }) {
			// The record may exist: the question, written as it was
			// asked, or all of it if the crash came between writing it
			// and listing it. Load reads it when it does.
			ref := AnswerRef{N: n, Audio: name, Record: RecordName(n)}
			if b, err := os.ReadFile(filepath.Join(folder, ref.Record)); err == nil {
				var a Answer
				if json.Unmarshal(b, &a) == nil {
					ref.LP, ref.Question, ref.FollowUp = a.LP, a.Question, a.FollowUp
				}
			}
			m.Answers = append(m.Answers, ref)
			r.Orphans = append(r.Orphans, name)
		}
	}
	slices.SortFunc(m.Answers, func(a, b AnswerRef) int { return a.N - b.N })
	m.State, m.End, m.Unclosed = Interrupted, end, false
	b, err := marshal(m)
	if err != nil {
		return r, err
	}
	return r, writeAtomic(filepath.Join(folder, MetaFile), b)
}

// Amend replaces answer a.N's record in session id of dir, a session no
// process is recording (Recover finishes a crashed one), and its entry in
// session.json: how recovery saves what it made of a take after a crash.
func Amend(dir, id string, a Answer) error {
	op := "amend answer " + RecordName(a.N) + " of session " + id
	if !validID(id) {
		return starloop.Errorf(starloop.Invalid, "%s: not a session id (want e.g. 20261127-154502)", op)
	}
	folder := filepath.Join(dir, id)
	if heldByLiveProcess(folder) {
		return starloop.Errorf(starloop.Invalid, "%s: the session is being recorded now", op)
	}
	m, err := readMeta(folder)
	if err != nil {
		return starloop.E(op, starloop.Other, err)
	}
	i := slices.IndexFunc(m.Answers, func(r AnswerRef) bool { return r.N == a.N })
	if i < 0 {
		return starloop.Errorf(starloop.NotFound, "%s: the session has no answer %d", op, a.N)
	}
	if a.Audio == "" {
		a.Audio = AudioName(a.N)
	}
	b, err := marshal(a)
	if err != nil {
		return starloop.E(op, starloop.Invalid, err)
	}
	if err := writeAtomic(filepath.Join(folder, RecordName(a.N)), b); err != nil {
		return starloop.E(op, starloop.Other, err)
	}
	m.Answers[i] = AnswerRef{N: a.N, LP: a.LP, Question: a.Question, FollowUp: a.FollowUp, Audio: a.Audio, Record: RecordName(a.N)}
	if b, err = marshal(m); err != nil {
		return starloop.E(op, starloop.Other, err)
	}
	if err := writeAtomic(filepath.Join(folder, MetaFile), b); err != nil {
		return starloop.E(op, starloop.Other, err)
	}
	return nil
}

// Delete removes session id and everything in it from dir: the only way
// starloop deletes recordings. A session being recorded by a live process
// cannot be deleted; an unknown id is NotFound.
func Delete(dir, id string) error {
	op := "delete session " + id
	if !validID(id) {
		return starloop.Errorf(starloop.Invalid, "%s: not a session id (want e.g. 20261127-154502)", op)
	}
	folder := filepath.Join(dir, id)
	if _, err := os.Stat(filepath.Join(folder, MetaFile)); errors.Is(err, fs.ErrNotExist) {
		return starloop.Errorf(starloop.NotFound, "%s: no such session in %s", op, dir)
	}
	if heldByLiveProcess(folder) {
		return starloop.Errorf(starloop.Invalid, "%s: the session is being recorded now", op)
	}
	if err := os.RemoveAll(folder); err != nil {
		return starloop.E(op, starloop.Other, err)
	}
	return nil
}

package session

import (
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
			// The record may exist if the crash came between writing it
			// and listing it; Load reads it when it does.
			m.Answers = append(m.Answers, AnswerRef{N: n, Audio: name, Record: RecordName(n)})
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

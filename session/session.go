// Package session keeps practice sessions on disk: one folder per session
// under a sessions folder that the caller chooses (cmd/ picks the XDG data
// folder), holding session.json, and per answer answer-NN.wav (the audio,
// streamed to disk while it is recorded) and answer-NN.json (question,
// transcript, rubric report, timings).
//
// Data enters through a Store: NewSession starts a folder, NewAnswer opens a
// recording, SaveAnswer writes an answer's record and Close ends the session.
// It leaves through List and Load, which read what is on disk. Folders are
// created with mode 0700 and files with 0600 (recordings of a person's voice
// are private); JSON files are rewritten atomically, by a temporary file and
// a rename, so a crash leaves either the old or the new version. A session
// that a crash left in_progress is reported as interrupted.
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
	"time"

	"github.com/starloop/starloop"
)

// Modes of everything the package creates. Both are owner-only, so a umask
// can only narrow them further, never widen them.
const (
	DirMode  fs.FileMode = 0o700
	FileMode fs.FileMode = 0o600
)

// MetaFile is the name of a session's metadata file inside its folder.
const MetaFile = "session.json"

// idLayout makes session IDs that sort in time order: 20261127-154502.
const idLayout = "20060102-150405"

// State is where a session stands.
type State string

// The states a session can be in.
const (
	InProgress  State = "in_progress" // being recorded now (or lost in a crash, see Meta.Unclosed)
	Complete    State = "complete"    // every planned question was asked
	Stopped     State = "stopped"     // ended early by the person, with q
	Interrupted State = "interrupted" // stopped early: Ctrl-C, a device failure or a crash
)

// Meta is the content of session.json.
type Meta struct {
	ID    string    `json:"id"`
	Start time.Time `json:"start"`
	End   time.Time `json:"end,omitzero"`
	State State     `json:"state"`
	// LPs are the IDs of the Leadership Principles the session was planned on.
	LPs []string `json:"lps"`
	// Settings are the knobs the session ran with (patience, cap, voice...).
	// They are stored in clear text, so NewSession refuses keys that look
	// like secrets.
	Settings map[string]string `json:"settings,omitempty"`
	// Answers lists the answers saved so far, in the order they were given.
	Answers []AnswerRef `json:"answers"`

	// Unclosed is set by List and Load (never stored) for a session whose
	// session.json still says in_progress although no process holds it: it
	// crashed, its State is reported as Interrupted, and its last recording
	// may lack a correct WAV header.
	Unclosed bool `json:"-"`
}

// AnswerRef is an answer's entry in session.json.
type AnswerRef struct {
	N        int    `json:"n"`
	LP       string `json:"lp"`
	Question string `json:"question"`
	FollowUp bool   `json:"follow_up"`
	Audio    string `json:"audio"`  // file name of the recording in the session folder
	Record   string `json:"record"` // file name of the answer's JSON record
}

// Answer is the content of answer-NN.json.
type Answer struct {
	N        int    `json:"n"` // 1-based, in the order answers were recorded
	LP       string `json:"lp"`
	Question string `json:"question"`
	// FollowUp is true for a follow-up question; Reason then says why the
	// rubric asked it.
	FollowUp bool   `json:"follow_up"`
	Reason   string `json:"reason,omitempty"`
	// Audio is the file name of the recording, e.g. "answer-01.wav".
	Audio      string              `json:"audio"`
	Transcript starloop.Transcript `json:"transcript"`
	// Corrected is what the person says they said, when they corrected
	// the transcript in review (Correct); "" if they never did. It
	// teaches the recogniser their voice (starloop adapt); the answer's
	// judgement stays the one made from Transcript.
	Corrected string `json:"corrected,omitempty"`
	// Report is the rubric's report as JSON, stored as the rubric wrote it.
	Report  json.RawMessage `json:"report,omitempty"`
	Timings Timings         `json:"timings"`
	// Recovered is set when a crash cut the take off: its transcript and
	// report were made afterwards, offline, from the recording (Salvage
	// in package interviewer), and Timings.EndReason is EndCrash.
	Recovered bool `json:"recovered,omitempty"`
}

// EndCrash is the Timings.EndReason of an answer a crash cut off.
const EndCrash = "crash"

// Timings say how an answer went in time. Durations are in nanoseconds, like
// the word timings of a transcript; offsets count from Listen.
type Timings struct {
	Listen      time.Time     `json:"listen"`                 // when listening began
	FirstSpeech time.Duration `json:"first_speech,omitempty"` // offset of the first speech heard; 0 if none
	End         time.Duration `json:"end"`                    // offset of the end-of-turn decision
	EndReason   string        `json:"end_reason"`             // "silence", "enter", "cap", "quit", ...
	// TurnLatency is the time from the end-of-turn decision to the start
	// of the interviewer's reply.
	TurnLatency time.Duration `json:"turn_latency,omitempty"`
}

// AudioName is the file name of answer n's recording, e.g. answer-01.wav.
func AudioName(n int) string { return fmt.Sprintf("answer-%02d.wav", n) }

// RecordName is the file name of answer n's record, e.g. answer-01.json.
func RecordName(n int) string { return fmt.Sprintf("answer-%02d.json", n) }

// List returns the sessions in dir, oldest first. A missing dir holds no
// sessions. A folder whose session.json cannot be read is skipped, since one
// damaged session must not hide the others; List fails only when dir itself
// cannot be read.
func List(dir string) ([]Meta, error) {
	entries, err := os.ReadDir(dir)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, starloop.E("list sessions in "+dir, starloop.Other, err)
	}
	var out []Meta
	for _, e := range entries {
		if !e.IsDir() {
			continue
		}
		m, err := readMeta(filepath.Join(dir, e.Name()))
		if err != nil {
			continue
		}
		out = append(out, m)
	}
	slices.SortFunc(out, func(a, b Meta) int { return strings.Compare(a.ID, b.ID) })
	return out, nil
}

// Load reads the session id in dir and every answer listed in its
// session.json. An unknown id is an error of kind NotFound. An answer whose
// record is missing or damaged (a crash between the recording and its
// record) is returned with only the fields session.json knows.
func Load(dir, id string) (Meta, []Answer, error) {
	op := "load session " + id
	if !validID(id) {
		return Meta{}, nil, starloop.Errorf(starloop.Invalid, "%s: not a session id (want e.g. 20261127-154502)", op)
	}
	folder := filepath.Join(dir, id)
	m, err := readMeta(folder)
	if errors.Is(err, fs.ErrNotExist) {
		return Meta{}, nil, starloop.Errorf(starloop.NotFound, "%s: no such session in %s", op, dir)
	}
	if err != nil {
		return Meta{}, nil, starloop.E(op, starloop.Other, err)
	}
	answers := make([]Answer, 0, len(m.Answers))
	for _, ref := range m.Answers {
		a := Answer{N: ref.N, LP: ref.LP, Question: ref.Question, FollowUp: ref.FollowUp, Audio: ref.Audio}
		if b, err := os.ReadFile(filepath.Join(folder, ref.Record)); err == nil {
			var full Answer
			if json.Unmarshal(b, &full) == nil {
				a = full
			}
		}
		answers = append(answers, a)
	}
	return m, answers, nil
}

// validID accepts the names NewSession gives folders: the time stamp and
// an optional "-N" suffix, and nothing that could climb out of dir.
func validID(id string) bool {
	if len(id) < len(idLayout) || strings.ContainsAny(id, `/\`) {
		return false
	}
	if _, err := time.Parse(idLayout, id[:len(idLayout)]); err != nil {
		return false
	}
	rest := id[len(idLayout):]
	if rest == "" {
		return true
	}
	if len(rest) < 2 || rest[0] != '-' {
		return false
	}
	for _, c := range rest[1:] {
		if c < '0' || c > '9' {
			return false
		}
	}
	return true
}

// readMeta reads folder/session.json and reports a crashed session as
// interrupted.
func readMeta(folder string) (Meta, error) {
	b, err := os.ReadFile(filepath.Join(folder, MetaFile))
	if err != nil {
		return Meta{}, err
	}
	var m Meta
	if err := json.Unmarshal(b, &m); err != nil {
		return Meta{}, fmt.Errorf("%s: %w", MetaFile, err)
	}
	if m.State == InProgress && !heldByLiveProcess(folder) {
		m.State = Interrupted
		m.Unclosed = true
	}
	return m, nil
}

// writeAtomic replaces path with data: it writes a temporary file in the
// same folder (os.CreateTemp creates it 0600), syncs it, renames it over path and syncs the
// folder, so readers and a crash see either the old file or the new one.
func writeAtomic(path string, data []byte) (err error) {
	dir := filepath.Dir(path)
	tmp, err := os.CreateTemp(dir, "."+filepath.Base(path)+".tmp-*")
	if err != nil {
		return err
	}
	defer func() {
		if err != nil {
			tmp.Close()
			os.Remove(tmp.Name())
		}
	}()
	// os.CreateTemp documents mode 0600, the FileMode every file here has.
	if _, err := tmp.Write(data); err != nil {
		return err
	}
	if err := tmp.Sync(); err != nil {
		return err
	}
	if err := tmp.Close(); err != nil {
		return err
	}
	if err := os.Rename(tmp.Name(), path); err != nil {
		return err
	}
	return syncDir(dir)
}

func syncDir(dir string) error {
	d, err := os.Open(dir)
	if err != nil {
		return err
	}
	defer d.Close()
	return d.Sync()
}

func marshal(v any) ([]byte, error) {
	b, err := json.MarshalIndent(v, "", "  ")
	if err != nil {
		return nil, err
	}
	return append(b, '\n'), nil
}

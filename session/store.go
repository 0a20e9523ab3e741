package session

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"github.com/starloop/starloop"
	"github.com/starloop/starloop/audio"
)

// Recording is an answer's audio on its way to disk, frame by frame.
type Recording interface {
	WriteFrame(f audio.Frame) error
	// Close finishes the file (a WAV writer fixes its header here) and
	// closes it.
	Close() error
}

// Options configure a Store.
type Options struct {
	// CreateWAV creates the file at path (mode 0600) and returns a
	// streaming WAV Recording of it. nil means audio.CreateWAV; tests may
	// record to memory or anywhere else.
	CreateWAV func(path string) (Recording, error)
	// Now is the clock for session start and end times; nil means
	// time.Now.
	Now func() time.Time
}

// Store is a sessions folder.
type Store struct {
	dir string
	opt Options
}

// Open returns the Store in dir, creating dir (and missing parents) with
// mode 0700 when it does not exist. An existing dir keeps its mode.
func Open(dir string, opt Options) (*Store, error) {
	op := "open sessions folder " + dir
	if dir == "" {
		return nil, starloop.Errorf(starloop.Invalid, "%s: no folder given", op)
	}
	if err := os.MkdirAll(dir, DirMode); err != nil {
		return nil, starloop.E(op, starloop.Other, err)
	}
	if opt.Now == nil {
		opt.Now = time.Now
	}
	if opt.CreateWAV == nil {
		opt.CreateWAV = func(path string) (Recording, error) { return audio.CreateWAV(path) }
	}
	return &Store{dir: dir, opt: opt}, nil
}

// Dir is the sessions folder.
func (s *Store) Dir() string { return s.dir }

// NewSession creates the folder of a new session and its session.json, with
// State InProgress and no answers. meta.ID, State, End and Answers are set
// by the store; meta.Start defaults to now. The ID is Start as a time
// stamp in Start's location (20261127-154502), with "-2", "-3"... when that
// folder exists. A settings
// key that looks like a secret (api_key, token...) is refused as Invalid.
//
// The returned Session holds a lock on its folder until Close, so that List
// in another process can tell a session being recorded from a crashed one.
func (s *Store) NewSession(meta Meta) (*Session, error) {
	const op = "start session"
	// Words that mark setting keys which must never be written to disk.
	secretWords := [...]string{"secret", "token", "password", "passwd", "key", "credential", "auth"}
	for k := range meta.Settings {
		lk := strings.ToLower(k)
		for _, w := range secretWords {
			if strings.Contains(lk, w) {
				return nil, starloop.Errorf(starloop.Invalid, "%s: setting %q looks like a secret; sessions never store secrets", op, k)
			}
		}
	}
	if meta.Start.IsZero() {
		meta.Start = s.opt.Now()
	}
	meta.State, meta.End, meta.Answers, meta.Unclosed = InProgress, time.Time{}, []AnswerRef{}, false
	meta.LPs = slices.Clone(meta.LPs)
	base := meta.Start.Format(idLayout)
	var folder string
	for i := 1; ; i++ {
		meta.ID = base
		if i > 1 {
			meta.ID = fmt.Sprintf("%s-%d", base, i)
		}
		folder = filepath.Join(s.dir, meta.ID)
		err := os.Mkdir(folder, DirMode)
		if err == nil {
			break
		}
		if !errors.Is(err, fs.ErrExist) || i >= 100 {
			return nil, starloop.E(op, starloop.Other, err)
		}
	}
	lock, err := lockFolder(folder)
	if err != nil {
		return nil, starloop.E(op+" "+meta.ID, starloop.Other, err)
	}
	sess := &Session{folder: folder, meta: meta, opt: s.opt, lock: lock}
	if err := sess.writeMeta(); err != nil {
		lock.Close()
		return nil, starloop.E(op+" "+meta.ID, starloop.Other, err)
	}
	return sess, nil
}

// Session is one session being recorded. It is not safe for concurrent use.
type Session struct {
	folder string
	meta   Meta
	opt    Options
	lock   *os.File
	closed bool
}

// ID is the session's ID, the name of its folder.
func (s *Session) ID() string { return s.meta.ID }

// Dir is the session's folder.
func (s *Session) Dir() string { return s.folder }

// Meta returns a copy of what session.json holds now.
func (s *Session) Meta() Meta {
	m := s.meta
	m.LPs = slices.Clone(m.LPs)
	m.Answers = slices.Clone(m.Answers)
	return m
}

// NewAnswer creates answer n's recording, answer-NN.wav (mode 0600), ready
// for frames. The file must not exist yet: a number is used once unless its
// recording was discarded. The caller must Close or Discard the Recorder.
func (s *Session) NewAnswer(n int) (*Recorder, error) {
	op := "record answer " + AudioName(n)
	if s.closed {
		return nil, starloop.Errorf(starloop.Other, "%s: session is closed", op)
	}
	if n < 1 {
		return nil, starloop.Errorf(starloop.Invalid, "%s: answer number %d; numbers start at 1", op, n)
	}
	path := filepath.Join(s.folder, AudioName(n))
	if _, err := os.Lstat(path); !errors.Is(err, fs.ErrNotExist) {
		return nil, starloop.Errorf(starloop.Other, "%s: already recorded", op)
	}
	rec, err := s.opt.CreateWAV(path)
	if err != nil {
		os.Remove(path)
		return nil, starloop.E(op, starloop.Other, err)
	}
	return &Recorder{rec: rec, path: path, s: s, n: n}, nil
}

// Asked writes the record of answer a.N with its question alone (N, LP,
// Question, FollowUp, Reason), as the question is asked: a crash during
// the answer then keeps what was asked. It does not list the answer in
// session.json (SaveAnswer does, replacing the record), and it leaves a
// record already saved alone.
func (s *Session) Asked(a Answer) error {
	op := "save question " + RecordName(a.N)
	if s.closed {
		return starloop.Errorf(starloop.Other, "%s: session is closed", op)
	}
	if a.N < 1 {
		return starloop.Errorf(starloop.Invalid, "%s: answer number %d; numbers start at 1", op, a.N)
	}
	if s.listed(a.N) {
		return nil
	}
	b, err := marshal(Answer{N: a.N, LP: a.LP, Question: a.Question, FollowUp: a.FollowUp, Reason: a.Reason, Audio: AudioName(a.N)})
	if err != nil {
		return starloop.E(op, starloop.Invalid, err)
	}
	if err := writeAtomic(filepath.Join(s.folder, RecordName(a.N)), b); err != nil {
		return starloop.E(op, starloop.Other, err)
	}
	return nil
}

// listed reports whether answer n is in session.json.
func (s *Session) listed(n int) bool {
	return slices.ContainsFunc(s.meta.Answers, func(r AnswerRef) bool { return r.N == n })
}

// SaveAnswer writes a's record to answer-NN.json and lists it in
// session.json, both atomically. Saving the same a.N again replaces the
// earlier record (e.g. to add a timing measured later). a.Audio defaults to
// AudioName(a.N).
func (s *Session) SaveAnswer(a Answer) error {
	op := "save answer " + RecordName(a.N)
	if s.closed {
		return starloop.Errorf(starloop.Other, "%s: session is closed", op)
	}
	if a.N < 1 {
		return starloop.Errorf(starloop.Invalid, "%s: answer number %d; numbers start at 1", op, a.N)
	}
	if a.Audio == "" {
		a.Audio = AudioName(a.N)
	}
	b, err := marshal(a)
	if err != nil {
		return starloop.E(op, starloop.Invalid, err)
	}
	if err := writeAtomic(filepath.Join(s.folder, RecordName(a.N)), b); err != nil {
		return starloop.E(op, starloop.Other, err)
	}
	ref := AnswerRef{N: a.N, LP: a.LP, Question: a.Question, FollowUp: a.FollowUp, Audio: a.Audio, Record: RecordName(a.N)}
	old := slices.Clone(s.meta.Answers)
	if i := slices.IndexFunc(s.meta.Answers, func(r AnswerRef) bool { return r.N == a.N }); i >= 0 {
		s.meta.Answers[i] = ref
	} else {
		s.meta.Answers = append(s.meta.Answers, ref)
	}
	if err := s.writeMeta(); err != nil {
		s.meta.Answers = old
		return starloop.E(op, starloop.Other, err)
	}
	return nil
}

// Close records the session's end time and final state (Complete, Stopped
// or Interrupted) and releases its lock. Later calls do nothing.
func (s *Session) Close(state State) error {
	op := "close session " + s.meta.ID
	if s.closed {
		return nil
	}
	if state != Complete && state != Stopped && state != Interrupted {
		return starloop.Errorf(starloop.Invalid, "%s: final state %q; want complete, stopped or interrupted", op, state)
	}
	s.meta.State, s.meta.End = state, s.opt.Now()
	err := s.writeMeta()
	s.closed = true
	s.lock.Close()
	os.Remove(s.lock.Name())
	if err != nil {
		return starloop.E(op, starloop.Other, err)
	}
	return nil
}

func (s *Session) writeMeta() error {
	b, err := marshal(s.meta)
	if err != nil {
		return err
	}
	return writeAtomic(filepath.Join(s.folder, MetaFile), b)
}

// Recorder streams one answer's audio to its file.
type Recorder struct {
	rec  Recording
	path string
	done bool
	s    *Session
	n    int
}

// Path is the recording's file.
func (r *Recorder) Path() string { return r.path }

// WriteFrame appends f to the recording.
func (r *Recorder) WriteFrame(f audio.Frame) error {
	if r.done {
		return starloop.Errorf(starloop.Other, "write %s: recording is closed", filepath.Base(r.path))
	}
	return r.rec.WriteFrame(f)
}

// Close finishes the recording and keeps it. Later calls do nothing.
func (r *Recorder) Close() error {
	if r.done {
		return nil
	}
	r.done = true
	if err := r.rec.Close(); err != nil {
		return starloop.E("finish "+filepath.Base(r.path), starloop.Other, err)
	}
	return nil
}

// Discard closes the recording and deletes its file, e.g. when the person
// asked to hear the question again. Discarding a closed recording deletes it.
func (r *Recorder) Discard() error {
	if !r.done {
		r.done = true
		r.rec.Close()
	}
	if err := os.Remove(r.path); err != nil && !errors.Is(err, fs.ErrNotExist) {
		return starloop.E("discard "+filepath.Base(r.path), starloop.Other, err)
	}
	// The question Asked wrote goes with the take, unless it was saved.
	if r.s != nil && !r.s.listed(r.n) {
		os.Remove(filepath.Join(r.s.folder, RecordName(r.n)))
	}
	return nil
}

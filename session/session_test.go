package session

import (
	"bytes"
	"encoding/json"
	"io/fs"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/starloop/starloop"
	"github.com/starloop/starloop/audio"
)

// memWAV records to memory, as a Store's CreateWAV may.
type memWAV struct {
	audio.Buffer
	closed bool
}

func (m *memWAV) Close() error { m.closed = true; return nil }

// start is the fixed clock of these tests: 27 Nov 2026, 15:45:02 UTC.
var start = time.Date(2026, 11, 27, 15, 45, 2, 0, time.UTC)

func openStore(t *testing.T, dir string) *Store {
	t.Helper()
	now := start
	st, err := Open(dir, Options{Now: func() time.Time { now = now.Add(time.Minute); return now }})
	if err != nil {
		t.Fatal(err)
	}
	return st
}

func newSession(t *testing.T, st *Store) *Session {
	t.Helper()
	s, err := st.NewSession(Meta{Start: start, LPs: []string{"ownership", "dive-deep"}, Settings: map[string]string{"patience": "3s"}})
	if err != nil {
		t.Fatal(err)
	}
	return s
}

func record(t *testing.T, s *Session, n, frames int) {
	t.Helper()
	r, err := s.NewAnswer(n)
	if err != nil {
		t.Fatal(err)
	}
	f := audio.NewFrame()
	for i := range frames {
		f[0] = int16(i + 1)
		if err := r.WriteFrame(f); err != nil {
			t.Fatal(err)
		}
	}
	if err := r.Close(); err != nil {
		t.Fatal(err)
	}
}

func TestModes(t *testing.T) {
	// With umask 0 the modes on disk are exactly the ones asked for at
	// creation, so a file created 0644 or a folder 0755 would show.
	old := syscall.Umask(0)
	defer syscall.Umask(old)

	dir := filepath.Join(t.TempDir(), "data", "starloop", "sessions")
	st := openStore(t, dir)
	s := newSession(t, st)
	record(t, s, 1, 2)
	if err := s.SaveAnswer(Answer{N: 1, Question: "Tell me about a time."}); err != nil {
		t.Fatal(err)
	}
	lockInfo, err := os.Stat(filepath.Join(s.Dir(), lockName))
	if err != nil {
		t.Fatal(err)
	}
	if err := s.Close(Complete); err != nil {
		t.Fatal(err)
	}
	want := map[string]fs.FileMode{
		filepath.Dir(filepath.Dir(dir)):          fs.ModeDir | 0o700, // ".../data", a created parent
		dir:                                      fs.ModeDir | 0o700,
		s.Dir():                                  fs.ModeDir | 0o700,
		filepath.Join(s.Dir(), "session.json"):   0o600,
		filepath.Join(s.Dir(), "answer-01.wav"):  0o600,
		filepath.Join(s.Dir(), "answer-01.json"): 0o600,
	}
	for path, mode := range want {
		fi, err := os.Stat(path)
		if err != nil {
			t.Fatal(err)
		}
		if fi.Mode() != mode {
			t.Errorf("%s: mode %v, want %v", path, fi.Mode(), mode)
		}
	}
	if lockInfo.Mode() != 0o600 {
		t.Errorf("lock file: mode %v, want 0600", lockInfo.Mode())
	}
	entries, _ := os.ReadDir(s.Dir())
	var names []string
	for _, e := range entries {
		names = append(names, e.Name())
	}
	// The lock goes with Close; no temporary file is left behind.
	if got, want := strings.Join(names, " "), "answer-01.json answer-01.wav session.json"; got != want {
		t.Errorf("session folder holds %q, want %q", got, want)
	}
}

func TestRoundTrip(t *testing.T) {
	dir := t.TempDir()
	st := openStore(t, dir)
	s := newSession(t, st)
	if s.ID() != "20261127-154502" {
		t.Errorf("ID %q, want 20261127-154502", s.ID())
	}
	record(t, s, 1, 3)
	a := Answer{
		N: 1, LP: "ownership", Question: "Tell me about a time you owned a problem.",
		Transcript: starloop.Transcript{Text: "I fixed it", Words: []starloop.Word{
			{Text: "I", Start: 100 * time.Millisecond, End: 200 * time.Millisecond},
			{Text: "fixed", Start: 200 * time.Millisecond, End: 600 * time.Millisecond},
			{Text: "it", Start: 600 * time.Millisecond, End: 700 * time.Millisecond},
		}},
		Report:  json.RawMessage(`{"star":{"situation":false,"result":true}}`),
		Timings: Timings{Listen: start.Add(10 * time.Second), FirstSpeech: 4 * time.Second, End: 9 * time.Second, EndReason: "silence", TurnLatency: 3 * time.Millisecond},
	}
	if err := s.SaveAnswer(a); err != nil {
		t.Fatal(err)
	}
	record(t, s, 2, 1)
	b := Answer{N: 2, LP: "ownership", Question: "What exactly did you do?", FollowUp: true, Reason: "missing-action"}
	if err := s.SaveAnswer(b); err != nil {
		t.Fatal(err)
	}
	if err := s.Close(Complete); err != nil {
		t.Fatal(err)
	}

	meta, answers, err := Load(dir, s.ID())
	if err != nil {
		t.Fatal(err)
	}
	// The store's clock ticks a minute per reading and was read once, by
	// Close (NewSession had a Start).
	wantMeta := Meta{
		ID: "20261127-154502", Start: start, End: start.Add(time.Minute), State: Complete,
		LPs: []string{"ownership", "dive-deep"}, Settings: map[string]string{"patience": "3s"},
		Answers: []AnswerRef{
			{N: 1, LP: "ownership", Question: a.Question, Audio: "answer-01.wav", Record: "answer-01.json"},
			{N: 2, LP: "ownership", Question: b.Question, FollowUp: true, Audio: "answer-02.wav", Record: "answer-02.json"},
		},
	}
	if !meta.Start.Equal(wantMeta.Start) || !meta.End.Equal(wantMeta.End) {
		t.Errorf("start, end = %v, %v; want %v, %v", meta.Start, meta.End, wantMeta.Start, wantMeta.End)
	}
	meta.Start, meta.End = wantMeta.Start, wantMeta.End
	if !reflect.DeepEqual(meta, wantMeta) {
		t.Errorf("meta:\n got %+v\nwant %+v", meta, wantMeta)
	}
	a.Audio, b.Audio = "answer-01.wav", "answer-02.wav"
	if len(answers) != 2 {
		t.Fatalf("%d answers, want 2", len(answers))
	}
	answers[0].Timings.Listen = answers[0].Timings.Listen.UTC()
	// The report is stored indented with the rest of the record; compare it
	// compacted.
	var compact bytes.Buffer
	if err := json.Compact(&compact, answers[0].Report); err != nil {
		t.Fatal(err)
	}
	answers[0].Report = compact.Bytes()
	if !reflect.DeepEqual(answers[0], a) {
		t.Errorf("answer 1:\n got %+v\nwant %+v", answers[0], a)
	}
	if !reflect.DeepEqual(answers[1], b) {
		t.Errorf("answer 2:\n got %+v\nwant %+v", answers[1], b)
	}
	// 3 frames of 320 samples were written to answer 1.
	pcm, err := audio.ReadWAVFile(filepath.Join(s.Dir(), "answer-01.wav"))
	if err != nil {
		t.Fatal(err)
	}
	if len(pcm) != 960 || pcm[0] != 1 || pcm[320] != 2 || pcm[640] != 3 {
		t.Errorf("answer-01.wav: %d samples, first of each frame %v; want 960, [1 2 3]", len(pcm), []int16{pcm[0], pcm[320], pcm[640]})
	}
}

func TestAtomicRewrite(t *testing.T) {
	st := openStore(t, t.TempDir())
	s := newSession(t, st)
	path := filepath.Join(s.Dir(), "session.json")
	before, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	// A reader that opened session.json before the rewrite keeps reading
	// the old, whole file: the new one arrives by rename, never in place.
	oldFile, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer oldFile.Close()
	oldInfo, _ := oldFile.Stat()

	if err := s.SaveAnswer(Answer{N: 1, Question: "Q1"}); err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	if _, err := buf.ReadFrom(oldFile); err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(buf.Bytes(), before) {
		t.Errorf("the file open before the rewrite changed:\n%s", buf.Bytes())
	}
	newInfo, err := os.Stat(path)
	if err != nil {
		t.Fatal(err)
	}
	if os.SameFile(oldInfo, newInfo) {
		t.Error("session.json was rewritten in place, not replaced")
	}
	var m Meta
	b, _ := os.ReadFile(path)
	if err := json.Unmarshal(b, &m); err != nil || len(m.Answers) != 1 || m.Answers[0].Question != "Q1" {
		t.Errorf("new session.json = %s (err %v), want one answer Q1", b, err)
	}

	// A record that cannot be encoded fails before anything is replaced.
	err = s.SaveAnswer(Answer{N: 2, Question: "Q2", Report: json.RawMessage(`{broken`)})
	if !starloop.IsKind(err, starloop.Invalid) {
		t.Errorf("saving a broken report: err %v, want kind Invalid", err)
	}
	after, _ := os.ReadFile(path)
	if !bytes.Equal(after, b) {
		t.Errorf("session.json changed by a failed save:\n%s", after)
	}
	if _, err := os.Stat(filepath.Join(s.Dir(), "answer-02.json")); !os.IsNotExist(err) {
		t.Errorf("answer-02.json exists after a failed save (err %v)", err)
	}
	entries, _ := os.ReadDir(s.Dir())
	for _, e := range entries {
		if strings.Contains(e.Name(), "tmp") {
			t.Errorf("temporary file %s left behind", e.Name())
		}
	}
}

func TestCrashedSessionIsInterrupted(t *testing.T) {
	dir := t.TempDir()
	st := openStore(t, dir)
	s := newSession(t, st)
	record(t, s, 1, 1)

	list, err := List(dir)
	if err != nil {
		t.Fatal(err)
	}
	if len(list) != 1 || list[0].State != InProgress || list[0].Unclosed {
		t.Fatalf("while recording: %+v, want one in_progress session", list)
	}

	// A crash: the process dies, its lock goes, Close never runs.
	s.lock.Close()

	// A session folder from an older version, written by hand, with no lock
	// file at all.
	hand := filepath.Join(dir, "20261126-090000")
	if err := os.Mkdir(hand, 0o700); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(hand, "session.json"), []byte(`{"id":"20261126-090000","start":"2026-11-26T09:00:00Z","state":"in_progress","lps":["frugality"],"answers":[]}`), 0o600); err != nil {
		t.Fatal(err)
	}
	// A folder that is not a session is skipped.
	if err := os.Mkdir(filepath.Join(dir, "junk"), 0o700); err != nil {
		t.Fatal(err)
	}

	list, err = List(dir)
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, m := range list {
		got = append(got, m.ID+" "+string(m.State))
		if !m.Unclosed {
			t.Errorf("%s: Unclosed is false", m.ID)
		}
	}
	want := []string{"20261126-090000 interrupted", "20261127-154502 interrupted"}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("List = %q, want %q", got, want)
	}
	m, _, err := Load(dir, "20261127-154502")
	if err != nil || m.State != Interrupted {
		t.Errorf("Load: state %q err %v, want interrupted", m.State, err)
	}
	// session.json itself is left as the crash left it, for repair.
	b, _ := os.ReadFile(filepath.Join(s.Dir(), "session.json"))
	if !bytes.Contains(b, []byte(`"in_progress"`)) {
		t.Errorf("List rewrote session.json:\n%s", b)
	}
}

func TestSameSecondSessions(t *testing.T) {
	dir := t.TempDir()
	st := openStore(t, dir)
	var ids []string
	for range 3 {
		s := newSession(t, st)
		ids = append(ids, s.ID())
		if err := s.Close(Interrupted); err != nil {
			t.Fatal(err)
		}
	}
	want := []string{"20261127-154502", "20261127-154502-2", "20261127-154502-3"}
	if !reflect.DeepEqual(ids, want) {
		t.Errorf("IDs %q, want %q", ids, want)
	}
	list, err := List(dir)
	if err != nil {
		t.Fatal(err)
	}
	for i, m := range list {
		if m.ID != want[i] || m.State != Interrupted || m.Unclosed {
			t.Errorf("List[%d] = %s %s (unclosed %v), want %s interrupted", i, m.ID, m.State, m.Unclosed, want[i])
		}
	}
}

func TestDiscardFreesTheNumber(t *testing.T) {
	st := openStore(t, t.TempDir())
	s := newSession(t, st)
	r, err := s.NewAnswer(1)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.NewAnswer(1); err == nil {
		t.Error("a second recording of answer 1 was allowed")
	}
	if err := r.Discard(); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(r.Path()); !os.IsNotExist(err) {
		t.Errorf("discarded recording still there (err %v)", err)
	}
	record(t, s, 1, 1)
}

func TestBadInput(t *testing.T) {
	dir := t.TempDir()
	st := openStore(t, dir)
	s := newSession(t, st)
	tests := []struct {
		name string
		err  error
		kind starloop.Kind
	}{
		{"answer 0", func() error { _, err := s.NewAnswer(0); return err }(), starloop.Invalid},
		{"save answer 0", s.SaveAnswer(Answer{}), starloop.Invalid},
		{"secret setting", func() error {
			_, err := st.NewSession(Meta{Settings: map[string]string{"OPENAI_API_KEY": "sk-123"}})
			return err
		}(), starloop.Invalid},
		{"close in progress", s.Close(InProgress), starloop.Invalid},
		{"load ../x", func() error { _, _, err := Load(dir, "../x"); return err }(), starloop.Invalid},
		{"load unknown", func() error { _, _, err := Load(dir, "20200101-000000"); return err }(), starloop.NotFound},
		{"open empty", func() error { _, err := Open("", Options{}); return err }(), starloop.Invalid},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if !starloop.IsKind(tt.err, tt.kind) {
				t.Errorf("err %v, want kind %v", tt.err, tt.kind)
			}
			if strings.Contains(tt.err.Error(), "\n") {
				t.Errorf("error is not one line: %q", tt.err)
			}
		})
	}
	if list, err := List(filepath.Join(dir, "missing")); err != nil || len(list) != 0 {
		t.Errorf("List of a missing folder = %v, %v; want nothing", list, err)
	}
}

func TestInjectedCreateWAV(t *testing.T) {
	var made []string
	mem := map[string]*memWAV{}
	st, err := Open(t.TempDir(), Options{
		Now: func() time.Time { return start },
		CreateWAV: func(path string) (Recording, error) {
			made = append(made, filepath.Base(path))
			if strings.HasSuffix(path, "answer-02.wav") {
				return nil, os.ErrPermission
			}
			m := &memWAV{}
			mem[filepath.Base(path)] = m
			return m, nil
		},
	})
	if err != nil {
		t.Fatal(err)
	}
	s := newSession(t, st)
	record(t, s, 1, 2)
	m := mem["answer-01.wav"]
	if m == nil || len(m.PCM) != 640 || !m.closed {
		t.Fatalf("answer 1 in memory: %+v; want 640 samples (2 frames), closed", m)
	}
	if _, err := s.NewAnswer(2); err == nil || !strings.Contains(err.Error(), "answer-02.wav") {
		t.Errorf("a failing CreateWAV gave err %v, want one naming answer-02.wav", err)
	}
	if want := []string{"answer-01.wav", "answer-02.wav"}; !reflect.DeepEqual(made, want) {
		t.Errorf("CreateWAV called for %q, want %q", made, want)
	}
}

// Package profile keeps speaker profiles on disk: for each person who
// enrolled, the adaptation of the speech model to their voice (model files,
// opaque here) and the recordings it was computed from, which a later
// refinement is checked against.
//
// A Store is one folder (cmd/ puts it under $XDG_DATA_HOME/starloop); each
// profile is a sub-folder named after it, holding "model/" with the
// adaptation's files and "enrol/" with NN.wav beside NN.txt. Recordings are personal data: folders are
// created 0700, files 0600. A profile is replaced whole: it is written
// beside the old one and renamed over it, so a crash leaves one or the
// other, never a mix.
package profile

import (
	"bytes"
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

// DefaultName is the profile used when none is named.
const DefaultName = "default"

// Modes of everything a Store writes.
const (
	DirMode  fs.FileMode = 0o700
	FileMode fs.FileMode = 0o600
)

const modelDir = "model"

// Store is a folder of profiles.
type Store struct{ Dir string }

// Recording is one enrolment recording: 16 kHz mono samples and the
// words read in them.
type Recording struct {
	Name string
	PCM  []int16
	Text string
}

// CheckName accepts a profile name: letters, digits, '-', '_' and '.',
// not starting with a dot, at most 64 bytes.
func CheckName(name string) error {
	ok := name != "" && len(name) <= 64 && name[0] != '.'
	for _, r := range name {
		if !(r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || r == '-' || r == '_' || r == '.') {
			ok = false
		}
	}
	if !ok {
		return starloop.Errorf(starloop.Invalid, "profile name %q: use letters, digits, '-', '_' or '.' (at most 64)", name)
	}
	return nil
}

// Path is the folder of profile name.
func (s Store) Path(name string) string { return filepath.Join(s.Dir, name) }

// Model returns the folder of profile name's adapted model files, or a
// NotFound error that says how to make one.
func (s Store) Model(name string) (string, error) {
	if err := CheckName(name); err != nil {
		return "", err
	}
	p := filepath.Join(s.Path(name), modelDir)
	if st, err := os.Stat(p); err != nil || !st.IsDir() {
		return "", starloop.Errorf(starloop.NotFound, "no speaker profile %q in %s: make one with starloop enrol --profile %s", name, s.Dir, name)
	}
	return p, nil
}

// Exists reports whether profile name has a model.
func (s Store) Exists(name string) bool {
	_, err := s.Model(name)
	return err == nil
}

// List returns the names of the profiles, sorted.
func (s Store) List() ([]string, error) {
	es, err := os.ReadDir(s.Dir)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, starloop.E("list speaker profiles", starloop.Other, err)
	}
	var names []string
	for _, e := range es {
		if e.IsDir() && CheckName(e.Name()) == nil && s.Exists(e.Name()) {
			names = append(names, e.Name())
		}
	}
	return names, nil
}

// Save writes profile name: the model files by name, and the recordings
// they were made from. It replaces any profile of that name.
func (s Store) Save(name string, model map[string][]byte, recs []Recording) error {
	op := "save speaker profile " + name
	if err := CheckName(name); err != nil {
		return err
	}
	if err := os.MkdirAll(s.Dir, DirMode); err != nil {
		return starloop.E(op, starloop.Other, err)
	}
	tmp, err := os.MkdirTemp(s.Dir, ".new-"+name+"-") // 0700
	if err != nil {
		return starloop.E(op, starloop.Other, err)
	}
	defer os.RemoveAll(tmp)
	if err := write(tmp, recs, model); err != nil {
		return starloop.E(op, starloop.Other, err)
	}
	dst := s.Path(name)
	old := tmp + ".old"
	if err := os.Rename(dst, old); err != nil && !errors.Is(err, fs.ErrNotExist) {
		return starloop.E(op, starloop.Other, err)
	}
	if err := os.Rename(tmp, dst); err != nil {
		os.Rename(old, dst) //nolint:errcheck // best effort: put the old one back
		return starloop.E(op, starloop.Other, err)
	}
	return os.RemoveAll(old)
}

func write(dir string, recs []Recording, model map[string][]byte) error {
	enrol := filepath.Join(dir, "enrol")
	if err := os.Mkdir(enrol, DirMode); err != nil {
		return err
	}
	for i, r := range recs {
		base := filepath.Join(enrol, fmt.Sprintf("%02d", i+1))
		var b bytes.Buffer
		if err := audio.EncodeWAV(&b, r.PCM); err != nil {
			return err
		}
		if err := os.WriteFile(base+".wav", b.Bytes(), FileMode); err != nil {
			return err
		}
		if err := os.WriteFile(base+".txt", []byte(strings.TrimSpace(r.Text)+"\n"), FileMode); err != nil {
			return err
		}
	}
	m := filepath.Join(dir, modelDir)
	if err := os.Mkdir(m, DirMode); err != nil {
		return err
	}
	for name, b := range model {
		if filepath.Base(name) != name || name[0] == '.' {
			return fmt.Errorf("model file name %q", name)
		}
		if err := os.WriteFile(filepath.Join(m, name), b, FileMode); err != nil {
			return err
		}
	}
	return nil
}

// Recordings returns the enrolment recordings of profile name.
func (s Store) Recordings(name string) ([]Recording, error) {
	if err := CheckName(name); err != nil {
		return nil, err
	}
	return ReadDir(filepath.Join(s.Path(name), "enrol"))
}

// ReadDir reads recordings from a folder where each X.wav has beside it an
// X.txt holding what was read, in name order. A WAV of any common rate and
// channel count is converted to 16 kHz mono. A WAV without its text, or an
// empty folder, is an Invalid error naming it.
func ReadDir(dir string) ([]Recording, error) {
	op := "read recordings in " + dir
	wavs, err := filepath.Glob(filepath.Join(dir, "*.wav"))
	if err != nil {
		return nil, starloop.E(op, starloop.Invalid, err)
	}
	if st, err := os.Stat(dir); err != nil || !st.IsDir() {
		return nil, starloop.Errorf(starloop.NotFound, "%s: no such folder", op)
	}
	if len(wavs) == 0 {
		return nil, starloop.Errorf(starloop.Invalid, "%s: no .wav files (each X.wav needs X.txt beside it with what was read)", op)
	}
	slices.Sort(wavs)
	recs := make([]Recording, 0, len(wavs))
	for _, w := range wavs {
		txt := strings.TrimSuffix(w, ".wav") + ".txt"
		text, err := os.ReadFile(txt)
		if err != nil {
			return nil, starloop.Errorf(starloop.Invalid, "%s: %s has no %s beside it with what was read", op, filepath.Base(w), filepath.Base(txt))
		}
		if strings.TrimSpace(string(text)) == "" {
			return nil, starloop.Errorf(starloop.Invalid, "%s: %s is empty", op, filepath.Base(txt))
		}
		pcm, err := audio.ReadWAVFile(w)
		if err != nil {
			return nil, err
		}
		recs = append(recs, Recording{Name: filepath.Base(w), PCM: pcm, Text: strings.TrimSpace(string(text))})
	}
	return recs, nil
}

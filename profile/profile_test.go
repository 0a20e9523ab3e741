package profile

import (
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/starloop/starloop"
)

func TestSaveModesAndReplace(t *testing.T) {
	s := Store{Dir: filepath.Join(t.TempDir(), "data", "profiles")}
	recs := []Recording{{Name: "a", PCM: []int16{1, 2, 3}, Text: "we shipped it\n"}, {Name: "b", PCM: []int16{4}, Text: "I led it"}}
	if err := s.Save("ana", map[string][]byte{"means": []byte("first"), "old": nil}, recs); err != nil {
		t.Fatal(err)
	}
	if err := s.Save("ana", map[string][]byte{"means": []byte("second")}, recs[:1]); err != nil {
		t.Fatal(err)
	}
	want := map[string]fs.FileMode{
		".":                fs.ModeDir | 0o700,
		"ana":              fs.ModeDir | 0o700,
		"ana/model":        fs.ModeDir | 0o700,
		"ana/model/means":  0o600,
		"ana/enrol":        fs.ModeDir | 0o700,
		"ana/enrol/01.wav": 0o600,
		"ana/enrol/01.txt": 0o600,
	}
	got := map[string]fs.FileMode{}
	filepath.WalkDir(s.Dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			t.Fatal(err)
		}
		info, _ := d.Info()
		rel, _ := filepath.Rel(s.Dir, p)
		got[filepath.ToSlash(rel)] = info.Mode()
		return nil
	})
	for p, m := range want {
		if got[p] != m {
			t.Errorf("%s: mode %v, want %v", p, got[p], m)
		}
	}
	if len(got) != len(want) {
		t.Errorf("files %v, want exactly %v (the second save replaces the first whole)", got, want)
	}
	p, err := s.Model("ana")
	if err != nil {
		t.Fatal(err)
	}
	if b, _ := os.ReadFile(filepath.Join(p, "means")); string(b) != "second" {
		t.Errorf("means %q, want the second save's", b)
	}
	r, err := s.Recordings("ana")
	if err != nil || len(r) != 1 || r[0].Text != "we shipped it" || !slices.Equal(r[0].PCM, []int16{1, 2, 3}) {
		t.Errorf("recordings %+v, %v", r, err)
	}
	if names, err := s.List(); err != nil || !slices.Equal(names, []string{"ana"}) {
		t.Errorf("List = %v, %v", names, err)
	}
}

func TestMissingProfile(t *testing.T) {
	s := Store{Dir: t.TempDir()}
	_, err := s.Model("bob")
	if !starloop.IsKind(err, starloop.NotFound) || !strings.Contains(err.Error(), "starloop enrol --profile bob") {
		t.Errorf("error %v, want NotFound saying how to make it", err)
	}
	if names, err := s.List(); err != nil || len(names) != 0 {
		t.Errorf("List = %v, %v", names, err)
	}
}

func TestCheckName(t *testing.T) {
	for _, n := range []string{"default", "Ana-2", "mi.ju_k"} {
		if err := CheckName(n); err != nil {
			t.Errorf("%q: %v", n, err)
		}
	}
	for _, n := range []string{"", ".hidden", "../x", "a/b", "día", strings.Repeat("x", 65)} {
		if err := CheckName(n); !starloop.IsKind(err, starloop.Invalid) {
			t.Errorf("%q: %v, want Invalid", n, err)
		}
	}
}

func TestReadDir(t *testing.T) {
	dir := t.TempDir()
	// A WAV made by hand: 44-byte header, 16 kHz mono 16-bit, 2 samples.
	wav := []byte("RIFF\x28\x00\x00\x00WAVEfmt \x10\x00\x00\x00\x01\x00\x01\x00\x80\x3e\x00\x00\x00\x7d\x00\x00\x02\x00\x10\x00data\x04\x00\x00\x00\x01\x00\xff\xff")
	os.WriteFile(filepath.Join(dir, "b.wav"), wav, 0o600)
	os.WriteFile(filepath.Join(dir, "b.txt"), []byte("  second one\n"), 0o600)
	os.WriteFile(filepath.Join(dir, "a.wav"), wav, 0o600)
	os.WriteFile(filepath.Join(dir, "a.txt"), []byte("first"), 0o600)
	recs, err := ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	if len(recs) != 2 || recs[0].Name != "a.wav" || recs[1].Text != "second one" || !slices.Equal(recs[0].PCM, []int16{1, -1}) {
		t.Errorf("recordings %+v", recs)
	}

	os.WriteFile(filepath.Join(dir, "c.wav"), wav, 0o600)
	if _, err := ReadDir(dir); !starloop.IsKind(err, starloop.Invalid) || !strings.Contains(err.Error(), "c.wav has no c.txt") {
		t.Errorf("a WAV without its text: %v", err)
	}
	if _, err := ReadDir(t.TempDir()); !starloop.IsKind(err, starloop.Invalid) {
		t.Errorf("an empty folder: %v", err)
	}
	if _, err := ReadDir(filepath.Join(dir, "none")); !starloop.IsKind(err, starloop.NotFound) {
		t.Errorf("no folder: %v", err)
	}
}

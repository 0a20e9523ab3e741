package audio

import (
	"os"
	"path/filepath"
	"slices"
	"testing"
)

// TestWriteWAVFile: a whole clip, written into a folder that did not
// exist, reads back sample for sample, private.
func TestWriteWAVFile(t *testing.T) {
	path := filepath.Join(t.TempDir(), "new", "clip.wav")
	pcm := []int16{0, 1, -1, 32767, -32768, 1234}
	if err := WriteWAVFile(path, pcm); err != nil {
		t.Fatal(err)
	}
	got, err := ReadWAVFile(path)
	if err != nil || !slices.Equal(got, pcm) {
		t.Errorf("read back %v, %v; want %v", got, err, pcm)
	}
	for p, want := range map[string]os.FileMode{path: 0o600, filepath.Dir(path): 0o700 | os.ModeDir} {
		if fi, err := os.Stat(p); err != nil || fi.Mode() != want {
			t.Errorf("%s: mode %v (%v), want %v", p, fi.Mode(), err, want)
		}
	}
	// 44 bytes of header and 2 per sample.
	if fi, _ := os.Stat(path); fi.Size() != 44+2*int64(len(pcm)) {
		t.Errorf("size %d, want %d", fi.Size(), 44+2*len(pcm))
	}
}

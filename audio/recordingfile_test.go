package audio

import (
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/starloop/starloop"
)

func TestReadRecordingFile(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "a.wav")
	pcm := make([]int16, 16000) // one second
	if err := WriteWAVFile(path, pcm); err != nil {
		t.Fatal(err)
	}
	rec, err := ReadRecordingFile(path)
	if err != nil || len(rec.PCM) != 16000 || rec.Duration() != time.Second {
		t.Errorf("ReadRecordingFile = %d samples, %v, %v; want one second", len(rec.PCM), rec.Duration(), err)
	}
	missing := filepath.Join(dir, "none.wav")
	if _, err := ReadRecordingFile(missing); !starloop.IsKind(err, starloop.NotFound) || err.Error() != "read "+missing+": no such file" {
		t.Errorf("missing: %v", err)
	}
	text := filepath.Join(dir, "t.wav")
	if err := os.WriteFile(text, []byte("not a recording"), 0o600); err != nil {
		t.Fatal(err)
	}
	if _, err := ReadRecordingFile(text); !starloop.IsKind(err, starloop.Invalid) || err.Error() != "read "+text+": not a WAV file: no RIFF/WAVE mark" {
		t.Errorf("not a WAV: %v", err)
	}
}

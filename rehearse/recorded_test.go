package rehearse

import (
	"bytes"
	"context"
	"path/filepath"
	"testing"
	"time"

	"github.com/starloop/starloop"
	"github.com/starloop/starloop/audio"
)

// TestRecorded takes a 3 s recording (48000 samples at 16 kHz) as a run:
// its length, and the transcript of the whole of it.
func TestRecorded(t *testing.T) {
	path := filepath.Join(t.TempDir(), "run.wav")
	if err := audio.WriteWAVFile(path, make([]int16, 48000)); err != nil {
		t.Fatal(err)
	}
	heard := 0
	transcribe := func(_ context.Context, pcm []int16) (starloop.Transcript, error) {
		heard = len(pcm)
		return starloop.Transcript{Text: "payments engineer"}, nil
	}
	var out bytes.Buffer
	tk, err := Recorded(context.Background(), &out, path, transcribe)
	if err != nil {
		t.Fatal(err)
	}
	if heard != 48000 || tk.Length != 3*time.Second || tk.Transcript.Text != "payments engineer" {
		t.Errorf("heard %d samples; take %+v", heard, tk)
	}
	if want := "Transcribing " + path + " (3 s)...\n"; out.String() != want {
		t.Errorf("said %q, want %q", out.String(), want)
	}
	if _, err := Recorded(context.Background(), &out, filepath.Join(t.TempDir(), "none.wav"), transcribe); err == nil {
		t.Error("a missing recording: no error")
	}
}

func TestText(t *testing.T) {
	pts, err := ParseScript("- Payments engineer.\n- Led billing\n")
	if err != nil {
		t.Fatal(err)
	}
	if got, want := Text(pts), "Payments engineer.\nLed billing\n"; got != want {
		t.Errorf("Text = %q, want %q", got, want)
	}
}

package pocketsphinx

import (
	"context"
	"testing"

	"github.com/starloop/starloop"
	"github.com/starloop/starloop/speech/wer"
)

// The interviewer decodes a finished answer again through Lazy (it is an
// interviewer.Redecoder): a whole recording, after the model has loaded.
func TestLazyTranscribe(t *testing.T) {
	u := recording(t, "jfk")
	l := Load(Config{})
	defer l.Close()
	canceled, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := l.Transcribe(canceled, u.pcm); !starloop.IsKind(err, starloop.Canceled) {
		t.Errorf("Transcribe with a canceled context: %v, want a Canceled error", err)
	}
	tr, err := l.Transcribe(context.Background(), u.pcm)
	if err != nil {
		t.Fatal(err)
	}
	if e, n := wer.Score(u.ref, tr.Text); wer.Rate(e, n) > werBar {
		t.Errorf("transcript %q: WER %d/%d", tr.Text, e, n)
	}
}

package candidate

import (
	"bytes"
	"context"
	"errors"
	"os"
	"path/filepath"
	"testing"

	"github.com/starloop/starloop/audio"
	"github.com/starloop/starloop/interviewer"
)

// toneVoice says everything as the same clip.
type toneVoice []int16

func (v toneVoice) Synthesize(context.Context, string) ([]int16, error) { return v, nil }

// TestStage brings a candidate onto real virtual devices: told that the
// interviewer listens, it answers, and Finish saves the conversation with
// its answer in it (the speaker played nothing, so the answer alone: 8000
// samples of 1000 after the candidate's 0.8 s thinking pause), 0600.
func TestStage(t *testing.T) {
	ctx := context.Background()
	stage, err := OpenStage(ctx)
	if err != nil {
		t.Fatal(err)
	}
	defer stage.Stop()
	clip := make(toneVoice, 8000)
	for i := range clip {
		clip[i] = 1000
	}
	if err := stage.Enter(ctx, clip); err != nil {
		t.Fatal(err)
	}
	view := stage.Watch(interviewer.NewTextView(&bytes.Buffer{}, false, 0))
	view.Status(interviewer.Status{State: interviewer.Listening, Answer: 1, Question: interviewer.Question{Text: "Tell me about a time."}})

	dir := t.TempDir()
	runErr := errors.New("the session's own error")
	var out bytes.Buffer
	if err := stage.Finish(&out, dir, runErr); err != runErr {
		t.Errorf("Finish = %v, want the session's error back", err)
	}
	path := filepath.Join(dir, "conversation.wav")
	pcm, err := audio.ReadWAVFile(path)
	if err != nil {
		t.Fatal(err)
	}
	loud, first := 0, -1
	for i, s := range pcm {
		if s == 1000 {
			loud++
			if first < 0 {
				first = i
			}
		}
	}
	if loud != len(clip) {
		t.Errorf("%d samples of the answer in the conversation, want %d", loud, len(clip))
	}
	if first < int(0.8*audio.SampleRate) {
		t.Errorf("the answer starts at sample %d, before the 0.8 s pause", first)
	}
	if fi, err := os.Stat(path); err != nil {
		t.Error(err)
	} else if fi.Mode().Perm() != 0o600 {
		t.Errorf("conversation.wav mode %v, want 0600", fi.Mode().Perm())
	}
	if !bytes.Contains(out.Bytes(), []byte("Both sides of the conversation: "+path)) {
		t.Errorf("output: %q", out.String())
	}
}

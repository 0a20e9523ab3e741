package spoken

import (
	"bytes"
	"context"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/starloop/starloop/audio"
	"github.com/starloop/starloop/backends"
	"github.com/starloop/starloop/rehearse"
	"github.com/starloop/starloop/speech/flite"
	"github.com/starloop/starloop/speech/pocketsphinx"
)

// pcmMic plays pcm, then silence for ever.
type pcmMic struct{ pcm []int16 }

func (m *pcmMic) ReadFrame(f audio.Frame) error {
	clear(f)
	n := copy(f, m.pcm)
	m.pcm = m.pcm[n:]
	return nil
}

// lockedBuffer is a bytes.Buffer the live line and the test may share.
type lockedBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (b *lockedBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.b.Write(p)
}

func (b *lockedBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.b.String()
}

// TestRehearse holds a live run on a console whose microphone says the
// first of two key points (in flite's rms voice) and then nothing: the
// run is announced, ends on the silence, and its take holds the point.
// A cue voice flite lacks fails before the run is announced.
func TestRehearse(t *testing.T) {
	ctx := context.Background()
	points, err := rehearse.ParseScript("- I have worked in payments for eight years.\n- I led the billing migration to the cloud.\n")
	if err != nil {
		t.Fatal(err)
	}
	b, err := backends.New(ctx, backends.Options{})
	if err != nil {
		t.Fatal(err)
	}
	out := &lockedBuffer{}
	con := Console{Mic: &pcmMic{}, Keys: strings.NewReader(""), Out: out}
	live := rehearse.Live{Points: points, EndSilence: 2 * time.Second, Max: time.Minute}
	if _, err := Rehearse(ctx, con, b, Rehearsal{Live: live, Voice: "nosuchvoice"}); err == nil || out.String() != "" {
		t.Errorf("cue voice nosuchvoice: %v, said %q; want an error before the run", err, out.String())
	}
	if testing.Short() {
		t.Skip("transcribes speech: skipped with -short")
	}
	voice, err := flite.New(flite.Config{Voice: "rms"})
	if err != nil {
		t.Fatal(err)
	}
	said, err := voice.Synthesize(ctx, "I have worked in payments for eight years.")
	if err != nil {
		t.Fatal(err)
	}
	con.Mic = &pcmMic{pcm: said}
	tk, err := Rehearse(ctx, con, b, Rehearsal{Live: live})
	if err != nil {
		t.Fatal(err)
	}
	if want := "Speak your script now (2 key points). Enter or q ends the run.\n"; !strings.HasPrefix(out.String(), want) {
		t.Errorf("said %q, want it to begin %q", out.String(), want)
	}
	res := rehearse.MeasureTake(points, tk, rehearse.Options{})
	if !res.Points[0].Said || res.Points[1].Said {
		t.Errorf("heard %q: points said %v, %v; want the first only", tk.Transcript.Text, res.Points[0].Said, res.Points[1].Said)
	}
}

// TestReadAloudVoice: an enrolment whose voice flite lacks fails before
// the first sentence is shown.
func TestReadAloudVoice(t *testing.T) {
	ears := &backends.Ears{ModelDir: pocketsphinx.DefaultModelDir, Dict: pocketsphinx.DefaultDict}
	defer ears.Close()
	out := &lockedBuffer{}
	con := Console{Mic: &pcmMic{}, Keys: strings.NewReader(""), Out: out}
	if _, err := ReadAloud(context.Background(), con, ears, "nosuchvoice", 1); err == nil || out.String() != "" {
		t.Errorf("voice nosuchvoice: %v, said %q; want an error before the first sentence", err, out.String())
	}
}

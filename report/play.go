package report

import (
	"context"
	"fmt"
	"io"
	"time"

	"github.com/starloop/starloop/audio"
	"github.com/starloop/starloop/session"
)

// Player plays 16 kHz mono audio and returns once it has been heard, or
// soon after ctx is done (portaudio's Speaker).
type Player interface {
	Play(ctx context.Context, pcm []int16) error
}

// Clip is the recording of one answer, read to be played (review --play).
type Clip struct {
	Session  string // the session's id
	N        int    // the answer's number
	Question string
	PCM      []int16
}

// LoadClip reads the recording of answer n of session id in dir. An
// answer that is not there, or has no recording, is an error of kind
// NotFound.
func LoadClip(dir, id string, n int) (Clip, error) {
	answer, path, err := session.AnswerAudio(dir, id, n)
	if err != nil {
		return Clip{}, err
	}
	pcm, err := audio.ReadWAVFile(path)
	if err != nil {
		return Clip{}, err
	}
	return Clip{Session: id, N: n, Question: answer.Question, PCM: pcm}, nil
}

// Play plays c on p, saying on w first what plays, its length and how to
// stop it, and after whether it ended or was stopped (ctx done).
func (c Clip) Play(ctx context.Context, w io.Writer, p Player) error {
	length := time.Duration(len(c.PCM)) * time.Second / audio.SampleRate
	fmt.Fprintf(w, "Playing answer %d of session %s (%s long). Ctrl-C stops it.\n  Q: %s\n", c.N, c.Session, Clock(length), c.Question)
	if err := p.Play(ctx, c.PCM); err != nil {
		if ctx.Err() != nil {
			fmt.Fprintln(w, "Stopped.")
		}
		return err
	}
	fmt.Fprintln(w, "Done.")
	return nil
}

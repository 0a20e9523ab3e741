package enrol

import (
	"context"
	"errors"
	"fmt"
	"io"
	"time"

	"github.com/starloop/starloop"
	"github.com/starloop/starloop/audio"
	"github.com/starloop/starloop/profile"
	"github.com/starloop/starloop/speech/wer"
)

// Microphone yields the person's audio as 16 kHz mono frames, blocking
// for about a frame's time on a real device (audio.Reader).
type Microphone interface {
	ReadFrame(f audio.Frame) error
}

// Voice and Player speak a sentence before it is read.
type Voice interface {
	Synthesize(ctx context.Context, text string) ([]int16, error)
}

// Player plays 16 kHz mono audio and returns when it has been heard.
type Player interface {
	Play(ctx context.Context, pcm []int16) error
}

// Reading is the spoken enrolment: each sentence is shown (and spoken, if
// Voice and Player are set), the person presses Enter and reads it, and
// the take ends on a pause. A take that is too quiet, clipped or, by Hear,
// not the sentence, is asked for again; 'r' reads the last sentence again
// and 'q' stops (with the sentences read so far).
type Reading struct {
	Mic    Microphone
	Voice  Voice  // optional
	Player Player // optional
	// Hear transcribes a take with the model as installed; a take in
	// which it gets more than 60% of the words wrong is taken for a
	// misreading (the model is not yet adapted, so the bar is low). Nil
	// skips the check.
	Hear func(ctx context.Context, pcm []int16) (string, error)
	// Keys are key presses: '\n' or '\r' to read, 'r' again, 'q' stop. A
	// closed or nil channel means no terminal: every sentence is read in
	// turn without waiting.
	Keys <-chan byte
	Out  io.Writer

	// Pause after speech ends a take (default 1.2 s); NoSpeech without any
	// speech (default 10 s) or MaxTake in all (default 20 s) end it too.
	Pause, NoSpeech, MaxTake time.Duration
}

// Attempts is how often a sentence is asked for before its last take is
// kept anyway: enrolment is for voices the model hears badly.
const Attempts = 3

// Run reads sentences with the person and returns the takes, in order.
// Stopping early (q, or the end of the microphone) returns the takes so
// far; a canceled ctx returns them with its error.
func (r *Reading) Run(ctx context.Context, sentences []string) ([]profile.Recording, error) {
	frames, stop := r.listen(ctx)
	defer stop()
	recs := make([]profile.Recording, 0, len(sentences))
	for i := 0; i < len(sentences); {
		text := sentences[i]
		fmt.Fprintf(r.Out, "\n[%d/%d] %s\n", i+1, len(sentences), text)
		if r.Voice != nil && r.Player != nil {
			if pcm, err := r.Voice.Synthesize(ctx, text); err == nil {
				r.Player.Play(ctx, pcm) //nolint:errcheck // hearing it is a help, not a need
			}
		}
		switch r.waitKey(ctx, i > 0) {
		case 'q':
			return recs, nil
		case 'r':
			i--
			recs = recs[:i]
			continue
		}
		var take []int16
		for attempt := 1; ; attempt++ {
			fmt.Fprintln(r.Out, "  recording... (a pause ends it)")
			pcm, err := r.take(ctx, frames)
			if err != nil {
				if errors.Is(err, io.EOF) {
					return recs, nil
				}
				return recs, err
			}
			problem := r.check(ctx, pcm, text)
			if problem == "" || attempt == Attempts {
				if problem != "" {
					fmt.Fprintf(r.Out, "  %s; kept anyway after %d tries\n", problem, Attempts)
				}
				take = pcm
				break
			}
			fmt.Fprintf(r.Out, "  %s: once more, please\n", problem)
		}
		recs = append(recs, profile.Recording{Name: fmt.Sprintf("sentence %d", i+1), PCM: take, Text: text})
		fmt.Fprintln(r.Out, "  ok")
		i++
	}
	return recs, nil
}

// waitKey waits for Enter, 'r' (when there is a sentence to go back to)
// or 'q'; without keys it returns at once.
func (r *Reading) waitKey(ctx context.Context, canBack bool) byte {
	if r.Keys == nil {
		return '\n'
	}
	hint := "  Enter: read it"
	if canBack {
		hint += ", r: read the last one again"
	}
	fmt.Fprintln(r.Out, hint+", q: stop here")
	for {
		select {
		case <-ctx.Done():
			return 'q'
		case k, ok := <-r.Keys:
			switch {
			case !ok:
				return '\n'
			case k == '\n' || k == '\r' || k == 'q' || (k == 'r' && canBack):
				return k
			}
		}
	}
}

// listen reads the microphone in a goroutine until stop. While nobody
// takes its frames it blocks, and a device's own backlog (a portaudio
// Capture keeps two seconds) drops what is too old; take skips what is
// queued when it starts.
func (r *Reading) listen(ctx context.Context) (<-chan audio.Frame, func()) {
	ctx, cancel := context.WithCancel(ctx)
	ch := make(chan audio.Frame, 8)
	go func() {
		defer close(ch)
		for {
			f := audio.NewFrame()
			if err := r.Mic.ReadFrame(f); err != nil {
				return
			}
			select {
			case ch <- f:
			case <-ctx.Done():
				return
			}
		}
	}()
	return ch, cancel
}

// take records from the first speech to a pause, with 300 ms either side.
// It returns io.EOF when the microphone ends before any speech.
func (r *Reading) take(ctx context.Context, frames <-chan audio.Frame) ([]int16, error) {
	pause, none, maxTake := orDefault(r.Pause, 1200*time.Millisecond), orDefault(r.NoSpeech, 10*time.Second), orDefault(r.MaxTake, 20*time.Second)
	// Frames queued while the sentence was shown are stale.
	for len(frames) > 0 {
		<-frames
	}
	const margin = 300 * time.Millisecond
	vad := audio.NewVAD(audio.VADConfig{})
	var pcm []int16
	var at, start, last time.Duration
	heard := false
	for {
		var f audio.Frame
		var ok bool
		select {
		case <-ctx.Done():
			return nil, starloop.E("record sentence", starloop.Canceled, ctx.Err())
		case f, ok = <-frames:
		}
		if !ok {
			if !heard {
				return nil, io.EOF
			}
			break
		}
		pcm = append(pcm, f...)
		ev := vad.Push(f)
		at += audio.FrameDuration
		if ev.Speech {
			if !heard {
				start = ev.Start
			}
			heard, last = true, at
		}
		if heard && at-last >= pause || !heard && at >= none || at >= maxTake {
			break
		}
	}
	if !heard {
		return nil, nil
	}
	from, to := samples(max(0, start-margin)), min(len(pcm), samples(last+margin))
	return pcm[from:to], nil
}

func samples(d time.Duration) int { return int(d * audio.SampleRate / time.Second) }

func orDefault(d, def time.Duration) time.Duration {
	if d > 0 {
		return d
	}
	return def
}

// check says what is wrong with a take, or "".
func (r *Reading) check(ctx context.Context, pcm []int16, text string) string {
	if len(pcm) == 0 {
		return "heard nothing"
	}
	m := audio.CheckMic(pcm)
	switch {
	case m.Silent:
		return "heard nothing"
	case m.Clipping:
		return "too loud (clipped): move back from the microphone or lower its gain"
	case m.Quiet:
		return "too quiet: speak up or move closer to the microphone"
	}
	if r.Hear == nil {
		return ""
	}
	heard, err := r.Hear(ctx, pcm)
	if err != nil {
		return ""
	}
	if e, n := wer.Score(text, heard); wer.Rate(e, n) > 0.6 {
		return fmt.Sprintf("that did not sound like the sentence (heard %q)", heard)
	}
	return ""
}

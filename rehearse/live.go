package rehearse

import (
	"context"
	"errors"
	"fmt"
	"io"
	"sync"
	"time"

	"github.com/starloop/starloop"
	"github.com/starloop/starloop/audio"
	"github.com/starloop/starloop/interviewer"
)

// Live is one run said into a microphone, transcribed as it goes. It ends
// on Enter or q, after EndSilence of silence following speech, or at Max.
// With Cues, a pause of Options.Cue shows the next key point not yet said
// on Out, and says it quietly when Player and Voice are set.
type Live struct {
	Mic         interviewer.Microphone
	Transcriber interviewer.Transcriber
	Keys        <-chan byte // nil without a terminal
	Player      interviewer.Player
	Voice       interviewer.Voice
	Out         io.Writer
	Points      []Point
	Cues        bool
	CueAfter    time.Duration
	EndSilence  time.Duration
	Max         time.Duration
}

// cueGain is how much quieter than the voice's normal level a cue is said
// (-10 dB: a prompt in the ear, not a second speaker).
const cueGain = -10

// Run records the run and returns its transcript.
func (l Live) Run(ctx context.Context) (starloop.Transcript, error) {
	stream, err := l.Transcriber.Start(ctx)
	if err != nil {
		return starloop.Transcript{}, err
	}
	frames := make(chan audio.Frame, 50)
	done := make(chan struct{})
	micErr := make(chan error, 1)
	go l.read(frames, micErr, done)
	defer close(done)
	var wg sync.WaitGroup
	defer wg.Wait()
	cueCtx, stopCues := context.WithCancel(ctx)
	defer stopCues()

	vad := audio.NewVAD(audio.VADConfig{})
	var heard, cued bool
	var lastSpeak, now time.Duration
	keys := l.Keys
	for {
		select {
		case <-ctx.Done():
			return starloop.Transcript{}, starloop.E("rehearse", starloop.Canceled, ctx.Err())
		case err := <-micErr:
			if errors.Is(err, io.EOF) {
				stopCues()
				return stream.Finish() // a recording played as a microphone ran out
			}
			if !errors.Is(err, context.Canceled) && ctx.Err() == nil {
				return starloop.Transcript{}, starloop.E("rehearse", starloop.DeviceUnavailable, err)
			}
		case b, ok := <-keys:
			if !ok {
				keys = nil
			} else if k, ok := interviewer.KeyOf(b); ok && (k == interviewer.KeyEnter || k == interviewer.KeyQuit) {
				stopCues()
				return stream.Finish()
			}
		case f := <-frames:
			if err := stream.Write(f); err != nil {
				return starloop.Transcript{}, err
			}
			ev := vad.Push(f)
			now = ev.At + audio.FrameDuration
			if ev.Speech {
				heard, lastSpeak, cued = true, now, false
			}
			silence := now - lastSpeak
			if heard && l.Cues && !cued && silence >= l.CueAfter {
				cued = true
				l.cue(cueCtx, &wg, stream.Partial())
			}
			if heard && silence >= l.EndSilence || now >= l.Max {
				stopCues()
				return stream.Finish()
			}
		}
	}
}

// read reads the microphone until it fails or done is closed.
func (l Live) read(frames chan<- audio.Frame, micErr chan<- error, done <-chan struct{}) {
	for {
		f := audio.NewFrame()
		if err := l.Mic.ReadFrame(f); err != nil {
			micErr <- err
			return
		}
		select {
		case frames <- f:
		case <-done:
			return
		}
	}
}

// cue shows the next key point not yet said in heard, and says it quietly
// in the background when there is a voice.
func (l Live) cue(ctx context.Context, wg *sync.WaitGroup, heard string) {
	p, ok := NextCue(l.Points, heard, 0)
	if !ok {
		return
	}
	fmt.Fprintf(l.Out, "  Cue (%d): %s\n", p.N, p.Text)
	if l.Player == nil || l.Voice == nil {
		return
	}
	wg.Add(1)
	go func() {
		defer wg.Done()
		pcm, err := l.Voice.Synthesize(ctx, p.Text)
		if err != nil {
			return // a failure only loses the cue
		}
		quiet, err := audio.ReadAll(audio.Gain(cueGain)(audio.NewSliceReader(pcm)))
		if err == nil {
			_ = l.Player.Play(ctx, quiet)
		}
	}()
}

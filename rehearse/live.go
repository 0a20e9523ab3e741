package rehearse

import (
	"context"
	"errors"
	"fmt"
	"io"
	"strings"
	"sync"
	"time"

	"github.com/starloop/starloop"
	"github.com/starloop/starloop/audio"
	"github.com/starloop/starloop/interviewer"
)

// Live is one run said into a microphone, transcribed as it goes. It ends
// on Enter or q, after EndSilence of silence following speech, or at Max.
// With Cues, a pause of Options.Cue shows the next key point not yet said
// on Out, and says it quietly when Player and Voice are set. With Redraw
// (Out is a terminal), a live line shows the time, the level and the last
// words heard, as practice does.
type Live struct {
	Mic         interviewer.Microphone
	Transcriber interviewer.Transcriber
	Keys        <-chan byte // nil without a terminal
	Player      interviewer.Player
	Voice       interviewer.Voice
	Out         io.Writer
	Redraw      bool
	Width       int // of the terminal in columns; 0 means 80
	Points      []Point
	Cues        bool
	CueAfter    time.Duration
	EndSilence  time.Duration
	Max         time.Duration
}

// cueGain is how much quieter than the voice's normal level a cue is said
// (-10 dB: a prompt in the ear, not a second speaker).
const cueGain = -10

// Tuning of a live take.
const (
	// liveBuffer frames may wait for the transcriber before the
	// microphone is left unread.
	liveBuffer = 50 // 1 s
	// tailMax is the most audio read after Enter for a word under way.
	tailMax = 2 * time.Second
	// partialEvery is how often the live line asks for the words so far.
	partialEvery = 500 * time.Millisecond
)

// Run records the take. Enter (or q) ends it only once the words already
// spoken are in: the audio the microphone has delivered is transcribed,
// and so is a word still under way (up to 2 s of it). At a cue the
// transcript so far is finished, so the cue is chosen from what was
// really heard, and a new stretch of transcription begins.
func (l Live) Run(ctx context.Context) (Take, error) {
	t := take{Live: l, ctx: ctx}
	if err := t.startStretch(); err != nil {
		return Take{}, err
	}
	frames := make(chan audio.Frame, liveBuffer)
	done := make(chan struct{})
	micErr := make(chan error, 1)
	go l.read(frames, micErr, done)
	defer close(done)
	var wg sync.WaitGroup
	defer wg.Wait()
	cueCtx, stopCues := context.WithCancel(ctx)
	defer stopCues()
	defer t.endLine()

	t.vad = audio.NewVAD(audio.VADConfig{})
	var heard, cued bool
	var lastSpeak time.Duration
	keys := l.Keys
	for {
		select {
		case <-ctx.Done():
			return Take{}, starloop.E("rehearse", starloop.Canceled, ctx.Err())
		case err := <-micErr:
			if errors.Is(err, io.EOF) {
				stopCues()
				return t.finish(frames) // a recording played as a microphone ran out
			}
			if !errors.Is(err, context.Canceled) && ctx.Err() == nil {
				return Take{}, starloop.E("rehearse", starloop.DeviceUnavailable, err)
			}
		case b, ok := <-keys:
			if !ok {
				keys = nil
			} else if k, ok := interviewer.KeyOf(b); ok && (k == interviewer.KeyEnter || k == interviewer.KeyQuit) {
				stopCues()
				if err := t.tail(frames, micErr); err != nil {
					return Take{}, err
				}
				return t.finish(nil)
			}
		case f := <-frames:
			ev, err := t.push(f)
			if err != nil {
				return Take{}, err
			}
			if ev.Speech {
				heard, lastSpeak, cued = true, t.now, false
			}
			silence := t.now - lastSpeak
			if heard && l.Cues && !cued && silence >= l.CueAfter {
				cued = true
				if err := t.cue(cueCtx, &wg); err != nil {
					return Take{}, err
				}
			}
			if heard && silence >= l.EndSilence || t.now >= l.Max {
				stopCues()
				return t.finish(nil)
			}
			t.draw(ev, heard)
		}
	}
}

// take is the state of one Run.
type take struct {
	Live
	ctx       context.Context
	vad       *audio.VAD
	stream    interviewer.Stream
	start     time.Duration // of the open stretch, in the recording
	parts     starloop.Transcript
	cues      []Cue
	now       time.Duration // audio recorded
	speech    bool          // the last frame was speech
	drawn     bool
	partial   string
	partialAt time.Duration
	level     float64
}

func (t *take) startStretch() error {
	s, err := t.Transcriber.Start(t.ctx)
	if err != nil {
		return err
	}
	t.stream, t.start = s, t.now
	return nil
}

// push transcribes and measures one frame.
func (t *take) push(f audio.Frame) (audio.VADEvent, error) {
	if err := t.stream.Write(f); err != nil {
		return audio.VADEvent{}, err
	}
	ev := t.vad.Push(f)
	t.now = ev.At + audio.FrameDuration
	t.speech, t.level = ev.Speech, ev.Level.DBFS
	return ev, nil
}

// tail takes in, after Enter, the frames the microphone has delivered
// already, then any word still under way.
func (t *take) tail(frames <-chan audio.Frame, micErr <-chan error) error {
	for range len(frames) {
		if _, err := t.push(<-frames); err != nil {
			return err
		}
	}
	for end := t.now + tailMax; t.speech && t.now < end; {
		select {
		case f := <-frames:
			if _, err := t.push(f); err != nil {
				return err
			}
		case <-micErr: // the microphone ended: what it gave is all there is
			for len(frames) > 0 {
				if _, err := t.push(<-frames); err != nil {
					return err
				}
			}
			return nil
		case <-t.ctx.Done():
			return starloop.E("rehearse", starloop.Canceled, t.ctx.Err())
		}
	}
	return nil
}

// finishStretch ends the open stretch of transcription and adds it to the
// take's transcript.
func (t *take) finishStretch() error {
	tr, err := t.stream.Finish()
	t.stream = nil
	if err != nil && !starloop.IsKind(err, starloop.NoSpeech) {
		return err
	}
	if s := strings.TrimSpace(tr.Text); s != "" {
		t.parts.Text = strings.TrimSpace(t.parts.Text + " " + s)
	}
	for _, w := range tr.Words {
		w.Start += t.start
		w.End += t.start
		t.parts.Words = append(t.parts.Words, w)
	}
	return nil
}

// finish ends the take, after the frames still in frames (nil for none).
func (t *take) finish(frames <-chan audio.Frame) (Take, error) {
	for len(frames) > 0 {
		if _, err := t.push(<-frames); err != nil {
			return Take{}, err
		}
	}
	if err := t.finishStretch(); err != nil {
		return Take{}, err
	}
	return Take{Transcript: t.parts, Length: t.now, Cues: t.cues}, nil
}

// cue finishes the transcript so far, shows the next key point not yet
// said in it, and says it quietly in the background when there is a
// voice; then transcription goes on in a new stretch.
func (t *take) cue(ctx context.Context, wg *sync.WaitGroup) error {
	if err := t.finishStretch(); err != nil {
		return err
	}
	if err := t.startStretch(); err != nil {
		return err
	}
	p, ok := NextCue(t.Points, t.parts.Text, 0)
	if !ok {
		return nil
	}
	t.cues = append(t.cues, Cue{At: t.now, Point: p.N})
	t.endLine()
	fmt.Fprintf(t.Out, "  Cue (%d): %s\n", p.N, p.Text)
	if t.Player == nil || t.Voice == nil {
		return nil
	}
	wg.Add(1)
	go func() {
		defer wg.Done()
		pcm, err := t.Voice.Synthesize(ctx, p.Text)
		if err != nil {
			return // a failure only loses the cue
		}
		quiet, err := audio.ReadAll(audio.Gain(cueGain)(audio.NewSliceReader(pcm)))
		if err == nil {
			_ = t.Player.Play(ctx, quiet)
		}
	}()
	return nil
}

// draw redraws the live line: time, level, and the last words heard.
func (t *take) draw(ev audio.VADEvent, heard bool) {
	if !t.Redraw || t.now%(100*time.Millisecond) != 0 {
		return
	}
	if t.now-t.partialAt >= partialEvery {
		t.partial, t.partialAt = strings.TrimSpace(t.parts.Text+" "+t.stream.Partial()), t.now
	}
	mark := ' '
	if ev.Speech {
		mark = '*'
	}
	state := "listening"
	if heard && !ev.Speech {
		state = "pause"
	}
	fmt.Fprintf(t.Out, "\r%s\x1b[K", interviewer.LiveLine(state, t.now, t.level, mark, t.partial, t.Width))
	t.drawn = true
}

// endLine ends a drawn live line so that full lines can follow.
func (t *take) endLine() {
	if t.drawn {
		fmt.Fprint(t.Out, "\r\x1b[K")
		t.drawn = false
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

package interviewer

import (
	"context"
	"errors"
	"io"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/starloop/starloop"
	"github.com/starloop/starloop/audio"
	"github.com/starloop/starloop/session"
)

// Tuning of the Runner.
const (
	// prerollFrames of audio before a resumed speech segment go to its
	// transcription too: the VAD reports speech a little after it starts.
	prerollFrames = 15 // 300 ms
	// segmentBuffer frames may wait for the transcriber (while it starts,
	// or falls behind) before recording waits for it.
	segmentBuffer = 1500 // 30 s
	// partialEvery frames the view gets the words heard so far.
	partialEvery = 25 // 0.5 s
	// micBuffer frames may wait for the loop, e.g. while it saves an
	// answer, before the microphone is left unread.
	micBuffer = 50 // 1 s
	// redecodeReserve is the part of a pause's patience window that a
	// re-decode of the answer (Redecoder) leaves for judging it and
	// synthesizing the reply, so the reply is ready when the window ends.
	redecodeReserve = 500 * time.Millisecond
	// redecodeRTF is the decoding time per second of audio assumed for
	// the first re-decode of a session (pocketsphinx takes about a third
	// of the audio's time); later ones use the last one's.
	redecodeRTF = 0.35
)

// CancelGrace is how long, after Ctrl-C, work under way may go on before
// it is canceled: saving the answer waits that long at most for its
// transcript.
const CancelGrace = time.Second

// Runner carries out a Machine's commands with real implementations and
// feeds it what happens. Every field but Keys and NewVAD is required.
type Runner struct {
	Mic         Microphone
	Keys        <-chan byte // key presses (see KeyOf); nil for none
	Transcriber Transcriber
	Voice       Voice
	Player      Player
	Judge       Judge
	Store       Store
	View        View
	Clock       Clock
	// NewVAD makes the detector for each answer; nil means
	// audio.NewVAD(audio.VADConfig{}).
	NewVAD func() VAD
}

// Run starts m and runs the interview until it is done, ctx is canceled
// (Ctrl-C), or a device fails. Whatever happens, what was recorded is kept:
// the answer under way is saved with its transcript and the session is
// closed, complete or interrupted. Run returns m.Err(): nil when the plan
// was finished or the person quit, else an error with a kind (Canceled,
// NoSpeech, DeviceUnavailable...), or the error closing the session.
//
// Run reads the microphone in a goroutine and returns only after that
// goroutine and all the work Run started have ended, so the caller may
// close the devices then. The Player and the Judge must return soon after
// their context is done.
func (r *Runner) Run(ctx context.Context, m *Machine) error {
	if r.Mic == nil || r.Transcriber == nil || r.Voice == nil || r.Player == nil ||
		r.Judge == nil || r.Store == nil || r.View == nil || r.Clock == nil {
		return starloop.Errorf(starloop.Invalid, "run interview: the runner is missing a device or backend")
	}
	if m.State() != Idle {
		return starloop.Errorf(starloop.Invalid, "run interview: the interview has already run")
	}
	newVAD := r.NewVAD
	if newVAD == nil {
		newVAD = func() VAD { return audio.NewVAD(audio.VADConfig{}) }
	}
	// Work started by the loop runs on bg, which Ctrl-C does not cancel:
	// Ctrl-C reaches the machine as an event, and the machine decides what
	// to stop and what to keep.
	bg, stopAll := context.WithCancel(context.WithoutCancel(ctx))
	x := &run{
		Runner:  r,
		m:       m,
		bg:      bg,
		newVAD:  newVAD,
		events:  make(chan Event, 16),
		done:    make(chan struct{}),
		attempt: map[int]work{},
		latency: map[int]time.Duration{},
	}
	frames := make(chan micFrame, micBuffer)
	micDone := make(chan struct{})
	go x.readMic(frames, micDone)

	x.apply(m.Start())
	keys := r.Keys
	for m.State() != Done {
		select {
		case <-ctx.Done():
			// What is under way (the answer's transcript) gets a moment
			// to finish; then everything is cut short, so that a stalled
			// remote server cannot hold Ctrl-C up.
			cut := time.AfterFunc(CancelGrace, stopAll)
			defer cut.Stop()
			x.apply(m.Update(Canceled{}))
		case f := <-frames:
			if f.err != nil {
				frames = nil
			}
			x.frame(f)
		case b, ok := <-keys:
			if !ok {
				keys = nil
			} else if k, ok := KeyOf(b); ok {
				x.apply(m.Update(KeyPressed{k}))
				x.status()
			}
		case e := <-x.events:
			x.event(e)
		}
	}

	close(x.done)
	x.stopPlayback()
	if x.rec != nil {
		x.rec.closeSegment()
	}
	stopAll()
	x.wg.Wait()
	<-micDone
	if err := m.Err(); err != nil {
		return err
	}
	return x.closeErr
}

// run is the state of one Run; only the loop goroutine touches it, except
// for the fields the goroutines are handed.
type run struct {
	*Runner
	m      *Machine
	bg     context.Context
	newVAD func() VAD
	events chan Event    // results of work done in goroutines
	done   chan struct{} // closed when the loop has stopped
	wg     sync.WaitGroup

	rec     *recording // the answer being recorded, or the last one
	lastSeg *segment   // the newest transcription segment of any answer
	vad     VAD
	play    *playback
	attempt map[int]work // speculative work, by attempt

	queued   []Event // failures found while carrying out commands
	level    float64
	speech   bool
	state    State
	turnEnd  time.Time // when the last turn ended; zero once the reply started
	turnN    int
	latency  map[int]time.Duration // turn latency by answer
	closeErr error

	rtfMu sync.Mutex
	rtf   float64 // seconds a re-decode took per second of audio
}

// micFrame is one frame from the microphone, stamped with the time it
// began: a microphone hands a frame over when it is complete.
type micFrame struct {
	f   audio.Frame
	at  time.Time
	err error
}

// readMic reads the microphone until it fails or the loop stops.
func (x *run) readMic(out chan<- micFrame, finished chan<- struct{}) {
	defer close(finished)
	for {
		f := audio.NewFrame()
		err := x.Mic.ReadFrame(f)
		select {
		case out <- micFrame{f: f, at: x.Clock.Now().Add(-audio.FrameDuration), err: err}:
		case <-x.done:
			return
		}
		if err != nil {
			return
		}
	}
}

// post hands a result to the loop, or drops it once the loop has stopped.
func (x *run) post(e Event) {
	select {
	case x.events <- e:
	case <-x.done:
	}
}

// apply carries out cmds, then feeds the machine any failure they met.
func (x *run) apply(cmds []Command) {
	for _, c := range cmds {
		x.exec(c)
	}
	for len(x.queued) > 0 && x.m.State() != Done {
		e := x.queued[0]
		x.queued = x.queued[1:]
		for _, c := range x.m.Update(e) {
			x.exec(c)
		}
	}
	x.queued = nil
	if s := x.m.State(); s != x.state {
		x.state = s
		x.status()
	}
}

func (x *run) fail(err error) { x.queued = append(x.queued, DeviceError{err}) }

func (x *run) frame(f micFrame) {
	if f.err != nil {
		if errors.Is(f.err, io.EOF) {
			x.apply(x.m.Update(InputEnded{}))
		} else {
			x.apply(x.m.Update(DeviceError{starloop.E("read microphone", starloop.DeviceUnavailable, f.err)}))
		}
		return
	}
	if rec := x.rec; rec != nil && rec.live {
		if err := rec.file.WriteFrame(f.f); err != nil {
			x.apply(x.m.Update(DeviceError{starloop.E("record answer", starloop.Other, err)}))
			return
		}
		rec.feed(f.f)
		ev := x.vad.Push(f.f)
		x.level, x.speech = ev.Level.DBFS, ev.Speech
		// The VAD's times count from the first frame it was pushed.
		start := f.at.Add(-ev.At)
		if ev.SpeechStarted {
			x.apply(x.m.Update(SpeechStarted{At: start.Add(ev.Start)}))
		}
		if ev.SpeechStopped {
			x.apply(x.m.Update(SpeechStopped{At: start.Add(ev.End)}))
		}
		x.apply(x.m.Update(Tick{Now: f.at}))
		x.status()
		return
	}
	x.apply(x.m.Update(Tick{Now: f.at}))
}

// event handles a result posted by a goroutine.
func (x *run) event(e Event) {
	if p, ok := e.(partialText); ok {
		if p.rec == x.rec && p.seg == len(p.rec.segs)-1 {
			p.rec.partial = p.text
			x.status()
		}
		return
	}
	x.apply(x.m.Update(e))
}

func (x *run) status() {
	main, of := x.m.Progress()
	s := Status{State: x.m.State(), Question: x.m.Question(), Main: main, Of: of, Answer: x.m.Answer(), Level: x.level, Speech: x.speech, Closing: x.m.Closing()}
	if s.State == Listening || s.State == Pending {
		s.Elapsed = x.m.Elapsed()
		if x.rec != nil {
			s.Heard = x.rec.heard()
			s.Recorded = time.Duration(x.rec.samples) * time.Second / audio.SampleRate
		}
	} else {
		s.Level = audio.MinDBFS
		s.Speech = false
	}
	x.View.Status(s)
}

func (x *run) exec(c Command) {
	switch c := c.(type) {
	case Say:
		x.View.Spoken(c.Text)
		x.startPlayback(c.ID, c.Text, nil)
	case Play:
		if !x.turnEnd.IsZero() {
			d := x.Clock.Now().Sub(x.turnEnd)
			x.latency[x.turnN] = d
			x.turnEnd = time.Time{}
			x.View.TurnLatency(x.turnN, d)
		}
		x.View.Spoken(c.Text)
		x.startPlayback(c.ID, c.Text, c.Audio)
	case StopPlayback:
		x.stopPlayback()
	case StartRecording:
		if x.rec != nil {
			x.rec.closeSegment()
		}
		file, err := x.Store.NewAnswer(c.N)
		if err != nil {
			x.fail(err)
			return
		}
		q := c.Question
		if err := x.Store.Asked(session.Answer{N: c.N, LP: q.LP, Question: q.Text, FollowUp: q.FollowUp, Reason: q.Reason}); err != nil {
			file.Discard()
			x.fail(err)
			return
		}
		_, redo := x.Transcriber.(Redecoder)
		x.rec = &recording{n: c.N, file: file, live: true, keepPCM: redo}
		x.vad = x.newVAD()
		x.level, x.speech = audio.MinDBFS, false
		x.openSegment()
	case StopRecording:
		rec := x.rec
		if rec == nil || rec.n != c.N || !rec.live {
			return
		}
		rec.live = false
		if c.Keep {
			if err := rec.file.Close(); err != nil {
				x.fail(starloop.E("save recording", starloop.Other, err))
			}
			return
		}
		rec.closeSegment()
		if err := rec.file.Discard(); err != nil {
			x.fail(err)
		}
		x.rec = nil
	case ResumeTranscript:
		x.openSegment()
	case FinishTranscript:
		if x.rec == nil {
			x.goDo(func() {
				x.post(TranscriptReady{Attempt: c.Attempt, Err: starloop.Errorf(starloop.Other, "transcribe: nothing recorded")})
			})
			return
		}
		x.rec.closeSegment()
		segs := slices.Clone(x.rec.segs)
		redo := x.planRedecode(c)
		ctx := x.attemptCtx(c.Attempt)
		x.goDo(func() {
			t, err := collect(segs)
			if redo != nil {
				if err == nil {
					t = redo.run(ctx, x, t)
				}
				close(redo.gate.done)
			}
			x.post(TranscriptReady{Attempt: c.Attempt, Transcript: t, Err: err})
		})
	case DiscardAttempt:
		if w, ok := x.attempt[c.Attempt]; ok {
			w.cancel()
			delete(x.attempt, c.Attempt)
		}
	case JudgeAnswer:
		ctx := x.attemptCtx(c.Attempt)
		x.goDo(func() {
			v, err := x.Judge.Judge(ctx, c.Answer)
			x.post(ReportReady{Attempt: c.Attempt, Verdict: v, Err: err})
		})
	case SynthesizeReply:
		ctx := x.attemptCtx(c.Attempt)
		x.goDo(func() {
			pcm, err := x.Voice.Synthesize(ctx, c.Text)
			x.post(ReplyReady{Attempt: c.Attempt, Audio: pcm, Err: err})
		})
	case ResetVAD:
		x.vad = x.newVAD()
	case TurnEnded:
		x.turnEnd, x.turnN = x.Clock.Now(), c.N
	case ShowVerdict:
		x.View.Verdict(c.N, c.Question, c.Verdict)
	case Note:
		x.View.Note(c.Text)
	case SaveAnswer:
		x.save(c)
	case CloseSession:
		if err := x.Store.Close(c.State); err != nil {
			x.closeErr = err
		}
	}
}

// redecode is a planned decode of a whole answer in a pause.
type redecode struct {
	r      Redecoder
	pcm    []int16
	budget time.Duration
	gate   *segment // done when the re-decode is over: the next segment waits for it
}

// planRedecode decides whether the answer so far can be decoded again
// within c's patience window, leaving redecodeReserve for the judge and
// the voice; nil if not (no Redecoder, the turn has ended, or the answer
// is too long for the time left at the last re-decode's speed).
func (x *run) planRedecode(c FinishTranscript) *redecode {
	r, ok := x.Transcriber.(Redecoder)
	if !ok || c.Until.IsZero() || x.rec == nil || len(x.rec.pcm) == 0 {
		return nil
	}
	budget := c.Until.Sub(x.Clock.Now()) - redecodeReserve
	x.rtfMu.Lock()
	rtf := x.rtf
	x.rtfMu.Unlock()
	if rtf == 0 {
		rtf = redecodeRTF
	}
	audioTime := time.Duration(len(x.rec.pcm)) * time.Second / audio.SampleRate
	if time.Duration(rtf*float64(audioTime)) > budget {
		return nil
	}
	// The next segment (speech resuming) waits for the re-decode, which
	// the DiscardAttempt that comes with it cuts short.
	gate := &segment{done: make(chan struct{})}
	x.lastSeg = gate
	return &redecode{r: r, pcm: slices.Clone(x.rec.pcm), budget: budget, gate: gate}
}

// run decodes the whole answer, within the budget, and returns that
// transcript, or live when it fails, runs out of time, or hears nothing
// where the streams heard words. The whole decode is kept otherwise: a
// whole recording decodes better than streams (the shared real
// recordings, stock model: 16.8% WER against 21.4% for a session's
// streams; with it, sessions reach 20.4%, as only the shorter answers fit
// the window; see speech/banklm/internal/measure -live).
func (rd *redecode) run(ctx context.Context, x *run, live starloop.Transcript) starloop.Transcript {
	ctx, cancel := context.WithTimeout(ctx, rd.budget)
	defer cancel()
	start := time.Now()
	t, err := rd.r.Transcribe(ctx, rd.pcm)
	if err != nil {
		return live
	}
	if took := time.Since(start); took > 0 {
		x.rtfMu.Lock()
		x.rtf = took.Seconds() / (float64(len(rd.pcm)) / audio.SampleRate)
		x.rtfMu.Unlock()
	}
	if strings.TrimSpace(t.Text) == "" && strings.TrimSpace(live.Text) != "" {
		return live
	}
	return t
}

// goDo runs f in a goroutine that Run waits for.
func (x *run) goDo(f func()) {
	x.wg.Add(1)
	go func() {
		defer x.wg.Done()
		f()
	}()
}

// attemptCtx is the context of attempt id's work, canceled when the
// attempt is discarded or the run ends.
func (x *run) attemptCtx(id int) context.Context {
	w, ok := x.attempt[id]
	if !ok {
		ctx, cancel := context.WithCancel(x.bg)
		w = work{ctx, cancel}
		x.attempt[id] = w
	}
	return w.ctx
}

// work is a context for some work and its cancel.
type work struct {
	ctx    context.Context
	cancel context.CancelFunc
}

// save writes answer c to the store. When the session ends before the
// transcript was reported, it waits for what the transcriber has.
func (x *run) save(c SaveAnswer) {
	a := session.Answer{N: c.N, LP: c.Question.LP, Question: c.Question.Text, FollowUp: c.Question.FollowUp, Reason: c.Question.Reason, Timings: c.Timings}
	a.Timings.TurnLatency = x.latency[c.N]
	switch {
	case c.Transcript != nil:
		a.Transcript = *c.Transcript
	case x.rec != nil && x.rec.n == c.N:
		x.rec.closeSegment()
		// An error leaves the transcript empty; the recording is kept.
		a.Transcript, _ = collect(x.rec.segs)
	}
	if c.Verdict != nil {
		a.Report = c.Verdict.Report
	}
	if err := x.Store.SaveAnswer(a); err != nil {
		x.fail(err)
	}
}

// playback is what is being played.
type playback struct {
	cancel context.CancelFunc
	done   chan struct{} // closed when Play has returned
}

// startPlayback stops what is playing and plays pcm, or text synthesized
// when pcm is nil, then posts PlaybackDone{id}.
func (x *run) startPlayback(id int, text string, pcm []int16) {
	x.stopPlayback()
	ctx, cancel := context.WithCancel(x.bg)
	p := &playback{cancel: cancel, done: make(chan struct{})}
	x.play = p
	x.goDo(func() {
		var err error
		if pcm == nil {
			pcm, err = x.Voice.Synthesize(ctx, text)
		}
		if err == nil {
			if err = x.Player.Play(ctx, pcm); err != nil {
				err = starloop.E("play", starloop.DeviceUnavailable, err)
			}
		}
		close(p.done)
		x.post(PlaybackDone{ID: id, Err: err})
	})
}

// stopPlayback stops what is playing and waits until it has stopped, so
// that two lines never play at once.
func (x *run) stopPlayback() {
	if x.play == nil {
		return
	}
	x.play.cancel()
	<-x.play.done
	x.play = nil
}

// openSegment starts transcribing a new stretch of the answer.
func (x *run) openSegment() {
	if x.rec == nil || x.rec.open != nil {
		return
	}
	s := x.rec.openSegment(x.lastSeg)
	x.lastSeg = s
	rec := x.rec
	idx := len(rec.segs) - 1
	x.goDo(func() {
		s.run(x.bg, x.Transcriber, func(text string) {
			// Never wait to show words: the loop may be waiting for s.
			select {
			case x.events <- partialText{rec: rec, seg: idx, text: text}:
			default:
			}
		})
	})
}

// partialText is the words heard so far in segment seg of rec.
type partialText struct {
	rec  *recording
	seg  int
	text string
}

func (partialText) event() {}

// joinText joins non-empty texts with single spaces.
func joinText(texts ...string) string {
	var b strings.Builder
	for _, t := range texts {
		if t = strings.TrimSpace(t); t != "" {
			if b.Len() > 0 {
				b.WriteByte(' ')
			}
			b.WriteString(t)
		}
	}
	return b.String()
}

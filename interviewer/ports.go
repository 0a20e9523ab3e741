package interviewer

import (
	"context"
	"time"

	"github.com/starloop/starloop"
	"github.com/starloop/starloop/audio"
	"github.com/starloop/starloop/session"
)

// Microphone yields the person's audio, as audio.Reader does: ReadFrame
// fills a whole frame (blocking for about one frame's time on a real
// device) and returns io.EOF at the end of a recording. The Runner reads it
// all the time, in a goroutine of its own, so a microphone that plays a file
// must keep pace with the clock itself.
type Microphone interface {
	ReadFrame(f audio.Frame) error
}

// Transcriber starts a streaming transcription of one stretch of speech.
// The Runner holds at most one Stream open at a time and finishes it before
// it starts the next, so a recognizer that serves one stream at a time (as
// pocketsphinx does) fits.
type Transcriber interface {
	Start(ctx context.Context) (Stream, error)
}

// Stream is a transcription under way. The Runner calls it from a single
// goroutine: Write for each frame, Partial now and then for the view, and
// Finish exactly once; word times count from the first sample written.
type Stream interface {
	Write(pcm []int16) error
	Partial() string
	Finish() (starloop.Transcript, error)
}

// Redecoder is a Transcriber that can also decode a whole recording at
// once, better than its streams can: a stream must begin before the answer
// is over and ends at every pause, while a whole decode hears the answer
// in one piece (pocketsphinx normalises with the whole answer's mean).
// When the Transcriber is one, the Runner decodes the answer again in the
// patience window of a pause, if the time left allows (see redecodeReserve
// in runner.go), and keeps that transcript. Transcribe must return soon
// after ctx is done; the Runner never calls it while a Stream is open, nor
// starts a Stream while it runs.
type Redecoder interface {
	Transcribe(ctx context.Context, pcm []int16) (starloop.Transcript, error)
}

// TranscriberOf adapts a start function with a concrete stream type, such
// as (*pocketsphinx.Recognizer).Start, to a Transcriber.
func TranscriberOf[S Stream](start func(context.Context) (S, error)) Transcriber {
	return transcriberFunc[S](start)
}

type transcriberFunc[S Stream] func(context.Context) (S, error)

func (f transcriberFunc[S]) Start(ctx context.Context) (Stream, error) {
	s, err := f(ctx)
	if err != nil {
		return nil, err
	}
	return s, nil
}

// Voice turns text into 16 kHz mono speech.
type Voice interface {
	Synthesize(ctx context.Context, text string) ([]int16, error)
}

// Player plays 16 kHz mono audio and returns when it has been heard. It
// must return soon after ctx is done: the interviewer stops speaking when
// the person presses a key.
type Player interface {
	Play(ctx context.Context, pcm []int16) error
}

// Judge judges an answer. It may be called several times for one answer
// (the person went on speaking after a pause) and must keep no state
// between calls: the Machine hands it the whole thread.
type Judge interface {
	Judge(ctx context.Context, a Answer) (Verdict, error)
}

// Answer is what a Judge judges: one answer, and the thread it belongs to.
type Answer struct {
	Question   Question
	Transcript starloop.Transcript
	// Thread holds the answers kept before this one under the same main
	// question, the main answer first; empty for a main answer. A reply
	// to "how did you measure it?" completes that story, it is not a
	// story of its own.
	Thread []Turn
	// Asked lists the follow-ups already asked in this thread, so the
	// judge does not ask one twice.
	Asked []string
}

// Turn is one answered question.
type Turn struct {
	Question   Question
	Transcript starloop.Transcript
}

// JudgeFunc adapts a function to a Judge.
type JudgeFunc func(ctx context.Context, a Answer) (Verdict, error)

// Judge calls f.
func (f JudgeFunc) Judge(ctx context.Context, a Answer) (Verdict, error) { return f(ctx, a) }

// Store keeps the session: one recording and one record per answer.
type Store interface {
	NewAnswer(n int) (Recording, error)
	// Asked keeps the question of answer a.N (a holds N and the question
	// only) as it is asked, so that a crash during the answer keeps it.
	Asked(a session.Answer) error
	SaveAnswer(a session.Answer) error
	Close(state session.State) error
}

// Recording is one answer's audio on its way to disk.
type Recording interface {
	WriteFrame(f audio.Frame) error
	Close() error   // keep it
	Discard() error // throw it away
}

// SessionStore is a Store on a session.Session.
type SessionStore struct{ Session *session.Session }

var _ Store = SessionStore{}

// NewAnswer implements Store.
func (s SessionStore) NewAnswer(n int) (Recording, error) {
	r, err := s.Session.NewAnswer(n)
	if err != nil {
		return nil, err
	}
	return r, nil
}

// Asked implements Store.
func (s SessionStore) Asked(a session.Answer) error { return s.Session.Asked(a) }

// SaveAnswer implements Store.
func (s SessionStore) SaveAnswer(a session.Answer) error { return s.Session.SaveAnswer(a) }

// Close implements Store.
func (s SessionStore) Close(state session.State) error { return s.Session.Close(state) }

// VAD is a voice activity detector, as *audio.VAD is.
type VAD interface {
	Push(f audio.Frame) audio.VADEvent
}

// Clock tells the time. Tests pass a clock that moves one frame per frame
// read.
type Clock interface {
	Now() time.Time
}

// SystemClock is the real clock.
type SystemClock struct{}

// Now returns time.Now().
func (SystemClock) Now() time.Time { return time.Now() }

// View shows the interview. The Runner calls it from one goroutine, and
// never while it waits on a device, so a View need not lock and should not
// block.
type View interface {
	// Status is called on each change of state, each key press, and each
	// frame recorded (50 times a second): a view should redraw only as
	// often as it needs to.
	Status(s Status)
	// Spoken is a line the interviewer starts to say.
	Spoken(text string)
	// Verdict is the verdict on answer n, as soon as the turn has ended.
	Verdict(n int, q Question, v Verdict)
	// TurnLatency is how long after the end of answer n the reply started
	// to play.
	TurnLatency(n int, d time.Duration)
	// Note is a short line acknowledging what the person did ("Skipped.");
	// an empty one only ends the status line, for lines written below it.
	Note(text string)
}

// Status is what the interview looks like now.
type Status struct {
	State    State
	Question Question
	Main     int // the main question's number, from 1
	Of       int // how many main questions are planned
	Answer   int // the answer's number, from 1
	// Elapsed is the time since listening began, and Recorded how much
	// audio of the answer has been recorded; both 0 when not listening.
	Elapsed, Recorded time.Duration
	// Level is the input's level in dBFS (audio.MinDBFS for silence), and
	// Speech whether the VAD hears speech.
	Level  float64
	Speech bool
	// Heard is the words recognized so far in this answer.
	Heard string
	// Closing: the reply being spoken is the closing line.
	Closing bool
}

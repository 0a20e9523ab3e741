// Package fallback puts a remote speech or judging backend in front of an
// offline one, so that losing the network costs accuracy, never the
// session: each call tries the remote first and, if it fails, uses the
// offline backend for that call and says so once, through Notify.
//
// Audio and text enter and leave as the interviewer's ports do
// (interviewer.Transcriber, Voice, Judge): the wrappers are those ports.
// The streaming Transcriber feeds the offline recognizer live (for the
// partial text on screen, and as the fallback) while it keeps the answer's
// audio; when the answer ends it sends the audio to the remote and waits
// for it, bounded by the remote's own deadline.
package fallback

import (
	"context"
	"errors"
	"fmt"
	"io"
	"slices"
	"sync"

	"github.com/starloop/starloop"
	"github.com/starloop/starloop/interviewer"
)

// Remote transcribes a whole answer at once, as *openai.Client does.
type Remote interface {
	Transcribe(ctx context.Context, pcm []int16) (starloop.Transcript, error)
}

// Notify is told a line for the person when a call falls back, such as
// "remote transcription failed (HTTP 503); using offline for this answer".
// A wrapper says a line once: while the remote keeps failing the same way
// (an answer split at pauses is several calls) it stays quiet, and it
// speaks again after a call that worked or a different failure.
type Notify func(line string)

// reporter says each line once until reset.
type reporter struct {
	mu   sync.Mutex
	last string
}

func (r *reporter) say(n Notify, line string) {
	r.mu.Lock()
	defer r.mu.Unlock()
	if line == r.last {
		return
	}
	r.last = line
	if n != nil {
		n(line)
	}
}

func (r *reporter) reset() {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.last = ""
}

// try calls remote and, when it fails other than by cancellation, says
// so (what failed, for what the offline backend takes over) and calls
// offline.
func try[T any](ctx context.Context, r *reporter, n Notify, what, forWhat string, remote, offline func() (T, error)) (T, error) {
	v, err := remote()
	if err == nil {
		r.reset()
		return v, nil
	}
	if ctx.Err() != nil || starloop.IsKind(err, starloop.Canceled) {
		return v, err
	}
	r.say(n, Line(what, err, forWhat))
	return offline()
}

// Line is the line Notify is given when what ("transcription", "voice",
// "coach") failed with err and for stands for what the offline backend
// takes over ("this answer", "this line").
func Line(what string, err error, forWhat string) string {
	return fmt.Sprintf("remote %s failed (%s); using offline for %s", what, brief(err), forWhat)
}

// brief is the short reason of err: its Brief method, if something in its
// chain has one (openai.Failure does), or its kind.
func brief(err error) string {
	var b interface{ Brief() string }
	if errors.As(err, &b) {
		return b.Brief()
	}
	return starloop.KindOf(err).String()
}

// Transcriber is a streaming transcriber that tries Remote and falls back
// to Offline.
type Transcriber struct {
	Remote  Remote
	Offline interviewer.Transcriber
	Notify  Notify
	r       reporter
}

var _ interviewer.Transcriber = (*Transcriber)(nil)

// Start starts an offline stream; the remote is called only at Finish.
func (t *Transcriber) Start(ctx context.Context) (interviewer.Stream, error) {
	off, err := t.Offline.Start(ctx)
	if err != nil {
		return nil, err
	}
	return &stream{t: t, ctx: ctx, off: off}, nil
}

type stream struct {
	t   *Transcriber
	ctx context.Context
	off interviewer.Stream
	pcm []int16
}

// Write keeps the samples for the remote and feeds the offline stream. An
// offline error does not stop the recording: the remote may still hear it.
func (s *stream) Write(pcm []int16) error {
	s.pcm = append(s.pcm, pcm...)
	s.off.Write(pcm)
	return nil
}

func (s *stream) Partial() string { return s.off.Partial() }

// Finish asks the remote and finishes the offline stream at the same time,
// and returns the remote's transcript, or the offline one if the remote
// failed or its context was canceled. It fails only when both did.
func (s *stream) Finish() (starloop.Transcript, error) {
	type result struct {
		t   starloop.Transcript
		err error
	}
	remote := make(chan result, 1)
	pcm := s.pcm
	s.pcm = nil
	go func() {
		t, err := s.t.Remote.Transcribe(s.ctx, pcm)
		remote <- result{t, err}
	}()
	off, offErr := s.off.Finish()
	r := <-remote
	if r.err == nil {
		s.t.r.reset()
		return r.t, nil
	}
	if starloop.IsKind(r.err, starloop.Canceled) || s.ctx.Err() != nil {
		// Cut short, by Ctrl-C: keep what the offline recognizer heard,
		// without a line, as nothing fell back.
		if offErr == nil {
			return off, nil
		}
		return starloop.Transcript{}, r.err
	}
	if offErr != nil {
		return starloop.Transcript{}, errors.Join(r.err, offErr)
	}
	s.t.r.say(s.t.Notify, Line("transcription", r.err, "this answer"))
	return off, nil
}

// TranscribeFunc adapts a function to a Remote, e.g. an offline
// recognizer loaded only when it is needed.
type TranscribeFunc func(ctx context.Context, pcm []int16) (starloop.Transcript, error)

// Transcribe calls f.
func (f TranscribeFunc) Transcribe(ctx context.Context, pcm []int16) (starloop.Transcript, error) {
	return f(ctx, pcm)
}

// Recordings transcribes whole recordings with Remote and falls back to
// Offline.
type Recordings struct {
	Remote, Offline Remote
	Notify          Notify
	r               reporter
}

var _ Remote = (*Recordings)(nil)

// Transcribe implements Remote.
func (t *Recordings) Transcribe(ctx context.Context, pcm []int16) (starloop.Transcript, error) {
	return try(ctx, &t.r, t.Notify, "transcription", "this answer",
		func() (starloop.Transcript, error) { return t.Remote.Transcribe(ctx, pcm) },
		func() (starloop.Transcript, error) { return t.Offline.Transcribe(ctx, pcm) })
}

// Voice speaks with Remote and falls back to Offline.
type Voice struct {
	Remote, Offline interviewer.Voice
	Notify          Notify
	r               reporter
}

var _ interviewer.Voice = (*Voice)(nil)

// Synthesize implements interviewer.Voice.
func (v *Voice) Synthesize(ctx context.Context, text string) ([]int16, error) {
	return try(ctx, &v.r, v.Notify, "voice", "this line",
		func() ([]int16, error) { return v.Remote.Synthesize(ctx, text) },
		func() ([]int16, error) { return v.Offline.Synthesize(ctx, text) })
}

// Judge judges with Remote and falls back to Offline.
type Judge struct {
	Remote, Offline interviewer.Judge
	Notify          Notify
	r               reporter
}

var _ interviewer.Judge = (*Judge)(nil)

// Judge implements interviewer.Judge.
func (j *Judge) Judge(ctx context.Context, a interviewer.Answer) (interviewer.Verdict, error) {
	remote := a
	remote.Thread, remote.Asked = slices.Clone(a.Thread), slices.Clone(a.Asked)
	return try(ctx, &j.r, j.Notify, "coach", "this answer",
		func() (interviewer.Verdict, error) { return j.Remote.Judge(ctx, remote) },
		func() (interviewer.Verdict, error) { return j.Offline.Judge(ctx, a) })
}

// Writer is a Notify that prints each line on its own line of w, one
// writer at a time.
func Writer(w io.Writer) Notify {
	var mu sync.Mutex
	return func(line string) {
		mu.Lock()
		defer mu.Unlock()
		fmt.Fprintln(w, line)
	}
}

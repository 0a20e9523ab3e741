package pocketsphinx

import (
	"context"

	"github.com/starloop/starloop"
	"github.com/starloop/starloop/interviewer"
)

var (
	_ interviewer.Transcriber = (*Lazy)(nil)
	_ interviewer.Redecoder   = (*Lazy)(nil)
)

// Lazy is a Recognizer loaded in the background: it hands out streams once
// the model is ready, so that a session's first question is spoken without
// waiting for the model.
type Lazy struct {
	done chan struct{}
	rec  *Recognizer
	err  error
}

// Load starts loading a Recognizer for cfg; the caller must Close it.
func Load(cfg Config) *Lazy {
	l := &Lazy{done: make(chan struct{})}
	go func() {
		defer close(l.done)
		l.rec, l.err = New(cfg)
	}()
	return l
}

// Start waits for the model and starts a stream.
func (l *Lazy) Start(ctx context.Context) (interviewer.Stream, error) {
	select {
	case <-l.done:
	case <-ctx.Done():
		return nil, starloop.E("start transcription", starloop.Canceled, ctx.Err())
	}
	if l.err != nil {
		return nil, l.err
	}
	s, err := l.rec.Start(ctx)
	if err != nil {
		return nil, err // not a typed nil *Stream inside the interface
	}
	return s, nil
}

// Transcribe waits for the model and decodes pcm whole (see
// Recognizer.Transcribe): the interviewer decodes an answer again with it
// in a pause, when there is time.
func (l *Lazy) Transcribe(ctx context.Context, pcm []int16) (starloop.Transcript, error) {
	select {
	case <-l.done:
	case <-ctx.Done():
		return starloop.Transcript{}, starloop.E("transcribe", starloop.Canceled, ctx.Err())
	}
	if l.err != nil {
		return starloop.Transcript{}, l.err
	}
	return l.rec.Transcribe(ctx, pcm)
}

// Close waits for the load to end and frees the model.
func (l *Lazy) Close() error {
	<-l.done
	if l.rec != nil {
		return l.rec.Close()
	}
	return nil
}

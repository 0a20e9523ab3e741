package interviewer

import (
	"context"
	"time"

	"github.com/starloop/starloop"
	"github.com/starloop/starloop/audio"
)

// recording is one answer as the Runner records it: the file, and the
// transcription in segments. A segment runs from the start of the answer,
// or from a resumption of speech, to a FinishTranscript; the answer's
// transcript joins them all, each shifted to its place in the recording.
// Splitting at pauses lets the transcript of the words before a pause be
// finished during the patience window and still count if speech resumes.
type recording struct {
	n       int
	file    Recording
	live    bool // frames are being recorded
	samples int  // samples recorded so far
	segs    []*segment
	open    *segment      // the segment taking frames; nil between segments
	preroll []audio.Frame // the last frames while no segment is open
	partial string        // the open segment's words so far
	pcm     []int16       // the answer's samples, kept for a re-decode; nil if none
	keepPCM bool
}

// feed passes a recorded frame on to transcription.
func (r *recording) feed(f audio.Frame) {
	r.samples += len(f)
	if r.keepPCM {
		r.pcm = append(r.pcm, f...)
	}
	if r.open != nil {
		r.open.in <- f
		return
	}
	if len(r.preroll) == prerollFrames {
		r.preroll = append(r.preroll[:0], r.preroll[1:]...)
	}
	r.preroll = append(r.preroll, f)
}

// openSegment starts a segment with the preroll in it. Its goroutine must
// wait for after, the segment before it, to finish.
func (r *recording) openSegment(after *segment) *segment {
	off := r.samples - len(r.preroll)*audio.FrameSize
	s := &segment{
		offset: time.Duration(off) * time.Second / audio.SampleRate,
		after:  after,
		in:     make(chan audio.Frame, segmentBuffer),
		done:   make(chan struct{}),
	}
	for _, f := range r.preroll {
		s.in <- f
	}
	r.preroll, r.partial = r.preroll[:0], ""
	r.segs = append(r.segs, s)
	r.open = s
	return s
}

// closeSegment ends the open segment's input, if there is one.
func (r *recording) closeSegment() {
	if r.open != nil {
		close(r.open.in)
		r.open = nil
	}
}

// heard is the words heard so far: the finished segments' and the open
// one's partial result.
func (r *recording) heard() string {
	texts := make([]string, 0, len(r.segs)+1)
	for _, s := range r.segs {
		select {
		case <-s.done:
			texts = append(texts, s.t.Text)
		default:
		}
	}
	if r.open != nil {
		texts = append(texts, r.partial)
	}
	return joinText(texts...)
}

// segment is one stretch of an answer being transcribed.
type segment struct {
	offset time.Duration    // where it starts in the recording
	after  *segment         // the segment transcribed before it, or nil
	in     chan audio.Frame // closed to finish
	done   chan struct{}    // closed when t and err are set
	t      starloop.Transcript
	err    error
}

// run transcribes s's frames until in is closed. It waits for the segment
// before it first: a recognizer may serve one stream at a time.
func (s *segment) run(ctx context.Context, tr Transcriber, partial func(string)) {
	defer close(s.done)
	if s.after != nil {
		<-s.after.done
	}
	stream, err := tr.Start(ctx)
	if err != nil {
		s.err = err
		for range s.in {
		}
		return
	}
	n := 0
	for f := range s.in {
		if err == nil {
			err = stream.Write(f)
		}
		if n++; err == nil && n%partialEvery == 0 {
			partial(stream.Partial())
		}
	}
	t, ferr := stream.Finish()
	if err == nil {
		err = ferr
	}
	s.t, s.err = t, err
}

// collect waits for segs to finish and joins their transcripts, word times
// shifted to count from the start of the recording.
func collect(segs []*segment) (starloop.Transcript, error) {
	var out starloop.Transcript
	texts := make([]string, 0, len(segs))
	for _, s := range segs {
		<-s.done
		if s.err != nil && !starloop.IsKind(s.err, starloop.NoSpeech) {
			return starloop.Transcript{}, starloop.E("transcribe answer", starloop.Other, s.err)
		}
		texts = append(texts, s.t.Text)
		for _, w := range s.t.Words {
			w.Start += s.offset
			w.End += s.offset
			out.Words = append(out.Words, w)
		}
	}
	out.Text = joinText(texts...)
	return out, nil
}

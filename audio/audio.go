// Package audio moves speech through starloop as fixed frames of 16 kHz mono
// 16-bit PCM (SampleRate, FrameSize, FrameDuration) and knows how to measure,
// detect, store and load them. It is pure Go: devices live in adapters such
// as audio/portaudio, which implement Reader and Writer.
//
// Data enters as frames from a Reader (a microphone adapter, NewSliceReader
// over memory) or as whole clips from DecodeWAV/ReadWAVFile, which convert any
// PCM WAV beep can read to 16 kHz mono. It leaves through a Writer (a speaker
// adapter, a streaming recording from CreateWAV, a Buffer), as a WAV clip
// from EncodeWAV, or as a beep.Streamer for playback. Stages such as Gain and
// Tee wrap one Reader in another, the way io wraps io.Reader; the VAD and
// CheckMic only look at frames and report.
package audio

import (
	"errors"
	"fmt"
	"io"
	"time"

	"github.com/starloop/starloop"
)

// The one format every frame in starloop has: what pocketsphinx's en-us model
// expects, and small enough (20 ms) for a responsive voice activity detector.
const (
	SampleRate    = 16000                 // samples per second, mono
	FrameSize     = 320                   // samples per frame
	FrameDuration = 20 * time.Millisecond // FrameSize / SampleRate
)

// Frame is one FrameDuration of 16 kHz mono signed 16-bit PCM. Every Frame a
// Reader fills or a Writer accepts has exactly FrameSize samples; make one
// with NewFrame.
type Frame []int16

// NewFrame returns a zeroed frame of FrameSize samples.
func NewFrame() Frame { return make(Frame, FrameSize) }

// Reader yields successive frames.
//
// ReadFrame fills all of f (len(f) must be FrameSize) and returns nil, or
// returns an error and f's contents are unspecified. At the end of the stream
// it returns io.EOF, and keeps returning it. A source whose length is not a
// multiple of FrameSize zero-pads its final frame, so the last real frame may
// end in silence. Any other error is the source's failure; callers should
// stop reading. A Reader is not safe for concurrent use.
type Reader interface {
	ReadFrame(f Frame) error
}

// Writer accepts successive frames.
//
// WriteFrame consumes all of f (len(f) must be FrameSize) or returns an
// error; it must not keep f after returning, so callers may reuse it. A
// Writer is not safe for concurrent use.
type Writer interface {
	WriteFrame(f Frame) error
}

// Stage turns one Reader into another, e.g. Gain(-10).
type Stage func(Reader) Reader

// errFrameSize is returned for frames whose length is not FrameSize.
func errFrameSize(op string, n int) error {
	return starloop.E(op, starloop.Invalid, fmt.Errorf("frame has %d samples, want %d", n, FrameSize))
}

// SliceReader reads frames from PCM held in memory: a fake microphone for
// tests, or a decoded clip fed to the VAD.
type SliceReader struct {
	pcm []int16
	pos int
}

var _ Reader = (*SliceReader)(nil)

// NewSliceReader returns a Reader over pcm (16 kHz mono). It does not copy
// pcm; the final frame is zero-padded when len(pcm) is not a multiple of
// FrameSize, and then io.EOF follows.
func NewSliceReader(pcm []int16) *SliceReader { return &SliceReader{pcm: pcm} }

// ReadFrame implements Reader.
func (s *SliceReader) ReadFrame(f Frame) error {
	if len(f) != FrameSize {
		return errFrameSize("read frame", len(f))
	}
	if s.pos >= len(s.pcm) {
		return io.EOF
	}
	n := copy(f, s.pcm[s.pos:])
	clear(f[n:])
	s.pos += n
	return nil
}

// Buffer is a Writer that keeps every frame in memory: a fake speaker for
// tests, or a short clip on its way to EncodeWAV.
type Buffer struct {
	PCM []int16 // all samples written so far, 16 kHz mono
}

var _ Writer = (*Buffer)(nil)

// WriteFrame implements Writer.
func (b *Buffer) WriteFrame(f Frame) error {
	if len(f) != FrameSize {
		return errFrameSize("write frame", len(f))
	}
	b.PCM = append(b.PCM, f...)
	return nil
}

// ReadAll reads frames from r until io.EOF and returns their samples
// (a multiple of FrameSize, including any zero padding). On another error it
// returns the samples read so far and that error.
func ReadAll(r Reader) ([]int16, error) {
	var pcm []int16
	f := NewFrame()
	for {
		err := r.ReadFrame(f)
		if errors.Is(err, io.EOF) {
			return pcm, nil
		}
		if err != nil {
			return pcm, err
		}
		pcm = append(pcm, f...)
	}
}

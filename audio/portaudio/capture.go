package portaudio

import (
	"context"
	"errors"
	"fmt"
	"io"
	"math"
	"sync"
	"sync/atomic"
	"time"

	"github.com/gopxl/beep/v2"
	pa "github.com/gordonklaus/portaudio"

	"github.com/starloop/starloop"
	"github.com/starloop/starloop/audio"
)

// stallTimeout is how long ReadFrame waits for audio from a running device
// before it declares the device dead. Devices deliver every few tens of
// milliseconds; seconds of nothing mean the device or its sound server is
// gone (PortAudio's ALSA back end stops calling back instead of failing).
// It is generous because a sound server on a busy machine can pause for
// most of a second without anything being wrong.
const stallTimeout = 2500 * time.Millisecond

// backlog is how much audio a Capture holds for a reader that falls behind;
// beyond it, new audio is dropped and counted in Overflows.
const backlog = 2 * time.Second

// resampleQuality is beep's interpolation quality (2*quality neighbouring
// samples), as in package audio.
const resampleQuality = 4

// Capture is a microphone being recorded: an audio.Reader of 16 kHz mono
// frames. ReadFrame blocks until a whole frame has arrived. The recording
// ends in one of four ways, after which every ReadFrame returns the same
// error:
//   - Close (from any goroutine, also while ReadFrame blocks): io.EOF;
//   - the context given to Capture is done: an error of kind
//     starloop.Canceled that wraps the context's error;
//   - the device fails or delivers nothing for a second (unplugged, its
//     sound server died): an error of kind starloop.DeviceUnavailable;
//   - the Host is closed: an error of kind starloop.DeviceUnavailable.
//
// A reader that falls more than two seconds behind loses audio; each loss,
// and each overflow PortAudio reports, adds one to Overflows and is
// otherwise not an error. Close must be called in every case, to release
// the device.
type Capture struct {
	host     *Host
	op       string
	stream   *pa.Stream
	rate     float64 // the device's rate, Hz
	channels int

	chunks    chan []int16 // interleaved samples from the callback
	overflows atomic.Int64

	src  *chunkSource  // the device's samples as a beep stream
	in   beep.Streamer // src, at 16 kHz
	fbuf [][2]float64

	stopOnce sync.Once
	stop     chan struct{} // closed when the recording ends
	cause    error         // why it ended; written before stop is closed
	closeErr error
	ctxStop  func() bool
}

var _ audio.Reader = (*Capture)(nil)

// Capture starts recording from the input device with the given name ("" for
// the default microphone; see Devices for names) as 16 kHz mono. It opens
// the device at 16 kHz if the device accepts that, and otherwise at the
// device's own rate, resampling with beep; mono if possible, else the first
// two channels averaged. The recording runs until ctx is done or Close is
// called.
func (h *Host) Capture(ctx context.Context, deviceName string) (*Capture, error) {
	return h.capture(ctx, deviceName, captureConfig{backlog: backlog})
}

// captureConfig holds what tests change: a forced device rate, to take the
// resampling path on devices that accept 16 kHz, and a shorter backlog.
type captureConfig struct {
	rate    float64 // 0: choose
	backlog time.Duration
}

func (h *Host) capture(ctx context.Context, deviceName string, cfg captureConfig) (*Capture, error) {
	op := "open microphone"
	if deviceName != "" {
		op = fmt.Sprintf("open microphone %q", deviceName)
	}
	if err := ctx.Err(); err != nil {
		return nil, starloop.E(op, starloop.Canceled, err)
	}
	dev, err := h.lookup(deviceName, input)
	if err != nil {
		return nil, starloop.E(op, starloop.Other, err)
	}
	c := &Capture{host: h, op: fmt.Sprintf("record from %q", dev.Name), stop: make(chan struct{})}
	cb := func(in []int16, _ pa.StreamCallbackTimeInfo, flags pa.StreamCallbackFlags) {
		c.callback(in, flags)
	}
	params, err := h.inputParams(dev, cfg.rate, cb)
	if err != nil {
		return nil, starloop.E(op, starloop.Other, err)
	}
	c.rate, c.channels = params.SampleRate, params.Input.Channels
	chunk := params.FramesPerBuffer
	c.chunks = make(chan []int16, int(cfg.backlog.Seconds()*c.rate)/chunk+1)

	err = quietly(func() (err error) {
		c.stream, err = pa.OpenStream(params, cb)
		return err
	})
	if err != nil {
		return nil, starloop.E(op, starloop.DeviceUnavailable, err)
	}
	if err := h.register(c); err != nil {
		libraryMu.Lock()
		c.stream.Close()
		libraryMu.Unlock()
		return nil, starloop.E(op, starloop.DeviceUnavailable, err)
	}
	if err := c.stream.Start(); err != nil {
		c.shutdown(err)
		return nil, starloop.E(op, starloop.DeviceUnavailable, err)
	}

	c.src = &chunkSource{c: c}
	c.in = c.src
	if c.rate != audio.SampleRate {
		c.in = beep.Resample(resampleQuality, beep.SampleRate(c.rate), audio.SampleRate, c.src)
	}
	c.fbuf = make([][2]float64, audio.FrameSize)
	c.ctxStop = context.AfterFunc(ctx, func() {
		c.shutdown(starloop.E(c.op, starloop.Canceled, context.Cause(ctx)))
	})
	return c, nil
}

// inputParams chooses how to open dev: 16 kHz before the device's own rate
// (or only the forced rate), mono before stereo; 20 ms per callback.
func (h *Host) inputParams(dev *pa.DeviceInfo, forceRate float64, cb any) (pa.StreamParameters, error) {
	rates := []float64{audio.SampleRate, dev.DefaultSampleRate}
	if forceRate != 0 {
		rates = []float64{forceRate}
	}
	var last error
	for _, channels := range []int{1, 2} {
		if channels > dev.MaxInputChannels {
			break
		}
		for _, rate := range rates {
			if rate <= 0 {
				continue
			}
			p := pa.StreamParameters{
				Input:           pa.StreamDeviceParameters{Device: dev, Channels: channels, Latency: dev.DefaultHighInputLatency},
				SampleRate:      rate,
				FramesPerBuffer: int(rate) / 50,
			}
			last = quietly(func() error { return pa.IsFormatSupported(p, cb) })
			if last == nil {
				return p, nil
			}
		}
	}
	return pa.StreamParameters{}, starloop.E("", starloop.DeviceUnavailable, fmt.Errorf("%q accepts no mono or stereo 16-bit format (%v)", dev.Name, last))
}

// callback runs on PortAudio's thread for every buffer the device fills. It
// must not block: it hands a copy to the reader, or drops it.
func (c *Capture) callback(in []int16, flags pa.StreamCallbackFlags) {
	if flags&pa.InputOverflow != 0 {
		c.overflows.Add(1)
	}
	select {
	case c.chunks <- append([]int16(nil), in...):
	default:
		c.overflows.Add(1)
	}
}

// ReadFrame fills f (len(f) must be audio.FrameSize) with the next 20 ms of
// 16 kHz mono audio, blocking until it has arrived; see Capture for how the
// recording ends.
func (c *Capture) ReadFrame(f audio.Frame) error {
	if len(f) != audio.FrameSize {
		return starloop.E(c.op, starloop.Invalid, fmt.Errorf("frame has %d samples, want %d", len(f), audio.FrameSize))
	}
	select {
	case <-c.stop:
		return c.cause
	default:
	}
	n, _ := c.in.Stream(c.fbuf)
	if n < len(f) {
		err := c.src.err
		if err == nil {
			err = starloop.E(c.op, starloop.Other, errors.New("resampler ended early"))
		}
		c.shutdown(err)
		return c.cause
	}
	for i, s := range c.fbuf {
		f[i] = toInt16(s[0])
	}
	return nil
}

// Overflows is how many times audio was lost because the reader fell behind
// or PortAudio reported an input overflow.
func (c *Capture) Overflows() int { return int(c.overflows.Load()) }

// SampleRate is the rate, in Hz, at which the device runs (ReadFrame always
// delivers 16 kHz).
func (c *Capture) SampleRate() float64 { return c.rate }

// Close stops the recording and releases the device; a ReadFrame blocked in
// another goroutine returns io.EOF. Calling it again does nothing.
func (c *Capture) Close() error {
	err := c.shutdown(io.EOF)
	if c.ctxStop != nil {
		c.ctxStop()
	}
	if err != nil {
		return starloop.E(c.op, starloop.Other, err)
	}
	return nil
}

// shutdown ends the recording for cause (the first cause wins), aborts and
// closes the stream, and returns the error closing it gave.
func (c *Capture) shutdown(cause error) error {
	c.stopOnce.Do(func() {
		if errors.Is(cause, errHostClosed) {
			cause = starloop.E(c.op, starloop.DeviceUnavailable, cause)
		}
		c.cause = cause
		close(c.stop)
		err := c.stream.Abort()
		if errors.Is(err, pa.StreamIsStopped) {
			err = nil
		}
		libraryMu.Lock()
		if cerr := c.stream.Close(); err == nil {
			err = cerr
		}
		libraryMu.Unlock()
		c.host.unregister(c)
		c.closeErr = err
	})
	return c.closeErr
}

// chunkSource is the device's samples as a beep.Streamer (mono, in both
// channels), fed by the callback. Stream blocks until it can fill its
// buffer; when the recording ends it returns 0, false and err says why.
type chunkSource struct {
	c       *Capture
	pending []int16 // interleaved samples not yet streamed
	err     error
	timer   *time.Timer
}

func (s *chunkSource) Stream(samples [][2]float64) (int, bool) {
	if s.err != nil {
		return 0, false
	}
	c := s.c
	n := 0
	for n < len(samples) {
		if len(s.pending) == 0 {
			chunk, err := s.next()
			if err != nil {
				s.err = err
				return 0, false
			}
			s.pending = chunk
		}
		for len(s.pending) >= c.channels && n < len(samples) {
			var x float64
			for _, v := range s.pending[:c.channels] {
				x += float64(v)
			}
			x /= float64(c.channels) * 32768
			samples[n] = [2]float64{x, x}
			s.pending = s.pending[c.channels:]
			n++
		}
	}
	return n, true
}

// next waits for the callback's next chunk, for the end of the recording, or
// for stallTimeout to pass.
func (s *chunkSource) next() ([]int16, error) {
	c := s.c
	select {
	case <-c.stop:
		return nil, c.cause
	default:
	}
	if s.timer == nil {
		s.timer = time.NewTimer(stallTimeout)
	} else {
		s.timer.Reset(stallTimeout)
	}
	select {
	case chunk := <-c.chunks:
		return chunk, nil
	case <-c.stop:
		return nil, c.cause
	case <-s.timer.C:
		return nil, starloop.E(c.op, starloop.DeviceUnavailable, fmt.Errorf("no audio for %v: the microphone stopped or was unplugged; run `starloop devices`", stallTimeout))
	}
}

func (s *chunkSource) Err() error { return s.err }

// toInt16 converts a beep sample in [-1, 1] to 16-bit PCM, rounding and
// saturating (resampling can overshoot full scale slightly).
func toInt16(x float64) int16 {
	v := math.Round(x * 32768)
	switch {
	case v > math.MaxInt16:
		return math.MaxInt16
	case v < math.MinInt16:
		return math.MinInt16
	}
	return int16(v)
}

package portaudio

import (
	"context"
	"errors"
	"fmt"
	"sync"
	"time"

	"github.com/gopxl/beep/v2"
	pa "github.com/gordonklaus/portaudio"

	"github.com/starloop/starloop"
	"github.com/starloop/starloop/audio"
)

// pollInterval is how often Play checks for room in the device's buffer
// instead of blocking in PortAudio, where neither a cancelled context nor a
// dead device could reach it.
const pollInterval = 2 * time.Millisecond

// SpeakerOptions adjusts a Speaker; the zero value is fine.
type SpeakerOptions struct {
	// Started, if set, is called during each Play with the time at which
	// the first samples were handed to the device (after PortAudio accepted
	// them; the device's own latency, a few tens of milliseconds, follows).
	// It runs on Play's goroutine and must return quickly.
	Started func(time.Time)
	// Now is the clock Started is given; nil means time.Now.
	Now func() time.Time
}

// Speaker plays 16 kHz mono audio on one output device. It opens the
// device for each Play, so a Speaker may be kept for the whole program. A
// Speaker plays one clip at a time: Play is not safe for concurrent use.
type Speaker struct {
	host     *Host
	dev      *pa.DeviceInfo
	op       string
	rate     float64
	channels int
	opts     SpeakerOptions
}

// Speaker chooses the output device with the given name ("" for the default
// speaker; see Devices for names) and the format to open it with: the
// device's own rate, to which Play resamples, and mono if the device takes
// it, else stereo. No device is opened until Play.
func (h *Host) Speaker(deviceName string, opts SpeakerOptions) (*Speaker, error) {
	op := "open speaker"
	if deviceName != "" {
		op = fmt.Sprintf("open speaker %q", deviceName)
	}
	dev, err := h.lookup(deviceName, output)
	if err != nil {
		return nil, starloop.E(op, starloop.Other, err)
	}
	if opts.Now == nil {
		opts.Now = time.Now
	}
	s := &Speaker{host: h, dev: dev, op: fmt.Sprintf("play on %q", dev.Name), opts: opts}
	rates := []float64{dev.DefaultSampleRate, 48000, 44100, audio.SampleRate}
	for _, channels := range []int{1, 2} {
		if channels > dev.MaxOutputChannels {
			break
		}
		for _, rate := range rates {
			if rate <= 0 {
				continue
			}
			err = quietly(func() error { return pa.IsFormatSupported(s.params(rate, channels), make([]int16, channels)) })
			if err == nil {
				s.rate, s.channels = rate, channels
				return s, nil
			}
		}
	}
	return nil, starloop.E(op, starloop.DeviceUnavailable, fmt.Errorf("%q accepts no mono or stereo 16-bit format (%v)", dev.Name, err))
}

// params are the stream parameters for playing at rate on channels, 20 ms
// per write.
func (s *Speaker) params(rate float64, channels int) pa.StreamParameters {
	return pa.StreamParameters{
		Output:          pa.StreamDeviceParameters{Device: s.dev, Channels: channels, Latency: s.dev.DefaultHighOutputLatency},
		SampleRate:      rate,
		FramesPerBuffer: int(rate) / 50,
	}
}

// SampleRate is the rate, in Hz, at which Play runs the device.
func (s *Speaker) SampleRate() float64 { return s.rate }

// Play plays pcm (16 kHz mono) and returns once the device has played it, or
// as soon as ctx is done (within about 20 ms; the rest is dropped, and the
// error has kind starloop.Canceled). The audio flows as a beep stream,
// resampled to the device's rate, into a blocking PortAudio stream. A
// device that stops taking audio for a second, or fails, ends Play with an
// error of kind starloop.DeviceUnavailable. Empty pcm plays nothing.
func (s *Speaker) Play(ctx context.Context, pcm []int16) error {
	if len(pcm) == 0 {
		return nil
	}
	if err := ctx.Err(); err != nil {
		return starloop.E(s.op, starloop.Canceled, err)
	}
	p := &playback{s: s, stop: make(chan struct{}), done: make(chan struct{})}
	defer close(p.done)
	return p.run(ctx, pcm)
}

// playback is one Play: a stream that the Host's Close can interrupt.
type playback struct {
	s      *Speaker
	stream *pa.Stream
	out    []int16 // the stream's buffer: one write, interleaved

	stopOnce sync.Once
	stop     chan struct{} // closed when the Host closes under Play
	done     chan struct{} // closed when Play has closed the stream
}

func (p *playback) run(ctx context.Context, pcm []int16) error {
	s := p.s
	params := s.params(s.rate, s.channels)
	frames := params.FramesPerBuffer
	p.out = make([]int16, frames*s.channels)
	var err error
	err = quietly(func() (err error) {
		p.stream, err = pa.OpenStream(params, p.out)
		return err
	})
	if err != nil {
		return starloop.E(s.op, starloop.DeviceUnavailable, err)
	}
	defer p.close()
	if err := s.host.register(p); err != nil {
		return starloop.E(s.op, starloop.DeviceUnavailable, err)
	}
	defer s.host.unregister(p)
	if err := p.stream.Start(); err != nil {
		return starloop.E(s.op, starloop.DeviceUnavailable, err)
	}
	// Before the first write the buffer is empty: this much room means
	// everything written has been played.
	capacity, err := p.stream.AvailableToWrite()
	if err != nil {
		return starloop.E(s.op, starloop.DeviceUnavailable, err)
	}

	var src beep.Streamer = audio.Streamer(pcm)
	if s.rate != audio.SampleRate {
		src = beep.Resample(resampleQuality, audio.SampleRate, beep.SampleRate(s.rate), src)
	}
	fbuf := make([][2]float64, frames)
	for first := true; ; first = false {
		n, ok := src.Stream(fbuf)
		if n == 0 {
			break
		}
		for i := range frames {
			var v int16
			if i < n {
				v = toInt16(fbuf[i][0])
			}
			for ch := range s.channels {
				p.out[i*s.channels+ch] = v
			}
		}
		if err := p.waitRoom(ctx, frames); err != nil {
			return err
		}
		if err := p.stream.Write(); err != nil && !errors.Is(err, pa.OutputUnderflowed) {
			return starloop.E(s.op, starloop.DeviceUnavailable, err)
		}
		if first && s.opts.Started != nil {
			s.opts.Started(s.opts.Now())
		}
		if !ok || n < frames {
			break
		}
	}
	if err := p.drain(ctx, capacity); err != nil {
		return err
	}
	// Stop lets the sound server play what it still holds.
	if err := p.stream.Stop(); err != nil {
		return starloop.E(s.op, starloop.DeviceUnavailable, err)
	}
	return nil
}

// waitRoom waits until the device's buffer has room for n frames, ctx is
// done, the Host closes, or the device takes nothing for stallTimeout.
func (p *playback) waitRoom(ctx context.Context, n int) error {
	op := p.s.op
	last, progress := -1, time.Now()
	tick := time.NewTicker(pollInterval)
	defer tick.Stop()
	for {
		avail, err := p.stream.AvailableToWrite()
		if errors.Is(err, pa.OutputUnderflowed) {
			return nil // the buffer ran dry: there is room
		}
		if err != nil {
			return starloop.E(op, starloop.DeviceUnavailable, err)
		}
		if avail >= n {
			return nil
		}
		if avail != last {
			last, progress = avail, time.Now()
		} else if time.Since(progress) > stallTimeout {
			return starloop.E(op, starloop.DeviceUnavailable, fmt.Errorf("the speaker took no audio for %v: it stopped or was unplugged; run `starloop devices`", stallTimeout))
		}
		select {
		case <-ctx.Done():
			return starloop.E(op, starloop.Canceled, context.Cause(ctx))
		case <-p.stop:
			return starloop.E(op, starloop.DeviceUnavailable, errHostClosed)
		case <-tick.C:
		}
	}
}

// drain waits until the device has played what it was given, here rather
// than in Stop, which would block in C if the device died now: until its
// buffer is as empty as before the first write, or for as long as a full
// buffer takes to play (some devices never report the last few frames
// free), or until ctx is done or the Host closes.
func (p *playback) drain(ctx context.Context, capacity int) error {
	op := p.s.op
	limit := time.Now().Add(time.Duration(float64(capacity)/p.s.rate*float64(time.Second)) + 100*time.Millisecond)
	tick := time.NewTicker(pollInterval)
	defer tick.Stop()
	for {
		avail, err := p.stream.AvailableToWrite()
		if err != nil && !errors.Is(err, pa.OutputUnderflowed) {
			return starloop.E(op, starloop.DeviceUnavailable, err)
		}
		if err != nil || avail >= capacity || time.Now().After(limit) {
			return nil
		}
		select {
		case <-ctx.Done():
			return starloop.E(op, starloop.Canceled, context.Cause(ctx))
		case <-p.stop:
			return starloop.E(op, starloop.DeviceUnavailable, errHostClosed)
		case <-tick.C:
		}
	}
}

// shutdown is called by the Host's Close: it makes the running Play return
// and waits until Play has closed its stream, so that the Host can
// terminate PortAudio.
func (p *playback) shutdown(error) error {
	p.stopOnce.Do(func() { close(p.stop) })
	<-p.done
	return nil
}

// close aborts the stream if it still runs (a cancelled or failed Play) and
// closes it.
func (p *playback) close() {
	p.stream.Abort()
	libraryMu.Lock()
	p.stream.Close()
	libraryMu.Unlock()
}

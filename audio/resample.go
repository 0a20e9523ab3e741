package audio

import (
	"math"

	"github.com/gopxl/beep/v2"

	"github.com/starloop/starloop"
)

// resampleQuality is beep's interpolation quality (it interpolates from
// 2*quality neighbouring samples). 4 is what beep calls good quality for
// on-the-fly use; see BenchmarkDecodeWAV for its cost.
const resampleQuality = 4

// Resample converts 16-bit mono PCM from fromRate to toRate (both in Hz,
// 1 kHz to 768 kHz), e.g. for a speaker that only runs at 48 kHz. The
// result has len(pcm)*toRate/fromRate samples, rounded up, and is aligned
// with the input (no delay); equal rates return a copy.
//
// beep's resampler interpolates but does not filter, so when lowering the
// rate, content above the new Nyquist frequency would fold back into the
// speech band (a 12 kHz hiss at 44.1 kHz becomes a 4 kHz whistle at 16 kHz).
// A low-pass filter at the new Nyquist frequency runs first to prevent it.
func Resample(pcm []int16, fromRate, toRate int) ([]int16, error) {
	for _, r := range []int{fromRate, toRate} {
		if r < 1000 || r > 768000 {
			return nil, starloop.Errorf(starloop.Invalid, "resample: sample rate %d Hz is out of range", r)
		}
	}
	if fromRate == toRate {
		return append([]int16(nil), pcm...), nil
	}
	return convert(Streamer(pcm), fromRate, toRate, len(pcm))
}

// convert drains s, n samples at fromRate, into mono PCM at toRate: the
// first two channels averaged, low-passed when the rate falls, then
// resampled with beep.
func convert(s beep.Streamer, fromRate, toRate, n int) ([]int16, error) {
	s = mono(s)
	if fromRate != toRate {
		if toRate < fromRate {
			s = newLowPass(s, fromRate, toRate)
		}
		s = beep.Resample(resampleQuality, beep.SampleRate(fromRate), beep.SampleRate(toRate), s)
		n = int(int64(n)*int64(toRate)/int64(fromRate)) + 1
	}
	out := make([]int16, 0, n)
	buf := make([][2]float64, 1024)
	for {
		k, ok := s.Stream(buf)
		for _, x := range buf[:k] {
			out = append(out, toInt16(x[0]))
		}
		// k == 0 with ok also ends the stream: beep's WAV decoder reports
		// a file shorter than its header says that way.
		if !ok || k == 0 {
			break
		}
	}
	if err := s.Err(); err != nil {
		return nil, err
	}
	return out, nil
}

// mono averages the two channels of s into the first (the second is left as
// it was), so later stages can work on one.
func mono(s beep.Streamer) beep.Streamer {
	return streamerWithErr{s, func(samples [][2]float64) (int, bool) {
		n, ok := s.Stream(samples)
		for i := range samples[:n] {
			samples[i][0] = (samples[i][0] + samples[i][1]) / 2
		}
		return n, ok
	}}
}

type streamerWithErr struct {
	src    beep.Streamer
	stream func([][2]float64) (int, bool)
}

func (s streamerWithErr) Stream(samples [][2]float64) (int, bool) { return s.stream(samples) }
func (s streamerWithErr) Err() error                              { return s.src.Err() }

// lowPass is a linear-phase FIR low-pass filter (a Blackman-windowed sinc)
// on channel 0 of a beep stream. It is centred: output i depends on inputs
// i-D..i+D, with the signal taken as zero outside, so the output is exactly
// as long as the input and not delayed.
type lowPass struct {
	src     beep.Streamer
	taps    []float64
	x       []float64 // inputs not yet fully used, after D leading zeros
	in      [][2]float64
	drained bool
}

// newLowPass passes what is below toRate/2 of a stream at fromRate and
// stops what is above: the transition band is toRate/8 wide, centred on
// toRate/2 (7 to 9 kHz for 16 kHz), and the Blackman window gives about
// 74 dB of stopband attenuation.
func newLowPass(src beep.Streamer, fromRate, toRate int) *lowPass {
	fc := float64(toRate) / 2 / float64(fromRate) // cycles per sample
	width := float64(toRate) / 8 / float64(fromRate)
	n := int(math.Ceil(5.5/width)) | 1 // odd, so there is a centre tap
	d := n / 2
	taps := make([]float64, n)
	var sum float64
	for k := range taps {
		m := float64(k - d)
		sinc := 2 * fc
		if m != 0 {
			sinc = math.Sin(2*math.Pi*fc*m) / (math.Pi * m)
		}
		w := 0.42 - 0.5*math.Cos(2*math.Pi*float64(k)/float64(n-1)) + 0.08*math.Cos(4*math.Pi*float64(k)/float64(n-1))
		taps[k] = sinc * w
		sum += taps[k]
	}
	for k := range taps {
		taps[k] /= sum // unity gain at 0 Hz
	}
	return &lowPass{src: src, taps: taps, x: make([]float64, d, 4096), in: make([][2]float64, 1024)}
}

func (f *lowPass) Stream(samples [][2]float64) (int, bool) {
	n := len(f.taps)
	out := 0
	for out < len(samples) {
		if len(f.x) < n {
			if f.drained {
				break
			}
			f.fill()
			continue
		}
		// As many outputs as the buffered inputs allow.
		k := min(len(samples)-out, len(f.x)-n+1)
		for i := range k {
			y := dot(f.taps, f.x[i:i+n])
			samples[out+i] = [2]float64{y, y}
		}
		out += k
		f.x = f.x[:copy(f.x, f.x[k:])]
	}
	return out, out > 0
}

// fill appends the next inputs from the source, and after its last the D
// trailing zeros that let the final outputs be computed.
func (f *lowPass) fill() {
	k, ok := f.src.Stream(f.in)
	for _, s := range f.in[:k] {
		f.x = append(f.x, s[0])
	}
	if !ok || k == 0 {
		f.drained = true
		f.x = append(f.x, make([]float64, len(f.taps)/2)...)
	}
}

func (f *lowPass) Err() error { return f.src.Err() }

// dot is the inner product of h and x (len(x) >= len(h)), with four
// accumulators so the additions need not wait on each other.
func dot(h, x []float64) float64 {
	x = x[:len(h)]
	var a, b, c, d float64
	j := 0
	for ; j+4 <= len(h); j += 4 {
		a += h[j] * x[j]
		b += h[j+1] * x[j+1]
		c += h[j+2] * x[j+2]
		d += h[j+3] * x[j+3]
	}
	for ; j < len(h); j++ {
		a += h[j] * x[j]
	}
	return (a + b) + (c + d)
}

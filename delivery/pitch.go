package delivery

import (
	"math"
	"slices"

	"github.com/starloop/starloop/audio"
)

// PitchConfig tunes TrackPitch. The zero value tracks 70-500 Hz, which
// covers speaking voices from low male to high female.
type PitchConfig struct {
	MinHz, MaxHz float64
	// Threshold is YIN's aperiodicity threshold: a frame is voiced when its
	// cumulative mean normalised difference dips below it. 0 means 0.2.
	Threshold float64
	// MinRMS is the quietest frame (RMS as a fraction of full scale) that
	// can be voiced; 0 means 0.003 (about -50 dBFS). Frames quieter than
	// a twentieth of the loudest frame's RMS are unvoiced too, so a room's
	// hum between words does not count as voice.
	MinRMS float64
}

func (c PitchConfig) withDefaults() PitchConfig {
	if c.MinHz <= 0 {
		c.MinHz = 70
	}
	if c.MaxHz <= c.MinHz {
		c.MaxHz = 500
	}
	if c.Threshold <= 0 {
		c.Threshold = 0.2
	}
	if c.MinRMS <= 0 {
		c.MinRMS = 0.003
	}
	return c
}

// window is the YIN integration window: 16 ms, more than one period of the
// lowest pitch tracked.
const window = 256

// TrackPitch estimates the fundamental frequency of pcm (16 kHz mono) with
// the YIN method, one value per 20 ms frame (audio.FrameSize samples): the
// f0 in Hz, or 0 for a frame that is silent, unvoiced, or too near the end
// to analyse. Frame i describes the audio from i*20 ms onwards.
func TrackPitch(pcm []int16, cfg PitchConfig) []float64 {
	cfg = cfg.withDefaults()
	minTau := int(math.Floor(audio.SampleRate / cfg.MaxHz))
	maxTau := int(math.Ceil(audio.SampleRate / cfg.MinHz))
	n := len(pcm) / audio.FrameSize
	f0 := make([]float64, n)
	if n == 0 {
		return f0
	}
	x := make([]float64, len(pcm))
	for i, s := range pcm {
		x[i] = float64(s) / 32768
	}
	rms := make([]float64, n)
	loudest := 0.0
	for i := range n {
		p := i * audio.FrameSize
		var e float64
		for _, v := range x[p : p+audio.FrameSize] {
			e += v * v
		}
		rms[i] = math.Sqrt(e / audio.FrameSize)
		loudest = max(loudest, rms[i])
	}
	floor := max(cfg.MinRMS, loudest/20)
	d := make([]float64, maxTau+2)
	for i := range n {
		p := i * audio.FrameSize
		if rms[i] < floor || p+window+maxTau+1 > len(x) {
			continue
		}
		f0[i] = yin(x[p:p+window+maxTau+1], d, minTau, maxTau, cfg.Threshold)
	}
	return f0
}

// yin returns the f0 of the start of x (window samples, compared with
// x shifted by up to maxTau+1), or 0 if x is not periodic enough. d is
// scratch space of maxTau+2 values.
func yin(x, d []float64, minTau, maxTau int, threshold float64) float64 {
	// Difference function, then its cumulative mean normalisation:
	// d'(tau) = d(tau) * tau / sum_{k=1..tau} d(k), with d'(0) = 1.
	d[0] = 1
	var sum float64
	for tau := 1; tau <= maxTau+1; tau++ {
		var s float64
		a, b := x[:window], x[tau:tau+window]
		for j := range a {
			v := a[j] - b[j]
			s += v * v
		}
		sum += s
		if sum == 0 {
			d[tau] = 1
		} else {
			d[tau] = s * float64(tau) / sum
		}
	}
	// The first dip under the threshold, followed down to its minimum:
	// taking the first rather than the deepest avoids octave-low errors.
	tau := -1
	for t := minTau; t <= maxTau; t++ {
		if d[t] < threshold {
			for t+1 <= maxTau && d[t+1] < d[t] {
				t++
			}
			tau = t
			break
		}
	}
	if tau < 0 {
		return 0
	}
	// Parabolic interpolation through the minimum and its neighbours.
	best := float64(tau)
	if tau > 1 {
		l, c, r := d[tau-1], d[tau], d[tau+1]
		if den := l - 2*c + r; den > 0 {
			best += 0.5 * (l - r) / den
		}
	}
	return audio.SampleRate / best
}

// Summarize turns a pitch track (0 for unvoiced frames) into percentiles
// and a spread in semitones, flagging monotone delivery when the spread is
// under monotoneSemitones.
func Summarize(f0 []float64, monotoneSemitones float64) Pitch {
	p := Pitch{Frames: len(f0)}
	var voiced []float64
	for _, f := range f0 {
		if f > 0 {
			voiced = append(voiced, f)
		}
	}
	p.Voiced = len(voiced)
	if len(voiced) == 0 {
		return p
	}
	slices.Sort(voiced)
	p.P10Hz = percentile(voiced, 0.10)
	p.MedianHz = percentile(voiced, 0.50)
	p.P90Hz = percentile(voiced, 0.90)
	p.SpreadSemitones = 12 * math.Log2(p.P90Hz/p.P10Hz)
	p.Monotone = p.Voiced >= MinVoiced && p.SpreadSemitones < monotoneSemitones
	return p
}

// percentile of sorted values, interpolating linearly between ranks:
// q=0 is the least, q=1 the greatest.
func percentile(sorted []float64, q float64) float64 {
	pos := q * float64(len(sorted)-1)
	i := int(pos)
	if i+1 >= len(sorted) {
		return sorted[len(sorted)-1]
	}
	frac := pos - float64(i)
	return sorted[i]*(1-frac) + sorted[i+1]*frac
}

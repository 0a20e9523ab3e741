package audio

import (
	"io"
	"math"
	"time"
)

// MinDBFS is the level reported for digital silence, where the logarithm
// has no value. It is below the quietest non-zero 16-bit signal (one LSB,
// about -90.3 dBFS).
const MinDBFS = -100.0

// Level is the loudness of a stretch of samples. RMS and Peak are fractions
// of full scale (32768), so a full-scale square wave has RMS 1 and DBFS 0,
// and a full-scale sine has DBFS about -3.01.
type Level struct {
	RMS  float64 // root mean square, 0..1
	Peak float64 // largest absolute sample, 0..1
	DBFS float64 // 20*log10(RMS), or MinDBFS for silence
}

// PeakDBFS is Peak in dB relative to full scale, or MinDBFS for silence.
func (l Level) PeakDBFS() float64 { return DBFS(l.Peak) }

// DBFS converts an amplitude ratio to full scale (0..1) into dB, never
// returning less than MinDBFS.
func DBFS(x float64) float64 {
	if x <= 0 {
		return MinDBFS
	}
	return max(20*math.Log10(x), MinDBFS)
}

// MeasureLevel measures f, which may be any length (a Frame or a whole clip);
// an empty slice measures as silence.
func MeasureLevel(f []int16) Level {
	if len(f) == 0 {
		return Level{DBFS: MinDBFS}
	}
	var sum float64
	var peak int
	for _, s := range f {
		v := float64(s)
		sum += v * v
		peak = max(peak, abs(int(s)))
	}
	rms := math.Sqrt(sum/float64(len(f))) / 32768
	return Level{RMS: rms, Peak: float64(peak) / 32768, DBFS: DBFS(rms)}
}

func abs(x int) int {
	if x < 0 {
		return -x
	}
	return x
}

// Gain returns a Stage that scales every sample by db decibels (6.02 dB
// doubles the amplitude), saturating at full scale rather than wrapping.
// Errors and io.EOF pass through.
func Gain(db float64) Stage {
	k := math.Pow(10, db/20)
	return func(r Reader) Reader {
		return readerFunc(func(f Frame) error {
			if err := r.ReadFrame(f); err != nil {
				return err
			}
			for i, s := range f {
				f[i] = saturate(float64(s) * k)
			}
			return nil
		})
	}
}

// saturate rounds x to the nearest 16-bit sample, clamping at full scale.
func saturate(x float64) int16 {
	x = math.Round(x)
	switch {
	case x > math.MaxInt16:
		return math.MaxInt16
	case x < math.MinInt16:
		return math.MinInt16
	}
	return int16(x)
}

// Take returns a Reader that yields at most d of r's frames (rounded up to
// whole frames) and then io.EOF, e.g. to sample a microphone for CheckMic.
func Take(r Reader, d time.Duration) Reader {
	left := int((d + FrameDuration - 1) / FrameDuration)
	return readerFunc(func(f Frame) error {
		if left <= 0 {
			return io.EOF
		}
		if err := r.ReadFrame(f); err != nil {
			return err
		}
		left--
		return nil
	})
}

type readerFunc func(Frame) error

func (fn readerFunc) ReadFrame(f Frame) error { return fn(f) }

package audio

import (
	"fmt"
	"math"
	"slices"
	"strings"

	"github.com/starloop/starloop"
)

// Thresholds CheckMic judges by.
const (
	// SilentPeak: an input whose every sample is within this many LSB of
	// zero (about -80 dBFS) is taken for a muted or dead microphone. A
	// working microphone's own hiss is louder than that.
	SilentPeak = 3
	// ClipRun: this many consecutive samples at full scale mean the
	// converter saturated; real sound never holds the rail that long, while
	// a normalised recording may touch it once.
	ClipRun = 3
	// NoisyFloorDBFS: a background louder than this makes speech hard to
	// tell from noise.
	NoisyFloorDBFS = -45.0
	// QuietPeakDBFS: if the user spoke during the check and no sample came
	// within this of full scale, the input gain is too low.
	QuietPeakDBFS = -30.0
)

// MicReport is what CheckMic found, and what to tell the user.
type MicReport struct {
	Duration       float64 // seconds of audio checked
	NoiseFloorDBFS float64 // level of the quietest tenth of 20 ms frames
	PeakDBFS       float64 // largest sample
	ClippedSamples int     // samples at full scale (-32768 or 32767)
	Silent         bool    // every sample within SilentPeak of zero
	Clipping       bool    // a run of ClipRun or more samples at full scale
	Noisy          bool    // noise floor above NoisyFloorDBFS
	Quiet          bool    // peak below QuietPeakDBFS (only meaningful if the user spoke)
	// Advice is one line for the user: the most pressing problem and what
	// to do about it, or that the microphone is fine.
	Advice string
}

// OK reports whether nothing is wrong with the input.
func (r MicReport) OK() bool { return !r.Silent && !r.Clipping && !r.Noisy && !r.Quiet }

// CheckMic judges a microphone from a short sample of it (1-2 s of 16 kHz
// mono, recorded while the user says a few words, e.g. via
// ReadAll(Take(mic, 2*time.Second))). The noise floor is measured in the
// pauses, so the sample should include some.
func CheckMic(pcm []int16) MicReport {
	r := MicReport{Duration: float64(len(pcm)) / SampleRate, NoiseFloorDBFS: MinDBFS, PeakDBFS: MinDBFS}
	if len(pcm) == 0 {
		r.Silent = true
		r.Advice = "No audio came from the microphone: check that it is connected and selected as the input."
		return r
	}
	var levels []float64
	for off := 0; off < len(pcm); off += FrameSize {
		levels = append(levels, MeasureLevel(pcm[off:min(off+FrameSize, len(pcm))]).DBFS)
	}
	slices.Sort(levels)
	r.NoiseFloorDBFS = levels[(len(levels)-1)/10]

	peak, run := 0, 0
	for _, s := range pcm {
		peak = max(peak, abs(int(s)))
		if s == math.MaxInt16 || s == math.MinInt16 {
			r.ClippedSamples++
			run++
			if run >= ClipRun {
				r.Clipping = true
			}
		} else {
			run = 0
		}
	}
	r.PeakDBFS = DBFS(float64(peak) / 32768)
	r.Silent = peak <= SilentPeak
	r.Noisy = !r.Silent && r.NoiseFloorDBFS > NoisyFloorDBFS
	r.Quiet = !r.Silent && r.PeakDBFS < QuietPeakDBFS

	switch {
	case r.Silent:
		r.Advice = "The microphone sends only silence: check that it is not muted and is the selected input (pavucontrol or alsamixer)."
	case r.Clipping:
		r.Advice = fmt.Sprintf("The input is clipping (%d samples at full scale): lower the microphone gain or move back a little.", r.ClippedSamples)
	case r.Noisy:
		r.Advice = fmt.Sprintf("The background is loud (noise floor %.0f dBFS): find a quieter room or move the microphone closer to your mouth.", r.NoiseFloorDBFS)
	case r.Quiet:
		r.Advice = fmt.Sprintf("Your voice is faint (peak %.0f dBFS): speak closer to the microphone or raise its gain.", r.PeakDBFS)
	default:
		r.Advice = fmt.Sprintf("Microphone OK: noise floor %.0f dBFS, peak %.0f dBFS.", r.NoiseFloorDBFS, r.PeakDBFS)
	}
	return r
}

// Levels is the check's measures as one line: noise floor and peak, then
// the samples at full scale and the overflows (reads the device dropped),
// when there were any.
func (r MicReport) Levels(overflows int) string {
	s := fmt.Sprintf("Noise floor %.0f dBFS, peak %.0f dBFS", r.NoiseFloorDBFS, r.PeakDBFS)
	if r.ClippedSamples > 0 {
		s += fmt.Sprintf(", %d samples at full scale", r.ClippedSamples)
	}
	if overflows > 0 {
		s += fmt.Sprintf(", %d overflows", overflows)
	}
	return s + "."
}

// Err is the check of microphone name as an error: a silent microphone is
// one of kind DeviceUnavailable, with the advice as its reason; anything
// else (clipping, noise, a faint voice) is a warning, not an error.
func (r MicReport) Err(name string) error {
	if !r.Silent {
		return nil
	}
	advice := strings.TrimSuffix(r.Advice, ".")
	advice = strings.ToLower(advice[:1]) + advice[1:]
	return starloop.Errorf(starloop.DeviceUnavailable, "check microphone %q: %s", name, advice)
}

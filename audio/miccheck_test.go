package audio

import (
	"math"
	"strings"
	"testing"

	"github.com/starloop/starloop"
)

func concat(parts ...[]int16) []int16 {
	var out []int16
	for _, p := range parts {
		out = append(out, p...)
	}
	return out
}

func TestCheckMic(t *testing.T) {
	const half = SampleRate / 2
	lsb := make([]int16, SampleRate)
	for i := range lsb {
		lsb[i] = int16(i%5 - 2) // -2..2
	}
	tests := []struct {
		name        string
		pcm         []int16
		silent      bool
		clipping    bool
		noisy       bool
		quiet       bool
		clipped     int
		floor, peak float64 // dBFS, +- 1.5 dB for the floor, 0.01 for the peak; NaN skips
		advice      string  // a word the advice must contain
	}{
		{"nothing", nil, true, false, false, false, 0, MinDBFS, MinDBFS, "No audio"},
		{"muted", make([]int16, SampleRate), true, false, false, false, 0, MinDBFS, MinDBFS, "muted"},
		// Peak 2 LSB: within SilentPeak.
		{"dead, two LSB of hum", lsb, true, false, false, false, 0, math.NaN(), DBFS(2.0 / 32768), "muted"},
		// A voice peaking at 8211/32768 = -12.02 dBFS after half a second of
		// -60 dBFS room noise; the quietest tenth of frames is noise.
		{"good", concat(noise(half, amp(-60), 61), tone(half, 1000, 8211)), false, false, false, false, 0, -60, -12.02, "OK"},
		// A sine of amplitude 40000 sampled 16 times a period is
		// 40000*sin(k*pi/8): k = 3, 4, 5 are over 32767 and k = 11, 12, 13
		// under -32768, so each of 500 periods clips two runs of three.
		{"clipping", concat(noise(half, amp(-60), 64), tone(half, 1000, 40000)), false, true, false, false, 3000, math.NaN(), 20 * math.Log10(32768.0/32768), "clipping"},
		// Amplitude 32767 touches +32767 once a period (k = 4) and never
		// -32768: 500 samples at full scale, but no run.
		{"normalised, not clipping", concat(noise(half, amp(-60), 65), tone(half, 1000, 32767)), false, false, false, false, 500, math.NaN(), 20 * math.Log10(32767.0/32768), "OK"},
		{"noisy room", concat(noise(half, amp(-35), 62), tone(half, 1000, 16384)), false, false, true, false, 0, -35, -6.02, "background"},
		// Peak 328/32768 = -40.0 dBFS: a faint voice in a quiet room.
		{"faint", concat(noise(half, amp(-70), 63), tone(half, 1000, 328)), false, false, false, true, 0, -70, -40.0, "faint"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := CheckMic(tt.pcm)
			if r.Silent != tt.silent || r.Clipping != tt.clipping || r.Noisy != tt.noisy || r.Quiet != tt.quiet {
				t.Errorf("silent %v clipping %v noisy %v quiet %v, want %v %v %v %v",
					r.Silent, r.Clipping, r.Noisy, r.Quiet, tt.silent, tt.clipping, tt.noisy, tt.quiet)
			}
			if r.ClippedSamples != tt.clipped {
				t.Errorf("%d clipped samples, want %d", r.ClippedSamples, tt.clipped)
			}
			if !math.IsNaN(tt.floor) && math.Abs(r.NoiseFloorDBFS-tt.floor) > 1.5 {
				t.Errorf("noise floor %.2f dBFS, want %.2f +- 1.5", r.NoiseFloorDBFS, tt.floor)
			}
			if !math.IsNaN(tt.peak) && math.Abs(r.PeakDBFS-tt.peak) > 0.01 {
				t.Errorf("peak %.3f dBFS, want %.3f", r.PeakDBFS, tt.peak)
			}
			if !strings.Contains(r.Advice, tt.advice) || strings.Contains(r.Advice, "\n") {
				t.Errorf("advice %q, want one line containing %q", r.Advice, tt.advice)
			}
			if r.OK() != (tt.advice == "OK") {
				t.Errorf("OK() = %v with advice %q", r.OK(), r.Advice)
			}
		})
	}
}

// TestMicReportLine: the line `devices --check` prints, and the error of a
// silent microphone, worked from the fields by hand.
func TestMicReportLine(t *testing.T) {
	r := MicReport{NoiseFloorDBFS: -61.4, PeakDBFS: -0.6, ClippedSamples: 3000, Clipping: true}
	if got, want := r.Levels(2), "Noise floor -61 dBFS, peak -1 dBFS, 3000 samples at full scale, 2 overflows."; got != want {
		t.Errorf("Levels = %q, want %q", got, want)
	}
	if got, want := (MicReport{NoiseFloorDBFS: -100, PeakDBFS: -6.1}).Levels(0), "Noise floor -100 dBFS, peak -6 dBFS."; got != want {
		t.Errorf("Levels = %q, want %q", got, want)
	}
	if err := r.Err("usb"); err != nil {
		t.Errorf("clipping is a warning, got error %v", err)
	}
	err := CheckMic(nil).Err("usb")
	if !starloop.IsKind(err, starloop.DeviceUnavailable) ||
		err.Error() != `check microphone "usb": no audio came from the microphone: check that it is connected and selected as the input` {
		t.Errorf("silent: %v", err)
	}
}

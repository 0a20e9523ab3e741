package audio

import (
	"math"
	"testing"
)

func square(n int, hi, lo int16) []int16 {
	pcm := make([]int16, n)
	for i := range pcm {
		if (i/8)%2 == 0 { // 1 kHz: 16 samples a period
			pcm[i] = hi
		} else {
			pcm[i] = lo
		}
	}
	return pcm
}

func TestMeasureLevel(t *testing.T) {
	impulse := make([]int16, FrameSize)
	impulse[100] = 32767
	ones := make([]int16, FrameSize)
	for i := range ones {
		ones[i] = 1
	}
	tests := []struct {
		name           string
		in             []int16
		rms, peak, dbf float64
	}{
		{"empty", nil, 0, 0, MinDBFS},
		{"silence", make([]int16, FrameSize), 0, 0, MinDBFS},
		// The rails are +32767 and -32768: RMS = sqrt((32767^2+32768^2)/2)/32768,
		// 20*log10 of which is -0.00013 dB.
		{"full-scale square", square(FrameSize, 32767, -32768), math.Sqrt((32767.0*32767+32768.0*32768)/2) / 32768, 1, -0.000133},
		// Half scale: RMS 0.5, 20*log10(0.5) = -6.0206 dB.
		{"half-scale square", square(FrameSize, 16384, -16384), 0.5, 0.5, -6.0206},
		// A sine of amplitude A has RMS A/sqrt(2): 0.5/sqrt(2) = 0.353553,
		// -6.0206 - 3.0103 = -9.0309 dB. 320 samples hold 20 whole periods
		// of 1 kHz, and sample 4 of each is the crest.
		{"half-scale sine", tone(FrameSize, 1000, 16384), 0.5 / math.Sqrt2, 0.5, -9.0309},
		// One full-scale sample in 320: RMS = (32767/32768)/sqrt(320),
		// -10*log10(320) = -25.0515 dB.
		{"impulse", impulse, 32767.0 / 32768 / math.Sqrt(320), 32767.0 / 32768, -25.0516},
		// One LSB everywhere: 20*log10(1/32768) = -90.309 dB.
		{"one LSB", ones, 1.0 / 32768, 1.0 / 32768, -90.309},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := MeasureLevel(tt.in)
			if math.Abs(got.RMS-tt.rms) > 1e-4 || math.Abs(got.Peak-tt.peak) > 1e-9 || math.Abs(got.DBFS-tt.dbf) > 1e-3 {
				t.Errorf("got RMS %.6f peak %.6f %.4f dBFS, want %.6f, %.6f, %.4f", got.RMS, got.Peak, got.DBFS, tt.rms, tt.peak, tt.dbf)
			}
		})
	}
}

func TestDBFS(t *testing.T) {
	tests := []struct{ x, want float64 }{
		{1, 0},
		{0.1, -20},
		{0.001, -60},
		{0, MinDBFS},
		{-1, MinDBFS},
		{1e-9, MinDBFS}, // -180 dB, clamped
	}
	for _, tt := range tests {
		if got := DBFS(tt.x); math.Abs(got-tt.want) > 1e-9 {
			t.Errorf("DBFS(%v) = %v, want %v", tt.x, got, tt.want)
		}
	}
	if got := (Level{Peak: 0.5}).PeakDBFS(); math.Abs(got+6.0206) > 1e-4 {
		t.Errorf("PeakDBFS of 0.5 = %v, want -6.0206", got)
	}
}

package audio

import (
	"io"
	"slices"
	"testing"
	"time"

	"github.com/starloop/starloop"
)

// ramp returns n samples 1, 2, ..., n so positions are easy to check.
func ramp(n int) []int16 {
	pcm := make([]int16, n)
	for i := range pcm {
		pcm[i] = int16(i + 1)
	}
	return pcm
}

func TestSliceReader(t *testing.T) {
	tests := []struct {
		name       string
		samples    int
		wantFrames int
		wantPad    int // zero samples at the end of the last frame
	}{
		{"empty", 0, 0, 0},
		{"one sample", 1, 1, 319},
		{"exactly two frames", 640, 2, 0},
		{"two frames and a bit", 700, 3, 260}, // 3*320 - 700
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			in := ramp(tt.samples)
			got, err := ReadAll(NewSliceReader(in))
			if err != nil {
				t.Fatal(err)
			}
			if len(got) != tt.wantFrames*FrameSize {
				t.Fatalf("got %d samples, want %d frames", len(got), tt.wantFrames)
			}
			if !slices.Equal(got[:tt.samples], in) {
				t.Error("samples changed")
			}
			for _, s := range got[tt.samples:] {
				if s != 0 {
					t.Fatal("padding is not zero")
				}
			}
			if len(got)-tt.samples != tt.wantPad {
				t.Errorf("padding %d, want %d", len(got)-tt.samples, tt.wantPad)
			}
		})
	}
}

func TestSliceReaderEOFSticksAndBadFrame(t *testing.T) {
	r := NewSliceReader(ramp(10))
	f := NewFrame()
	if err := r.ReadFrame(f); err != nil {
		t.Fatal(err)
	}
	for range 2 {
		if err := r.ReadFrame(f); err != io.EOF {
			t.Fatalf("after the end: %v, want io.EOF", err)
		}
	}
	if err := NewSliceReader(ramp(10)).ReadFrame(make(Frame, 100)); !starloop.IsKind(err, starloop.Invalid) {
		t.Errorf("short frame: %v, want kind Invalid", err)
	}
}

func TestGain(t *testing.T) {
	tests := []struct {
		name string
		db   float64
		in   []int16
		want []int16
	}{
		{"unity", 0, []int16{100, -100, 32767, -32768}, []int16{100, -100, 32767, -32768}},
		// +6.0206 dB is a factor of 2 (20*log10(2)).
		{"double", 6.020599913279624, []int16{100, -100, 20000, -20000}, []int16{200, -200, 32767, -32768}},
		// -20 dB is a factor of 0.1: 1234 -> 123.4 -> 123; -5 -> -0.5 -> -1 (away from zero).
		{"tenth", -20, []int16{1234, -5, 5, 0}, []int16{123, -1, 1, 0}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := ReadAll(Gain(tt.db)(NewSliceReader(tt.in)))
			if err != nil {
				t.Fatal(err)
			}
			if !slices.Equal(got[:len(tt.in)], tt.want) {
				t.Errorf("got %v, want %v", got[:len(tt.in)], tt.want)
			}
		})
	}
}

func TestTake(t *testing.T) {
	tests := []struct {
		d    time.Duration
		want int // frames
	}{
		{0, 0},
		{20 * time.Millisecond, 1},
		{21 * time.Millisecond, 2}, // rounded up to whole frames
		{time.Second, 50},
		{time.Hour, 100}, // the source ends first
	}
	for _, tt := range tests {
		got, err := ReadAll(Take(NewSliceReader(ramp(100*FrameSize)), tt.d))
		if err != nil {
			t.Fatal(err)
		}
		if len(got) != tt.want*FrameSize {
			t.Errorf("Take(%v): %d frames, want %d", tt.d, len(got)/FrameSize, tt.want)
		}
	}
}

func TestBufferRejectsBadFrame(t *testing.T) {
	var b Buffer
	if err := b.WriteFrame(make(Frame, FrameSize+1)); !starloop.IsKind(err, starloop.Invalid) {
		t.Errorf("err = %v, want kind Invalid", err)
	}
}

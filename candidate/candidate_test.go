package candidate

import (
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/starloop/starloop/interviewer"
)

// TestMix lays clips over the speaker's recording: 1 ms is 16 samples at
// 16 kHz, sums saturate at full scale, and a clip past the end extends it.
func TestMix(t *testing.T) {
	c := &Candidate{clips: []timedClip{
		{at: time.Millisecond, pcm: []int16{100, 30000}},        // samples 16 and 17
		{at: 2 * time.Millisecond, pcm: []int16{-5, -5, -5, 7}}, // samples 32 to 35
	}}
	said := make([]int16, 34)
	said[17] = 10000
	said[33] = 1
	got := c.Mix(said)
	want := make([]int16, 36)
	want[16], want[17] = 100, 32767 // 30000 + 10000 saturates
	want[32], want[33], want[34], want[35] = -5, -4, -5, 7
	if !slices.Equal(got, want) {
		t.Errorf("Mix = %v, want %v", got, want)
	}
	if said[16] != 0 {
		t.Error("Mix changed the recording it was given")
	}
}

// TestAnswer: a follow-up asking for a measure gets one, a main question a
// story without numbers.
func TestAnswer(t *testing.T) {
	if a := Answer(interviewer.Question{FollowUp: true, Reason: "no_measure"}); !strings.Contains(a, "thirty percent to five percent") {
		t.Errorf("answer to no_measure: %q", a)
	}
	main := Answer(interviewer.Question{Text: "Tell me about a time."})
	if strings.ContainsAny(main, "0123456789") || strings.Contains(main, "percent") {
		t.Errorf("main answer %q has a number; the demo wants the rubric to ask for one", main)
	}
}

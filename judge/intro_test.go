package judge

import (
	"strings"
	"testing"
	"time"
)

// TestCheckIntro: introductions written for this test, each labelled by
// hand with the moves and key points it has.
func TestCheckIntro(t *testing.T) {
	tests := []struct {
		name, text string
		length     time.Duration
		want       IntroCheck
	}{
		{"all three moves and every point",
			"I'm a backend engineer at Northwind, where I lead the payments team. Before that I spent eight years at a bank, " +
				"and I led the move of our billing system to the cloud. Now I want to join Amazon to build systems at a larger scale.",
			75 * time.Second,
			IntroCheck{Now: true, Before: true, Next: true, Role: true, Experience: true, Highlight: true, Why: true}},
		{"a career history with no present and no why",
			"I studied physics and then I worked for three years as a developer in a small shop.",
			20 * time.Second,
			IntroCheck{Before: true, Role: true, Experience: true}},
		{"nothing but a present",
			"Currently I look after our servers.",
			5 * time.Second,
			IntroCheck{Now: true}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			tt.want.Length, tt.want.Words = tt.length, len(strings.Fields(tt.text))
			if got := CheckIntro(tt.text, tt.length); got != tt.want {
				t.Errorf("got  %+v\nwant %+v", got, tt.want)
			}
		})
	}
	c := CheckIntro("I studied physics and then I worked for three years as a developer in a small shop.", 20*time.Second)
	if got, want := strings.Join(c.Missing(), "; "), "who you are now; what you want next; one thing you achieved; why this job"; got != want {
		t.Errorf("missing %q, want %q", got, want)
	}
}

package day

import (
	"maps"
	"slices"
	"testing"
)

// TestOptionsSettingsAndLPs: three rounds over x, y, z (as in
// TestNewDayAssignsLPsInOrder) record their LPs in order, and the options
// as strings.
func TestOptionsSettingsAndLPs(t *testing.T) {
	opt := Options{Interviewers: 3, Questions: 2, EnglishRound: 1, LPs: []string{"x", "y", "z"}}
	d, err := NewDay(opt)
	if err != nil {
		t.Fatal(err)
	}
	if got, want := d.LPs(), []string{"x", "y", "z", "x", "y", "z"}; !slices.Equal(got, want) {
		t.Errorf("LPs = %v, want %v", got, want)
	}
	want := map[string]string{"interviewers": "3", "questions_per_interviewer": "2", "english_round": "1"}
	if got := opt.Settings(); !maps.Equal(got, want) {
		t.Errorf("Settings = %v, want %v", got, want)
	}
}

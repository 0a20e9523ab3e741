package enrol

import (
	"bytes"
	"testing"
	"time"

	"github.com/starloop/starloop/speech/wer"
)

// TestRefineResultWrite: both endings, with the numbers as given.
func TestRefineResultWrite(t *testing.T) {
	var b bytes.Buffer
	r := RefineResult{Stretches: 12, Audio: 95400 * time.Millisecond, Before: wer.Tally{Errors: 9, Words: 180}, After: wer.Tally{Errors: 7, Words: 180}, Replaced: true}
	if err := r.Write(&b, "default", 30); err != nil {
		t.Fatal(err)
	}
	want := "Heard 12 stretches (95 s) with confidence in 30 answers.\n" +
		"Enrolment recordings: 9 of 180 words wrong with the profile, 7 with the refined model.\n" +
		"Refined profile \"default\" saved.\n"
	if b.String() != want {
		t.Errorf("got\n%s\nwant\n%s", b.String(), want)
	}
	b.Reset()
	r.Replaced = false
	r.Write(&b, "work", 30)
	if got := b.String()[len(b.String())-len("Kept profile \"work\" as it was: the refined model heard you worse.\n"):]; got != "Kept profile \"work\" as it was: the refined model heard you worse.\n" {
		t.Errorf("not replaced: %q", b.String())
	}
	b.Reset()
	r = RefineResult{Stretches: 4, Corrected: 2, Audio: 61 * time.Second, Before: wer.Tally{Errors: 9, Words: 180}, After: wer.Tally{Errors: 9, Words: 180}, Replaced: true}
	r.Write(&b, "default", 10)
	want = "Used 2 answers with the words you corrected in review, and 4 stretches heard with confidence in the other 8 (61 s in all).\n" +
		"Enrolment recordings: 9 of 180 words wrong with the profile, 9 with the refined model.\n" +
		"Refined profile \"default\" saved.\n"
	if b.String() != want {
		t.Errorf("with corrections: got\n%s\nwant\n%s", b.String(), want)
	}
}

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

// TestRefineResultWriteOne: one of each is said in the singular (it said
// "Used 1 answers").
func TestRefineResultWriteOne(t *testing.T) {
	var b bytes.Buffer
	r := RefineResult{Stretches: 1, Corrected: 1, Strangers: 1, Audio: 3 * time.Second, Before: wer.Tally{Errors: 1, Words: 180}, After: wer.Tally{Errors: 1, Words: 180}, Replaced: true}
	if err := r.Write(&b, "default", 2); err != nil {
		t.Fatal(err)
	}
	want := "Used 1 answer with the words you corrected in review, and 1 stretch heard with confidence in the other 1 (3 s in all).\n" +
		"Left out 1 answer that does not seem to be in the profile's voice.\n" +
		"Enrolment recordings: 1 of 180 words wrong with the profile, 1 with the refined model.\n" +
		"Refined profile \"default\" saved.\n"
	if b.String() != want {
		t.Errorf("got\n%s\nwant\n%s", b.String(), want)
	}
	b.Reset()
	r = RefineResult{Stretches: 1, Audio: 2 * time.Second, Replaced: true}
	r.Write(&b, "default", 1)
	if want := "Heard 1 stretch (2 s) with confidence in 1 answer.\n"; !bytes.HasPrefix(b.Bytes(), []byte(want)) {
		t.Errorf("got\n%s\nwant it to begin\n%s", b.String(), want)
	}
}

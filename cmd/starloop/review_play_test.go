package main

import (
	"testing"

	"github.com/starloop/starloop/audio/pulsetest"
)

// TestReviewPlaySays: review --play says what it plays, its length and how
// to stop it, and when it is done.
func TestReviewPlaySays(t *testing.T) {
	if testing.Short() {
		t.Skip("virtual devices: skipped with -short")
	}
	pulsetest.Start(t)
	dir, id := copySessions(t)
	out, errs, err := runCLI(t, "review", id, "--play", "1", "--sessions", dir)
	if err != nil {
		t.Fatalf("%v\n%s", err, errs)
	}
	// The test session's recordings are cut to 2 s; answer 1's question is
	// in its session.json.
	want := "Playing answer 1 of session 20261127-073001 (0:02 long). Ctrl-C stops it.\n" +
		"  Q: Tell me about a time you made a decision that favoured the long term over a short-term win.\nDone.\n"
	if out != want {
		t.Errorf("printed %q\nwant    %q", out, want)
	}
}

package enrol

import (
	"bytes"
	"testing"
	"time"
)

func TestSaved(t *testing.T) {
	var b bytes.Buffer
	if err := Saved(&b, "default", "p/default", 20, 4260*time.Millisecond); err != nil {
		t.Fatal(err)
	}
	want := "Speaker profile \"default\" made from 20 recordings in 4.3 s and saved in p/default.\n" +
		"Every command that recognises speech now uses it (--no-profile to turn it off).\n"
	if b.String() != want {
		t.Errorf("got %q\nwant %q", b.String(), want)
	}
	b.Reset()
	Saved(&b, "work", "p/work", 5, time.Second)
	if want := "Speaker profile \"work\" made from 5 recordings in 1.0 s and saved in p/work.\nCommands that recognise speech use it with --profile work.\n"; b.String() != want {
		t.Errorf("got %q\nwant %q", b.String(), want)
	}
}

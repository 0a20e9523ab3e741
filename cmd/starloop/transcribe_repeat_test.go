package main

import (
	"bytes"
	"os"
	"strings"
	"testing"

	"github.com/starloop/starloop/speech/pocketsphinx"
)

// The 44.1 kHz stereo copy that the transcribe tests decode must be the
// same file every time they make it: with sox's default random dither it
// was not, and its transcript changed from run to run.
func TestJFKStereoCopyIsRepeatable(t *testing.T) {
	_, first := jfkFiles(t)
	_, second := jfkFiles(t)
	if first["44k-stereo"] == "" {
		t.Skip("sox is not installed: no stereo copy")
	}
	a, err := os.ReadFile(first["44k-stereo"])
	if err != nil {
		t.Fatal(err)
	}
	b, err := os.ReadFile(second["44k-stereo"])
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(a, b) {
		t.Errorf("two sox copies of jfk.wav differ (%d and %d bytes): the fixture is not repeatable", len(a), len(b))
	}
}

// Transcribing one file again in the same process, through the command's
// own path (a fresh Recognizer each time), gives the same words, also while
// another Recognizer loads in the background as a session's does.
func TestTranscribeRepeatable(t *testing.T) {
	if testing.Short() {
		t.Skip("decodes a recording three times")
	}
	_, files := jfkFiles(t)
	path := files["44k-stereo"]
	if path == "" {
		path = files["16k-mono"]
	}
	var texts []string
	for i := range 3 {
		var other *pocketsphinx.Lazy
		if i == 1 {
			other = pocketsphinx.Load(pocketsphinx.Config{})
		}
		out, errOut, err := runCLI(t, "transcribe", path)
		if other != nil {
			if cerr := other.Close(); cerr != nil {
				t.Fatalf("background recognizer: %v", cerr)
			}
		}
		if err != nil {
			t.Fatalf("transcribe: %v\n%s", err, errOut)
		}
		texts = append(texts, strings.TrimSpace(out))
	}
	for i, text := range texts[1:] {
		if text != texts[0] {
			t.Errorf("run %d: %q; run 1: %q", i+2, text, texts[0])
		}
	}
}

package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/starloop/starloop"
	"github.com/starloop/starloop/audio"
	"github.com/starloop/starloop/speech/openaitest"
)

// TestRemoteWithoutModels: a server that has no GET /models (HTTP 404, 405
// or 501 there, as whisper.cpp's server) is used; a refused key on a
// server that has one stays a one-line error before any transcription.
func TestRemoteWithoutModels(t *testing.T) {
	clearRemoteEnv(t)
	t.Setenv("OPENAI_API_KEY", fakeKey)
	const said = "I rewrote the flaky tests and failed deploys fell from thirty percent to five percent."
	wav := filepath.Join(t.TempDir(), "answer.wav")
	var b bytes.Buffer
	if err := audio.EncodeWAV(&b, openaitest.Tone(220, 2*time.Second, audio.SampleRate)); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(wav, b.Bytes(), 0o600); err != nil {
		t.Fatal(err)
	}
	for _, status := range []int{404, 405, 501} {
		srv := openaitest.New(t, fakeKey)
		srv.ModelsStatus = status
		srv.Transcribe = func([]int16) openaitest.Transcription { return openaitest.Transcription{Text: said} }
		out, errs, err := runCLI(t, "transcribe", "--stt", "openai", "--base-url", srv.URL, wav)
		if err != nil || strings.TrimSpace(out) != said || errs != "" {
			t.Errorf("HTTP %d on /models: %v, printed %q, stderr %q; want the server's transcript", status, err, out, errs)
		}
		if n := len(srv.Requests(openaitest.PathTranscriptions)); n != 1 {
			t.Errorf("HTTP %d on /models: %d transcription requests, want 1", status, n)
		}
	}

	srv := openaitest.New(t, "sk-the-right-key-000000000")
	_, _, err := runCLI(t, "transcribe", "--stt", "openai", "--base-url", srv.URL, wav)
	var line bytes.Buffer
	code := report(&line, err)
	if starloop.KindOf(err) != starloop.Unauthorized || code != 6 || strings.Count(line.String(), "\n") != 1 ||
		!strings.Contains(line.String(), "the server refused the API key (HTTP 401); check OPENAI_API_KEY") {
		t.Errorf("wrong key: exit %d, %q", code, line.String())
	}
	if n := len(srv.Requests(openaitest.PathTranscriptions)); n != 0 {
		t.Errorf("wrong key: %d transcription requests, want none", n)
	}
}

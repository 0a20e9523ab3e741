package main

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/starloop/starloop/audio"
	"github.com/starloop/starloop/speech/openaitest"
	"github.com/starloop/starloop/speech/wer"
)

// TestAnalyzeRemote: analyze sends a WAV answer to the remote recognizer
// and a text answer's report to the remote coach, and falls back to the
// rubric alone, saying so, when the coach fails.
func TestAnalyzeRemote(t *testing.T) {
	clearRemoteEnv(t)
	t.Setenv("OPENAI_API_KEY", fakeKey)
	srv := openaitest.New(t, fakeKey)
	srv.Transcribe = func([]int16) openaitest.Transcription {
		return openaitest.Transcription{Text: "Um, I rewrote the flaky tests, and failed deploys fell from thirty percent to five percent."}
	}
	dir := t.TempDir()
	wav := filepath.Join(dir, "answer.wav")
	var b bytes.Buffer
	sent := openaitest.Tone(220, 2*time.Second, audio.SampleRate)
	if err := audio.EncodeWAV(&b, sent); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(wav, b.Bytes(), 0o600); err != nil {
		t.Fatal(err)
	}

	out, errs, err := analyzeCLI(t, "", "--stt", "openai", "--base-url", srv.URL, "--json", wav)
	if err != nil {
		t.Fatalf("%v\n%s", err, errs)
	}
	var r struct {
		Words   int `json:"words"`
		Fillers struct {
			Count int `json:"count"`
		} `json:"fillers"`
	}
	if err := json.Unmarshal([]byte(out), &r); err != nil {
		t.Fatal(err)
	}
	// The scripted text has 16 words by hand (um, i, rewrote, the, flaky,
	// tests, and, failed, deploys, fell, from, thirty, percent, to, five,
	// percent), one of them the filler "um".
	if r.Words != 16 || r.Fillers.Count != 1 {
		t.Errorf("report on %d words with %d fillers, want 16 and 1:\n%s", r.Words, r.Fillers.Count, out)
	}
	reqs := srv.Requests(openaitest.PathTranscriptions)
	if len(reqs) != 1 || len(reqs[0].Audio) != len(sent) {
		t.Fatalf("transcription requests: %d", len(reqs))
	}

	text := filepath.Join(dir, "answer.txt")
	os.WriteFile(text, []byte("At my last job deploys failed. I rewrote the flaky tests. In the end the deploys were reliable."), 0o600)
	out, errs, err = analyzeCLI(t, "", "--coach", "openai", "--base-url", srv.URL, "--lp", "ownership", "--no-color", text)
	if err != nil {
		t.Fatalf("%v\n%s", err, errs)
	}
	if !strings.Contains(out, "Coach: A clear story; the result needs a number.") ||
		!strings.Contains(out, "would ask: What changed, in numbers, once you had fixed it? (no_measure)") {
		t.Errorf("no coach in the report:\n%s", out)
	}

	srv.FailAll(openaitest.PathChat, openaitest.Truncated)
	out, errs, err = analyzeCLI(t, "", "--coach", "openai", "--base-url", srv.URL, "--no-color", text)
	if err != nil {
		t.Fatal(err)
	}
	if want := "remote coach failed (malformed response); using offline for this answer\n"; errs != want || strings.Contains(out, "Coach:") {
		t.Errorf("stderr %q, want %q; report:\n%s", errs, want, out)
	}
	if strings.Contains(out+errs, fakeKey) {
		t.Error("the key was printed")
	}
}

// TestTranscribeRemote: transcribe sends the recording to the remote
// recognizer with --stt openai, and falls back to pocketsphinx, saying so
// on stderr, when the server keeps failing.
func TestTranscribeRemote(t *testing.T) {
	clearRemoteEnv(t)
	t.Setenv("OPENAI_API_KEY", fakeKey)
	srv := openaitest.New(t, fakeKey)
	const said = "and so my fellow americans ask not what your country can do for you"
	srv.Transcribe = func([]int16) openaitest.Transcription { return openaitest.Transcription{Text: said} }
	wav := filepath.Join(sharedSpeech(t), "jfk.wav")
	sent, err := audio.ReadWAVFile(wav)
	if err != nil {
		t.Fatal(err)
	}

	out, errs, err := runCLI(t, "transcribe", "--stt", "openai", "--base-url", srv.URL, wav)
	if err != nil {
		t.Fatalf("%v\n%s", err, errs)
	}
	if strings.TrimSpace(out) != said {
		t.Errorf("printed %q, want the server's %q", out, said)
	}
	reqs := srv.Requests(openaitest.PathTranscriptions)
	if len(reqs) != 1 || len(reqs[0].Audio) != len(sent) {
		t.Fatalf("transcription requests: %d, want 1 carrying the %d samples", len(reqs), len(sent))
	}

	srv.FailAll(openaitest.PathTranscriptions, openaitest.Malformed)
	out, errs, err = runCLI(t, "transcribe", "--stt", "openai", "--base-url", srv.URL, wav)
	if err != nil {
		t.Fatalf("%v\n%s", err, errs)
	}
	if want := "remote transcription failed (malformed response); using offline for this answer\n"; errs != want {
		t.Errorf("stderr %q, want %q", errs, want)
	}
	// pocketsphinx's own transcript of jfk, against the reference.
	e, n := wer.Score(reference(t, "", "jfk"), out)
	if wer.Rate(e, n) > 0.35 {
		t.Errorf("offline fallback transcript %q: WER %.2f", out, wer.Rate(e, n))
	}
	if strings.Contains(out+errs, fakeKey) {
		t.Error("the key was printed")
	}
}

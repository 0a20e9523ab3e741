package main

import (
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"
	"unicode"

	"github.com/starloop/starloop"
	"github.com/starloop/starloop/audio"
	"github.com/starloop/starloop/audio/pulsetest"
	"github.com/starloop/starloop/prompts"
	"github.com/starloop/starloop/session"
	"github.com/starloop/starloop/speech/flite"
	"github.com/starloop/starloop/speech/openai"
	"github.com/starloop/starloop/speech/openaitest"
	"github.com/starloop/starloop/speech/pocketsphinx"
	"github.com/starloop/starloop/speech/wer"
)

const (
	// The coach's wording of the follow-up, unlike any line in the bank.
	coachFollowUp = "What changed, in numbers, after you fixed the pipeline?"
)

// remoteServer is an openaitest server that behaves like the real thing:
// it transcribes with pocketsphinx (capitalised and with a full stop, as
// Whisper writes, so a remote transcript can be told from an offline one),
// speaks with flite at 24 kHz, and coaches with a fixed follow-up.
func remoteServer(t *testing.T, ctx context.Context) *openaitest.Server {
	t.Helper()
	srv := openaitest.New(t, fakeKey)
	rec, err := pocketsphinx.New(pocketsphinx.Config{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { rec.Close() })
	srv.Transcribe = func(pcm []int16) openaitest.Transcription {
		tx, err := rec.Transcribe(ctx, pcm)
		if err != nil || tx.Text == "" {
			return openaitest.Transcription{}
		}
		r := []rune(tx.Text)
		r[0] = unicode.ToUpper(r[0])
		out := openaitest.Transcription{Text: string(r) + "."}
		for _, w := range tx.Words {
			out.Words = append(out.Words, openaitest.Word{Word: w.Text, Start: w.Start.Seconds(), End: w.End.Seconds()})
		}
		return out
	}
	voice, err := flite.New(flite.Config{Voice: "slt"})
	if err != nil {
		t.Fatal(err)
	}
	srv.Speak = func(text string) []int16 {
		pcm, err := voice.Synthesize(ctx, text)
		if err != nil {
			return nil
		}
		out, _ := audio.Resample(pcm, audio.SampleRate, openai.PCMRate)
		return out
	}
	srv.Coach = func(_, user string) string {
		if strings.Contains(user, "Follow-up:") { // the thread's second answer: nothing left
			return `{"situation":true,"task":true,"action":true,"result":true,"measurable_result":true,"feedback":"Now the result has a number.","follow_up":"","reason":"lp_ladder"}`
		}
		return `{"situation":true,"task":true,"action":true,"result":true,"measurable_result":false,"feedback":"Good story; the result needs a number.","follow_up":"` + coachFollowUp + `","reason":"no_measure"}`
	}
	return srv
}

// checkNoKey fails if the API key is in any file under dir or in out.
func checkNoKey(t *testing.T, dir, out string) {
	t.Helper()
	if strings.Contains(out, fakeKey) {
		t.Errorf("the output holds the API key")
	}
	filepath.WalkDir(dir, func(path string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, err := os.ReadFile(path)
		if err != nil {
			t.Error(err)
		} else if strings.Contains(string(data), fakeKey) {
			t.Errorf("%s holds the API key", path)
		}
		return nil
	})
}

var latencyRE = regexp.MustCompile(`reply ([0-9.]+) ms after the end of answer (\d+)`)

// TestPracticeRemote runs a whole spoken turn with remote STT, coach and
// TTS pointed at the test server.
func TestPracticeRemote(t *testing.T) {
	if testing.Short() {
		t.Skip("spoken end-to-end test: skipped with -short")
	}
	ctx, cancel := context.WithTimeout(context.Background(), 3*time.Minute)
	defer cancel()
	clearRemoteEnv(t)
	t.Setenv("OPENAI_API_KEY", fakeKey)
	srv := remoteServer(t, ctx)
	out, answers, _, said := spokenTurn(t, ctx, "--remote", "--base-url", srv.URL, "--verbose")
	t.Logf("output:\n%s", out)
	if strings.Contains(out, "remote ") {
		t.Errorf("a remote call fell back:\n%s", out)
	}
	for _, m := range latencyRE.FindAllStringSubmatch(out, -1) {
		t.Logf("turn latency, remote: %s ms after answer %s", m[1], m[2])
	}

	main, follow := answers[0], answers[1]
	// The coach's wording was asked, for the rubric's reason.
	if follow.Question != coachFollowUp || follow.Reason != "no_measure" {
		t.Errorf("follow-up %q (%s), want the coach's %q (no_measure)", follow.Question, follow.Reason, coachFollowUp)
	}
	// The transcripts are the server's: capitalised, with a full stop.
	for _, a := range []struct {
		said string
		got  session.Answer
		bar  float64
	}{{e2eStory, main, 0.30}, {e2eMeasured, follow, 0.40}} {
		text := a.got.Transcript.Text
		if !strings.HasSuffix(text, ".") || !a.got.Transcript.Timed() {
			t.Errorf("answer %d: %q (timed %v) is not the remote transcript", a.got.N, text, a.got.Transcript.Timed())
		}
		e, n := wer.Score(a.said, text)
		t.Logf("answer %d: WER %.2f: %q", a.got.N, wer.Rate(e, n), text)
		if wer.Rate(e, n) > a.bar {
			t.Errorf("answer %d transcript WER %.2f over %.2f", a.got.N, wer.Rate(e, n), a.bar)
		}
	}
	// The saved report holds both judges.
	var rep openai.CoachedReport
	if err := json.Unmarshal(main.Report, &rep); err != nil || rep.Rubric == nil || rep.Coach.FollowUp != coachFollowUp {
		t.Errorf("answer 1 report: %v, %s", err, main.Report)
	}

	// What was sent: the answers' audio (heard back as the answers), with
	// the model, language, filler prompt and a file name.
	reqs := srv.Requests(openaitest.PathTranscriptions)
	if len(reqs) != 2 {
		t.Fatalf("%d transcription requests, want 2", len(reqs))
	}
	for i, r := range reqs {
		if r.Model != "whisper-1" || r.Language != "en" || r.Prompt != openai.FillerPrompt("en") || r.FileName != "answer.wav" || r.Format != "verbose_json" {
			t.Errorf("transcription %d: model %q language %q prompt %q file %q format %q", i, r.Model, r.Language, r.Prompt, r.FileName, r.Format)
		}
		secs := float64(len(r.Audio)) / audio.SampleRate
		if secs < 2 || secs > 30 {
			t.Errorf("transcription %d: %.1f s of audio", i, secs)
		}
	}
	chats := srv.Requests(openaitest.PathChat)
	if len(chats) != 2 {
		t.Fatalf("%d chat requests, want 2", len(chats))
	}
	var second openaitest.ChatRequest
	json.Unmarshal(chats[1].Body, &second)
	if user := second.Messages[len(second.Messages)-1].Content; !strings.Contains(user, "Answer: "+main.Transcript.Text) ||
		!strings.Contains(user, "Follow-up: "+coachFollowUp) || !strings.Contains(user, "Rubric report (JSON):") {
		t.Errorf("the coach was not given the thread and the rubric's report:\n%s", user)
	}
	spoken := ""
	for _, r := range srv.Requests(openaitest.PathSpeech) {
		var s openaitest.SpeechRequest
		json.Unmarshal(r.Body, &s)
		spoken += s.Input + "\n"
	}
	if !strings.Contains(spoken, main.Question) || !strings.Contains(spoken, coachFollowUp) {
		t.Errorf("the remote voice did not say the question and the follow-up:\n%s", spoken)
	}
	// And the speaker played it: transcribe it back.
	rec, err := pocketsphinx.New(pocketsphinx.Config{})
	if err != nil {
		t.Fatal(err)
	}
	defer rec.Close()
	heard, err := rec.Transcribe(ctx, said)
	if err != nil {
		t.Fatal(err)
	}
	// As in TestPracticeSpoken: a short line in a synthetic voice, played
	// on a loaded machine (ALSA reports underruns in CI), comes back with
	// many errors, so the coach's wording must be the best match among
	// every follow-up the rubric could have asked instead, and within
	// two thirds of its words.
	t.Logf("speaker: %q", heard.Text)
	bank, err := prompts.Load()
	if err != nil {
		t.Fatal(err)
	}
	var rubrics []string
	for _, r := range prompts.Reasons() {
		rubrics = append(rubrics, bank.Generic(r)...)
	}
	heardBest(t, heard.Text, coachFollowUp, rubrics, 2.0/3)
}

// TestPracticeRemoteFailing runs the same turn with a server that passes
// the start-up check and then fails every call: each falls back to the
// offline engine, says so, and the session is complete.
func TestPracticeRemoteFailing(t *testing.T) {
	if testing.Short() {
		t.Skip("spoken end-to-end test: skipped with -short")
	}
	ctx, cancel := context.WithTimeout(context.Background(), 3*time.Minute)
	defer cancel()
	clearRemoteEnv(t)
	t.Setenv("OPENAI_API_KEY", fakeKey)
	srv := remoteServer(t, ctx)
	srv.FailAll(openaitest.PathTranscriptions, openaitest.Unavailable)
	srv.FailAll(openaitest.PathChat, openaitest.Malformed)
	srv.FailAll(openaitest.PathSpeech, openaitest.ServerError)
	out, answers, _, _ := spokenTurn(t, ctx, "--remote", "--base-url", srv.URL)
	t.Logf("output:\n%s", out)
	// Each failure is said once: the remote keeps failing the same way.
	for _, line := range []string{
		"remote transcription failed (HTTP 503); using offline for this answer",
		"remote coach failed (malformed response); using offline for this answer",
		"remote voice failed (HTTP 500); using offline for this line",
	} {
		if got := strings.Count(out, line); got != 1 {
			t.Errorf("%q appears %d times, want once", line, got)
		}
	}
	// Every call was tried, retries included: 3 attempts each.
	for _, p := range []string{openaitest.PathTranscriptions, openaitest.PathSpeech} {
		if n := len(srv.Requests(p)); n == 0 || n%3 != 0 {
			t.Errorf("%s: %d requests, want 3 for each call", p, n)
		}
	}
	main, follow := answers[0], answers[1]
	if follow.Reason != "no_measure" {
		t.Errorf("follow-up reason %q, want the rubric's no_measure", follow.Reason)
	}
	for _, a := range []struct {
		said string
		got  session.Answer
		bar  float64
	}{{e2eStory, main, 0.30}, {e2eMeasured, follow, 0.40}} {
		e, n := wer.Score(a.said, a.got.Transcript.Text)
		if wer.Rate(e, n) > a.bar || strings.HasSuffix(a.got.Transcript.Text, ".") {
			t.Errorf("answer %d: offline transcript WER %.2f: %q", a.got.N, wer.Rate(e, n), a.got.Transcript.Text)
		}
	}
}

// TestPracticeRemoteRefused: a wrong key is a one-line Unauthorized error
// before the first question.
func TestPracticeRemoteRefused(t *testing.T) {
	if testing.Short() {
		t.Skip("spoken end-to-end test: skipped with -short")
	}
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	clearRemoteEnv(t)
	pulsetest.Start(t)
	srv := openaitest.New(t, "sk-the-right-key-000000000")
	t.Setenv("OPENAI_API_KEY", fakeKey)
	out := &syncBuffer{}
	app := newApp(&appEnv{stdin: strings.NewReader(""), stdout: out, stderr: out})
	err := app.RunContext(ctx, []string{"starloop", "practice", "--remote", "--base-url", srv.URL, "--sessions", t.TempDir()})
	if starloop.KindOf(err) != starloop.Unauthorized || strings.Contains(err.Error(), "\n") {
		t.Fatalf("got %v, want one line of kind Unauthorized", err)
	}
	if want := "the server refused the API key (HTTP 401); check OPENAI_API_KEY"; !strings.Contains(err.Error(), want) {
		t.Errorf("got %q, want it to say %q", err, want)
	}
	if strings.Contains(out.String(), "listening") || len(srv.Requests(openaitest.PathSpeech)) > 0 {
		t.Errorf("the session started:\n%s", out.String())
	}
	checkNoKey(t, t.TempDir(), out.String()+err.Error())
}

// TestPracticeCtrlCRemoteStalled presses Ctrl-C in the middle of an answer
// while the remote transcription server has stopped answering: practice
// must end within 2 s (not when the client's 30 s deadline passes), with
// the answer's recording kept and what the offline recognizer heard of it.
func TestPracticeCtrlCRemoteStalled(t *testing.T) {
	if testing.Short() {
		t.Skip("spoken end-to-end test: skipped with -short")
	}
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	clearRemoteEnv(t)
	t.Setenv("OPENAI_API_KEY", fakeKey)
	srv := openaitest.New(t, fakeKey)
	srv.FailAll(openaitest.PathTranscriptions, openaitest.Hang)
	pa := pulsetest.Start(t)
	candidate, err := flite.New(flite.Config{Voice: "rms"})
	if err != nil {
		t.Fatal(err)
	}
	story, err := candidate.Synthesize(ctx, e2eStory)
	if err != nil {
		t.Fatal(err)
	}
	sessions := t.TempDir()
	run, interrupt := context.WithCancel(ctx)
	defer interrupt()
	out, done := startCLI(run, []string{"starloop", "practice", "--lp", "ownership", "--questions", "1",
		"--seed", "11", "--sessions", sessions, "--stt", "openai", "--base-url", srv.URL})
	waitOutput(t, out, "listening", 1, done)
	go pa.Speak(ctx, story)
	time.Sleep(6 * time.Second) // well into the answer, past its first pauses
	interrupt()
	start := time.Now()
	select {
	case err = <-done:
	case <-ctx.Done():
		t.Fatalf("practice did not end after Ctrl-C:\n%s", out.String())
	}
	took := time.Since(start)
	t.Logf("ended %v after Ctrl-C: %v", took, err)
	if took > 2*time.Second {
		t.Errorf("practice took %v to end after Ctrl-C with the server stalled, want at most 2 s", took)
	}
	if !starloop.IsKind(err, starloop.Canceled) {
		t.Errorf("error %v, want Canceled", err)
	}
	if len(srv.Requests(openaitest.PathTranscriptions)) == 0 {
		t.Errorf("the remote was never asked, so nothing stalled:\n%s", out.String())
	}
	meta, answers := onlySession(t, sessions)
	if meta.State != session.Interrupted || len(answers) != 1 || answers[0].Audio == "" || answers[0].Transcript.Text == "" {
		t.Errorf("session %v with answers %+v: want interrupted, the answer kept with its recording and offline transcript", meta.State, answers)
	}
}

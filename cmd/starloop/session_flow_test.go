package main

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/starloop/starloop"
	"github.com/starloop/starloop/audio/pulsetest"
	"github.com/starloop/starloop/day"
	"github.com/starloop/starloop/session"
	"github.com/starloop/starloop/speech/openai"
	"github.com/starloop/starloop/speech/openaitest"
)

// noSessions fails if any session was left in dir.
func noSessions(t *testing.T, dir string) {
	t.Helper()
	metas, err := session.List(dir)
	if err != nil && !os.IsNotExist(err) && starloop.KindOf(err) != starloop.NotFound {
		t.Fatal(err)
	}
	if len(metas) > 0 {
		t.Errorf("sessions left behind: %+v", metas)
	}
	entries, _ := os.ReadDir(dir)
	for _, e := range entries {
		if e.IsDir() {
			t.Errorf("folder %s left in the sessions folder", e.Name())
		}
	}
}

// TestPracticeBadVoice: a voice flite does not have is one line of error
// before the first question, and no session folder is left behind.
func TestPracticeBadVoice(t *testing.T) {
	if testing.Short() {
		t.Skip("opens virtual devices: skipped with -short")
	}
	srv := pulsetest.Start(t)
	rec, err := srv.RecordSpeaker(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	sessions := t.TempDir()
	out := &syncBuffer{}
	app := newApp(&appEnv{stdin: strings.NewReader(""), stdout: out, stderr: out})
	err = app.RunContext(context.Background(), []string{"starloop", "practice", "--voice", "nosuchvoice", "--sessions", sessions})
	if err == nil || !strings.Contains(err.Error(), `"nosuchvoice"`) || strings.Contains(err.Error(), "\n") || starloop.KindOf(err) != starloop.Invalid {
		t.Errorf("error %v (kind %v), want one line naming the voice, of kind Invalid", err, starloop.KindOf(err))
	}
	if strings.Contains(out.String(), "Interviewer:") {
		t.Errorf("a question was asked:\n%s", out.String())
	}
	noSessions(t, sessions)
	pcm, err := rec.Stop()
	if err != nil {
		t.Fatal(err)
	}
	for _, v := range pcm {
		if v > 1000 || v < -1000 {
			t.Errorf("the speaker played sound")
			break
		}
	}
}

// TestLoopRemoteVoicesAndNoSpeech: `loop --tts openai` speaks through the
// remote voice, each person with a voice of their own (TestHostAndVoices
// in package day checks they differ), and `--no-speech-timeout
// 1s` is honoured: nobody answers, so after the nudge (at 1 s) the day
// ends at 2 s with the no-speech error, instead of after the default two
// minutes. The day began (the host asked the question), so it is kept,
// interrupted, with no answer.
func TestLoopRemoteVoicesAndNoSpeech(t *testing.T) {
	if testing.Short() {
		t.Skip("spoken end-to-end test: skipped with -short")
	}
	t.Setenv("XDG_CONFIG_HOME", t.TempDir()) // no story bank, no config
	pulsetest.Start(t)
	ctx, cancel := context.WithTimeout(context.Background(), 50*time.Second)
	defer cancel()
	api := openaitest.New(t, fakeKey)
	t.Setenv("OPENAI_API_KEY", fakeKey)
	sessions := t.TempDir()
	out, done := startCLI(ctx, []string{"starloop", "loop", "--interviewers", "1", "--questions-per-interviewer", "1",
		"--follow-ups", "0", "--no-speech-timeout", "1s", "--seed", "3", "--sessions", sessions,
		"--tts", "openai", "--base-url", api.URL})
	var err error
	select {
	case err = <-done:
	case <-ctx.Done():
		t.Fatalf("the loop did not end on no speech:\n%s", out.String())
	}
	t.Logf("output:\n%s", out.String())
	if starloop.KindOf(err) != starloop.NoSpeech {
		t.Errorf("loop ended with %v, want the no-speech error", err)
	}
	voices := map[string]int{}
	for _, r := range api.Requests(openaitest.PathSpeech) {
		var body struct{ Voice, Input string }
		if err := json.Unmarshal(r.Body, &body); err != nil {
			t.Fatal(err)
		}
		voices[body.Voice]++
	}
	// The host's greeting, question and nudge, in the host's own remote
	// voice, not the one --tts-voice would give everybody.
	plan, err := day.NewDay(day.Options{Interviewers: 1, Questions: 1, Intro: true, LPs: []string{"ownership", "dive-deep"}})
	if err != nil {
		t.Fatal(err)
	}
	host := plan.Rounds[0].RemoteVoice
	if len(voices) != 1 || voices[host] != 3 || host == openai.DefaultTTSVoice {
		t.Errorf("remote voices used %v, want the host's own (%s) three times", voices, host)
	}
	meta, answers := onlySession(t, sessions)
	if meta.State != session.Interrupted || len(answers) != 0 {
		t.Errorf("session %v with %d answers, want interrupted with none", meta.State, len(answers))
	}
	// The session records the voice each person spoke with, not the
	// default remote voice.
	if got := meta.Settings["round_0"]; !strings.Contains(got, "voice "+host) || strings.Contains(meta.Settings["tts"], openai.DefaultTTSVoice) {
		t.Errorf("settings record the host as %q and tts as %q, want the host's remote voice %s", got, meta.Settings["tts"], host)
	}
}

// TestPracticeStoryBankLPs: with a story bank that covers every LP but
// Frugality and Earn Trust, and no --lp, practice practises those two.
// Nobody answers: the session ends on no speech.
func TestPracticeStoryBankLPs(t *testing.T) {
	if testing.Short() {
		t.Skip("opens virtual devices: skipped with -short")
	}
	pulsetest.Start(t)
	dir := t.TempDir()
	covered := [][2]string{{"customer-obsession", "ownership"}, {"invent-and-simplify", "are-right-a-lot"}, {"learn-and-be-curious", "hire-and-develop-the-best"},
		{"insist-on-the-highest-standards", "think-big"}, {"bias-for-action", "dive-deep"}, {"have-backbone", "deliver-results"}, {"earths-best-employer", "success-and-scale"}}
	var yaml strings.Builder
	yaml.WriteString("stories:\n")
	for i, lps := range covered {
		fmt.Fprintf(&yaml, "  - title: Story %d\n    lps: [%s, %s]\n    situation: A team had a problem %d.\n    task: I had to fix it.\n    action: I fixed it.\n    result: It was fixed in %d days.\n", i+1, lps[0], lps[1], i+1, i+2)
	}
	bankPath := dir + "/stories.yaml"
	if err := os.WriteFile(bankPath, []byte(yaml.String()), 0o600); err != nil {
		t.Fatal(err)
	}
	sessions := t.TempDir()
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	out, done := startCLI(ctx, []string{"starloop", "practice", "--stories", bankPath, "--questions", "1", "--no-speech-timeout", "1s", "--sessions", sessions})
	var err error
	select {
	case err = <-done:
	case <-ctx.Done():
		t.Fatalf("practice did not end on no speech:\n%s", out.String())
	}
	if starloop.KindOf(err) != starloop.NoSpeech {
		t.Errorf("practice ended with %v, want the no-speech error\n%s", err, out.String())
	}
	if !strings.Contains(out.String(), "Practising Frugality and Earn Trust:") {
		t.Errorf("want the two LPs the bank lacks practised:\n%s", out.String())
	}
	if meta, _ := onlySession(t, sessions); meta.LPs[0] != "frugality" || meta.LPs[1] != "earn-trust" {
		t.Errorf("session on %v, want frugality and earn-trust", meta.LPs)
	}
}

// TestPracticeCanceledBeforeFirstQuestion: Ctrl-C while the first question
// is being said: the session never began, and leaves no folder behind.
func TestPracticeCanceledBeforeFirstQuestion(t *testing.T) {
	if testing.Short() {
		t.Skip("opens virtual devices: skipped with -short")
	}
	pulsetest.Start(t)
	sessions := t.TempDir()
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	run, stop := context.WithCancel(ctx)
	out, done := startCLI(run, []string{"starloop", "practice", "--lp", "ownership", "--questions", "1", "--sessions", sessions})
	waitOutput(t, out, "Interviewer: ", 1, done)
	stop() // Ctrl-C
	select {
	case err := <-done:
		if starloop.KindOf(err) != starloop.Canceled {
			t.Errorf("practice ended with %v, want canceled", err)
		}
	case <-ctx.Done():
		t.Fatalf("practice did not end on Ctrl-C:\n%s", out.String())
	}
	if strings.Contains(out.String(), "Session saved") {
		t.Errorf("a session that never began is said to be saved:\n%s", out.String())
	}
	noSessions(t, sessions)
}

// TestLoopHelpEnglishRound: the help says what the English round is for.
func TestLoopHelpEnglishRound(t *testing.T) {
	out := &syncBuffer{}
	app := newApp(&appEnv{stdin: strings.NewReader(""), stdout: out, stderr: out})
	app.Writer = out
	if err := app.RunContext(context.Background(), []string{"starloop", "loop", "--help"}); err != nil {
		t.Fatal(err)
	}
	help := strings.Join(strings.Fields(out.String()), " ")
	if !strings.Contains(help, "--english-round N") || !strings.Contains(help, "answer in English, for a non-native speaker") {
		t.Errorf("the help does not explain --english-round:\n%s", out.String())
	}
}

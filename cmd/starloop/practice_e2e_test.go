package main

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/starloop/starloop/audio/pulsetest"
	"github.com/starloop/starloop/prompts"
	"github.com/starloop/starloop/session"
	"github.com/starloop/starloop/speech/flite"
	"github.com/starloop/starloop/speech/pocketsphinx"
	"github.com/starloop/starloop/speech/wer"
)

// syncBuffer is an io.Writer the test can read while the CLI writes it.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

// startCLI runs starloop with args (args[0] is the program name) in-process,
// as from a shell with no terminal on stdin. Everything it prints goes to
// out; done receives what it returns.
func startCLI(ctx context.Context, args []string) (out *syncBuffer, done <-chan error) {
	out = &syncBuffer{}
	ch := make(chan error, 1)
	go func() {
		ch <- newApp(&appEnv{stdin: strings.NewReader(""), stdout: out, stderr: out}).RunContext(ctx, args)
	}()
	return out, ch
}

// onlySession loads the one session saved under dir, or fails.
func onlySession(t *testing.T, dir string) (session.Meta, []session.Answer) {
	t.Helper()
	metas, err := session.List(dir)
	if err != nil || len(metas) != 1 {
		t.Fatalf("sessions: %v, %v", metas, err)
	}
	meta, answers, err := session.Load(dir, metas[0].ID)
	if err != nil {
		t.Fatal(err)
	}
	return meta, answers
}

// waitOutput waits until out holds want at least n times.
func waitOutput(t *testing.T, out *syncBuffer, want string, n int, done <-chan error) {
	t.Helper()
	deadline := time.After(60 * time.Second)
	for strings.Count(out.String(), want) < n {
		select {
		case err := <-done:
			t.Fatalf("practice ended (%v) before %q appeared %d times:\n%s", err, want, n, out.String())
		case <-deadline:
			t.Fatalf("%q did not appear %d times within 60 s:\n%s", want, n, out.String())
		case <-time.After(20 * time.Millisecond):
		}
	}
}

// waitNextListening waits until the interviewer listens for the answer
// after the n-th: "listening" after the n-th answer's verdict ("Answer n
// ("). Counting "listening" lines would not do, as a pause within an
// answer that the speaker ends by speaking again shows "listening" once
// more; nor would "answer ended", which a judgement made during the pause
// skips.
func waitNextListening(t *testing.T, out *syncBuffer, n int, done <-chan error) {
	t.Helper()
	verdict := fmt.Sprintf("Answer %d (", n)
	deadline := time.After(60 * time.Second)
	for {
		s := out.String()
		if i := strings.Index(s, verdict); i >= 0 && strings.Contains(s[i:], "listening") {
			return
		}
		select {
		case err := <-done:
			t.Fatalf("practice ended (%v) before listening after answer %d:\n%s", err, n, out.String())
		case <-deadline:
			t.Fatalf("no listening after answer %d within 60 s:\n%s", n, out.String())
		case <-time.After(20 * time.Millisecond):
		}
	}
}

// werWithin is the word error rate of ref against the best-matching stretch
// of hyp: an edit distance where words of hyp before and after the match
// cost nothing. It tells whether a line was said somewhere in a recording.
func werWithin(ref, hyp string) float64 {
	e, n := errorsWithin(ref, hyp)
	if n == 0 {
		return 0
	}
	return float64(e) / float64(n)
}

// errorsWithin is the edit distance of werWithin (the errors) and the
// number of ref's words.
func errorsWithin(ref, hyp string) (errs, words int) {
	r, h := wer.Normalize(ref), wer.Normalize(hyp)
	if len(r) == 0 {
		return 0, 0
	}
	prev := make([]int, len(h)+1) // prev[j]: cost of ref[:i] ending at hyp[:j]; free start
	cur := make([]int, len(h)+1)
	for i := 1; i <= len(r); i++ {
		cur[0] = i
		for j := 1; j <= len(h); j++ {
			sub := prev[j-1]
			if r[i-1] != h[j-1] {
				sub++
			}
			cur[j] = min(sub, prev[j]+1, cur[j-1]+1)
		}
		prev, cur = cur, prev
	}
	best := prev[0]
	for _, v := range prev {
		best = min(best, v)
	}
	return best, len(r)
}

func TestWERWithin(t *testing.T) {
	tests := []struct {
		ref, hyp string
		want     float64
	}{
		{"how did you measure that", "okay so how did you measure that thanks", 0},
		{"how did you measure that", "so how did you treasure that", 0.2},            // one substitution in five
		{"how did you measure that", "how you measure that", 0.2},                    // one deletion
		{"put a number on it", "nothing like it at all", 0.8},                        // only "it" lines up: 4 of 5 wrong
		{"tell me about a time", "", 1},                                              // all deleted
		{"tell me about a time", "tell me about about a time", 0.2},                  // one insertion
		{"can you put a number on it", "can you put a number on it", 0},              // exact
		{"the result", "the result the result", 0},                                   // first of two copies
		{"one two three", "three two one", 2.0 / 3},                                  // best window "two one"/"three two"
		{"a b", "x a y b", 0.5},                                                      // "a y b": one insertion
		{"alpha beta gamma delta", "alpha beta gamma", 0.25},                         // one deletion at the end
		{"alpha", "beta", 1},                                                         // one substitution
		{"", "anything", 0},                                                          // nothing to find
		{"one hundred", "one hundred and ten", 0},                                    // a prefix of hyp
		{"and ten", "one hundred and ten", 0},                                        // a suffix of hyp
		{"hundred and", "one hundred and ten", 0},                                    // the middle
		{"ask not what", "ask what", 1.0 / 3},                                        // a deletion
		{"my country", "your country", 0.5},                                          // a substitution
		{"fellow americans", "my fellow americans ask", 0},                           // a window
		{"do for you", "can do for you ask", 0},                                      // a window
		{"what you can do for your country", "what you can do for country", 1.0 / 7}, // a deletion
	}
	for _, tt := range tests {
		if got := werWithin(tt.ref, tt.hyp); got < tt.want-1e-9 || got > tt.want+1e-9 {
			t.Errorf("werWithin(%q, %q) = %.3f, want %.3f", tt.ref, tt.hyp, got, tt.want)
		}
	}
}

// The synthetic candidate's answers in the spoken tests: a story with every
// STAR part but no figure, then the figure the follow-up asks for.
const (
	e2eStory = "At my last job our deploys kept failing and releases slipped. " +
		"I was responsible for the release pipeline. " +
		"I dug into the logs, found that flaky tests caused most of the failures, and I rewrote them. " +
		"As a result, the deploys became reliable again and the whole team trusted the pipeline."
	e2eMeasured = "Failed deploys dropped from thirty percent to five percent within two months."
)

// spokenTurn runs `starloop practice` with args on virtual devices: one main
// question answered with e2eStory, one follow-up answered with e2eMeasured.
// It returns the output, the session's answers, its folder, and what the
// speaker played.
func spokenTurn(t *testing.T, ctx context.Context, args ...string) (string, []session.Answer, string, []int16) {
	t.Helper()
	pa := pulsetest.Start(t)
	candidate, err := flite.New(flite.Config{Voice: "rms"})
	if err != nil {
		t.Fatal(err)
	}
	storyPCM, err := candidate.Synthesize(ctx, e2eStory)
	if err != nil {
		t.Fatal(err)
	}
	measuredPCM, err := candidate.Synthesize(ctx, e2eMeasured)
	if err != nil {
		t.Fatal(err)
	}
	speaker, err := pa.RecordSpeaker(ctx)
	if err != nil {
		t.Fatal(err)
	}
	sessions := t.TempDir()
	out, done := startCLI(ctx, append([]string{"starloop", "practice", "--lp", "ownership",
		"--questions", "1", "--follow-ups", "1", "--patience", "1500ms", "--seed", "11",
		"--sessions", sessions}, args...))
	waitOutput(t, out, "listening", 1, done)
	if err := pa.Speak(ctx, storyPCM); err != nil {
		t.Fatal(err)
	}
	waitNextListening(t, out, 1, done)
	if err := pa.Speak(ctx, measuredPCM); err != nil {
		t.Fatal(err)
	}
	select {
	case err := <-done:
		if err != nil {
			t.Fatalf("practice: %v\n%s", err, out.String())
		}
	case <-ctx.Done():
		t.Fatalf("practice did not end:\n%s", out.String())
	}
	said, err := speaker.Stop()
	if err != nil {
		t.Fatal(err)
	}
	meta, answers := onlySession(t, sessions)
	if meta.State != session.Complete || len(answers) != 2 {
		t.Fatalf("session state %v with %d answers, want complete with 2\n%s", meta.State, len(answers), out.String())
	}
	checkPrivate(t, sessions)
	checkNoKey(t, sessions, out.String())
	return out.String(), answers, sessions, said
}

// TestPracticeSpoken runs `starloop practice` on virtual devices: the
// interviewer speaks a question into the virtual speaker, a synthetic
// candidate (a second flite voice) answers through the virtual microphone
// with a story that has no figures, the interviewer asks for a measure, the
// candidate gives one, and the session ends. What the speaker played is
// transcribed back and checked against what the interviewer meant to say;
// the answers' transcripts are checked against what the candidate said.
func TestPracticeSpoken(t *testing.T) {
	if testing.Short() {
		t.Skip("spoken end-to-end test: skipped with -short")
	}
	ctx, cancel := context.WithTimeout(context.Background(), 3*time.Minute)
	defer cancel()
	out, answers, sessions, said := spokenTurn(t, ctx)

	main, follow := answers[0], answers[1]
	if main.FollowUp || !follow.FollowUp {
		t.Fatalf("answers: main %+v, follow-up %+v", main, follow)
	}
	checkSessionScreen(t, out, sessions, answers, e2eStory+" "+e2eMeasured)
	if follow.Reason != "no_measure" {
		t.Errorf("follow-up reason %q, want no_measure: the story has no figures\n%s", follow.Reason, out)
	}

	// What the candidate said was heard.
	for _, a := range []struct {
		said string
		got  session.Answer
		bar  float64
	}{{e2eStory, main, 0.30}, {e2eMeasured, follow, 0.40}} {
		e, n := wer.Score(a.said, a.got.Transcript.Text)
		t.Logf("answer %d: WER %.2f (%d/%d): %q", a.got.N, wer.Rate(e, n), e, n, a.got.Transcript.Text)
		if wer.Rate(e, n) > a.bar {
			t.Errorf("answer %d transcript WER %.2f over %.2f", a.got.N, wer.Rate(e, n), a.bar)
		}
	}

	// What the interviewer said reached the speaker: transcribe it back.
	rec, err := pocketsphinx.New(pocketsphinx.Config{})
	if err != nil {
		t.Fatal(err)
	}
	defer rec.Close()
	heard, err := rec.Transcribe(ctx, said)
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("speaker: %q", heard.Text)
	if w := werWithin(main.Question, heard.Text); w > 0.35 {
		t.Errorf("the speaker did not say the question %q (WER %.2f)", main.Question, w)
	}
	// Short lines in a synthetic voice come back with more errors, so the
	// follow-up must be the best match among every follow-up the
	// interviewer could have asked, as well as close in absolute terms.
	bank, err := prompts.Load()
	if err != nil {
		t.Fatal(err)
	}
	lp, _ := bank.LP("ownership")
	others := append([]string(nil), lp.FollowUps...)
	for _, r := range prompts.Reasons() {
		others = append(others, bank.Generic(r)...)
	}
	heardBest(t, heard.Text, follow.Question, others, 0.5)
}

// heardBest checks that the line asked is what the speaker said: within
// bar of its words (WER over the best-matching stretch of heard), and a
// better match than any of others, the lines that could have been said
// instead. Lines of different lengths are compared by how much of the
// recording each explains, the words it matches less the errors it makes
// (matches - errors = words - 2*errors), not by their error rates: a
// short line that shares its opening with the one asked ("How did you
// measure the result?" against "How did you measure that? Can you put a
// number on it?") has the same rate as the long one once a few of the
// long one's later words are misheard, although it explains half as much
// of what was heard.
func heardBest(t *testing.T, heard, asked string, others []string, bar float64) {
	t.Helper()
	e, n := errorsWithin(asked, heard)
	w := werWithin(asked, heard)
	t.Logf("%q: WER %.2f", asked, w)
	if w > bar {
		t.Errorf("the speaker did not say %q (WER %.2f): %q", asked, w, heard)
	}
	for _, o := range others {
		if o == asked {
			continue
		}
		if eo, no := errorsWithin(o, heard); no-2*eo >= n-2*e {
			t.Errorf("%q (not asked) explains the speaker as well as %q: %d words, %d errors against %d and %d", o, asked, no, eo, n, e)
		}
	}
}

// TestHeardBestScore checks heardBest's comparison on the speaker line of
// a CI run that the comparison by error rates could not settle (both
// 0.33): the line asked matches 8 of its 12 words ("a number on it"
// heard as "in an ironic": three substitutions and a deletion), the other
// 4 of its 6 ("the result" against "that can": two substitutions).
func TestHeardBestScore(t *testing.T) {
	heard := "give me an example of the mistakes you made that affected other people what happened next how did you measure that can you put in an ironic that is on my questions thank you for your time"
	asked, other := "How did you measure that? Can you put a number on it?", "How did you measure the result?"
	for _, c := range []struct {
		line        string
		errs, words int
	}{{asked, 4, 12}, {other, 2, 6}} {
		if e, n := errorsWithin(c.line, heard); e != c.errs || n != c.words {
			t.Errorf("errorsWithin(%q) = %d errors of %d words, want %d of %d", c.line, e, n, c.errs, c.words)
		}
	}
	heardBest(t, heard, asked, []string{other}, 0.5)
}

// checkPrivate fails unless every folder under dir is 0700 and every file 0600.
func checkPrivate(t *testing.T, dir string) {
	t.Helper()
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range entries {
		info, err := e.Info()
		if err != nil {
			t.Fatal(err)
		}
		path := dir + "/" + e.Name()
		want := os.FileMode(0o600)
		if e.IsDir() {
			want = 0o700
			checkPrivate(t, path)
		}
		if got := info.Mode().Perm(); got != want {
			t.Errorf("%s: mode %v, want %v", path, got, want)
		}
	}
}

// checkSessionScreen checks what a spoken session of two answers showed:
// each answer's words before its summary lines, no machine words
// ("pending", the reply's latency) and one end: the summary, whose counts
// are those of the answers saved and of played (the text played into the
// microphone), and the commands to run next.
func checkSessionScreen(t *testing.T, out, sessions string, answers []session.Answer, played string) {
	t.Helper()
	for _, bad := range []string{"pending", "ms after the end of answer", "session over"} {
		if strings.Contains(out, bad) {
			t.Errorf("the screen shows %q:\n%s", bad, out)
		}
	}
	// The transcript is shown before the STAR line: the first word heard
	// of each answer appears between its heading and that line.
	for _, a := range answers {
		head := fmt.Sprintf("Answer %d (", a.N)
		i := strings.Index(out, head)
		j := strings.Index(out[max(i, 0):], "  STAR ")
		first := strings.Fields(a.Transcript.Text)
		if i < 0 || j < 0 || len(first) == 0 || !strings.Contains(out[i:i+j], first[0]+" ") {
			t.Errorf("answer %d: its words are not shown before its STAR line:\n%s", a.N, out)
		}
	}
	words := 0
	for _, a := range answers {
		words += len(strings.Fields(a.Transcript.Text))
	}
	want := fmt.Sprintf("Session over: 2 answers (1 main question, 1 follow-up), %d words.", words)
	if strings.Count(out, "Session over") != 1 || !strings.Contains(out, want) {
		t.Errorf("want one end, %q:\n%s", want, out)
	}
	// What was heard is what was played, give or take recognition errors.
	if p := len(strings.Fields(played)); words < p*7/10 || words > p*13/10 {
		t.Errorf("%d words heard, %d played", words, p)
	}
	if !strings.Contains(out, "Next: starloop review --sessions "+sessions+" ") || !strings.Contains(out, "starloop report --sessions "+sessions+" ") {
		t.Errorf("the next commands are not shown:\n%s", out)
	}
}

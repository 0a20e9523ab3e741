package day

import (
	"bytes"
	"context"
	"encoding/json"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/starloop/starloop"
	"github.com/starloop/starloop/interviewer"
	"github.com/starloop/starloop/judge"
	"github.com/starloop/starloop/prompts"
	"github.com/starloop/starloop/rubric"
	"github.com/starloop/starloop/stories"
)

// Three answers written for this test: one story, the same story retold
// in other words, and another story in the same domain.
const (
	storyOnce = "At my last company the billing system ran in an old data center and nobody wanted to touch it. " +
		"I was asked to move it to the cloud without losing a single invoice. I ran the old and the new systems " +
		"side by side for six weeks and I fixed fourteen rounding bugs in the tax code. We moved on a Sunday with " +
		"no downtime and hosting costs fell by forty percent."
	storyAgain = "in my previous job our billing service sat in an old data center and everyone was afraid of it i took on " +
		"moving it to the cloud i ran both systems side by side for six weeks comparing every invoice and found fourteen " +
		"rounding bugs in the tax code we switched over on a sunday with zero downtime and cut hosting costs by forty percent"
	storyOther = "Last year I led the move of our search cluster from our own data center to the cloud. Queries were slow at " +
		"peak and the hardware was end of life. I benchmarked three managed services and moved the indexes one region " +
		"at a time behind a switch I could roll back. Median latency fell from eight hundred to one hundred twenty milliseconds."
)

// recordingView is a View that keeps what it was shown.
type recordingView struct {
	verdicts []int
	spoken   []string
}

func (v *recordingView) Status(interviewer.Status)      {}
func (v *recordingView) Spoken(text string)             { v.spoken = append(v.spoken, text) }
func (v *recordingView) TurnLatency(int, time.Duration) {}
func (v *recordingView) Verdict(n int, _ interviewer.Question, vd interviewer.Verdict) {
	v.verdicts = append(v.verdicts, n)
}

// TestLoopRounds drives the loop's judge and view as two rounds of a
// Runner would, with the rubric behind them: a scripted candidate tells a
// story to Priya, retells it to Marcus (the bar raiser) under another LP,
// then tells a different story in the same domain. Only the retelling draws
// the warning, numbers run on across rounds, the earlier telling is
// labelled with the story, and the bar raiser asks its own probe.
func TestLoopRounds(t *testing.T) {
	bank, err := prompts.Load()
	if err != nil {
		t.Fatal(err)
	}
	base := judge.Rubric(rubric.New(), bank)
	rounds := []Round{
		{N: 1, Interviewer: "Priya", LPs: []string{"ownership", "earn-trust"}},
		{N: 2, Interviewer: "Marcus", LPs: []string{"dive-deep", "frugality"}, BarRaiser: true},
	}
	script := []struct {
		round int
		lp    string
		text  string
		warn  bool
	}{
		{0, "ownership", storyOnce, false},
		{1, "dive-deep", storyAgain, true},
		{1, "frugality", storyOther, false},
	}
	var out bytes.Buffer
	offs := []int{0, 1}
	h := &holder{Setup: Setup{Bank: bank, Out: &out}, lpName: bank.Name, tracker: NewTracker(background(bank), nil, bank.Name)}
	inner := &recordingView{}
	n := map[int]int{}
	for i, s := range script {
		r := rounds[s.round]
		room := 1
		if r.BarRaiser {
			room = 2
		}
		j := roundJudge{base: base, round: r, room: room}
		q := interviewer.Question{LP: s.lp, Text: "question " + s.lp}
		tr := starloop.Transcript{Text: s.text}
		// A judge may be called twice for one answer (the person went on
		// speaking); only the view's Verdict keeps it.
		if _, err := j.Judge(context.Background(), interviewer.Answer{Question: q, Transcript: tr}); err != nil {
			t.Fatal(err)
		}
		v, err := j.Judge(context.Background(), interviewer.Answer{Question: q, Transcript: tr})
		if err != nil {
			t.Fatal(err)
		}
		if r.BarRaiser {
			// Room for two: the rubric's follow-up or the bar raiser's
			// first, then the last slot is always the bar raiser's.
			first := v.FollowUp.Question
			if first == "" {
				t.Errorf("answer %d: the bar raiser asks nothing", i+1)
			}
			v2, err := j.Judge(context.Background(), interviewer.Answer{Question: q, Transcript: tr, Asked: []string{first}})
			if err != nil {
				t.Fatal(err)
			}
			want := ProbeDifferently
			if first == ProbeDifferently {
				want = ProbeAnother
			}
			if v2.FollowUp.Question != want || v2.FollowUp.Reason != ReasonBarRaiser {
				t.Errorf("answer %d: the bar raiser's last follow-up is %+v, want %q", i+1, v2.FollowUp, want)
			}
		}
		if _, err := json.Marshal(v.Report); err != nil {
			t.Fatalf("the verdict's report does not save: %v", err)
		}
		n[s.round]++
		before := out.Len()
		v.Heard = tr.Text // as the Machine does
		view := &roundView{View: inner, h: h, round: r, off: offs[s.round]}
		view.Verdict(n[s.round], q, v)
		printed := out.String()[before:]
		if got := strings.Contains(printed, "Warning: this is the"); got != s.warn {
			t.Errorf("answer %d: warning printed %v, want %v:\n%s", i+1, got, s.warn, printed)
		}
		if s.warn && !strings.Contains(printed, "story you told for Ownership") {
			t.Errorf("answer %d: the warning does not name the LP it was told for:\n%s", i+1, printed)
		}
	}
	if want := []int{1, 2, 3}; len(inner.verdicts) != 3 || inner.verdicts[0] != 1 || inner.verdicts[1] != 2 || inner.verdicts[2] != 3 {
		t.Errorf("answers shown as %v, want %v: numbered across rounds", inner.verdicts, want)
	}
	if a := h.answers; len(a) != 3 || a[0].Story == "" || a[0].Story != a[1].Story || a[1].Reuse == "" || a[2].Reuse != "" {
		t.Errorf("answers recorded %+v: want the first two labelled with one story, the second flagged", a)
	}
}

// TestGuesser pairs typed guesses with the questions awaiting them, in
// order, whichever comes first.
func TestGuesser(t *testing.T) {
	bank, err := prompts.Load()
	if err != nil {
		t.Fatal(err)
	}
	var out bytes.Buffer
	g := NewGuesser(context.Background(), nil, strings.NewReader(""), &out, bank)
	g.add("ownership") // typed early
	g.expect(&out, 1, interviewer.Question{LP: "ownership", Text: "Tell me about a time you took on something outside your area."})
	g.expect(&out, 2, interviewer.Question{LP: "frugality", Text: "Tell me about a time you did more with less."})
	g.add("   ") // ignored
	g.add("bias for action")
	g.expect(&out, 3, interviewer.Question{LP: "dive-deep", Text: "Tell me about a problem you solved by digging into data."})
	g.add("no idea at all")
	tests := []struct {
		n     int
		lp    string
		score float64
	}{
		{1, "Ownership", 1},
		{3, "", 0},
	}
	for _, tt := range tests {
		r, ok := g.result(tt.n)
		if !ok || r.LP != tt.lp || r.Score != tt.score {
			t.Errorf("guess %d: %+v (%v), want LP %q score %v", tt.n, r, ok, tt.lp, tt.score)
		}
	}
	if r, ok := g.result(2); !ok || r.LP != "Bias for Action" || r.Score == 1 {
		t.Errorf("guess 2: %+v (%v), want Bias for Action, not full marks", r, ok)
	}
	if strings.Count(out.String(), "Which LP does this question probe?") != 3 {
		t.Errorf("prompts:\n%s", out.String())
	}
}

// TestIntroRound: the introduction is judged without an LP, draws no
// follow-up and no reuse check, and is kept for the debrief's note on its
// length.
func TestIntroRound(t *testing.T) {
	bank, err := prompts.Load()
	if err != nil {
		t.Fatal(err)
	}
	r := Round{N: 0, Interviewer: "Priya", Intro: true}
	j := roundJudge{base: judge.Rubric(rubric.New(), bank), round: r}
	q := interviewer.Question{Text: IntroQuestion}
	tr := starloop.Transcript{Text: "I am a backend engineer. I have spent eight years in payments and I led our move to the cloud."}
	v, err := j.Judge(context.Background(), interviewer.Answer{Question: q, Transcript: tr})
	if err != nil {
		t.Fatal(err)
	}
	if v.FollowUp != (interviewer.FollowUp{}) {
		t.Errorf("the introduction drew a follow-up: %+v", v.FollowUp)
	}
	var out bytes.Buffer
	h := &holder{Setup: Setup{Bank: bank, Out: &out}, lpName: bank.Name, tracker: NewTracker(nil, nil, nil)}
	v.Heard = tr.Text
	view := &roundView{View: &recordingView{}, h: h, round: r}
	view.Verdict(1, q, v)
	if a := h.answers; len(a) != 1 || a[0].Round != 0 || a[0].Words != 20 || len(h.mains) != 0 {
		t.Errorf("answers %+v, mains %v: want the introduction (20 words, counted by hand) kept, not told as a story", a, h.mains)
	}
}

// TestBarRaiserFollowUps: --follow-ups N is the most follow-ups per main
// question for every interviewer, the bar raiser too; with N = 1 the bar
// raiser's one follow-up is its own probe.
func TestBarRaiserFollowUps(t *testing.T) {
	bank, err := prompts.Load()
	if err != nil {
		t.Fatal(err)
	}
	br := Round{N: 2, Interviewer: "Marcus", LPs: []string{"dive-deep", "frugality"}, BarRaiser: true}
	plan := func(ids []string, n int, seed uint64) ([]interviewer.Question, error) {
		return []interviewer.Question{{LP: ids[0], Text: "Tell me about a time you dug into data."}}, nil
	}
	for _, n := range []int{0, 1, 2} {
		h := &holder{Setup: Setup{Bank: bank, Questions: 1, FollowUps: n, Plan: plan}}
		if _, room, err := h.plan(br, 1); err != nil || room != n {
			t.Errorf("--follow-ups %d: the bar raiser has room for %d (%v), want %d", n, room, err, n)
		}
	}
	j := roundJudge{base: judge.Rubric(rubric.New(), bank), round: br, room: 1}
	v, err := j.Judge(context.Background(), interviewer.Answer{Question: interviewer.Question{LP: "dive-deep", Text: "q"}, Transcript: starloop.Transcript{Text: storyOther}})
	if err != nil {
		t.Fatal(err)
	}
	if v.FollowUp.Question != ProbeDifferently || v.FollowUp.Reason != ReasonBarRaiser {
		t.Errorf("the bar raiser's one follow-up is %+v, want its own probe %q", v.FollowUp, ProbeDifferently)
	}
}
func (v *recordingView) Note(string) {}

// TestGuessTyped: on a terminal, while a guess is awaited, what is typed
// is echoed and the status line is not drawn over it; Enter confirms the
// guess as understood, then the answer goes on with its status line.
func TestGuessTyped(t *testing.T) {
	bank, err := prompts.Load()
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	raw := make(chan byte)
	var out syncBuf
	g := NewGuesser(ctx, raw, nil, &out, bank)
	h := &holder{Setup: Setup{Bank: bank, Out: &out, Guesses: g}, lpName: bank.Name}
	text := interviewer.NewTextView(&out, true, 80)
	view := &roundView{View: text, h: h, round: Round{N: 1, Interviewer: "Priya", LPs: []string{"earn-trust", "ownership"}}}
	q := interviewer.Question{LP: "earn-trust", Text: "Tell me about a time you had to earn the trust of a sceptical colleague."}
	st := interviewer.Status{State: interviewer.Listening, Question: q, Main: 1, Of: 1, Answer: 1, Level: -90}
	view.Status(st)
	for _, b := range []byte("earn trust") {
		raw <- b
		st.Elapsed += 200 * time.Millisecond
		view.Status(st) // the answer's clock runs while the guess is typed
	}
	deadline := time.Now().Add(5 * time.Second)
	for !strings.HasSuffix(out.String(), "Guess: earn trust") && time.Now().Before(deadline) {
		time.Sleep(10 * time.Millisecond)
	}
	if got := out.String(); !strings.HasSuffix(got, "Guess: earn trust") {
		t.Errorf("the guess is not echoed where it is typed:\n%q", got)
	}
	raw <- '\r'
	for !strings.Contains(out.String(), "Your guess: Earn Trust. Now your answer.\n") && time.Now().Before(deadline) {
		time.Sleep(10 * time.Millisecond)
	}
	if !strings.Contains(out.String(), "Guess: earn trust\nYour guess: Earn Trust. Now your answer.\n") {
		t.Fatalf("no confirmation of the guess:\n%q", out.String())
	}
	before := out.Len()
	st.Elapsed += time.Second
	view.Status(st)
	if !strings.Contains(out.String()[before:], "listening") {
		t.Errorf("the status line does not come back after the guess:\n%q", out.String()[before:])
	}
}

// syncBuf is a bytes.Buffer safe for the Guesser's goroutine and the test.
type syncBuf struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuf) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuf) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

func (s *syncBuf) Len() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Len()
}

// TestStoryView: in practice with a story bank, the answer that tells the
// bank's billing story is named after it; the same story told again, in
// other words, under another LP, draws the loop's warning; a story off the
// bank is named as none of them.
func TestStoryView(t *testing.T) {
	bank, err := prompts.Load()
	if err != nil {
		t.Fatal(err)
	}
	billing := stories.Story{ID: "billing-migration", Title: "Billing migration", LPs: []string{"ownership"},
		Situation: []string{"Billing ran in an old data center and nobody wanted to touch it."},
		Task:      []string{"I was asked to move it to the cloud without losing an invoice."},
		Action:    []string{"Ran the old and new systems side by side for six weeks.", "Fixed fourteen rounding bugs in the tax code."},
		Result:    []string{"Moved on a Sunday with no downtime; hosting costs fell by forty percent."}}
	var out bytes.Buffer
	view := NewStoryView(&recordingView{}, &out, bank, []stories.Story{billing})
	for i, a := range []struct {
		lp, text, story string
		warn            bool
	}{
		{"ownership", storyOnce, "Billing migration", false},
		{"dive-deep", storyAgain, "Billing migration", true},
		{"frugality", storyOther, "none of your bank's stories", false},
	} {
		before := out.Len()
		view.Verdict(i+1, interviewer.Question{LP: a.lp, Text: "question"}, interviewer.Verdict{Words: len(strings.Fields(a.text)), Heard: a.text})
		printed := out.String()[before:]
		if !strings.Contains(printed, "  Story     "+a.story+"\n") {
			t.Errorf("answer %d: want the story %q named:\n%s", i+1, a.story, printed)
		}
		if got := strings.Contains(printed, "Warning: this is the Billing migration story you told for Ownership"); got != a.warn {
			t.Errorf("answer %d: warning %v, want %v:\n%s", i+1, got, a.warn, printed)
		}
	}
	// A follow-up is part of its story: nothing is said of it.
	before := out.Len()
	view.Verdict(4, interviewer.Question{LP: "frugality", Text: "How did you measure it?", FollowUp: true}, interviewer.Verdict{Words: 5, Heard: "costs fell by forty percent"})
	if out.Len() != before {
		t.Errorf("a follow-up was named as a story: %q", out.String()[before:])
	}
}

// TestHeader: the day's first line says its size in plain English, one
// or many, as a person would write it.
func TestHeader(t *testing.T) {
	keys := " Enter = done, r = repeat, s = skip, q = save and quit.\n"
	for _, c := range []struct {
		interviewers, questions int
		want                    string
	}{
		{1, 1, "Loop day: 1 interviewer, 1 main question each."},
		{5, 1, "Loop day: 5 interviewers, 1 main question each."},
		{1, 2, "Loop day: 1 interviewer, 2 main questions each."},
		{5, 3, "Loop day: 5 interviewers, 3 main questions each."},
	} {
		if got := header(c.interviewers, c.questions); got != c.want+keys {
			t.Errorf("header(%d, %d) = %q, want %q", c.interviewers, c.questions, got, c.want+keys)
		}
	}
}

package rubric

import (
	"math"
	"strings"
	"testing"
	"time"

	"github.com/starloop/starloop"
)

// want is a hand label of an answer: what a careful interviewer would say.
type want struct {
	answer, s, t, a, r, measurable, mostlyWe bool
	topLP                                    []string // the first LP must be one of these
}

var handLabelled = []struct {
	name string
	text string
	want want
}{
	{
		name: "full STAR, written",
		text: "At my last job our deploys kept failing and releases slipped by weeks. I was responsible for the release pipeline. " +
			"So I dug into the logs, found that flaky integration tests caused most failures, and rewrote them with proper fakes. " +
			"As a result, failed deploys dropped from 30 percent to 5 percent.",
		want: want{answer: true, s: true, t: true, a: true, r: true, measurable: true, topLP: []string{"dive-deep"}},
	},
	{
		name: "full STAR, recogniser text",
		text: "so at my previous company we had this really old billing system and it kept crashing at month end " +
			"my manager asked me to look into it i dug into the logs and found a memory leak in the report generator " +
			"i rewrote that module and added monitoring and after that we had zero crashes for six months",
		want: want{answer: true, s: true, t: true, a: true, r: true, measurable: true, topLP: []string{"dive-deep", "ownership"}},
	},
	{
		name: "no result",
		text: "Last year our support queue was growing every week and customers were waiting days for replies. " +
			"I was asked to bring the backlog down. I sorted the tickets by type, wrote macros for the ten most common questions, " +
			"and trained two new agents on them.",
		want: want{answer: true, s: true, t: true, a: true, r: false, measurable: false, topLP: []string{"customer-obsession", "hire-and-develop-the-best", "invent-and-simplify"}},
	},
	{
		name: "result without a measure",
		text: "When I joined the team, nobody owned the flaky end-to-end suite. I decided to take it on myself. " +
			"I tracked every failure for two weeks, fixed the worst tests and deleted the ones that tested nothing. " +
			"In the end the suite became reliable and the team trusted it again.",
		want: want{answer: true, s: true, t: true, a: true, r: true, measurable: false, topLP: []string{"ownership"}},
	},
	{
		name: "mostly we",
		text: "We were launching a new mobile app and the deadline was tight. We split the work, we held daily standups " +
			"and we tested everything together. We launched on time and our ratings went up to 4.8 stars.",
		want: want{answer: true, s: true, t: false, a: true, r: true, measurable: true, mostlyWe: true, topLP: []string{"deliver-results"}},
	},
	{
		name: "hypothetical",
		text: "I always try to put the customer first. I think it's really important to listen to what they need, " +
			"and I would make sure to follow up with them. In general I like to be proactive about problems.",
		want: want{answer: false},
	},
	{
		name: "refusal",
		text: "Honestly I don't have an example of that. I haven't really been in that situation before, sorry.",
		want: want{answer: false},
	},
	{
		name: "too short",
		text: "I fixed the bug.",
		want: want{answer: false},
	},
	{
		name: "disagree and commit, recogniser text",
		text: "in twenty twenty one my director wanted to move our whole platform to a new database in one quarter " +
			"i disagreed because we had no migration plan so i wrote a one page memo with the risks and pushed back in the planning meeting " +
			"he still decided to go ahead so i committed to the decision and led the migration myself " +
			"we finished two weeks late but with no data loss and i learned to raise concerns earlier",
		want: want{answer: true, s: true, t: false, a: true, r: true, measurable: true, topLP: []string{"have-backbone"}},
	},
	{
		name: "frugality with money",
		text: "Our team had no budget for a new monitoring vendor. My goal was to get alerting for our payment service anyway. " +
			"I set up open source Prometheus on two spare machines and wrote the alert rules myself. " +
			"That saved about $40k a year in licence fees and we caught three outages before customers noticed.",
		want: want{answer: true, s: true, t: true, a: true, r: true, measurable: true, topLP: []string{"frugality"}},
	},
}

func TestAnalyzeHandLabelled(t *testing.T) {
	a := New()
	for _, tt := range handLabelled {
		t.Run(tt.name, func(t *testing.T) {
			r := a.Analyze(starloop.Transcript{Text: tt.text}, Options{})
			w := tt.want
			check := func(what string, got, want bool) {
				t.Helper()
				if got != want {
					t.Errorf("%s = %v, want %v\n%s", what, got, want, describe(r))
				}
			}
			check("answer", r.Answer, w.answer)
			if !w.answer {
				return
			}
			check("situation", r.STAR.Situation.Present, w.s)
			check("task", r.STAR.Task.Present, w.t)
			check("action", r.STAR.Action.Present, w.a)
			check("result", r.STAR.Result.Present, w.r)
			check("measurable_result", r.MeasurableResult, w.measurable)
			check("mostly_we", r.Ownership.MostlyWe, w.mostlyWe)
			if len(r.LP) == 0 || !contains(w.topLP, r.LP[0].ID) {
				t.Errorf("top LP = %v, want one of %v", r.LP, w.topLP)
			}
		})
	}
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

func TestAnalyzeCounts(t *testing.T) {
	// Hand counts: 15 words; I: "I", "my", "I'm" = 3; we: "we", "our" = 2.
	text := "I think my team and I'm sure we all did our best, um, you know."
	r := Analyze(starloop.Transcript{Text: text}, Options{})
	if r.Words != 15 {
		t.Errorf("words = %d, want 15", r.Words)
	}
	if r.Ownership.I != 3 || r.Ownership.We != 2 {
		t.Errorf("ownership = %+v, want I 3, we 2", r.Ownership)
	}
	if r.Fillers.Count != 2 {
		t.Errorf("fillers = %+v, want 2 (um, you know)", r.Fillers)
	}
}

func TestAnalyzeTimed(t *testing.T) {
	// Eleven words, each 0.5 s long with a 0.5 s gap: word i spans
	// [i s, i s + 0.5 s]. The answer lasts 10.5 s = 0.175 min.
	text := "at my last job the build broke i fixed the cache"
	var ws []starloop.Word
	for i, w := range strings.Fields(text) {
		start := time.Duration(i) * time.Second
		ws = append(ws, starloop.Word{Text: w, Start: start, End: start + 500*time.Millisecond})
	}
	r := Analyze(starloop.Transcript{Text: text, Words: ws}, Options{})
	if r.Words != 11 {
		t.Fatalf("words = %d, want 11", r.Words)
	}
	if r.Minutes != 0.18 {
		t.Errorf("minutes = %v, want 0.18 (10.5 s)", r.Minutes)
	}
	sum := r.STAR.Situation.Share + r.STAR.Task.Share + r.STAR.Action.Share + r.STAR.Result.Share
	if sum > 1.0001 {
		t.Errorf("shares sum to %v", sum)
	}
	for _, p := range []Part{r.STAR.Situation, r.STAR.Action} {
		for _, sp := range p.Spans {
			if sp.StartTime == nil || sp.EndTime == nil {
				t.Fatalf("span %+v has no times", sp)
			}
			// Each word's time is its start index in seconds.
			if *sp.StartTime != float64(sp.Start) || *sp.EndTime != float64(sp.End-1)+0.5 {
				t.Errorf("span %d..%d times %v..%v, want %v..%v", sp.Start, sp.End, *sp.StartTime, *sp.EndTime, sp.Start, float64(sp.End-1)+0.5)
			}
		}
	}
}

func TestAnalyzeBadInput(t *testing.T) {
	big := strings.Repeat("we did the thing and it went well ", 1<<18) // ~9 MB
	tests := map[string]string{
		"empty":      "",
		"whitespace": " \n\t  ",
		"binary":     "\x00\x01\xff\xfe\x7f\x80garbage\x00",
		"ten MB":     big,
	}
	for name, text := range tests {
		t.Run(name, func(t *testing.T) {
			r := Analyze(starloop.Transcript{Text: text}, Options{})
			if name == "ten MB" {
				if !r.Truncated || r.Words != 8*(1<<18) {
					t.Errorf("truncated = %v, words = %d, want true, %d", r.Truncated, r.Words, 8*(1<<18))
				}
				return
			}
			if r.Answer {
				t.Errorf("answer = true for %s input", name)
			}
			if r.FollowUp.Reason != ReasonNoAnswer {
				t.Errorf("follow-up reason = %q, want no_answer", r.FollowUp.Reason)
			}
		})
	}
}

func TestShareSumsToLabelledWords(t *testing.T) {
	r := Analyze(starloop.Transcript{Text: handLabelled[0].text}, Options{})
	sum := 0.0
	labelled := 0
	for _, p := range []Part{r.STAR.Situation, r.STAR.Task, r.STAR.Action, r.STAR.Result} {
		sum += p.Share
		for _, sp := range p.Spans {
			labelled += sp.End - sp.Start
		}
	}
	if want := float64(labelled) / float64(r.Words); math.Abs(sum-want) > 0.001 {
		t.Errorf("shares sum to %v, want %v (%d of %d words labelled)", sum, want, labelled, r.Words)
	}
}

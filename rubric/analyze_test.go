package rubric

import (
	"fmt"
	"math"
	"strings"
	"testing"
	"time"

	"github.com/starloop/starloop"
)

// want is a hand label of an answer by the definitions in
// testdata/corpus/README.md: what a careful interviewer would say.
type want struct {
	answer, specific, s, t, a, r, measurable, mostlyWe bool
	topLP                                              []string // one of these must be among the first three LPs
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
		want: want{answer: true, specific: true, s: true, t: true, a: true, r: true, measurable: true, topLP: []string{"dive-deep"}},
	},
	{
		name: "full STAR, recogniser text",
		text: "so at my previous company we had this really old billing system and it kept crashing at month end " +
			"my manager asked me to look into it i dug into the logs and found a memory leak in the report generator " +
			"i rewrote that module and added monitoring and after that we had zero crashes for six months",
		want: want{answer: true, specific: true, s: true, t: true, a: true, r: true, measurable: true, topLP: []string{"dive-deep", "ownership"}},
	},
	{
		name: "no result",
		text: "Last year our support queue was growing every week and customers were waiting days for replies. " +
			"I was asked to bring the backlog down. I sorted the tickets by type, wrote macros for the ten most common questions, " +
			"and trained two new agents on them.",
		want: want{answer: true, specific: true, s: true, t: true, a: true, r: false, measurable: false, topLP: []string{"customer-obsession", "hire-and-develop-the-best", "invent-and-simplify"}},
	},
	{
		name: "result without a measure",
		text: "When I joined the team, nobody owned the flaky end-to-end suite. I decided to take it on myself. " +
			"I tracked every failure for two weeks, fixed the worst tests and deleted the ones that tested nothing. " +
			"In the end the suite became reliable and the team trusted it again.",
		want: want{answer: true, specific: true, s: true, t: true, a: true, r: true, measurable: false, topLP: []string{"ownership"}},
	},
	{
		name: "mostly we",
		text: "We were launching a new mobile app and the deadline was tight. We split the work, we held daily standups " +
			"and we tested everything together. We launched on time and our ratings went up to 4.8 stars.",
		want: want{answer: true, specific: true, s: true, t: false, a: true, r: true, measurable: true, mostlyWe: true, topLP: []string{"deliver-results"}},
	},
	{
		name: "habit, no story",
		text: "I always try to put the customer first. I think it's really important to listen to what they need, " +
			"and I would make sure to follow up with them. In general I like to be proactive about problems.",
		want: want{answer: true, specific: false},
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
		want: want{answer: true, specific: true, s: true, t: false, a: true, r: true, measurable: true, topLP: []string{"have-backbone"}},
	},
	// The next five are in the shape of answers by other people on which
	// the first, rule-based rubric failed.
	{
		name: "two sentences, numbers everywhere",
		text: "Our billing job had a 20% failure rate due to lock timeouts. I implemented batching and reduced the run time " +
			"from 5 hours to 40 minutes, decreasing failures to 1%.",
		want: want{answer: true, specific: true, s: true, a: true, r: true, measurable: true},
	},
	{
		name: "two sentences, memory",
		text: "Our mobile app had a 30% crash rate on older phones due to memory use. I implemented image streaming and " +
			"reduced memory from 400 MB to 90 MB, bringing crashes down to 2%.",
		want: want{answer: true, specific: true, s: true, a: true, r: true, measurable: true},
	},
	{
		name: "latency, written",
		text: "Our search service was timing out for 3 to 4 seconds at lunchtime. I traced the slowest handlers, " +
			"removed duplicate database calls and added a cache. Latency fell to 120 ms.",
		want: want{answer: true, specific: true, s: true, a: true, r: true, measurable: true, topLP: []string{"dive-deep", "customer-obsession", "insist-on-the-highest-standards"}},
	},
	{
		name: "latency, recogniser text",
		text: "our search service was timing out for three to four seconds at lunchtime i traced the slowest handlers " +
			"removed duplicate database calls and added a cache latency fell to one hundred twenty ms",
		want: want{answer: true, specific: true, s: true, a: true, r: true, measurable: true},
	},
	{
		name: "a count that is not an outcome",
		text: "We had two engineers and a tight deadline for the import job. I rewrote the import job myself over a weekend, " +
			"and the customers were happy with it.",
		want: want{answer: true, specific: true, s: true, a: true, r: true, measurable: false},
	},
	{
		name: "frugality with money",
		text: "Our team had no budget for a new monitoring vendor. My goal was to get alerting for our payment service anyway. " +
			"I set up open source Prometheus on two spare machines and wrote the alert rules myself. " +
			"That saved about $40k a year in licence fees and we caught three outages before customers noticed.",
		want: want{answer: true, specific: true, s: true, t: true, a: true, r: true, measurable: true, topLP: []string{"frugality"}},
	},
}

// TestAnalyzeHandLabelled scores the judge on the hand-labelled answers
// above, label by label: like any model it makes mistakes, so the test asks
// for most labels right and lists every miss, rather than all of them.
func TestAnalyzeHandLabelled(t *testing.T) {
	const bar = 0.85
	a := New()
	right, all := 0, 0
	for _, tt := range handLabelled {
		r := a.Analyze(starloop.Transcript{Text: tt.text}, Options{})
		w := tt.want
		check := func(what string, got, want bool) {
			all++
			if got == want {
				right++
				return
			}
			t.Logf("%s: %s = %v, want %v\n%s", tt.name, what, got, want, describe(r))
		}
		check("answer", r.Answer, w.answer)
		if !w.answer {
			continue
		}
		check("specific", r.Specific, w.specific)
		if !w.specific {
			continue
		}
		check("situation", r.STAR.Situation.Present, w.s)
		check("task", r.STAR.Task.Present, w.t)
		check("action", r.STAR.Action.Present, w.a)
		check("result", r.STAR.Result.Present, w.r)
		check("measurable_result", r.MeasurableResult, w.measurable)
		check("mostly_we", r.Ownership.MostlyWe, w.mostlyWe)
		if w.topLP != nil {
			check("LP in the top three", anyInTop3(r.LP, w.topLP), true)
		}
	}
	acc := float64(right) / float64(all)
	t.Logf("%d of %d hand labels right (%.3f)", right, all, acc)
	if acc < bar {
		t.Errorf("%d of %d hand labels right (%.3f), under the bar %.2f", right, all, acc, bar)
	}
}

func anyInTop3(lps []LPScore, ids []string) bool {
	for i, lp := range lps {
		for _, id := range ids {
			if i < 3 && lp.ID == id {
				return true
			}
		}
	}
	return false
}

// describe shows the clauses and their labels, for a failure message.
func describe(r *Report) string {
	var b strings.Builder
	for _, c := range r.Clauses {
		fmt.Fprintf(&b, "  %-9s | %s\n", c.Label, c.Text)
	}
	fmt.Fprintf(&b, "  answer %v, specific %v, measurable %v, ownership %+v, follow-up %s", r.Answer, r.Specific, r.MeasurableResult, r.Ownership, r.FollowUp.Reason)
	return b.String()
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

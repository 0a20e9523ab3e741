package day

import (
	"strings"
	"testing"
	"time"

	"github.com/starloop/starloop/internal/golden"
	"github.com/starloop/starloop/judge"
	"github.com/starloop/starloop/rubric"
)

var names = map[string]string{"ownership": "Ownership", "earn-trust": "Earn Trust", "dive-deep": "Dive Deep", "deliver-results": "Deliver Results"}

func lpName(id string) string { return names[id] }

// sampleDay: an introduction, Priya on Ownership and Earn Trust, and Marcus
// (bar raiser, English round) on Dive Deep and Deliver Results.
func sampleDay() Day {
	return Day{Rounds: []Round{
		{N: 0, Interviewer: "Priya", Voice: "slt", Intro: true},
		{N: 1, Interviewer: "Priya", Voice: "slt", LPs: []string{"ownership", "earn-trust"}},
		{N: 2, Interviewer: "Marcus", Voice: "kal16", LPs: []string{"dive-deep", "deliver-results"}, BarRaiser: true, English: true},
	}}
}

// judged is a judgement of a specific story with the parts given (each of
// "STAR"), measures in its result, and i and we; "mostly we" when we > i,
// "complete" when it has all four parts.
func judged(parts string, measures []string, i, we, words int) *judge.Judged {
	r := &rubric.Report{Answer: true, Specific: true, Words: words, MeasurableResult: len(measures) > 0,
		Ownership: rubric.Ownership{I: i, We: we, MostlyWe: we > i}}
	r.STAR.Situation.Present = strings.Contains(parts, "S")
	r.STAR.Task.Present = strings.Contains(parts, "T")
	r.STAR.Action.Present = strings.Contains(parts, "A")
	r.STAR.Result.Present = strings.Contains(parts, "R")
	r.Complete = parts == "STAR"
	for _, m := range measures {
		r.Metrics = append(r.Metrics, rubric.Metric{Text: m, InResult: true})
	}
	return &judge.Judged{Report: r}
}

// then is the judgement of a follow-up: its own report, and story the
// thread's.
func then(own, story *judge.Judged) *judge.Judged {
	return &judge.Judged{Report: own.Report, Story: story.Report}
}

func sampleAnswers() []Answer {
	return []Answer{
		{N: 1, Round: 0, Question: IntroQuestion, Words: 180, Length: 75 * time.Second},
		// Priya, Ownership: no measure at first; the follow-up gives one.
		{N: 2, Round: 1, LP: "ownership", Question: "Tell me about a time you took on something outside your job.",
			Judged: judged("STAR", nil, 9, 2, 210), Words: 210, Story: "Billing migration",
			Guess: &Guess{Said: "ownership", LP: "Ownership", Score: 1}},
		{N: 3, Round: 1, LP: "ownership", Question: "How did you measure it?", FollowUp: true,
			Judged: then(judged("R", []string{"40 percent"}, 2, 0, 40), judged("STAR", []string{"40 percent"}, 11, 2, 250)), Words: 40},
		// Priya, Earn Trust: mostly we, no result.
		{N: 4, Round: 1, LP: "earn-trust", Question: "Tell me about a time you had to win back a colleague's trust.",
			Judged: judged("STA", nil, 2, 8, 150), Words: 150,
			Mismatch: "you answered with a Deliver Results story; the question probed Earn Trust",
			Guess:    &Guess{Said: "customer obsession", LP: "Customer Obsession", Score: 0}},
		// Marcus, Dive Deep: the billing story again.
		{N: 5, Round: 2, LP: "dive-deep", Question: "Tell me about a problem you solved by digging into the data.",
			Judged: judged("STAR", []string{"14 bugs"}, 10, 1, 230), Words: 230, Story: "Billing migration",
			Reuse: "this is the Billing migration story you told for Ownership",
			Guess: &Guess{Said: "the data one", Score: 0}},
		{N: 6, Round: 2, LP: "dive-deep", Question: ProbeDifferently, FollowUp: true,
			Judged: then(judged("A", nil, 2, 0, 50), judged("STAR", []string{"14 bugs"}, 12, 1, 280)), Words: 50},
	}
}

func TestDebriefGolden(t *testing.T) {
	d := Build(sampleDay(), sampleAnswers(), lpName)
	golden.Check(t, "debrief.md.golden", []byte(d.Markdown()))
	js, err := d.JSON()
	if err != nil {
		t.Fatal(err)
	}
	golden.Check(t, "debrief.json.golden", js)
	golden.Check(t, "debrief-spoken.golden", []byte(d.Spoken()+"\n"))
}

// TestLeaning checks the rule on one interviewer at a time; each case was
// decided by reading the rule in Rule.
func TestLeaning(t *testing.T) {
	day := Day{Rounds: []Round{{N: 1, Interviewer: "Priya", LPs: []string{"ownership", "earn-trust"}}}}
	good := Answer{N: 1, Round: 1, LP: "ownership", Judged: judged("STAR", []string{"40%"}, 5, 1, 200), Words: 200}
	with := func(parts string, measures []string, i, we int) []Answer {
		a := good
		a.Judged = judged(parts, measures, i, we, 200)
		return []Answer{a}
	}
	tests := []struct {
		name    string
		answers []Answer
		want    Leaning
		verdict judge.Verdict // the verdict on the first story
		reason  string        // a reason that must be given
	}{
		{"complete, measured, I", []Answer{good}, Inclined, judge.Strong, ""},
		{"no result", with("STA", []string{"40%"}, 5, 1), NotInclined, judge.Weak, "Ownership: no result"},
		{"no situation nor task", with("AR", []string{"40%"}, 5, 1), Inclined, judge.Good, "Ownership: no situation"},
		{"no measure", with("STAR", nil, 5, 1), Inclined, judge.Good, "no measurable result"},
		{"mostly we", with("STAR", []string{"40%"}, 2, 7), Inclined, judge.Good, `mostly "we" (I 2, we 7)`},
		{"I equals we is fine", with("STAR", []string{"40%"}, 4, 4), Inclined, judge.Strong, ""},
		{"retold", func() []Answer {
			a := good
			a.Reuse = "this is the x story you told for Dive Deep"
			return []Answer{a}
		}(), NotInclined, judge.Strong, "you told for Dive Deep"},
		{"silence", []Answer{{N: 1, Round: 1, LP: "ownership"}}, NotInclined, judge.Unknown, "no answer heard"},
		{"nothing asked", nil, NotInclined, "", "no answer heard"},
		{"a follow-up completes the story", append(with("SA", nil, 5, 1),
			Answer{N: 2, Round: 1, LP: "ownership", FollowUp: true, Judged: then(judged("TR", []string{"3 days"}, 1, 0, 40), judged("STAR", []string{"3 days"}, 6, 1, 240)), Words: 40}),
			Inclined, judge.Strong, ""},
		// Issue 9: Enter on the follow-up without speaking.
		{"an empty follow-up keeps the story", append(with("STAR", nil, 5, 1),
			Answer{N: 2, Round: 1, LP: "ownership", FollowUp: true, Judged: then(&judge.Judged{Report: &rubric.Report{}}, judged("STAR", nil, 5, 1, 200))}),
			Inclined, judge.Good, "Ownership: no measurable result"},
		{"an empty follow-up saved unjudged keeps the story", append(with("STAR", nil, 5, 1),
			Answer{N: 2, Round: 1, LP: "ownership", FollowUp: true}),
			Inclined, judge.Good, "Ownership: no measurable result"},
		{"one good and one weak story", append([]Answer{good},
			Answer{N: 2, Round: 1, LP: "earn-trust", Judged: judged("STA", nil, 6, 1, 200), Words: 200}), NotInclined, judge.Strong, "Earn Trust: no result"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d := Build(day, tt.answers, lpName)
			iv := d.Interviewers[0]
			if iv.Leaning != tt.want {
				t.Errorf("leaning %q, want %q (reasons %q)", iv.Leaning, tt.want, iv.Reasons)
			}
			if tt.verdict != "" && (len(iv.Verdicts) == 0 || !strings.HasSuffix(iv.Verdicts[0], ": "+string(tt.verdict))) {
				t.Errorf("verdicts %q, want the first to end in %q", iv.Verdicts, tt.verdict)
			}
			if !strings.Contains(strings.Join(iv.Reasons, "\n"), tt.reason) {
				t.Errorf("reasons %q lack %q", iv.Reasons, tt.reason)
			}
			if strings.Contains(strings.Join(iv.Reasons, "\n"), "no answer heard") != (tt.reason == "no answer heard") {
				t.Errorf("reasons %q: \"no answer heard\" only when nothing was said", iv.Reasons)
			}
		})
	}
}

func TestIntroNote(t *testing.T) {
	tests := []struct {
		length time.Duration
		words  int
		want   string
	}{
		{75 * time.Second, 180, "1:15: within"},
		{45 * time.Second, 100, "0:45: short"},
		{95 * time.Second, 250, "1:35: long"},
		{60 * time.Second, 150, "1:00: within"},
		{0, 0, "no introduction heard"},
	}
	for _, tt := range tests {
		d := Build(Day{Rounds: []Round{{N: 0, Intro: true}}}, []Answer{{N: 1, Round: 0, Words: tt.words, Length: tt.length}}, nil)
		if d.Intro == nil || !strings.HasPrefix(d.Intro.Note, tt.want) {
			t.Errorf("intro of %v: %+v, want a note starting %q", tt.length, d.Intro, tt.want)
		}
	}
}

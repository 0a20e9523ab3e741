package day

import (
	"strings"
	"testing"
	"time"

	"github.com/starloop/starloop/internal/golden"
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

func sampleAnswers() []Answer {
	full := func(a Answer) Answer {
		a.Situation, a.Task, a.Action, a.Result = true, true, true, true
		return a
	}
	return []Answer{
		{N: 1, Round: 0, Question: IntroQuestion, Words: 180, Length: 75 * time.Second},
		// Priya, Ownership: no measure at first; the follow-up gives one.
		full(Answer{N: 2, Round: 1, LP: "ownership", Question: "Tell me about a time you took on something outside your job.", I: 9, We: 2, Words: 210, Story: "Billing migration",
			Guess: &Guess{Said: "ownership", LP: "Ownership", Score: 1}}),
		full(Answer{N: 3, Round: 1, LP: "ownership", Question: "How did you measure it?", FollowUp: true, Measures: []string{"40 percent"}, I: 11, We: 2, Words: 250}),
		// Priya, Earn Trust: mostly we, no result.
		{N: 4, Round: 1, LP: "earn-trust", Question: "Tell me about a time you had to win back a colleague's trust.", Situation: true, Task: true, Action: true, I: 2, We: 8, Words: 150,
			Mismatch: "you answered with a Deliver Results story; the question probed Earn Trust",
			Guess:    &Guess{Said: "customer obsession", LP: "Customer Obsession", Score: 0}},
		// Marcus, Dive Deep: the billing story again.
		full(Answer{N: 5, Round: 2, LP: "dive-deep", Question: "Tell me about a problem you solved by digging into the data.", Measures: []string{"14 bugs"}, I: 10, We: 1, Words: 230, Story: "Billing migration",
			Reuse: "this is the Billing migration story you told for Ownership",
			Guess: &Guess{Said: "the data one", Score: 0}}),
		full(Answer{N: 6, Round: 2, LP: "dive-deep", Question: ProbeDifferently, FollowUp: true, Measures: []string{"14 bugs"}, I: 12, We: 1, Words: 280}),
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
	good := Answer{N: 1, Round: 1, LP: "ownership", Situation: true, Task: true, Action: true, Result: true, Measures: []string{"40%"}, I: 5, We: 1, Words: 200}
	with := func(f func(*Answer)) []Answer {
		a := good
		f(&a)
		return []Answer{a}
	}
	tests := []struct {
		name    string
		answers []Answer
		want    Leaning
		reason  string // a reason that must be given
	}{
		{"complete, measured, I", []Answer{good}, Inclined, "complete STAR"},
		{"no result", with(func(a *Answer) { a.Result = false }), NotInclined, "Ownership: no Result"},
		{"no situation nor task", with(func(a *Answer) { a.Situation, a.Task = false, false }), NotInclined, "no Situation and Task"},
		{"no measure", with(func(a *Answer) { a.Measures = nil }), NotInclined, "no measurable result"},
		{"mostly we", with(func(a *Answer) { a.I, a.We = 2, 7 }), NotInclined, `mostly "we" (I 2, we 7)`},
		{"I equals we is fine", with(func(a *Answer) { a.I, a.We = 4, 4 }), Inclined, "complete STAR"},
		{"retold", with(func(a *Answer) { a.Reuse = "this is the x story you told for Dive Deep" }), NotInclined, "you told for Dive Deep"},
		{"silence", with(func(a *Answer) { *a = Answer{N: 1, Round: 1, LP: "ownership"} }), NotInclined, "no answer heard"},
		{"nothing asked", nil, NotInclined, "no answer heard"},
		{"a follow-up completes the story", append(with(func(a *Answer) { a.Measures = nil }),
			Answer{N: 2, Round: 1, LP: "ownership", FollowUp: true, Situation: true, Task: true, Action: true, Result: true, Measures: []string{"3 days"}, I: 6, We: 1, Words: 240}), Inclined, "3 days"},
		{"one good and one weak story", append([]Answer{good},
			Answer{N: 2, Round: 1, LP: "earn-trust", Situation: true, Task: true, Action: true, I: 6, We: 1, Words: 200}), NotInclined, "Earn Trust: no Result"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d := Build(day, tt.answers, lpName)
			iv := d.Interviewers[0]
			if iv.Leaning != tt.want {
				t.Errorf("leaning %q, want %q (reasons %q)", iv.Leaning, tt.want, iv.Reasons)
			}
			if !strings.Contains(strings.Join(iv.Reasons, "\n"), tt.reason) {
				t.Errorf("reasons %q lack %q", iv.Reasons, tt.reason)
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

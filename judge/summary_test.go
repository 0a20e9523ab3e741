package judge

import (
	"encoding/json"
	"strings"
	"testing"
	"time"

	"github.com/starloop/starloop"
	"github.com/starloop/starloop/rubric"
	"github.com/starloop/starloop/session"
)

// timed is a transcript of text whose words last 0.5 s each.
func timed(text string) starloop.Transcript {
	t := starloop.Transcript{Text: text}
	for i, w := range strings.Fields(text) {
		s := time.Duration(i) * 500 * time.Millisecond
		t.Words = append(t.Words, starloop.Word{Text: w, Start: s, End: s + 500*time.Millisecond})
	}
	return t
}

func saved(t *testing.T, j Judged) json.RawMessage {
	t.Helper()
	b, err := json.Marshal(j)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// TestSummary: a hand-made session of four answers: the introduction (no
// LP: no story), a story missing its result, its follow-up that completes
// it with a measure (the thread judged whole), and a second story told as
// "we" with no measure. Every figure below is counted by hand.
func TestSummary(t *testing.T) {
	part := func(b bool) rubric.Part { return rubric.Part{Present: b} }
	star := func(s, tk, a, r bool) rubric.STAR {
		return rubric.STAR{Situation: part(s), Task: part(tk), Action: part(a), Result: part(r)}
	}
	noResult := &rubric.Report{Answer: true, Specific: true, STAR: star(true, true, true, false), Ownership: rubric.Ownership{I: 4, We: 1}}
	whole := &rubric.Report{Answer: true, Specific: true, Complete: true, MeasurableResult: true, STAR: star(true, true, true, true), Ownership: rubric.Ownership{I: 5, We: 1}}
	followOwn := &rubric.Report{Answer: true, STAR: star(false, false, false, true), Ownership: rubric.Ownership{I: 1}}
	weStory := &rubric.Report{Answer: true, Specific: true, STAR: star(true, false, true, true), Ownership: rubric.Ownership{I: 1, We: 6, MostlyWe: true}}
	intro := &rubric.Report{Answer: true, Ownership: rubric.Ownership{I: 3}}
	answers := []session.Answer{
		{N: 1, Transcript: timed("I am a backend engineer with eight years in payments"), Report: saved(t, Judged{Report: intro})},                                                       // 10 words, 5 s
		{N: 2, LP: "ownership", Transcript: timed("Our billing ran in an old data center so I moved it to the cloud myself over six weeks"), Report: saved(t, Judged{Report: noResult})}, // 19 words, 9.5 s
		{N: 3, LP: "ownership", FollowUp: true, Transcript: timed("Hosting costs fell by forty percent"), Report: saved(t, Judged{Report: followOwn, Story: whole})},                     // 6 words
		{N: 4, LP: "dive-deep", Transcript: timed("We traced the outage and we fixed it"), Report: saved(t, Judged{Report: weStory})},                                                    // 8 words
	}
	got := Summary(answers)
	want := "Session over: 4 answers (3 main questions, 1 follow-up), 43 words.\n" +
		"  STAR      in 2 stories: Situation 2, Task 1, Action 2, Result 2\n" +
		"  Measures  1 of 2 with a measurable result\n" +
		"  Verdict   2 of 2 strong or clear (an interviewer inclined)\n" +
		"  I / we    9 / 7\n" +
		"  Longest   answer 2, 0:10, 19 words\n"
	if got != want {
		t.Errorf("summary:\n%s\nwant:\n%s", got, want)
	}
}

// TestSummaryIntroduction: an introduction saved as one (its check, no
// rubric report) is no story: the summary counts it as an answer and its
// words, but no STAR parts, verdict or I/we of it.
func TestSummaryIntroduction(t *testing.T) {
	story := &rubric.Report{Answer: true, Specific: true, Complete: true, MeasurableResult: true, Ownership: rubric.Ownership{I: 5, We: 1},
		STAR: rubric.STAR{Situation: rubric.Part{Present: true}, Task: rubric.Part{Present: true}, Action: rubric.Part{Present: true}, Result: rubric.Part{Present: true}}}
	introText := "I am a backend engineer and I lead a team of five" // 12 words, 6 s
	answers := []session.Answer{
		{N: 1, Transcript: timed(introText), Report: saved(t, Introduction(CheckIntro(introText, 6*time.Second)))},
		{N: 2, LP: "ownership", Transcript: timed("I moved billing to the cloud and costs fell by forty percent"), Report: saved(t, Judged{Report: story})}, // 12 words, 6 s
	}
	want := "Session over: 2 answers (2 main questions, 0 follow-ups), 24 words.\n" +
		"  STAR      in 1 story: Situation 1, Task 1, Action 1, Result 1\n" +
		"  Measures  1 of 1 with a measurable result\n" +
		"  Verdict   1 of 1 strong or clear (an interviewer inclined)\n" +
		"  I / we    5 / 1\n" +
		"  Longest   answer 1, 0:06, 12 words\n"
	if got := Summary(answers); got != want {
		t.Errorf("summary:\n%s\nwant:\n%s", got, want)
	}
}

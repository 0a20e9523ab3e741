package day

import (
	"bytes"
	"context"
	"strings"
	"testing"
	"time"

	"github.com/starloop/starloop"
	"github.com/starloop/starloop/interviewer"
	"github.com/starloop/starloop/judge"
	"github.com/starloop/starloop/prompts"
	"github.com/starloop/starloop/rubric"
)

// TestIntroShown: the introduction round shows its check, not a STAR
// summary with an empty LP; the debrief's note carries the same gaps.
func TestIntroShown(t *testing.T) {
	bank, err := prompts.Load()
	if err != nil {
		t.Fatal(err)
	}
	r := Round{N: 0, Interviewer: "Jordan", Intro: true}
	j := roundJudge{base: judge.Rubric(rubric.New(), bank), round: r}
	q := interviewer.Question{Text: IntroQuestion}
	text := "I studied physics and then I worked for three years as a developer in a small shop."
	var words []starloop.Word
	for i, w := range strings.Fields(text) {
		words = append(words, starloop.Word{Text: w, Start: time.Duration(i) * time.Second, End: time.Duration(i+1) * time.Second})
	}
	v, err := j.Judge(context.Background(), interviewer.Answer{Question: q, Transcript: starloop.Transcript{Text: text, Words: words}})
	if err != nil {
		t.Fatal(err)
	}
	v.Heard = text
	var out bytes.Buffer
	h := &holder{Setup: Setup{Bank: bank, Out: &out}, lpName: bank.Name, tracker: NewTracker(nil, nil, nil)}
	view := &roundView{View: interviewer.NewTextView(&out, false, 80), h: h, round: r}
	view.Verdict(1, q, v)
	shown := out.String()
	for _, want := range []string{"Answer 1 (introduction):\n", "  Length    0:17: short; aim for 60 to 90 seconds\n",
		"  Structure now no, before yes, next no\n", "  Missing   who you are now; what you want next; one thing you achieved; why this job\n"} {
		if !strings.Contains(shown, want) {
			t.Errorf("want %q in:\n%s", want, shown)
		}
	}
	if strings.Contains(shown, "STAR") || strings.Contains(shown, "main question, )") {
		t.Errorf("the introduction is shown as a STAR story:\n%s", shown)
	}
	d := Build(Day{Rounds: []Round{r}}, h.answers, bank.Name)
	if d.Intro == nil || d.Intro.Note != "0:17: short; aim for 60 to 90 seconds; missing: who you are now; what you want next; one thing you achieved; why this job" {
		t.Errorf("debrief intro %+v", d.Intro)
	}
}

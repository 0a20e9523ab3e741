package day

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/starloop/starloop"
	"github.com/starloop/starloop/interviewer"
	"github.com/starloop/starloop/judge"
	"github.com/starloop/starloop/prompts"
	"github.com/starloop/starloop/report"
	"github.com/starloop/starloop/rubric"
	"github.com/starloop/starloop/session"
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

// TestIntroSavedAsIntroduction follows a loop day's introduction from the
// judge to the disk and back, as Hold does: the round's judge, the view,
// the answer saved through the round's store as the Runner saves it (the
// verdict's Report as JSON), and the day's end. What is saved is the
// introduction's check, not a STAR report, and the debrief and the review
// of the saved session show that one check.
func TestIntroSavedAsIntroduction(t *testing.T) {
	bank, err := prompts.Load()
	if err != nil {
		t.Fatal(err)
	}
	store, err := session.Open(t.TempDir(), session.Options{})
	if err != nil {
		t.Fatal(err)
	}
	s, err := store.NewSession(session.Meta{LPs: []string{"ownership"}, Settings: map[string]string{"mode": "loop"}})
	if err != nil {
		t.Fatal(err)
	}
	intro := Round{N: 0, Interviewer: "Jordan", Intro: true}
	r1 := Round{N: 1, Interviewer: "Priya", LPs: []string{"ownership"}}
	var out bytes.Buffer
	h := &holder{Setup: Setup{Day: Day{Rounds: []Round{intro, r1}}, Bank: bank, Out: &out, Session: s}, lpName: bank.Name, tracker: NewTracker(nil, nil, nil)}
	// 20 words of 0.5 s: 10 s. By hand: a present (I am), a past (before
	// that), a role (engineer), years (eight years), an achievement (led);
	// no next step and no why.
	introText := "I am a backend engineer. Before that I spent eight years at a bank where I led the billing team."
	for i, step := range []struct {
		round Round
		q     interviewer.Question
		text  string
	}{
		{intro, interviewer.Question{Text: IntroQuestion}, introText},
		{r1, interviewer.Question{LP: "ownership", Text: "Tell me about a time you took ownership."}, storyOnce},
	} {
		tr := starloop.Transcript{Text: step.text}
		for k, w := range strings.Fields(step.text) {
			tr.Words = append(tr.Words, starloop.Word{Text: w, Start: time.Duration(k) * 500 * time.Millisecond, End: time.Duration(k+1) * 500 * time.Millisecond})
		}
		v, err := roundJudge{base: judge.Rubric(rubric.New(), bank), round: step.round}.Judge(context.Background(), interviewer.Answer{Question: step.q, Transcript: tr})
		if err != nil {
			t.Fatal(err)
		}
		v.Heard = tr.Text
		view := &roundView{View: interviewer.NewTextView(&out, false, 80), h: h, round: step.round, off: i}
		view.Verdict(1, step.q, v)
		rec, err := json.Marshal(v.Report)
		if err != nil {
			t.Fatal(err)
		}
		st := &roundStore{s: s, off: i, saved: func(a session.Answer) { h.saved(step.round, a) }}
		if err := st.SaveAnswer(session.Answer{N: 1, LP: step.q.LP, Question: step.q.Text, Transcript: tr, Report: rec}); err != nil {
			t.Fatal(err)
		}
	}
	if err := h.finish(context.Background(), r1, session.Stopped, nil); err != nil {
		t.Fatal(err)
	}
	_, answers, err := session.Load(filepath.Dir(s.Dir()), s.ID())
	if err != nil || len(answers) != 2 {
		t.Fatalf("saved %d answers (%v), want 2", len(answers), err)
	}
	j := judge.Decode(answers[0].Report)
	want := judge.IntroCheck{Length: 10 * time.Second, Words: 20, Now: true, Before: true, Role: true, Experience: true, Highlight: true}
	if j == nil || j.Kind != judge.IntroKind || j.Intro == nil || *j.Intro != want || j.Report != nil {
		t.Fatalf("the introduction is saved as %s, want its check %+v alone", answers[0].Report, want)
	}
	// The debrief (on screen and in debrief.md) gives the saved check.
	md, err := os.ReadFile(filepath.Join(s.Dir(), "debrief.md"))
	if err != nil {
		t.Fatal(err)
	}
	const note = "Introduction: 0:10: short; aim for 60 to 90 seconds; missing: what you want next; why this job.\n"
	if !strings.Contains(string(md), note) {
		t.Errorf("debrief.md lacks %q:\n%s", note, md)
	}
	// The review of the saved session shows the same check, and the
	// introduction as no story: one story in the summary.
	rs, err := report.Load(filepath.Dir(s.Dir()), s.ID(), report.Options{LPName: bank.Name})
	if err != nil {
		t.Fatal(err)
	}
	var review bytes.Buffer
	if err := report.Text(&review, rs); err != nil {
		t.Fatal(err)
	}
	first := review.String()[:strings.Index(review.String(), "Answer 2 ·")]
	for _, w := range []string{"Answer 1 · Introduction\n", "  Length    0:10: short; aim for 60 to 90 seconds\n",
		"  Structure now yes, before yes, next no\n", "  Points    role yes, experience yes, an achievement yes, why this job no\n",
		"  Missing   what you want next; why this job\n"} {
		if !strings.Contains(first, w) {
			t.Errorf("the review of the introduction lacks %q:\n%s", w, first)
		}
	}
	for _, bad := range []string{"STAR", "Verdict", "inclined", "LPs shown"} {
		if strings.Contains(first, bad) {
			t.Errorf("the review shows the introduction as a story (%q):\n%s", bad, first)
		}
	}
	if !strings.Contains(out.String(), "STAR      in 1 story:") {
		t.Errorf("the day's summary counts the introduction as a story:\n%s", out.String())
	}
}

// TestSalvageJudge: after a crash, the introduction a loop day recovers is
// judged and saved as an introduction, as the day judges it live; a story
// and its follow-up still go to the session's judge.
func TestSalvageJudge(t *testing.T) {
	var base []string
	j := SalvageJudge(interviewer.JudgeFunc(func(_ context.Context, a interviewer.Answer) (interviewer.Verdict, error) {
		base = append(base, a.Question.Text)
		return interviewer.Verdict{Report: json.RawMessage(`"story"`)}, nil
	}))
	text := "I am a backend engineer, before that I taught maths for two years, and now I want to build payments at scale."
	v, err := j.Judge(context.Background(), interviewer.Answer{Question: interviewer.Question{Text: IntroQuestion}, Transcript: starloop.Transcript{Text: text}})
	if err != nil {
		t.Fatal(err)
	}
	saved := judge.Decode(v.Report)
	if saved == nil || saved.Kind != judge.IntroKind || saved.Intro == nil || saved.Intro.Words != 22 || v.Kind != judge.IntroKind {
		t.Errorf("introduction judged as %+v (report %#v), want an introduction of 22 words", v, saved)
	}
	for _, q := range []interviewer.Question{
		{LP: "ownership", Text: "Tell me about a time you took on something outside your job."},
		{FollowUp: true, Text: "What did you do next?"},
	} {
		if _, err := j.Judge(context.Background(), interviewer.Answer{Question: q, Transcript: starloop.Transcript{Text: text}}); err != nil {
			t.Fatal(err)
		}
	}
	if len(base) != 2 {
		t.Errorf("the session's judge judged %q, want the story and the follow-up", base)
	}
}

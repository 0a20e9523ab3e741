// Package judge is the offline judge of a spoken session: the rubric, with
// the prompt bank's wording for its follow-ups, as an interviewer.Judge.
//
// An answer enters as an interviewer.Answer (its transcript, question and
// thread) and leaves as an interviewer.Verdict whose Report is a Judged,
// encoded: the rubric's report on the answer alone and, for a follow-up, on
// the whole thread. It keeps no state between calls.
//
// A Judged is saved with the answer as JSON (Encode) and read back by
// Decode. The Verdict carries it so encoded, so that every view of an
// answer, the terminal's too, reads the same saved judgement.
package judge

import (
	"context"
	"strings"
	"time"

	"github.com/starloop/starloop"
	"github.com/starloop/starloop/interviewer"
	"github.com/starloop/starloop/prompts"
	"github.com/starloop/starloop/rubric"
)

// Judged is what is saved of a judgement: the answer's own report and, for
// a follow-up, the report on the whole thread; or, for an answer that is
// no STAR story, its Kind and its own check.
type Judged struct {
	*rubric.Report
	Story *rubric.Report `json:"story,omitempty"`
	// Kind is what was judged when it is not a STAR story: IntroKind for a
	// loop day's introduction, whose judgement is Intro alone (Report and
	// Story nil). Empty for a story, and in every judgement saved before
	// kinds existed.
	Kind  string      `json:"kind,omitempty"`
	Intro *IntroCheck `json:"intro,omitempty"`
}

// Rubric judges answers with the rubric a and picks follow-ups from bank.
// A follow-up answer is judged together with the answers before it in the
// same thread: a reply to "how did you measure it?" completes the story,
// it is not a story of its own.
func Rubric(a *rubric.Analyzer, bank *prompts.Bank) interviewer.Judge {
	return rubricJudge{a: a, bank: bank}
}

type rubricJudge struct {
	a    *rubric.Analyzer
	bank *prompts.Bank
}

func (j rubricJudge) Judge(_ context.Context, ans interviewer.Answer) (interviewer.Verdict, error) {
	first := ans.Question
	if len(ans.Thread) > 0 {
		first = ans.Thread[0].Question
	}
	opt := rubric.Options{LP: ans.Question.LP, Question: first.Text, Asked: ans.Asked, Questions: bankQuestions{j.bank}}
	own := j.a.Analyze(ans.Transcript, opt)
	if len(ans.Thread) == 0 {
		return verdictOf(own, own, Judged{Report: own})
	}
	ts := make([]starloop.Transcript, 0, len(ans.Thread)+1)
	for _, t := range ans.Thread {
		ts = append(ts, t.Transcript)
	}
	story := j.a.Analyze(Join(append(ts, ans.Transcript)), opt)
	return verdictOf(story, own, Judged{Report: own, Story: story})
}

// Join makes one transcript of several answers, one after the other. Word
// times are shifted so that each answer starts where the one before
// ended; if any answer is untimed the result is untimed.
func Join(ts []starloop.Transcript) starloop.Transcript {
	var out starloop.Transcript
	texts := make([]string, 0, len(ts))
	timed := true
	var offset time.Duration
	for _, t := range ts {
		if strings.TrimSpace(t.Text) != "" {
			texts = append(texts, strings.TrimSpace(t.Text))
		}
		if !t.Timed() {
			timed = timed && strings.TrimSpace(t.Text) == ""
			continue
		}
		for _, w := range t.Words {
			out.Words = append(out.Words, starloop.Word{Text: w.Text, Start: w.Start + offset, End: w.End + offset})
		}
		offset += t.Duration()
	}
	if !timed {
		out.Words = nil
	}
	out.Text = strings.Join(texts, " ")
	return out
}

// verdictOf is the interviewer's summary of the story's report r, with the
// length of the answer's own report own; saved is kept with the answer.
func verdictOf(r, own *rubric.Report, saved Judged) (interviewer.Verdict, error) {
	rec, err := Encode(saved)
	if err != nil {
		return interviewer.Verdict{}, err
	}
	v := interviewer.Verdict{
		Situation: r.STAR.Situation.Present,
		Task:      r.STAR.Task.Present,
		Action:    r.STAR.Action.Present,
		Result:    r.STAR.Result.Present,
		I:         r.Ownership.I,
		We:        r.Ownership.We,
		Words:     own.Words,
		Length:    time.Duration(own.Minutes * float64(time.Minute)),
		FollowUp:  interviewer.FollowUp{Reason: string(r.FollowUp.Reason), Question: r.FollowUp.Question},
		Leaning:   string(saved.Verdict()),
		Report:    rec,
	}
	for _, c := range own.Clauses {
		v.Clauses = append(v.Clauses, interviewer.Clause{Part: c.Label, Text: c.Text})
	}
	for _, m := range r.Metrics {
		if m.InResult {
			v.Measures = append(v.Measures, m.Text)
		}
	}
	if r.Answer {
		for _, lp := range r.LP {
			v.LPs = append(v.LPs, interviewer.LPEvidence{ID: lp.ID, Name: lp.Name, Score: lp.Score})
		}
	}
	return v, nil
}

// bankQuestions lets the rubric's follow-up policy speak with the prompt
// bank's wording.
type bankQuestions struct{ bank *prompts.Bank }

var _ rubric.Questions = bankQuestions{}

// reasonOf maps the rubric's reasons to the bank's.
var reasonOf = map[rubric.Reason]prompts.Reason{
	rubric.ReasonNoAnswer:         prompts.ReasonNoAnswer,
	rubric.ReasonMissingAction:    prompts.ReasonMissingAction,
	rubric.ReasonMissingResult:    prompts.ReasonMissingResult,
	rubric.ReasonMissingSituation: prompts.ReasonMissingSituation,
	rubric.ReasonMissingTask:      prompts.ReasonMissingTask,
	rubric.ReasonNoMeasure:        prompts.ReasonNoMeasure,
	rubric.ReasonMostlyWe:         prompts.ReasonMostlyWe,
	rubric.ReasonTooLong:          prompts.ReasonTooLong,
	rubric.ReasonLPLadder:         prompts.ReasonLadder,
}

func (q bankQuestions) Ladder(id string) []string {
	lp, ok := q.bank.LP(id)
	if !ok {
		return nil
	}
	return lp.FollowUps
}

func (q bankQuestions) Generic(r rubric.Reason) []string {
	if pr, ok := reasonOf[r]; ok {
		return q.bank.Generic(pr)
	}
	return nil
}

// Questions is the prompt bank's wording for the rubric's follow-ups, for
// an analysis outside a session (starloop analyze).
func Questions(bank *prompts.Bank) rubric.Questions { return bankQuestions{bank} }

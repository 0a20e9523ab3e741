package main

import (
	"context"
	"math/rand/v2"
	"strings"
	"time"

	"github.com/starloop/starloop"
	"github.com/starloop/starloop/interviewer"
	"github.com/starloop/starloop/prompts"
	"github.com/starloop/starloop/rubric"
)

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

// rubricJudge judges answers with the offline rubric and picks follow-ups
// from the bank.
func rubricJudge(a *rubric.Analyzer, bank *prompts.Bank) interviewer.JudgeFunc {
	return func(_ context.Context, t starloop.Transcript, q interviewer.Question, asked []string) (interviewer.Verdict, error) {
		opt := rubric.Options{LP: q.LP, Question: q.Text, Asked: asked, Questions: bankQuestions{bank}}
		r := a.Analyze(t, opt)
		return verdictOf(r), nil
	}
}

// verdictOf is the interviewer's summary of a rubric report.
func verdictOf(r *rubric.Report) interviewer.Verdict {
	v := interviewer.Verdict{
		Situation: r.STAR.Situation.Present,
		Task:      r.STAR.Task.Present,
		Action:    r.STAR.Action.Present,
		Result:    r.STAR.Result.Present,
		I:         r.Ownership.I,
		We:        r.Ownership.We,
		Words:     r.Words,
		Length:    time.Duration(r.Minutes * float64(time.Minute)),
		FollowUp:  interviewer.FollowUp{Reason: string(r.FollowUp.Reason), Question: r.FollowUp.Question},
		Report:    r,
	}
	for _, m := range r.Metrics {
		if m.InResult {
			v.Measures = append(v.Measures, m.Text)
		}
	}
	return v
}

// resolveLPs turns the --lp values (names, ids, comma lists) into LP ids.
// With none given it picks two at random, as a real interviewer is assigned
// two.
func resolveLPs(bank *prompts.Bank, names []string, seed uint64) ([]string, error) {
	var ids []string
	seen := map[string]bool{}
	for _, n := range names {
		for _, part := range strings.Split(n, ",") {
			part = strings.TrimSpace(part)
			if part == "" {
				continue
			}
			lp, err := bank.Lookup(part)
			if err != nil {
				return nil, err
			}
			if !seen[lp.ID] {
				seen[lp.ID] = true
				ids = append(ids, lp.ID)
			}
		}
	}
	if len(ids) > 0 {
		return ids, nil
	}
	all := bank.LPs()
	rng := rand.New(rand.NewPCG(seed, seed^0x5eed))
	perm := rng.Perm(len(all))
	return []string{all[perm[0]].ID, all[perm[1]].ID}, nil
}

// planFor builds the session's main questions for the LPs.
func planFor(bank *prompts.Bank, lpIDs []string, n int, seed uint64) ([]interviewer.Question, error) {
	pools := make([]interviewer.Pool, 0, len(lpIDs))
	for _, id := range lpIDs {
		lp, ok := bank.LP(id)
		if !ok {
			return nil, starloop.Errorf("plan session", starloop.Invalid, "unknown LP "+id)
		}
		pools = append(pools, interviewer.Pool{LP: lp.ID, Questions: lp.Questions})
	}
	return interviewer.NewPlan(pools, n, seed)
}

package main

import (
	"context"
	"math/rand/v2"
	"strings"
	"sync"
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
// from the bank. A follow-up answer is judged together with the answers
// before it in the same question's thread: a reply to "how did you measure
// it?" completes the story, it is not a story of its own. The saved report
// is the answer's own, with the thread's under "story".
func rubricJudge(a *rubric.Analyzer, bank *prompts.Bank) interviewer.JudgeFunc {
	var (
		mu     sync.Mutex
		thread []threadEntry // the current main question's answers so far
	)
	return func(_ context.Context, t starloop.Transcript, q interviewer.Question, asked []string) (interviewer.Verdict, error) {
		mu.Lock()
		defer mu.Unlock()
		// A judge call for the question last judged replaces that answer
		// (the person went on speaking, or asked for a repeat).
		if n := len(thread); n > 0 && thread[n-1].q == q {
			thread = thread[:n-1]
		}
		if !q.FollowUp {
			thread = thread[:0]
		}
		thread = append(thread, threadEntry{q, t})

		opt := rubric.Options{LP: q.LP, Question: thread[0].q.Text, Asked: asked, Questions: bankQuestions{bank}}
		own := a.Analyze(t, opt)
		if len(thread) == 1 {
			return verdictOf(own, own, judged{Report: own}), nil
		}
		ts := make([]starloop.Transcript, len(thread))
		for i, e := range thread {
			ts[i] = e.t
		}
		story := a.Analyze(joinTranscripts(ts), opt)
		return verdictOf(story, own, judged{Report: own, Story: story}), nil
	}
}

type threadEntry struct {
	q interviewer.Question
	t starloop.Transcript
}

// judged is what is saved of a judgement: the answer's own report and, for
// a follow-up, the report on the whole thread.
type judged struct {
	*rubric.Report
	Story *rubric.Report `json:"story,omitempty"`
}

// joinTranscripts makes one transcript of several answers, one after the
// other. Word times are shifted so that each answer starts where the one
// before ended; if any answer is untimed the result is untimed.
func joinTranscripts(ts []starloop.Transcript) starloop.Transcript {
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
func verdictOf(r, own *rubric.Report, saved judged) interviewer.Verdict {
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
		Report:    saved,
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
			return nil, starloop.Errorf(starloop.Invalid, "plan session: unknown LP %s", id)
		}
		pools = append(pools, interviewer.Pool{LP: lp.ID, Questions: lp.Questions})
	}
	return interviewer.NewPlan(pools, n, seed)
}

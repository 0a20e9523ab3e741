package day

import (
	"github.com/starloop/starloop"
	"github.com/starloop/starloop/prompts"
	"github.com/starloop/starloop/session"
	"github.com/starloop/starloop/stories"
)

// LPOrder is the order in which the day assigns LPs (Options.LPs): with a
// story bank, those that lack stories, then practice (practiced answers
// per LP), first; without one, the bank's order (the day shuffles it).
func LPOrder(bank *prompts.Bank, bankStories []stories.Story, practiced map[string]int) []string {
	var ids []string
	if bankStories != nil {
		for _, n := range stories.ByNeed(stories.Cover(bank.LPs(), bankStories), practiced) {
			ids = append(ids, n.ID)
		}
		return ids
	}
	for _, lp := range bank.LPs() {
		ids = append(ids, lp.ID)
	}
	return ids
}

// Practiced counts the main questions answered per LP in the sessions
// metas (follow-ups and answers without an LP do not count).
func Practiced(metas []session.Meta) map[string]int {
	out := map[string]int{}
	for _, m := range metas {
		for _, a := range m.Answers {
			if !a.FollowUp && a.LP != "" {
				out[a.LP]++
			}
		}
	}
	return out
}

// CheckQuestions reports, as an Invalid error, an interview of d whose LPs
// have fewer than n questions in bank between them.
func (d Day) CheckQuestions(bank *prompts.Bank, n int) error {
	for _, r := range d.Interviews() {
		have := 0
		names := make([]string, len(r.LPs))
		for i, id := range r.LPs {
			if lp, ok := bank.LP(id); ok {
				have += len(lp.Questions)
			}
			names[i] = bank.Name(id)
		}
		if have < n {
			return starloop.Errorf(starloop.Invalid, "loop: %d questions per interviewer asked for, but %s have %d", n, starloop.JoinAnd(names), have)
		}
	}
	return nil
}

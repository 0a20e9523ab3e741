package day

import (
	"fmt"
	"slices"
	"testing"

	"github.com/starloop/starloop"
	"github.com/starloop/starloop/prompts"
	"github.com/starloop/starloop/session"
	"github.com/starloop/starloop/stories"
)

// TestLPOrder: with a bank, LPs without stories come first, the least
// practised of them first, then those with one story, then those with
// enough; without a bank, the prompt bank's order.
func TestLPOrder(t *testing.T) {
	bank, err := prompts.Load()
	if err != nil {
		t.Fatal(err)
	}
	var all []string
	for _, lp := range bank.LPs() {
		all = append(all, lp.ID)
	}
	if got := LPOrder(bank, nil, map[string]int{all[3]: 5}); !slices.Equal(got, all) {
		t.Errorf("without a bank: %v, want %v", got, all)
	}
	a, b, c := all[0], all[1], all[2]
	bankStories := []stories.Story{{ID: "x", LPs: []string{a, b}}, {ID: "y", LPs: []string{a}}}
	want := append(append([]string{}, all[3:]...), c, b, a)
	if got := LPOrder(bank, bankStories, map[string]int{c: 3}); !slices.Equal(got, want) {
		t.Errorf("with a bank: %v, want %v", got, want)
	}
}

func TestPracticed(t *testing.T) {
	metas := []session.Meta{
		{Answers: []session.AnswerRef{{LP: "ownership"}, {LP: "ownership", FollowUp: true}, {LP: ""}}},
		{Answers: []session.AnswerRef{{LP: "ownership"}, {LP: "bias-for-action"}}},
	}
	got := Practiced(metas)
	if len(got) != 2 || got["ownership"] != 2 || got["bias-for-action"] != 1 {
		t.Errorf("Practiced = %v, want ownership 2, bias-for-action 1", got)
	}
}

func TestCheckQuestions(t *testing.T) {
	bank, err := prompts.Load()
	if err != nil {
		t.Fatal(err)
	}
	lp := bank.LPs()[0]
	n := len(lp.Questions)
	d := Day{Rounds: []Round{{Intro: true}, {LPs: []string{lp.ID, "no-such-lp"}}}}
	if err := d.CheckQuestions(bank, n); err != nil {
		t.Errorf("%d questions of %d: %v", n, n, err)
	}
	err = d.CheckQuestions(bank, n+1)
	want := fmt.Sprintf("loop: %d questions per interviewer asked for, but %s and %s have %d", n+1, lp.Name, bank.Name("no-such-lp"), n)
	if !starloop.IsKind(err, starloop.Invalid) || err.Error() != want {
		t.Errorf("error %v, want %q", err, want)
	}
}

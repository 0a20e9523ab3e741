package spoken

import (
	"fmt"
	"io"

	"github.com/starloop/starloop"
	"github.com/starloop/starloop/day"
	"github.com/starloop/starloop/interviewer"
	"github.com/starloop/starloop/prompts"
	"github.com/starloop/starloop/stories"
)

// PracticeMachine is the interview of a practice session: n main
// questions on lps drawn with seed, asked with the turn-taking settings
// cfg and the bank's wrap-up warning and transitions.
func PracticeMachine(bank *prompts.Bank, lps []string, n int, seed uint64, cfg interviewer.Config) (*interviewer.Machine, error) {
	plan, err := Plan(bank, lps, n, seed)
	if err != nil {
		return nil, err
	}
	cfg.Lines = interviewer.Lines{Warning: bank.WrapUp(), Transitions: bank.Transitions()}
	return interviewer.NewMachine(plan, cfg)
}

// PracticeView is what a practice session shows on out: the live text
// view (redrawn on a terminal, coloured with color, with the details of
// verbose) and, with a story bank, the story each answer tells and the
// warning when one is told again.
func PracticeView(out io.Writer, terminal, color, verbose bool, bank *prompts.Bank, bankStories []stories.Story) interviewer.View {
	var view interviewer.View = interviewer.NewTextView(out, terminal, 0).Style(color, verbose)
	if bankStories != nil {
		view = day.NewStoryView(view, out, bank, bankStories)
	}
	return view
}

// PracticeIntro is the line a practice session opens with: the LPs by
// name, how many main questions, and the keys.
func PracticeIntro(bank *prompts.Bank, lps []string, n int) string {
	names := make([]string, len(lps))
	for i, id := range lps {
		names[i] = bank.Name(id)
	}
	return fmt.Sprintf("Practising %s: %d main %s. %s\n",
		starloop.JoinAnd(names), n, starloop.Plural(n, "question", "questions"), interviewer.KeysHelp)
}

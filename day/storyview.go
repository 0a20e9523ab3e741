package day

import (
	"fmt"
	"io"

	"github.com/starloop/starloop/interviewer"
	"github.com/starloop/starloop/prompts"
	"github.com/starloop/starloop/stories"
)

// StoryView shows, under the verdict on each main answer of a practice
// session, which story of the bank it tells, and warns when a story told
// earlier in the session comes back, as the loop day does.
type StoryView struct {
	interviewer.View
	out     io.Writer
	tracker *Tracker
}

// NewStoryView wraps v, writing its lines to out: the story bank's stories
// (which may be none) are matched with the words of bank's questions as
// background, as in Hold.
func NewStoryView(v interviewer.View, out io.Writer, bank *prompts.Bank, bankStories []stories.Story) *StoryView {
	return &StoryView{View: v, out: out, tracker: NewTracker(background(bank), bankStories, bank.Name)}
}

// Verdict implements interviewer.View.
func (v *StoryView) Verdict(n int, q interviewer.Question, vd interviewer.Verdict) {
	v.View.Verdict(n, q, vd)
	if q.FollowUp || vd.Words == 0 {
		return
	}
	note := v.tracker.Check(vd.Heard)
	story := "none of your bank's stories"
	if note.Story != "" {
		story = note.Story
	}
	fmt.Fprintf(v.out, "  Story     %s\n", story)
	if note.Reuse != "" {
		fmt.Fprintf(v.out, "  Warning: %s\n", note.Reuse)
	}
	v.tracker.Commit(0, q.LP, note)
}

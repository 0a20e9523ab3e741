package spoken

import (
	"io"
	"testing"
	"time"

	"github.com/starloop/starloop/day"
	"github.com/starloop/starloop/interviewer"
	"github.com/starloop/starloop/prompts"
	"github.com/starloop/starloop/stories"
)

func TestPracticeIntro(t *testing.T) {
	bank, err := prompts.Load()
	if err != nil {
		t.Fatal(err)
	}
	keys := " Enter = done, r = repeat, s = skip, q = save and quit.\n"
	for n, want := range map[int]string{
		1: "Practising Ownership and Think Big: 1 main question.",
		2: "Practising Ownership and Think Big: 2 main questions.",
	} {
		if got := PracticeIntro(bank, []string{"ownership", "think-big"}, n); got != want+keys {
			t.Errorf("got %q\nwant %q", got, want+keys)
		}
	}
}

// TestPracticeMachineAndView: the machine asks the plan's first question
// first; a story bank adds the story view around the text view.
func TestPracticeMachineAndView(t *testing.T) {
	bank, err := prompts.Load()
	if err != nil {
		t.Fatal(err)
	}
	cfg := interviewer.Config{Patience: time.Second, AnswerCap: time.Minute, NoSpeech: time.Second, MaxFollowUps: -1}
	m, err := PracticeMachine(bank, []string{"ownership"}, 1, 3, cfg)
	if err != nil || m == nil {
		t.Fatalf("PracticeMachine: %v", err)
	}
	if _, err := PracticeMachine(bank, []string{"nope"}, 1, 3, cfg); err == nil {
		t.Error("an unknown LP made a machine")
	}
	if _, ok := PracticeView(io.Discard, false, false, false, bank, nil).(*interviewer.TextView); !ok {
		t.Error("without a story bank: want the text view alone")
	}
	if _, ok := PracticeView(io.Discard, false, false, false, bank, []stories.Story{{ID: "s", LPs: []string{"ownership"}}}).(*day.StoryView); !ok {
		t.Error("with a story bank: want the story view")
	}
}

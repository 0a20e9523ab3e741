package prompts

import (
	"strings"
	"testing"
)

func TestCoachPrompt(t *testing.T) {
	in := CoachInput{
		LPName:   "Dive Deep",
		Language: "ko",
		Question: "Tell me about a time you found the root cause of a problem.",
		Thread: []Exchange{
			{"Tell me about a time you found the root cause of a problem.", "um our deploys failed so i read the logs"},
			{"How did you measure it?", "failures went from thirty to five percent"},
		},
		Rubric:  `{"answer":true}`,
		Asked:   []string{"How did you measure it?"},
		Reasons: []string{"no_measure", "lp_ladder"},
	}
	system, user, err := CoachPrompt(in)
	if err != nil {
		t.Fatal(err)
	}
	for _, tt := range []struct {
		msg, name, want string
	}{
		{system, "system", `Leadership Principle "Dive Deep"`},
		{system, "system", `language with code "ko"`},
		{system, "system", "one of: no_measure, lp_ladder."},
		{user, "user", "Main question: Tell me about a time you found the root cause of a problem."},
		{user, "user", "Question: Tell me about a time you found the root cause of a problem.\nAnswer: um our deploys failed so i read the logs"},
		{user, "user", "Follow-up: How did you measure it?\nAnswer: failures went from thirty to five percent"},
		{user, "user", `Rubric report (JSON): {"answer":true}`},
		{user, "user", "do not ask again):\n- How did you measure it?"},
	} {
		if !strings.Contains(tt.msg, tt.want) {
			t.Errorf("%s message lacks %q:\n%s", tt.name, tt.want, tt.msg)
		}
	}
	// English needs no language line.
	in.Language = ""
	if system, _, _ = CoachPrompt(in); strings.Contains(system, "language with code") {
		t.Errorf("English prompt names a language:\n%s", system)
	}
}

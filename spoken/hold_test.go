package spoken

import (
	"strconv"
	"testing"

	"github.com/starloop/starloop/backends"
	"github.com/starloop/starloop/config"
	"github.com/starloop/starloop/day"
	"github.com/starloop/starloop/prompts"
)

// TestLoopSettings: a loop day records its rounds, its options, whether
// LPs are guessed and the story bank; with tts openai the remote model
// stands for the voices, which differ per interviewer.
func TestLoopSettings(t *testing.T) {
	bank, err := prompts.Load()
	if err != nil {
		t.Fatal(err)
	}
	opt := day.Options{Interviewers: 2, Questions: 1, Intro: true, Seed: 3, LPs: bank.Draw(16, 3)}
	plan, err := day.NewDay(opt)
	if err != nil {
		t.Fatal(err)
	}
	l := Loop{Interviewers: 2, Questions: 1, GuessLP: true, Bank: StoryBank{Path: "stories.yaml"}}
	for _, remote := range []bool{false, true} {
		cfg := config.Offline()
		if remote {
			in := config.Input{Flags: map[string]string{"tts": "openai", "tts-model": "tts-1"}, Env: func(string) (string, bool) { return "", false }}
			if cfg, err = config.Resolve(in); err != nil {
				t.Fatal(err)
			}
		}
		s := &Session{Backends: &backends.Set{Config: cfg, Bank: bank}}
		got := s.loopSettings(plan, opt, l)
		want := map[string]string{"interviewers": "2", "questions_per_interviewer": "1", "english_round": "0",
			"guess_lp": "true", "stories": "stories.yaml"}
		for _, r := range plan.Rounds {
			want["round_"+strconv.Itoa(r.N)] = r.Setting(remote)
		}
		if remote {
			want["tts"] = "openai tts-1, a voice per interviewer (see the rounds)"
		} else if _, ok := got["tts"]; ok {
			t.Errorf("offline: tts %q recorded over the Record's", got["tts"])
		}
		for k, v := range want {
			if got[k] != v {
				t.Errorf("remote %v: %s = %q, want %q", remote, k, got[k], v)
			}
		}
	}
}

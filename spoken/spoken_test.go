package spoken

import (
	"os"
	"slices"
	"testing"
	"time"

	"github.com/starloop/starloop"
	"github.com/starloop/starloop/prompts"
	"github.com/starloop/starloop/session"
)

func TestTurnsConfig(t *testing.T) {
	ok := Turns{Patience: time.Second, AnswerCap: time.Minute, NoSpeech: 5 * time.Second, FollowUps: 2}
	cfg, err := ok.Config("practice")
	if err != nil || cfg.Patience != time.Second || cfg.AnswerCap != time.Minute || cfg.NoSpeech != 5*time.Second || cfg.MaxFollowUps != 2 {
		t.Errorf("Config = %+v, %v", cfg, err)
	}
	none := ok
	none.FollowUps = 0
	if cfg, _ := none.Config("practice"); cfg.MaxFollowUps != -1 {
		t.Errorf("no follow-ups: MaxFollowUps %d, want -1 (the interviewer's none)", cfg.MaxFollowUps)
	}
	for name, bad := range map[string]Turns{
		"zero patience":      {AnswerCap: time.Minute, NoSpeech: time.Second},
		"negative follow-up": {Patience: time.Second, AnswerCap: time.Minute, NoSpeech: time.Second, FollowUps: -1},
	} {
		if _, err := bad.Config("loop"); !starloop.IsKind(err, starloop.Invalid) || err.Error()[:5] != "loop:" {
			t.Errorf("%s: %v, want an Invalid error naming loop", name, err)
		}
	}
}

func TestRecordSettings(t *testing.T) {
	r := Record{Turns: Turns{Patience: 1500 * time.Millisecond, AnswerCap: 3 * time.Minute, NoSpeech: 8 * time.Second, FollowUps: 1},
		Rate: 0.9, Seed: 7, STT: "pocketsphinx", TTS: "flite", Coach: "rubric", Mode: "practice"}
	got := r.Settings(map[string]string{"questions": "2", "mode": "demo"})
	want := map[string]string{"follow_ups": "1", "patience": "1.5s", "max_answer": "3m0s", "no_speech": "8s", "rate": "0.9",
		"seed": "7", "stt": "pocketsphinx", "tts": "flite", "coach": "rubric", "mode": "demo", "questions": "2"}
	if len(got) != len(want) {
		t.Errorf("Settings = %v, want %v", got, want)
	}
	for k, v := range want {
		if got[k] != v {
			t.Errorf("%s = %q, want %q", k, got[k], v)
		}
	}
}

func TestPlanAndLPs(t *testing.T) {
	bank, err := prompts.Load()
	if err != nil {
		t.Fatal(err)
	}
	if _, err := Plan(bank, []string{"no-such-lp"}, 1, 1); !starloop.IsKind(err, starloop.Invalid) {
		t.Errorf("unknown LP: %v", err)
	}
	qs, err := Plan(bank, []string{"ownership"}, 2, 1)
	if err != nil || len(qs) != 2 || qs[0].LP != "ownership" || qs[1].LP != "ownership" {
		t.Errorf("Plan = %+v, %v; want two ownership questions", qs, err)
	}
	if got := PracticeLPs(bank, []string{"ownership"}, nil, t.TempDir(), 1); !slices.Equal(got, []string{"ownership"}) {
		t.Errorf("given LPs: %v", got)
	}
	if got := PracticeLPs(bank, nil, nil, t.TempDir(), 1); !slices.Equal(got, bank.Draw(2, 1)) {
		t.Errorf("no bank: %v, want the two drawn with the seed", got)
	}
}

func TestNextCommands(t *testing.T) {
	want := "Next: starloop review --sessions s 20261127-154502   (each answer: transcript, STAR parts, delivery; --play N to listen)\n" +
		"      starloop report --sessions s 20261127-154502   (a report to keep, with the recordings)\n"
	if got := NextCommands("s", "20261127-154502"); got != want {
		t.Errorf("got\n%s\nwant\n%s", got, want)
	}
	if got := NextCommands("", "x"); got[:25] != "Next: starloop review x  " {
		t.Errorf("default folder: %q", got)
	}
}

// TestDiscardEmpty: a session with no answer is deleted, folder and all;
// one with an answer stays.
func TestDiscardEmpty(t *testing.T) {
	dir := t.TempDir()
	store, err := session.Open(dir, session.Options{})
	if err != nil {
		t.Fatal(err)
	}
	empty, err := store.NewSession(session.Meta{LPs: []string{"ownership"}})
	if err != nil {
		t.Fatal(err)
	}
	if err := empty.Close(session.Stopped); err != nil {
		t.Fatal(err)
	}
	if !DiscardEmpty(empty) {
		t.Error("empty session not discarded")
	}
	if _, err := os.Stat(empty.Dir()); !os.IsNotExist(err) {
		t.Errorf("folder of the empty session: %v", err)
	}
	kept, err := store.NewSession(session.Meta{LPs: []string{"ownership"}})
	if err != nil {
		t.Fatal(err)
	}
	if err := kept.SaveAnswer(session.Answer{N: 1, LP: "ownership", Question: "Tell me about a time."}); err != nil {
		t.Fatal(err)
	}
	if err := kept.Close(session.Stopped); err != nil {
		t.Fatal(err)
	}
	if DiscardEmpty(kept) {
		t.Error("a session with an answer was discarded")
	}
	if _, err := os.Stat(kept.Dir()); err != nil {
		t.Errorf("folder of the kept session: %v", err)
	}
}

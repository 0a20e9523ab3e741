package day

import (
	"slices"
	"strings"
	"testing"

	"github.com/starloop/starloop"
)

func sixteen() []string {
	return []string{"a", "b", "c", "d", "e", "f", "g", "h", "i", "j", "k", "l", "m", "n", "o", "p"}
}

func TestNewDayAssignsLPsInOrder(t *testing.T) {
	tests := []struct {
		name string
		opt  Options
		want [][]string // LPs per interview round
	}{
		{"five of sixteen", Options{Interviewers: 5, Questions: 1, LPs: sixteen()},
			[][]string{{"a", "b"}, {"c", "d"}, {"e", "f"}, {"g", "h"}, {"i", "j"}}},
		{"wraps past the end", Options{Interviewers: 3, Questions: 1, LPs: []string{"x", "y", "z"}},
			[][]string{{"x", "y"}, {"z", "x"}, {"y", "z"}}},
		{"two LPs for three", Options{Interviewers: 3, Questions: 1, LPs: []string{"x", "y"}},
			[][]string{{"x", "y"}, {"x", "y"}, {"x", "y"}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d, err := NewDay(tt.opt)
			if err != nil {
				t.Fatal(err)
			}
			iv := d.Interviews()
			if len(iv) != len(tt.want) {
				t.Fatalf("%d rounds, want %d", len(iv), len(tt.want))
			}
			bars := 0
			for i, r := range iv {
				if !slices.Equal(r.LPs, tt.want[i]) {
					t.Errorf("round %d LPs %v, want %v", r.N, r.LPs, tt.want[i])
				}
				if r.N != i+1 {
					t.Errorf("round %d numbered %d", i+1, r.N)
				}
				if r.BarRaiser {
					bars++
				}
			}
			if bars != 1 {
				t.Errorf("%d bar raisers, want 1", bars)
			}
		})
	}
}

func TestNewDayRounds(t *testing.T) {
	d, err := NewDay(Options{Interviewers: 5, Questions: 1, LPs: sixteen(), EnglishRound: 2, Intro: true, Seed: 3})
	if err != nil {
		t.Fatal(err)
	}
	if len(d.Rounds) != 6 || !d.Rounds[0].Intro || d.Rounds[0].N != 0 {
		t.Fatalf("rounds %+v: want the introduction then 5", d.Rounds)
	}
	wantVoices := []string{"slt", "kal16", "awb", "rms", "kal"}
	names := map[string]bool{}
	for i, r := range d.Interviews() {
		if r.Voice != wantVoices[i] {
			t.Errorf("round %d voice %q, want %q", r.N, r.Voice, wantVoices[i])
		}
		if names[r.Interviewer] {
			t.Errorf("name %q used twice", r.Interviewer)
		}
		names[r.Interviewer] = true
		if r.English != (r.N == 2) {
			t.Errorf("round %d English = %v", r.N, r.English)
		}
	}
	again, _ := NewDay(Options{Interviewers: 5, Questions: 1, LPs: sixteen(), EnglishRound: 2, Intro: true, Seed: 3})
	if !slices.EqualFunc(d.Rounds, again.Rounds, func(a, b Round) bool { return a.BarRaiser == b.BarRaiser && slices.Equal(a.LPs, b.LPs) }) {
		t.Error("the same options and seed planned another day")
	}
	shuffled, _ := NewDay(Options{Interviewers: 8, Questions: 1, LPs: sixteen(), Shuffle: true, Seed: 3})
	var all []string
	for _, r := range shuffled.Interviews() {
		all = append(all, r.LPs...)
	}
	slices.Sort(all)
	if !slices.Equal(all, sixteen()) {
		t.Errorf("8 interviewers on 16 shuffled LPs assigned %v, want each LP once", all)
	}
}

func TestNewDayInvalid(t *testing.T) {
	tests := []struct {
		name string
		opt  Options
	}{
		{"no interviewers", Options{Interviewers: 0, Questions: 1, LPs: sixteen()}},
		{"too many", Options{Interviewers: 9, Questions: 1, LPs: sixteen()}},
		{"no questions", Options{Interviewers: 2, Questions: 0, LPs: sixteen()}},
		{"English round past the end", Options{Interviewers: 2, Questions: 1, LPs: sixteen(), EnglishRound: 3}},
		{"one LP", Options{Interviewers: 2, Questions: 1, LPs: []string{"a"}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := NewDay(tt.opt)
			if starloop.KindOf(err) != starloop.Invalid {
				t.Errorf("error %v, want kind Invalid", err)
			}
		})
	}
}

func TestProbe(t *testing.T) {
	br, plain := Round{BarRaiser: true}, Round{}
	const rq = "How did you measure it?"
	tests := []struct {
		name      string
		r         Round
		rubric    string
		asked     []string
		room      int
		want, why string
	}{
		{"others ask the rubric's", plain, rq, nil, 2, rq, ""},
		{"others ask nothing when the rubric has nothing", plain, "", nil, 2, "", ""},
		{"bar raiser: rubric's first with room to spare", br, rq, nil, 3, rq, ""},
		{"bar raiser: last slot is its own", br, rq, []string{"a", "b"}, 3, ProbeDifferently, ReasonBarRaiser},
		{"bar raiser: nothing from the rubric", br, "", nil, 3, ProbeDifferently, ReasonBarRaiser},
		{"bar raiser: then another time", br, "", []string{ProbeDifferently}, 3, ProbeAnother, ReasonBarRaiser},
		{"bar raiser: rubric's already asked", br, rq, []string{rq}, 3, ProbeDifferently, ReasonBarRaiser},
		{"bar raiser: both asked", br, rq, []string{ProbeDifferently, ProbeAnother}, 3, rq, ""},
		{"bar raiser: no follow-ups at all", br, rq, nil, 0, rq, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			q, why := tt.r.Probe(tt.rubric, tt.asked, tt.room)
			if q != tt.want || why != tt.why {
				t.Errorf("Probe = %q, %q; want %q, %q", q, why, tt.want, tt.why)
			}
		})
	}
}

// TestHostAndVoices: the introduction's host is not the first interviewer
// (another name, another voice), and with remote voices every person of
// the day has one of their own.
func TestHostAndVoices(t *testing.T) {
	d, err := NewDay(Options{Interviewers: MaxInterviewers, Questions: 1, LPs: sixteen(), Intro: true, Seed: 1})
	if err != nil {
		t.Fatal(err)
	}
	intro, first := d.Rounds[0], d.Rounds[1]
	if !intro.Intro || intro.Interviewer == first.Interviewer || intro.Voice == first.Voice {
		t.Errorf("introduction by %s (%s), first round by %s (%s): want two people who sound different",
			intro.Interviewer, intro.Voice, first.Interviewer, first.Voice)
	}
	remote := map[string]string{}
	for _, r := range d.Rounds {
		if r.RemoteVoice == "" {
			t.Errorf("%s has no remote voice", r.Interviewer)
		}
		if who, ok := remote[r.RemoteVoice]; ok {
			t.Errorf("%s and %s share the remote voice %s", who, r.Interviewer, r.RemoteVoice)
		}
		remote[r.RemoteVoice] = r.Interviewer
	}
}

// TestIntroGreetingCounts: the host of a one-interview day does not
// announce "1 interviews".
func TestIntroGreetingCounts(t *testing.T) {
	for _, tt := range []struct {
		total int
		want  string
	}{{1, "the day: 1 interview."}, {5, "the day: 5 interviews."}} {
		got := Round{Intro: true, Interviewer: "Jordan"}.Greeting(tt.total)
		if !strings.HasSuffix(got, tt.want) {
			t.Errorf("Greeting(%d) = %q, want it to end %q", tt.total, got, tt.want)
		}
	}
}

// TestRoundSetting: a round is recorded with the voice it spoke with: the
// flite voice offline, the remote voice (and the flite voice it falls back
// to) when speech is remote.
func TestRoundSetting(t *testing.T) {
	r := Round{N: 2, Interviewer: "Priya", Voice: "slt", RemoteVoice: "nova", LPs: []string{"ownership", "dive-deep"}, BarRaiser: true}
	for remote, want := range map[bool]string{
		false: "Priya, voice slt, LPs ownership+dive-deep, bar raiser",
		true:  "Priya, voice nova (offline slt), LPs ownership+dive-deep, bar raiser",
	} {
		if got := r.Setting(remote); got != want {
			t.Errorf("Setting(%v) = %q, want %q", remote, got, want)
		}
	}
}

// Package day plans a mock loop day, holds it, and writes its debrief.
//
// Data enters as Options (how many interviewers, questions each, which LPs
// need practice most, a seed), from which NewDay plans a Day: the rounds,
// each with an interviewer, a voice, two LPs, maybe the bar raiser or the
// English round, and what the interviewer says. Hold runs the rounds on
// the interviewer's ports (Setup: devices, backends, the session): one
// interviewer.Machine and Runner per round, answers numbered across the
// day, each kept answer checked for a retold story (Tracker) and for LP
// evidence that points elsewhere, and LP guesses scored (Guesser). It
// leaves as the saved session and a Debrief (per LP the evidence and gaps,
// per interviewer a leaning with reasons), rendered as Markdown, JSON and
// one or two spoken sentences. Only Hold does I/O; the rest reads no clock
// and draws on no global state.
package day

import (
	"fmt"
	"math/rand/v2"
	"slices"
	"strings"

	"github.com/starloop/starloop"
)

// MaxInterviewers is the most interviewers a day may have: real loops hold
// four to seven interviews, and eight keeps every name and LP pair distinct.
const MaxInterviewers = 8

// PerInterviewer is how many LPs each interviewer is assigned, as is usual.
const PerInterviewer = 2

// Mode is the "mode" setting a loop day's session is saved with.
const Mode = "loop"

// IntroQuestion opens the introduction round.
const IntroQuestion = "Before we start, tell me about yourself."

// The bar raiser's own probes, asked as follow-ups.
const (
	ProbeDifferently = "What would you do differently?"
	ProbeAnother     = "Tell me about another time."
	// ReasonBarRaiser is the follow-up reason recorded for those probes.
	ReasonBarRaiser = "bar_raiser"
)

// interviewers are the names and flite voices of the interviewers, in
// order: the voices alternate between female and male so that two rounds in
// a row never sound alike.
// Each also has a remote voice of their own (alloy, nova...), for --tts
// openai.
func interviewers() []person {
	return []person{
		{"Priya", "slt", "nova"}, {"Marcus", "kal16", "onyx"}, {"Alan", "awb", "fable"}, {"Richard", "rms", "echo"},
		{"Karl", "kal", "ash"}, {"Sofia", "slt", "shimmer"}, {"David", "kal16", "alloy"}, {"Ewan", "awb", "sage"},
	}
}

// host is who holds the introduction: the recruiter who walks the
// candidate through the day, not one of the interviewers, and with a voice
// unlike the first interviewer's.
func host() person { return person{"Jordan", "rms", "coral"} }

// person is someone the candidate meets: a name and voices.
type person struct{ name, voice, remote string }

// Options describe the day to plan.
type Options struct {
	// Interviewers is the number of interview rounds, 1 to MaxInterviewers.
	Interviewers int
	// Questions is the number of main questions each interviewer asks (at
	// least 1).
	Questions int
	// EnglishRound is the interviewer round (from 1) held in English only,
	// or 0 for none. Its lines say so.
	EnglishRound int
	// Intro adds the introduction round ("tell me about yourself") first.
	Intro bool
	// LPs are the LP ids to assign, most wanted first (stories.ByNeed's
	// order when there is a story bank). Empty or nil is an error. With
	// Shuffle the order is drawn from Seed instead.
	LPs     []string
	Shuffle bool
	// Seed draws the bar raiser (and the LP order with Shuffle).
	Seed uint64
}

// Round is one interview of the day.
type Round struct {
	// N is the round's number: 0 for the introduction, then 1, 2...
	N           int    `json:"n"`
	Interviewer string `json:"interviewer"`
	Voice       string `json:"voice"`
	// RemoteVoice is the interviewer's voice with a remote voice (--tts
	// openai).
	RemoteVoice string `json:"remote_voice,omitempty"`
	// LPs are the ids of the LPs the interviewer is assigned; none for the
	// introduction.
	LPs       []string `json:"lps,omitempty"`
	BarRaiser bool     `json:"bar_raiser,omitempty"`
	English   bool     `json:"english,omitempty"`
	Intro     bool     `json:"intro,omitempty"`
}

// Day is the plan of a loop day.
type Day struct {
	Rounds []Round `json:"rounds"`
}

// Interviews are the rounds other than the introduction.
func (d Day) Interviews() []Round {
	var out []Round
	for _, r := range d.Rounds {
		if !r.Intro {
			out = append(out, r)
		}
	}
	return out
}

// NewDay plans the day. Interviewer i (from 1) gets the LPs at places
// 2(i-1) and 2(i-1)+1 of the order, so the most needed LPs come first and
// no LP is assigned twice while the order lasts; past its end it wraps,
// never giving one interviewer the same LP twice. The bar raiser is drawn
// from Seed. Out-of-range counts are errors of kind Invalid.
func NewDay(opt Options) (Day, error) {
	const op = "plan loop"
	switch {
	case opt.Interviewers < 1 || opt.Interviewers > MaxInterviewers:
		return Day{}, starloop.Errorf(starloop.Invalid, "%s: %d interviewers; choose 1 to %d", op, opt.Interviewers, MaxInterviewers)
	case opt.Questions < 1:
		return Day{}, starloop.Errorf(starloop.Invalid, "%s: %d questions per interviewer; ask at least 1", op, opt.Questions)
	case opt.EnglishRound < 0 || opt.EnglishRound > opt.Interviewers:
		return Day{}, starloop.Errorf(starloop.Invalid, "%s: English round %d; choose 1 to %d, or 0 for none", op, opt.EnglishRound, opt.Interviewers)
	case len(opt.LPs) < PerInterviewer:
		return Day{}, starloop.Errorf(starloop.Invalid, "%s: %d LPs to assign; need at least %d", op, len(opt.LPs), PerInterviewer)
	}
	order := slices.Clone(opt.LPs)
	rng := rand.New(rand.NewPCG(opt.Seed, 0x100b))
	if opt.Shuffle {
		rng.Shuffle(len(order), func(i, j int) { order[i], order[j] = order[j], order[i] })
	}
	bar := 1 + rng.IntN(opt.Interviewers)
	var d Day
	if opt.Intro {
		who := host()
		d.Rounds = append(d.Rounds, Round{N: 0, Interviewer: who.name, Voice: who.voice, RemoteVoice: who.remote, Intro: true})
	}
	next := 0
	for i := 1; i <= opt.Interviewers; i++ {
		who := interviewers()[i-1]
		r := Round{N: i, Interviewer: who.name, Voice: who.voice, RemoteVoice: who.remote, BarRaiser: i == bar, English: i == opt.EnglishRound}
		for len(r.LPs) < PerInterviewer {
			id := order[next%len(order)]
			next++
			if !slices.Contains(r.LPs, id) {
				r.LPs = append(r.LPs, id)
			}
		}
		d.Rounds = append(d.Rounds, r)
	}
	return d, nil
}

// Greeting is what the interviewer says before the round's first question,
// for a day of total interviews. The LPs are not named, as in a real loop;
// the bar raiser says who they are.
func (r Round) Greeting(total int) string {
	var b strings.Builder
	switch {
	case r.Intro:
		interviews := "interviews"
		if total == 1 {
			interviews = "interview"
		}
		fmt.Fprintf(&b, "Hello, I am %s, and I will walk you through the day: %d %s.", r.Interviewer, total, interviews)
		return b.String()
	case r.English:
		fmt.Fprintf(&b, "Hello, I am %s. This is round %d of %d, the English round: please answer in English only.", r.Interviewer, r.N, total)
	default:
		fmt.Fprintf(&b, "Hello, I am %s. This is round %d of %d.", r.Interviewer, r.N, total)
	}
	if r.BarRaiser {
		b.WriteString(" I am the bar raiser today, from outside the hiring team, so expect me to dig.")
	}
	return b.String()
}

// Transitions are said before each of the round's main questions after the
// first (interviewer.Lines.Transitions).
func (r Round) Transitions() []string {
	if r.English {
		return []string{"Thank you. Next question, still in English.", "Good. In English again, please."}
	}
	return []string{"Thank you. Next question.", "Thanks. Let us move on."}
}

// Closing ends the round (interviewer.Lines.Closing).
func (r Round) Closing(last bool) string {
	switch {
	case r.Intro:
		return "Thank you. Your first interviewer is on the way."
	case r.English && !last:
		return "Thank you, that ends the English round. Your next interviewer is on the way."
	case last:
		return "That is all my questions, and the end of your loop. Thank you. Here is the debrief."
	}
	return "That is all my questions. Thank you. Your next interviewer is on the way."
}

// Probe chooses the follow-up the round's interviewer asks, given the one
// the rubric would ask (empty for none), the follow-ups already asked in
// the thread, and room, the most the thread may have. Interviewers other
// than the bar raiser ask the rubric's. The bar raiser asks the rubric's
// while it has one and the thread has room to spare, and otherwise
// "What would you do differently?" then "Tell me about another time.";
// its last follow-up is always one of those. reason is ReasonBarRaiser for
// them, else empty.
func (r Round) Probe(rubricQ string, asked []string, room int) (q, reason string) {
	if !r.BarRaiser || room < 1 {
		return rubricQ, ""
	}
	var left []string
	for _, p := range []string{ProbeDifferently, ProbeAnother} {
		if !slices.Contains(asked, p) {
			left = append(left, p)
		}
	}
	if len(left) == 0 {
		return rubricQ, ""
	}
	fresh := rubricQ != "" && !slices.Contains(asked, rubricQ)
	if !fresh || len(asked) >= room-1 {
		return left[0], ReasonBarRaiser
	}
	return rubricQ, ""
}

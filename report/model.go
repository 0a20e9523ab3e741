// Package report turns saved practice sessions into things a person reads:
// a terminal review, Markdown, JSON and one self-contained HTML page per
// session, plus progress across sessions.
//
// Data enters through Load (a session folder on disk, via session.Load,
// with each answer's recording read for delivery figures) or Build (values
// already in memory). It leaves through the renderers, which write to an
// io.Writer they are given: Text, Markdown, JSON, HTML, and for progress
// ProgressText and the HTML's progress section. Nothing here writes files.
package report

import (
	"errors"
	"io/fs"
	"math"
	"path/filepath"
	"strings"
	"time"

	"github.com/starloop/starloop"
	"github.com/starloop/starloop/audio"
	"github.com/starloop/starloop/delivery"
	"github.com/starloop/starloop/interviewer"
	"github.com/starloop/starloop/judge"
	"github.com/starloop/starloop/rubric"
	"github.com/starloop/starloop/session"
)

// Session is one session, ready to render.
type Session struct {
	ID    string        `json:"id"`
	Start time.Time     `json:"start"`
	End   time.Time     `json:"end,omitzero"`
	State session.State `json:"state"`
	// Crashed is true for a session a crash left in progress (see
	// session.Meta.Unclosed); State is then Interrupted.
	Crashed bool      `json:"crashed,omitempty"`
	LPs     []LPRef   `json:"lps"`
	Answers []*Answer `json:"answers"`
	// Debrief is a loop day's debrief as the day saved it (debrief.json):
	// the interviewers and their leanings, retold stories, answers that fit
	// another LP, the LP guesses. Nil for other sessions.
	Debrief *Debrief `json:"debrief,omitempty"`
	// DebriefText is the debrief as the day printed it (debrief.md).
	DebriefText string `json:"-"`
}

// LPRef names a Leadership Principle.
type LPRef struct {
	ID   string `json:"id"`
	Name string `json:"name"`
}

// Answer is one recorded answer with everything judged about it.
type Answer struct {
	N        int    `json:"n"`
	LP       LPRef  `json:"lp"` // the LP the question was asked for
	Question string `json:"question"`
	FollowUp bool   `json:"follow_up"`
	Reason   string `json:"reason,omitempty"` // why the follow-up was asked
	// Audio is the recording's file name inside the session folder.
	Audio      string              `json:"audio"`
	Transcript starloop.Transcript `json:"transcript"`
	// Rubric is the judgement of this answer; nil when its record was
	// lost (a crash between recording and saving).
	Rubric *rubric.Report `json:"rubric,omitempty"`
	// Story is, for a follow-up, the judgement of its whole thread (main
	// answer and follow-ups so far) when the interviewer stored it.
	Story *rubric.Report `json:"story,omitempty"`
	// Kind is judge.IntroKind for a loop day's introduction saved as one,
	// and Intro its check: such an answer has no Rubric, no STAR parts and
	// no Verdict. Empty for a story (and for an introduction saved before
	// kinds existed, which is shown as it always was).
	Kind     string            `json:"kind,omitempty"`
	Intro    *judge.IntroCheck `json:"intro,omitempty"`
	Delivery delivery.Figures  `json:"delivery"`
	// Parts are the seconds (or, untimed, the words) spent per STAR part;
	// zero (and left out of JSON) for an answer with no judgement.
	Parts PartTimes `json:"parts,omitzero"`
	// Demonstrated are the LPs the answer gave evidence of, best first, at
	// most three; AskedShown says whether the asked LP is among them.
	Demonstrated []rubric.LPScore `json:"demonstrated,omitempty"`
	AskedShown   bool             `json:"asked_shown"`
	// Verdict is judge.VerdictOf the story so far (Story for a follow-up);
	// empty for an introduction, which is no story.
	Verdict judge.Verdict `json:"verdict,omitempty"`
	// Missing says why the answer has no judgement or no audio, if so.
	Missing string `json:"missing,omitempty"`
	// Partial is set for an answer cut off before the person finished it
	// (q, Ctrl-C or a crash): progress shows it apart and does not
	// average it in.
	Partial bool `json:"partial,omitempty"`
}

// PartTimes is the time spent on each STAR part, in seconds when the
// transcript was timed, else in words (Timed false).
type PartTimes struct {
	Timed     bool    `json:"timed"`
	Situation float64 `json:"situation"`
	Task      float64 `json:"task"`
	Action    float64 `json:"action"`
	Result    float64 `json:"result"`
}

// Total is the sum of the four parts.
func (p PartTimes) Total() float64 { return p.Situation + p.Task + p.Action + p.Result }

// Options tune Load and Build.
type Options struct {
	// LPName returns the official name of an LP id; nil or "" leaves the id.
	LPName func(id string) string
	// NoAudio skips reading recordings: delivery figures then come from
	// word timings alone, with no pitch (fast, for progress over many
	// sessions).
	NoAudio bool
	// Delivery tunes the delivery figures.
	Delivery delivery.Options
}

func (o Options) name(id string) LPRef {
	if o.LPName != nil {
		if n := o.LPName(id); n != "" {
			return LPRef{ID: id, Name: n}
		}
	}
	return LPRef{ID: id, Name: id}
}

// Load reads session id from the sessions folder dir and judges its
// delivery from the recordings. A missing or unreadable recording leaves
// that answer without pitch and says so in Missing; it is not an error.
// Errors are those of session.Load (NotFound for an unknown id).
func Load(dir, id string, opt Options) (*Session, error) {
	meta, answers, err := session.Load(dir, id)
	if err != nil {
		return nil, err
	}
	folder := filepath.Join(dir, id)
	read := func(name string) ([]int16, error) {
		if opt.NoAudio {
			return nil, nil
		}
		return audio.ReadWAVFile(filepath.Join(folder, filepath.Base(name)))
	}
	s := Build(meta, answers, read, opt)
	s.Debrief, s.DebriefText = readDebrief(folder)
	return s, nil
}

// Build assembles a Session from what session.Load returns. readAudio
// returns an answer's recording by file name (nil, nil for none); it may
// be nil.
func Build(meta session.Meta, answers []session.Answer, readAudio func(name string) ([]int16, error), opt Options) *Session {
	s := &Session{ID: meta.ID, Start: meta.Start, End: meta.End, State: meta.State, Crashed: meta.Unclosed}
	for _, id := range meta.LPs {
		s.LPs = append(s.LPs, opt.name(id))
	}
	var story *rubric.Report // the thread's judgement so far
	for _, a := range answers {
		ans := &Answer{N: a.N, LP: opt.name(a.LP), Question: a.Question, FollowUp: a.FollowUp, Reason: a.Reason,
			Audio: a.Audio, Transcript: a.Transcript, Partial: partial(a)}
		j := judge.Decode(a.Report)
		if j != nil {
			ans.Rubric, ans.Story, ans.Kind, ans.Intro = j.Report, j.Story, j.Kind, j.Intro
		}
		switch {
		case ans.Kind != "":
			// Judged as what it is (an introduction), not as a story.
		case ans.Rubric == nil && a.FollowUp && strings.TrimSpace(a.Transcript.Text) == "" && story != nil:
			// Saved before nothing said was judged: the story stands as
			// the answers before told it.
			ans.Story = story
		case ans.Rubric == nil:
			ans.Missing = unjudged(a)
		}
		if a.Recovered {
			ans.Missing = joinNote("cut off by a crash: transcribed and judged afterwards, offline", ans.Missing)
		}
		if !a.FollowUp {
			story = nil
		}
		if r := ans.thread(); r != nil {
			story = r
		}
		var pcm []int16
		if readAudio != nil && a.Audio != "" {
			var err error
			pcm, err = readAudio(a.Audio)
			switch {
			case errors.Is(err, fs.ErrNotExist):
				ans.Missing = joinNote(ans.Missing, "recording missing")
			case err != nil:
				ans.Missing = joinNote(ans.Missing, "recording unreadable: "+err.Error())
			}
		}
		ans.Delivery = delivery.Measure(pcm, a.Transcript, opt.Delivery)
		if ans.Rubric != nil {
			ans.Parts = partTimes(ans.Rubric)
			for i, lp := range ans.Rubric.LP {
				if i == 3 {
					break
				}
				ans.Demonstrated = append(ans.Demonstrated, lp)
				if lp.ID == a.LP {
					ans.AskedShown = true
				}
			}
		}
		if ans.Kind == "" {
			ans.Verdict = judge.VerdictOf(ans.thread())
		}
		s.Answers = append(s.Answers, ans)
	}
	return s
}

// partial reports whether a was cut off: ended by q or Ctrl-C while the
// person spoke, or saved by recovery after a crash with no judgement.
func partial(a session.Answer) bool {
	if a.Recovered {
		return true
	}
	if a.Timings.EndReason == interviewer.EndQuit {
		return strings.TrimSpace(a.Transcript.Text) != "" || a.Timings.FirstSpeech > 0
	}
	return a.Timings.EndReason == "" && len(a.Report) == 0 && strings.TrimSpace(a.Transcript.Text) != ""
}

// unjudged says why answer a has no judgement saved: nothing was said
// (Enter on silence, a skip), the session was stopped with nothing said, or
// it stopped (a crash) before the judgement was saved.
func unjudged(a session.Answer) string {
	said := strings.TrimSpace(a.Transcript.Text) != ""
	switch {
	case !said && a.Timings.EndReason == interviewer.EndQuit:
		return "nothing was said before the session was stopped"
	case !said && a.Recovered:
		return "nothing was heard in the take a crash cut off"
	case !said && a.Timings.EndReason != "":
		return "nothing was said, so there was nothing to judge"
	}
	return "no judgement saved (the session stopped before it was)"
}

func joinNote(a, b string) string {
	if a == "" {
		return b
	}
	return a + "; " + b
}

// partTimes adds up span times per part, or span words when untimed.
func partTimes(r *rubric.Report) PartTimes {
	parts := [4]*rubric.Part{&r.STAR.Situation, &r.STAR.Task, &r.STAR.Action, &r.STAR.Result}
	timed := true
	for _, p := range parts {
		for _, sp := range p.Spans {
			if sp.StartTime == nil || sp.EndTime == nil {
				timed = false
			}
		}
	}
	var v [4]float64
	for i, p := range parts {
		for _, sp := range p.Spans {
			if timed {
				v[i] += *sp.EndTime - *sp.StartTime
			} else {
				v[i] += float64(sp.End - sp.Start)
			}
		}
		v[i] = math.Round(v[i]*100) / 100
	}
	return PartTimes{Timed: timed, Situation: v[0], Task: v[1], Action: v[2], Result: v[3]}
}

// IntroRows are the check of an introduction saved as one, as label and
// text: its length note, structure, key points and what is missing; none
// for any other answer.
func (a *Answer) IntroRows() [][2]string {
	if a.Kind != judge.IntroKind || a.Intro == nil {
		return nil
	}
	return a.Intro.Rows()
}

// heading is what the reports title answer a with: its kind and the LP
// asked ("Question · Ownership"), or "Introduction"; name writes the LP's
// name as the format needs it.
func (a *Answer) heading(name func(string) string) string {
	switch {
	case a.Kind == judge.IntroKind:
		return "Introduction"
	case a.FollowUp:
		return "Follow-up · " + name(a.LP.Name)
	}
	return "Question · " + name(a.LP.Name)
}

// thread is the report the verdict is on: the whole thread's for a
// follow-up that has one, else the answer's own.
func (a *Answer) thread() *rubric.Report {
	if a.Story != nil {
		return a.Story
	}
	return a.Rubric
}

// Notes are the short remarks a coach would add, in a fixed order: the
// story's gaps (judge.Gaps), then the delivery's.
func (a *Answer) Notes() []string {
	n := judge.Gaps(a.thread())
	d := a.Delivery
	if d.WPMSpeaking > 0 && d.WPMSpeaking < 110 {
		n = append(n, "slow pace")
	}
	if d.WPMSpeaking > 190 {
		n = append(n, "fast pace")
	}
	if d.Pitch.Monotone {
		n = append(n, "monotone delivery")
	}
	if d.MidPauses > 0 {
		n = append(n, "hesitant pauses mid-answer")
	}
	return n
}

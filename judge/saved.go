package judge

import (
	"encoding/json"
	"fmt"

	"github.com/starloop/starloop"
	"github.com/starloop/starloop/rubric"
)

// Verdict is the one-line leaning on a story, in the words every reader
// shows it: the terminal after each answer, review and every report format,
// the loop debrief and the sessions list. It is computed only by VerdictOf,
// from the judgement saved with the answer, so that they cannot disagree.
type Verdict string

// The verdicts, best first.
const (
	Strong   Verdict = "strong: a full STAR story with a measured result, told as I"
	Good     Verdict = "inclined: a clear story; see the notes"
	Weak     Verdict = "not inclined: parts of STAR are missing"
	NoAnswer Verdict = "no answer: no specific past story was told"
	Unknown  Verdict = "not judged"
)

// Inclined says whether an interviewer hearing a story with verdict v
// leans to hire: a strong story or a clear one.
func (v Verdict) Inclined() bool { return v == Strong || v == Good }

// VerdictOf is the verdict on a story judged r (Judged.Thread: for a
// follow-up the whole thread, since the interviewer hears the whole story);
// nil is Unknown. An answer that tells no one specific past time (a habit,
// a hypothetical) is no story, whatever parts it has: the parts are still
// reported, but an interviewer listening for evidence has none.
func VerdictOf(r *rubric.Report) Verdict {
	switch {
	case r == nil:
		return Unknown
	case !r.Answer || !r.Specific:
		return NoAnswer
	case r.Complete && r.Specific && r.MeasurableResult && !r.Ownership.MostlyWe && !r.TooLong:
		return Strong
	case r.STAR.Action.Present && r.STAR.Result.Present:
		return Good
	}
	return Weak
}

// Gaps are what the story judged r lacks, in a fixed order, as a coach
// says them ("no result", "no measurable result"); none for nil.
func Gaps(r *rubric.Report) []string {
	if r == nil {
		return nil
	}
	var n []string
	for _, p := range []struct {
		name string
		part rubric.Part
	}{{"situation", r.STAR.Situation}, {"task", r.STAR.Task}, {"action", r.STAR.Action}, {"result", r.STAR.Result}} {
		if !p.part.Present {
			n = append(n, "no "+p.name)
		}
	}
	if r.Answer && !r.Specific {
		n = append(n, "not one specific time: tell what happened once")
	}
	if r.Answer && !r.MeasurableResult {
		n = append(n, "no measurable result")
	}
	if r.Ownership.MostlyWe {
		n = append(n, fmt.Sprintf("mostly \"we\" (I %d, we %d): say what you did", r.Ownership.I, r.Ownership.We))
	}
	if r.TooLong {
		n = append(n, "too long: aim for about two minutes")
	}
	return n
}

// Thread is the report the verdict is on: for a follow-up the report on
// the whole thread, else the answer's own. Nil for a nil Judged.
func (j *Judged) Thread() *rubric.Report {
	if j == nil {
		return nil
	}
	if j.Story != nil {
		return j.Story
	}
	return j.Report
}

// Verdict is VerdictOf(j.Thread()).
func (j *Judged) Verdict() Verdict { return VerdictOf(j.Thread()) }

// Encode is the judgement j as it is saved with an answer
// (session.Answer.Report) and carried by interviewer.Verdict.Report; Decode
// reads it back.
func Encode(j Judged) (json.RawMessage, error) {
	b, err := json.Marshal(j)
	if err != nil {
		return nil, starloop.E("encode the judgement", starloop.Other, err)
	}
	return b, nil
}

// Decode reads a judgement as saved with an answer (session.Answer.Report):
// a Judged, or the coach's record around one ({"rubric": Judged, "coach":
// ...}). A Judged with a Kind (an introduction) is read as that kind alone:
// its Report and Story are nil, so it has no STAR verdict. A judgement saved before "specific" existed is read as it was
// meant then: "answer" was true only for one specific story. Decode
// returns nil for an empty or unreadable record.
func Decode(raw json.RawMessage) *Judged {
	if len(raw) == 0 {
		return nil
	}
	var keys struct {
		Answer *bool           `json:"answer"`
		Rubric json.RawMessage `json:"rubric"`
		Kind   string          `json:"kind"`
		Intro  *IntroCheck     `json:"intro"`
	}
	if json.Unmarshal(raw, &keys) != nil {
		return nil
	}
	if keys.Kind != "" {
		// No STAR story: its own check is all of its judgement.
		return &Judged{Kind: keys.Kind, Intro: keys.Intro}
	}
	if keys.Answer == nil && len(keys.Rubric) > 0 && string(keys.Rubric) != "null" {
		return Decode(keys.Rubric)
	}
	var j struct {
		rubric.Report
		Story *rubric.Report `json:"story"`
	}
	if json.Unmarshal(raw, &j) != nil {
		return nil
	}
	out := &Judged{Report: &j.Report, Story: j.Story}
	olderReport(raw, out.Report, out.Story)
	return out
}

// olderReport reads what a judgement saved before "specific" existed
// meant: then "answer" was true only for one specific story.
func olderReport(raw json.RawMessage, own, story *rubric.Report) {
	var keys struct {
		Specific *bool `json:"specific"`
		Story    *struct {
			Specific *bool `json:"specific"`
		} `json:"story"`
	}
	if json.Unmarshal(raw, &keys) != nil {
		return
	}
	if keys.Specific == nil {
		own.Specific = own.Answer
	}
	if story != nil && keys.Story != nil && keys.Story.Specific == nil {
		story.Specific = story.Answer
	}
}

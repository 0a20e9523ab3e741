// Package prompts is the interviewer's script: the 16 Leadership Principles
// (LPs) with their questions and follow-up ladders, the generic STAR
// follow-ups keyed by what an answer lacks, and the short lines the
// interviewer says between questions.
//
// Data enters only from lps.json, embedded in the binary at build time; Load
// parses and validates it and returns a Bank. Data leaves as strings and
// copies of LP values: a Bank is immutable after Load and safe for concurrent
// use, and nothing a caller does to a returned slice changes it. Every line
// is plain ASCII ending in "?" or ".", ready to be spoken by a TTS voice.
package prompts

import (
	"bytes"
	_ "embed"
	"encoding/json"
	"fmt"
	"slices"

	"github.com/starloop/starloop"
)

//go:embed lps.json
var bankJSON []byte

// LP is one Leadership Principle as the interviewer uses it.
type LP struct {
	// ID is stable and used by other packages and data files, e.g. "dive-deep".
	ID string `json:"id"`
	// Name is the principle's official title, e.g. "Dive Deep".
	Name string `json:"name"`
	// Meaning is one line, in starloop's words, of what the LP is about.
	Meaning string `json:"meaning"`
	// Signals are short phrases for what an interviewer listens for.
	Signals []string `json:"signals"`
	// Questions are opening questions, as interviewers phrase them; most do
	// not name the LP.
	Questions []string `json:"questions"`
	// FollowUps is the probing ladder, ordered from gentle to hard: ask
	// FollowUps[0] first and climb as the candidate holds up.
	FollowUps []string `json:"follow_ups"`
}

// clone returns a copy of lp that shares no memory with it.
func (lp LP) clone() LP {
	lp.Signals = slices.Clone(lp.Signals)
	lp.Questions = slices.Clone(lp.Questions)
	lp.FollowUps = slices.Clone(lp.FollowUps)
	return lp
}

// Reason says why the interviewer asks a generic follow-up: what the answer
// lacked, or ReasonLadder when nothing was missing and it is time to probe.
type Reason string

// The reasons a generic follow-up is asked. Their values are the keys of the
// "generic" object in lps.json.
const (
	ReasonMissingSituation Reason = "missing-situation" // no context: where, when, what was going on
	ReasonMissingTask      Reason = "missing-task"      // no goal or responsibility of the speaker
	ReasonMissingAction    Reason = "missing-action"    // no steps the speaker took
	ReasonMissingResult    Reason = "missing-result"    // the story never ends
	ReasonNoMeasure        Reason = "no-measure"        // a result with no number or measure
	ReasonMostlyWe         Reason = "mostly-we"         // "we" drowns out "I"
	ReasonTooLong          Reason = "too-long"          // over about 3 minutes: ask for the short version
	ReasonNoAnswer         Reason = "no-answer"         // no story at all: ask for one specific example
	ReasonLadder           Reason = "ladder"            // complete answer: generic probes, gentle to hard
)

// Reasons lists every Reason, in the order above.
func Reasons() []Reason {
	return []Reason{
		ReasonMissingSituation, ReasonMissingTask, ReasonMissingAction,
		ReasonMissingResult, ReasonNoMeasure, ReasonMostlyWe,
		ReasonTooLong, ReasonNoAnswer, ReasonLadder,
	}
}

// Bank is the validated prompt data. The zero value is empty and not useful;
// get one from Load.
type Bank struct {
	lps         []LP
	keys        []lpKeys // keys[i] are the lookup keys of lps[i]
	byID        map[string]int
	generic     map[Reason][]string
	wrapUp      string
	transitions []string
}

// bankFile is the layout of lps.json.
type bankFile struct {
	LPs         []LP                `json:"lps"`
	Generic     map[Reason][]string `json:"generic"`
	WrapUp      string              `json:"wrap_up"`
	Transitions []string            `json:"transitions"`
}

// Load parses and validates the embedded bank. It does so afresh on each call
// (about 2 ms), so callers should load once and share the Bank.
// An error means the embedded data is broken, which is a bug in the build.
func Load() (*Bank, error) {
	return parse(bankJSON)
}

// parse decodes and validates data in the layout of lps.json.
func parse(data []byte) (*Bank, error) {
	const op = "load prompt bank"
	var f bankFile
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&f); err != nil {
		return nil, starloop.E(op, starloop.Other, fmt.Errorf("decode lps.json: %w", err))
	}
	if dec.More() {
		return nil, starloop.Errorf(starloop.Other, "%s: lps.json: data after the top-level object", op)
	}
	if err := validate(&f); err != nil {
		return nil, starloop.E(op, starloop.Other, err)
	}
	b := &Bank{
		lps:         f.LPs,
		keys:        make([]lpKeys, len(f.LPs)),
		byID:        make(map[string]int, len(f.LPs)),
		generic:     f.Generic,
		wrapUp:      f.WrapUp,
		transitions: f.Transitions,
	}
	for i, lp := range f.LPs {
		b.byID[lp.ID] = i
		b.keys[i] = keysOf(lp)
	}
	// Lookup must find every LP by its id and by its name; with names that
	// collide after normalising it would not, so check here and not only in
	// tests.
	for _, lp := range f.LPs {
		for _, q := range []string{lp.ID, lp.Name} {
			got, err := b.Lookup(q)
			if err != nil {
				return nil, starloop.E(op, starloop.Other, err)
			}
			if got.ID != lp.ID {
				return nil, starloop.Errorf(starloop.Other, "%s: lookup of %q finds %s, not %s", op, q, got.ID, lp.ID)
			}
		}
	}
	return b, nil
}

// LPs returns every LP in the bank's fixed order (Customer Obsession first,
// Success and Scale last). The result is the caller's to modify.
func (b *Bank) LPs() []LP {
	out := make([]LP, len(b.lps))
	for i, lp := range b.lps {
		out[i] = lp.clone()
	}
	return out
}

// LP returns the LP with exactly this id (e.g. "dive-deep"). For names typed
// by a person use Lookup.
func (b *Bank) LP(id string) (LP, bool) {
	i, ok := b.byID[id]
	if !ok {
		return LP{}, false
	}
	return b.lps[i].clone(), true
}

// Name is the name of LP id ("Dive Deep" for "dive-deep"), or id itself
// when the bank has no such LP.
func (b *Bank) Name(id string) string {
	if lp, ok := b.LP(id); ok {
		return lp.Name
	}
	return id
}

// Generic returns the phrasings of the generic follow-up for r, or nil for a
// Reason not in Reasons(). Any phrasing will do except for ReasonLadder,
// whose lines are ordered from gentle to hard. The result is the caller's.
func (b *Bank) Generic(r Reason) []string {
	return slices.Clone(b.generic[r])
}

// WrapUp is the line spoken when an answer reaches its time cap.
func (b *Bank) WrapUp() string { return b.wrapUp }

// Transitions are short neutral lines spoken between questions ("Thanks.
// Next question."). The result is the caller's.
func (b *Bank) Transitions() []string { return slices.Clone(b.transitions) }

package rubric

import (
	"testing"

	"github.com/starloop/starloop/lexicon"
)

// bank is a small Questions with one LP ladder.
type bank struct{}

func (bank) Ladder(id string) []string {
	if id == "dive-deep" {
		return []string{"What data did you look at?", "What was the root cause?"}
	}
	return nil
}

func (bank) Generic(r Reason) []string {
	switch r {
	case ReasonLPLadder:
		return []string{"Tell me about another time."}
	case ReasonMissingAction:
		return []string{"What did you do?", "Walk me through your steps."}
	}
	return []string{"Generic " + string(r) + "?"}
}

// part is a part as the judge reports it: present with a clear margin, or
// clearly absent (further from present than any threshold of the policy
// grid, which stops at 64).
func part(present bool) Part {
	if present {
		return Part{Present: true, Margin: 10}
	}
	return Part{Margin: -80}
}

// report is a report as the judge gives it; an unmeasured result is one
// the measure model is sure of (further than any Measure of the policy
// grid, which stops at 128).
func report(s, t, a, r, measurable, mostlyWe, tooLong bool) *Report {
	unmeasured := -200.0
	if !measurable {
		unmeasured = 200
	}
	return &Report{
		unmeasured:       unmeasured,
		Answer:           true,
		Specific:         true,
		STAR:             STAR{Situation: part(s), Task: part(t), Action: part(a), Result: part(r)},
		MeasurableResult: measurable,
		Ownership:        owner(mostlyWe),
		TooLong:          tooLong,
		LP:               []LPScore{{ID: "dive-deep"}},
	}
}

// owner is "we" doing five action clauses to "I"'s none (more than any
// We of the policy grid, which stops at 4), or the reverse.
func owner(mostlyWe bool) Ownership {
	if mostlyWe {
		return Ownership{MostlyWe: true, WeAction: 5}
	}
	return Ownership{IAction: 3}
}

// weByOne is "we" ahead of "I" by a single action clause.
func weByOne(r *Report) *Report {
	r.Ownership = Ownership{MostlyWe: true, IAction: 2, WeAction: 3}
	return r
}

func unsureTask(r *Report) *Report {
	r.STAR.Task.Margin = -DefaultPolicy().Task / 2
	return r
}

// unsureMeasure is a result without a measure in a result clause, which
// the measure model is not sure states none (a number the recogniser may
// have lost, or one standing where a result nearly was).
func unsureMeasure(r *Report) *Report {
	r.unmeasured = DefaultPolicy().Measure / 2
	return r
}

// taskBetweenPolicies is a story without a task that the judge is sure
// enough of to ask for it in text, not in what a recogniser heard: its
// margin lies halfway between the two policies' thresholds.
func taskBetweenPolicies() *Report {
	r := report(true, false, true, true, true, false, false)
	r.STAR.Task.Margin = -(DefaultPolicy().Task + DefaultHeardPolicy().Task) / 2
	return r
}

// heard marks the report as judged from a recogniser's timed transcript.
func heard(r *Report) *Report {
	r.heard = true
	return r
}

func notSpecific(r *Report) *Report {
	r.Specific = false
	return r
}

func TestNextFollowUp(t *testing.T) {
	complete := report(true, true, true, true, true, false, false)
	tests := []struct {
		name   string
		r      *Report
		opt    Options
		reason Reason
		q      string
	}{
		{"non-answer", &Report{}, Options{}, ReasonNoAnswer, "Generic no_answer?"},
		{"action first", report(false, false, false, false, false, false, false), Options{}, ReasonMissingAction, "What did you do?"},
		{"then result", report(false, false, false, false, false, false, false),
			Options{Asked: []string{"what did you do"}}, ReasonMissingResult, "Generic missing_result?"},
		{"situation before task", report(false, false, true, true, true, false, false), Options{}, ReasonMissingSituation, "Generic missing_situation?"},
		{"task", report(true, false, true, true, true, false, false), Options{}, ReasonMissingTask, "Generic missing_task?"},
		{"a part the judge is unsure is missing is not asked for", unsureTask(report(true, false, true, true, true, false, false)), Options{}, ReasonLPLadder, "What data did you look at?"},
		{"no measure", report(true, true, true, true, false, true, true), Options{}, ReasonNoMeasure, "Generic no_measure?"},
		{"a measure the judge is unsure was left out is not asked for", unsureMeasure(report(true, true, true, true, false, false, false)), Options{}, ReasonLPLadder, "What data did you look at?"},
		{"a task unsure enough for text is not asked for in what was heard", heard(taskBetweenPolicies()), Options{}, ReasonLPLadder, "What data did you look at?"},
		{"the same task missing in text is asked for", taskBetweenPolicies(), Options{}, ReasonMissingTask, "Generic missing_task?"},
		{"a habit of one part: one particular time first", notSpecific(report(false, false, true, false, false, false, false)), Options{}, ReasonNotSpecific, "Generic not_specific?"},
		{"a habit of three parts is not sent back for an example", notSpecific(report(true, false, true, true, false, false, false)), Options{}, ReasonMissingTask, "Generic missing_task?"},
		{"mostly we", report(true, true, true, true, true, true, true), Options{}, ReasonMostlyWe, "Generic mostly_we?"},
		{"we ahead of I by one clause is not asked about", weByOne(report(true, true, true, true, true, true, false)), Options{}, ReasonLPLadder, "What data did you look at?"},
		{"too long", report(true, true, true, true, true, false, true), Options{}, ReasonTooLong, "Generic too_long?"},
		{"ladder of the top LP", complete, Options{}, ReasonLPLadder, "What data did you look at?"},
		{"ladder skips what was asked, whatever the case and punctuation", complete,
			Options{Asked: []string{"WHAT DATA did you look at"}}, ReasonLPLadder, "What was the root cause?"},
		{"unknown LP falls back to the generic probes", complete, Options{LP: "no-such-lp"}, ReasonLPLadder, "Tell me about another time."},
		{"everything asked", complete,
			Options{Asked: []string{"What data did you look at?", "What was the root cause?", "Tell me about another time."}}, ReasonLPLadder, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := tt.r.NextFollowUp(bank{}, tt.opt)
			if got.Reason != tt.reason || got.Question != tt.q {
				t.Errorf("got %q %q, want %q %q", got.Reason, got.Question, tt.reason, tt.q)
			}
			if got.Why == "" {
				t.Error("no why")
			}
		})
	}
}

func TestNormalise(t *testing.T) {
	if a, b := lexicon.Normalise("What did you  DO, personally?"), lexicon.Normalise("what did you do personally"); a != b {
		t.Errorf("%q != %q", a, b)
	}
}

package interviewer

import (
	"bytes"
	"testing"
	"time"

	"github.com/starloop/starloop/internal/golden"
)

// showSession drives a view through one answer and its verdict.
func showSession(v View) {
	q := Question{LP: "ownership", Text: "Tell me about a time you took ownership."}
	st := Status{Question: q, Main: 1, Of: 3, Answer: 1, Level: -90}
	v.Spoken(q.Text)
	st.State = Asking
	v.Status(st)
	st.State = Listening
	v.Status(st)
	st.Elapsed, st.Level, st.Speech, st.Heard = 4200*time.Millisecond, -18, true, "so last year I"
	v.Status(st)
	// 60 ms later, only the level changed: not worth a redraw.
	st.Elapsed, st.Level = 4260*time.Millisecond, -24
	v.Status(st)
	st.Elapsed, st.Level, st.Heard = 95*time.Second, -30, "so last year I led the migration of our billing service to a new database and we cut costs"
	v.Status(st)
	st.State, st.Elapsed, st.Level, st.Speech = Pending, 97*time.Second, -70, false
	v.Status(st)
	st.State = Judging
	v.Status(st)
	v.Verdict(1, q, Verdict{Situation: true, Action: true, Result: true, Measures: []string{"40 percent", "two weeks"}, I: 7, We: 2, Words: 212, Length: 96 * time.Second,
		Clauses: []Clause{
			{"situation", "So last year our billing service ran on a database that was falling over every week,"},
			{"action", "and I led the migration to a new database,"},
			{"action", "I wrote the plan and ran both side by side for two weeks."},
			{"", "Um, yeah."},
			{"result", "We cut costs by 40 percent."},
		}})
	v.TurnLatency(1, 1500*time.Microsecond)
	v.Spoken("How did you measure it?")
	st.State, st.Question, st.Answer = FollowingUp, Question{LP: "ownership", Text: "How did you measure it?", FollowUp: true}, 2
	v.Status(st)
	v.Verdict(2, st.Question, Verdict{})
	// The next main question is asked: not "following up".
	v.Spoken("Thank you. Next question. Tell me about a time you disagreed.")
	st.State, st.Question, st.Main, st.Answer = FollowingUp, Question{LP: "backbone", Text: "Tell me about a time you disagreed."}, 2, 3
	v.Status(st)
	st.State = Listening
	v.Status(st)
	v.Note("Skipped.")
	st.State, st.Closing = FollowingUp, true
	v.Status(st)
	st.State = Done
	v.Status(st)
}

func TestTextView(t *testing.T) {
	tests := []struct {
		name           string
		redraw         bool
		width          int
		color, verbose bool
	}{
		{"textview-lines.golden", false, 0, false, false},
		{"textview-terminal.golden", true, 72, false, false},
		{"textview-color.golden", true, 72, true, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var b bytes.Buffer
			showSession(NewTextView(&b, tt.redraw, tt.width).Style(tt.color, tt.verbose))
			golden.Check(t, tt.name, b.Bytes())
		})
	}
}

func TestMeter(t *testing.T) {
	// Ten cells for 60 dB: one per 6 dB above -60 dBFS.
	tests := []struct {
		level float64
		want  string
	}{
		{-100, "[..........]"},
		{-60, "[..........]"},
		{-54, "[#.........]"},
		{-30, "[#####.....]"},
		{-0.5, "[#########.]"},
		{0, "[##########]"},
		{3, "[##########]"},
	}
	for _, tt := range tests {
		if got := meter(tt.level); got != tt.want {
			t.Errorf("meter(%v) = %s, want %s", tt.level, got, tt.want)
		}
	}
}

package rubric

import (
	"strings"
	"testing"
	"time"
	"unicode"

	"github.com/starloop/starloop"
)

// FuzzAnalyze feeds Analyze arbitrary text, untimed and timed, and checks
// that it does not panic and that the report keeps its invariants.
func FuzzAnalyze(f *testing.F) {
	seeds := []string{
		"",
		" ",
		"At my last job our deploys kept failing. I was responsible for the pipeline. I rewrote the tests. As a result, failures dropped from 30% to 5%.",
		"so at my previous company we had this old billing system i dug into the logs and found a leak in the end we had zero crashes for six months",
		"I always try to put the customer first and I would listen to them.",
		"from four hours to twenty minutes, $2M, 3x, p99, ranked first, top three, cut it in half, a hundred and twenty, twenty nineteen",
		"um uh like you know I mean kind of sort of basically actually",
		"— – -- ... ;;; !!! ???",
		"\x00\xff\xfe binary \x80",
		"one point two point three point",
		"from from from to to to 1 2 3",
		"a a a hundred and and and",
		"the the the team was was was",
	}
	for _, s := range seeds {
		f.Add(s, false)
		f.Add(s, true)
	}
	a := New()
	f.Fuzz(func(t *testing.T, text string, timed bool) {
		tr := starloop.Transcript{Text: text}
		if timed {
			// One word per field, 300 ms each, with odd timings mixed in
			// (zero length, going backwards) to exercise the guards.
			for i, w := range strings.Fields(text) {
				start := time.Duration(i) * 300 * time.Millisecond
				end := start + 250*time.Millisecond
				if i%7 == 3 {
					end = start - time.Millisecond
				}
				tr.Words = append(tr.Words, starloop.Word{Text: w, Start: start, End: end})
			}
		}
		r := a.Analyze(tr, Options{LP: "dive-deep", Asked: []string{"Can you tell me more about that?"}})
		checkInvariants(t, tr, r)
	})
}

// checkInvariants checks what every report must satisfy.
func checkInvariants(t *testing.T, tr starloop.Transcript, r *Report) {
	t.Helper()
	if !tr.Timed() {
		if want := countWords(tr.Text); r.Words != want {
			t.Errorf("words = %d, want %d", r.Words, want)
		}
	}
	sum := 0.0
	for name, p := range map[string]Part{"situation": r.STAR.Situation, "task": r.STAR.Task, "action": r.STAR.Action, "result": r.STAR.Result} {
		if p.Share < 0 || p.Share > 1 {
			t.Errorf("%s share %v out of [0, 1]", name, p.Share)
		}
		sum += p.Share
		for _, sp := range p.Spans {
			if sp.Start < 0 || sp.End > r.Words || sp.Start >= sp.End {
				t.Errorf("%s span %d..%d out of 0..%d", name, sp.Start, sp.End, r.Words)
			}
		}
	}
	if sum > 1.0001 {
		t.Errorf("shares sum to %v", sum)
	}
	for _, m := range r.Metrics {
		if m.Start < 0 || m.End > r.Words || m.Start >= m.End {
			t.Errorf("metric %q spans %d..%d out of 0..%d", m.Text, m.Start, m.End, r.Words)
		}
	}
	for _, l := range r.LP {
		if l.Score < 0 || l.Score > 1 {
			t.Errorf("LP %s score %v out of [0, 1]", l.ID, l.Score)
		}
	}
	if r.Complete && !(r.STAR.Situation.Present && r.STAR.Task.Present && r.STAR.Action.Present && r.STAR.Result.Present) {
		t.Error("complete without all four parts")
	}
	if !r.Answer && (r.Specific || r.FollowUp.Reason != ReasonNoAnswer) {
		t.Errorf("a non-answer marked specific (%v) or followed up with %q", r.Specific, r.FollowUp.Reason)
	}
	for _, mt := range r.Metrics {
		if mt.InResult && !r.MeasurableResult {
			t.Errorf("measure %q in the result, but no measurable result", mt.Text)
		}
	}
	if r.FollowUp.Reason == "" {
		t.Error("no follow-up reason")
	}
}

// countWords is the definition of a word, written independently of the
// tokenizer: split on white space, hyphens, dashes, slashes, brackets,
// quotes and ! ? ; and keep pieces with a letter or digit.
func countWords(s string) int {
	n := 0
	for _, f := range strings.FieldsFunc(s, func(r rune) bool {
		return r == unicode.ReplacementChar || unicode.IsSpace(r) || unicode.IsControl(r) ||
			strings.ContainsRune("-\u2010\u2011\u2012\u2013\u2014\u2015/\\()[]{}<>\"\u201c\u201d!?;*|=~\u2026", r)
	}) {
		if strings.IndexFunc(f, func(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) }) >= 0 {
			n++
		}
	}
	return n
}

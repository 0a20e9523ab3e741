package corpus

import (
	"fmt"
	"io"
	"runtime"
	"sort"
	"strings"

	"github.com/starloop/starloop/rubric"
)

// LabelNames are the answer-level labels scored, in report order.
var LabelNames = []string{"answer", "specific", "situation", "task", "action", "result", "measurable_result", "mostly_we"}

// Score is how well a judge agrees with the labels of a set of answers.
type Score struct {
	N       int
	Correct map[string]int // per label in LabelNames
	// LPTop1 and LPTop3 count answers whose asked LP the judge ranks first
	// or among its first three (over answers labelled as answers).
	LPTop1, LPTop3, LPN int
	// LPScore1 sums the score of the first-ranked LP, to compare with how
	// often it is right (calibration).
	LPScore1 float64
	// WrongFollowUps counts follow-ups that ask for something the answer
	// gave; Wrong lists them as "id: reason".
	WrongFollowUps int
	Wrong          []string
	// Gaps counts answers with something to ask for (a missing part, an
	// unmeasured result, "we" for "I", not one specific time); GapsAsked,
	// those whose follow-up asks for one of their gaps.
	Gaps, GapsAsked int
	// Errors lists "label id" for each disagreement, for looking into.
	Errors []string
}

// Acc is the accuracy for one label.
func (s Score) Acc(label string) float64 {
	if s.N == 0 {
		return 0
	}
	return float64(s.Correct[label]) / float64(s.N)
}

// Evaluate judges every answer (written, or spoken when spoken is true;
// answers with no spoken form are then skipped) and compares.
func Evaluate(an *rubric.Analyzer, answers []Answer, spoken bool) Score {
	s := Score{Correct: map[string]int{}}
	for _, a := range answers {
		if r := Judge(an, a, spoken); r != nil {
			s.Add(a, r)
		}
	}
	return s
}

// Judge analyses the written or spoken form of a, or returns nil when it
// has no spoken form.
func Judge(an *rubric.Analyzer, a Answer, spoken bool) *rubric.Report {
	ex := a.TextExample()
	if spoken {
		var ok bool
		if ex, ok = a.SpokenExample(); !ok {
			return nil
		}
	}
	return an.Analyze(ex.Transcript, rubric.Options{LP: a.LP, Question: a.Question})
}

// Add scores one judged answer.
func (s *Score) Add(a Answer, r *rubric.Report) {
	if s.Correct == nil {
		s.Correct = map[string]int{}
	}
	s.N++
	l := a.Labels
	got := map[string]bool{
		"answer": r.Answer, "specific": r.Specific,
		"situation": r.STAR.Situation.Present, "task": r.STAR.Task.Present,
		"action": r.STAR.Action.Present, "result": r.STAR.Result.Present,
		"measurable_result": r.MeasurableResult, "mostly_we": r.Ownership.MostlyWe,
	}
	want := map[string]bool{
		"answer": l.Answer, "specific": l.Specific, "situation": l.Situation, "task": l.Task,
		"action": l.Action, "result": l.Result, "measurable_result": l.MeasurableResult, "mostly_we": l.MostlyWe,
	}
	for _, n := range LabelNames {
		if got[n] == want[n] {
			s.Correct[n]++
		} else {
			s.Errors = append(s.Errors, fmt.Sprintf("%s %s (want %v)", n, a.ID, want[n]))
		}
	}
	if l.Answer {
		s.LPN++
		if len(r.LP) > 0 {
			s.LPScore1 += r.LP[0].Score
		}
		for i, lp := range r.LP {
			if i >= 3 {
				break
			}
			if lp.ID == a.LP {
				if i == 0 {
					s.LPTop1++
				}
				s.LPTop3++
			}
		}
	}
	if gaps := Gaps(a); len(gaps) > 0 {
		s.Gaps++
		for _, g := range gaps {
			if g == r.FollowUp.Reason {
				s.GapsAsked++
			}
		}
	}
	if why := WrongFollowUp(a, r.FollowUp.Reason); why != "" {
		s.WrongFollowUps++
		s.Wrong = append(s.Wrong, a.ID+": "+why)
	}
}

// WrongFollowUp says why asking for reason would ask for something the
// answer gave, or "" when it would not: a part it told, a measure its
// result gave, "what did you do personally" when the actions were the
// speaker's, or a specific example when it told a story of three or more
// parts.
func WrongFollowUp(a Answer, reason rubric.Reason) string {
	l := a.Labels
	parts := 0
	for _, p := range []bool{l.Situation, l.Task, l.Action, l.Result} {
		if p {
			parts++
		}
	}
	switch {
	case reason == rubric.ReasonMissingSituation && l.Situation,
		reason == rubric.ReasonMissingTask && l.Task,
		reason == rubric.ReasonMissingAction && l.Action,
		reason == rubric.ReasonMissingResult && l.Result,
		reason == rubric.ReasonNoMeasure && l.MeasurableResult,
		reason == rubric.ReasonMostlyWe && !l.MostlyWe:
		return string(reason) + " asked, but the answer gave it"
	case (reason == rubric.ReasonNoAnswer || reason == rubric.ReasonNotSpecific) && parts >= 3:
		return string(reason) + " asked of a story with " + fmt.Sprint(parts) + " parts"
	}
	return ""
}

// Gaps lists the follow-ups that would ask for something the answer
// really lacks.
func Gaps(a Answer) []rubric.Reason {
	l := a.Labels
	if !l.Answer {
		return []rubric.Reason{rubric.ReasonNoAnswer}
	}
	var out []rubric.Reason
	parts := 0
	for _, p := range []struct {
		has    bool
		reason rubric.Reason
	}{{l.Situation, rubric.ReasonMissingSituation}, {l.Task, rubric.ReasonMissingTask}, {l.Action, rubric.ReasonMissingAction}, {l.Result, rubric.ReasonMissingResult}} {
		if p.has {
			parts++
		} else {
			out = append(out, p.reason)
		}
	}
	if l.Result && !l.MeasurableResult {
		out = append(out, rubric.ReasonNoMeasure)
	}
	if l.MostlyWe {
		out = append(out, rubric.ReasonMostlyWe)
	}
	if !l.Specific && parts < 3 {
		out = append(out, rubric.ReasonNotSpecific)
	}
	return out
}

// Print writes the scores as a table row per label.
func (s Score) Print(w io.Writer, title string) {
	fmt.Fprintf(w, "%s (%d answers)\n", title, s.N)
	for _, n := range LabelNames {
		fmt.Fprintf(w, "  %-18s %.3f\n", n, s.Acc(n))
	}
	if s.LPN > 0 {
		fmt.Fprintf(w, "  %-18s %.3f / %.3f (mean top score %.3f)\n", "LP top-1 / top-3", float64(s.LPTop1)/float64(s.LPN), float64(s.LPTop3)/float64(s.LPN), s.LPScore1/float64(s.LPN))
	}
	if s.N > 0 {
		fmt.Fprintf(w, "  %-18s %.3f (%d)\n", "wrong follow-ups", float64(s.WrongFollowUps)/float64(s.N), s.WrongFollowUps)
		fmt.Fprintf(w, "  %-18s %.3f (%d of %d)\n", "gaps asked for", float64(s.GapsAsked)/float64(max(s.Gaps, 1)), s.GapsAsked, s.Gaps)
	}
}

// Writers lists the writers of the answers, sorted.
func Writers(answers []Answer) []string {
	seen := map[string]bool{}
	var out []string
	for _, a := range answers {
		if !seen[a.Writer] {
			seen[a.Writer] = true
			out = append(out, a.Writer)
		}
	}
	sort.Strings(out)
	return out
}

// Examples turns answers into training examples, four of each where it
// can: as written; as written but in lower case with no punctuation (a
// transcript from a recogniser that gives neither, or typed that way); as
// recognised, with word timings; and as recognised without them (a remote
// recogniser that gives none). A judge trained on all four does not lean
// on punctuation or pauses where a transcript has none.
func Examples(answers []Answer) []rubric.Example {
	var out []rubric.Example
	for _, a := range answers {
		ex := a.TextExample()
		out = append(out, ex, Unpunctuated(ex))
		if ex, ok := a.SpokenExample(); ok {
			untimed := ex
			untimed.Transcript.Words = nil
			out = append(out, ex, untimed)
		}
	}
	return out
}

// Unpunctuated is ex in lower case with every punctuation mark that ends
// or splits a clause replaced by a space, keeping the byte offsets of its
// spans.
func Unpunctuated(ex rubric.Example) rubric.Example {
	b := []byte(strings.ToLower(ex.Transcript.Text))
	if len(b) != len(ex.Transcript.Text) {
		return ex // lower-casing changed the length: leave it as it is
	}
	for i, c := range b {
		switch c {
		case '.', ',', ';', ':', '!', '?', '"', '(', ')':
			// A decimal point or thousands separator stays: "2.5", "1,200".
			if (c == '.' || c == ',') && i > 0 && i+1 < len(b) && isDigit(b[i-1]) && isDigit(b[i+1]) {
				continue
			}
			b[i] = ' '
		}
	}
	ex.Transcript.Text = string(b)
	return ex
}

func isDigit(c byte) bool { return c >= '0' && c <= '9' }

// Merge adds t's counts to s.
func (s *Score) Merge(t Score) {
	if s.Correct == nil {
		s.Correct = map[string]int{}
	}
	s.N += t.N
	for k, v := range t.Correct {
		s.Correct[k] += v
	}
	s.LPTop1 += t.LPTop1
	s.LPTop3 += t.LPTop3
	s.LPN += t.LPN
	s.LPScore1 += t.LPScore1
	s.WrongFollowUps += t.WrongFollowUps
	s.Gaps += t.Gaps
	s.GapsAsked += t.GapsAsked
	s.Wrong = append(s.Wrong, t.Wrong...)
	s.Errors = append(s.Errors, t.Errors...)
}

// LeaveOneWriterOut trains the judge once per writer on the other writers'
// answers (and the question bank); each gets, in turn, every writer with
// the judge trained without them and their answers. The folds train at
// once on as many cores as Go may use, and each is called in writer order
// from the calling goroutine.
func LeaveOneWriterOut(answers []Answer, lps []string, each func(writer string, an *rubric.Analyzer, test []Answer)) {
	writers := Writers(answers)
	ready := make([]chan *rubric.Analyzer, len(writers))
	tests := make([][]Answer, len(writers))
	slots := make(chan struct{}, runtime.GOMAXPROCS(0))
	for i, w := range writers {
		var train []Answer
		for _, a := range answers {
			if a.Writer == w {
				tests[i] = append(tests[i], a)
			} else {
				train = append(train, a)
			}
		}
		ready[i] = make(chan *rubric.Analyzer, 1)
		go func() {
			slots <- struct{}{}
			defer func() { <-slots }()
			ready[i] <- rubric.Train(append(Examples(train), BankExamples()...), lps).Analyzer()
		}()
	}
	for i, w := range writers {
		each(w, <-ready[i], tests[i])
	}
}

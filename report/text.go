package report

import (
	"bufio"
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/starloop/starloop/numerals"
	"github.com/starloop/starloop/rubric"
)

// partNames are the STAR labels in order, as the rubric writes them.
func partNames() [4]string { return [4]string{"situation", "task", "action", "result"} }

func partValue(p PartTimes, i int) float64 {
	return [4]float64{p.Situation, p.Task, p.Action, p.Result}[i]
}

// Text writes the terminal review of s: per answer the question, the
// transcript with its STAR parts marked [S] [T] [A] [R], measures, I/we,
// delivery, the LPs shown against the LP asked, the follow-up that came
// next and a verdict; for a loop day's introduction its own check
// (length, structure, key points) in place of STAR and verdict. It uses no colour, so it reads the same in a pipe.
func Text(w io.Writer, s *Session) error {
	b := bufio.NewWriter(w)
	fmt.Fprintf(b, "Session %s  %s\n", s.ID, headline(s))
	fmt.Fprintf(b, "LPs: %s\n", lpNames(s.LPs))
	for i, a := range s.Answers {
		fmt.Fprintln(b)
		fmt.Fprintf(b, "Answer %d · %s\n", a.N, a.heading(func(s string) string { return s }))
		fmt.Fprintf(b, "  Q: %s\n", a.Question)
		if a.FollowUp && a.Reason != "" {
			fmt.Fprintf(b, "     (asked because: %s)\n", strings.ReplaceAll(a.Reason, "_", " "))
		}
		for _, line := range markedLines(a) {
			fmt.Fprintf(b, "  %s\n", line)
		}
		if a.Missing != "" {
			fmt.Fprintf(b, "  Note      %s\n", a.Missing)
		}
		if r := a.Rubric; r != nil {
			fmt.Fprintf(b, "  STAR      %s%s\n", partsLine(a.Parts), completeness(r))
			fmt.Fprintf(b, "  Measures  %s\n", measures(r))
			fmt.Fprintf(b, "  I / we    %d / %d\n", r.Ownership.I, r.Ownership.We)
			fmt.Fprintf(b, "  LPs shown %s\n", demonstrated(a))
		}
		for _, r := range a.IntroRows() {
			fmt.Fprintf(b, "  %-9s %s\n", r[0], r[1])
		}
		fmt.Fprintf(b, "  Delivery  %s\n", deliveryLine(a))
		if i+1 < len(s.Answers) && s.Answers[i+1].FollowUp {
			fmt.Fprintf(b, "  Next      follow-up: %q\n", s.Answers[i+1].Question)
		}
		if a.Verdict != "" {
			fmt.Fprintf(b, "  Verdict   %s\n", a.Verdict)
		}
		if n := a.Notes(); len(n) > 0 {
			fmt.Fprintf(b, "  Notes     %s\n", strings.Join(n, "; "))
		}
	}
	if s.DebriefText != "" {
		fmt.Fprintf(b, "\n%s", s.DebriefText)
	}
	return b.Flush()
}

// headline is the one-line summary of a session used by Text and lists.
func headline(s *Session) string {
	state := string(s.State)
	if s.Crashed {
		state = "interrupted (crashed; recovered)"
	}
	return fmt.Sprintf("%s  %s  %d answer(s)  %s", s.Start.Format("2006-01-02 15:04"), clock(s.Duration()), len(s.Answers), state)
}

// Duration is how long the session ran: End-Start, or, when it never
// closed, until the end of the last answer's words.
func (s *Session) Duration() time.Duration {
	if !s.End.IsZero() {
		return s.End.Sub(s.Start).Round(time.Second)
	}
	var d time.Duration
	for _, a := range s.Answers {
		d += a.Delivery.Duration
	}
	return d.Round(time.Second)
}

func lpNames(lps []LPRef) string {
	names := make([]string, len(lps))
	for i, l := range lps {
		names[i] = l.Name
	}
	if len(names) == 0 {
		return "-"
	}
	return strings.Join(names, ", ")
}

// clock formats d as m:ss.
func clock(d time.Duration) string {
	d = d.Round(time.Second)
	return fmt.Sprintf("%d:%02d", int(d.Minutes()), int(d.Seconds())%60)
}

// markedLines is the transcript, one clause run per line, each led by its
// STAR letter ([-] for unlabelled).
func markedLines(a *Answer) []string {
	if a.Rubric == nil || len(a.Rubric.Clauses) == 0 {
		if a.Transcript.Text == "" {
			return []string{"(nothing was heard)"}
		}
		return []string{"    " + numerals.Text(a.Transcript.Text)}
	}
	var out []string
	for _, run := range clauseRuns(a.Rubric.Clauses) {
		out = append(out, "["+letter(run.Label)+"] "+run.Text)
	}
	return out
}

// clauseRuns joins consecutive clauses with the same label, their text
// as shown (numbers as numerals).
func clauseRuns(cs []rubric.Clause) []rubric.Clause {
	var out []rubric.Clause
	for _, c := range cs {
		if n := len(out); n > 0 && out[n-1].Label == c.Label {
			out[n-1].Text += " " + c.Text
			out[n-1].End = c.End
			continue
		}
		out = append(out, c)
	}
	for i := range out {
		out[i].Text = numerals.Text(out[i].Text)
	}
	return out
}

func letter(label string) string {
	if label == "" {
		return "-"
	}
	return strings.ToUpper(label[:1])
}

func partsLine(p PartTimes) string {
	unit := "s"
	if !p.Timed {
		unit = "w"
	}
	var f []string
	for i, n := range partNames() {
		f = append(f, fmt.Sprintf("%s %.1f%s", strings.ToUpper(n[:1]), partValue(p, i), unit))
	}
	return strings.Join(f, "  ")
}

func completeness(r *rubric.Report) string {
	n := 0
	for _, p := range []bool{r.STAR.Situation.Present, r.STAR.Task.Present, r.STAR.Action.Present, r.STAR.Result.Present} {
		if p {
			n++
		}
	}
	return fmt.Sprintf("  (%d/4 parts)", n)
}

func measures(r *rubric.Report) string {
	if len(r.Metrics) == 0 {
		return "none"
	}
	var f []string
	for _, m := range r.Metrics {
		s := numerals.Text(m.Text)
		if m.InResult {
			s += " (in the result)"
		}
		f = append(f, s)
	}
	return strings.Join(f, "; ")
}

func demonstrated(a *Answer) string {
	var f []string
	for _, lp := range a.Demonstrated {
		f = append(f, fmt.Sprintf("%s %.2f", lp.Name, lp.Score))
	}
	shown := "not shown"
	if a.AskedShown {
		shown = "shown"
	}
	if len(f) == 0 {
		f = []string{"none"}
	}
	return fmt.Sprintf("%s (asked: %s, %s)", strings.Join(f, ", "), a.LP.Name, shown)
}

func deliveryLine(a *Answer) string {
	d := a.Delivery
	s := fmt.Sprintf("%.0f wpm speaking, %.0f overall; %d pause(s) > 2 s, longest %.1f s; %d mid-answer pause(s) > 1.2 s",
		d.WPMSpeaking, d.WPMOverall, d.LongPauses, d.LongestPause.Seconds(), d.MidPauses)
	if d.FillersCounted {
		s += fmt.Sprintf("; %.1f fillers/min", d.FillersPerMinute)
	}
	if d.Pitch.Voiced > 0 {
		s += fmt.Sprintf("; pitch spread %.1f st", d.Pitch.SpreadSemitones)
		if d.Pitch.Monotone {
			s += " (monotone)"
		}
	}
	return s
}

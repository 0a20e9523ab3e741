package report

import (
	"bufio"
	"fmt"
	"sort"
	"strings"

	"github.com/starloop/starloop/numerals"
	"github.com/starloop/starloop/rubric"
)

// ANSI styles for the human report, one per STAR part.
const (
	ansiReset = "\x1b[0m"
	ansiBold  = "\x1b[1m"
	ansiDim   = "\x1b[2m"
)

var partStyle = map[string]string{
	"situation": "\x1b[36m", // cyan
	"task":      "\x1b[35m", // magenta
	"action":    "\x1b[32m", // green
	"result":    "\x1b[33m", // yellow
}

var partTag = map[string]string{"situation": "S", "task": "T", "action": "A", "result": "R", "": "-"}

// Analysis prints the rubric's report on one answer for a person (starloop
// analyze), with ANSI colour when color is set. Errors are sticky in a
// bufio.Writer, so the caller checks once, at Flush.
func Analysis(w *bufio.Writer, r *rubric.Report, color bool) {
	a := answerWriter{w: w, color: color}
	a.star(r)
	a.clauses(r)
	a.measures(r)
	a.ownership(r)
	a.fillers(r)
	a.followUp(r)
}

type answerWriter struct {
	w     *bufio.Writer
	color bool
}

func (a answerWriter) style(s, code string) string {
	if !a.color || code == "" {
		return s
	}
	return code + s + ansiReset
}

func yes(b bool) string {
	if b {
		return "yes"
	}
	return "no"
}

// star prints whether the answer is a story, its length and its parts.
func (a answerWriter) star(r *rubric.Report) {
	w, style := a.w, a.style
	switch {
	case !r.Answer:
		fmt.Fprintf(w, "%s no answer to judge", style("Answer:", ansiBold))
	case r.Specific:
		fmt.Fprintf(w, "%s a specific story", style("Answer:", ansiBold))
	default:
		fmt.Fprintf(w, "%s not one specific time (a habit or a hypothetical)", style("Answer:", ansiBold))
	}
	fmt.Fprintf(w, ", %d words", r.Words)
	if r.Minutes > 0 {
		fmt.Fprintf(w, ", %.1f min", r.Minutes)
	}
	if r.TooLong {
		w.WriteString(" (too long)")
	}
	w.WriteString("\n")

	parts := []struct {
		name string
		p    rubric.Part
	}{{"situation", r.STAR.Situation}, {"task", r.STAR.Task}, {"action", r.STAR.Action}, {"result", r.STAR.Result}}
	fmt.Fprintf(w, "%s ", style("STAR:", ansiBold))
	for _, p := range parts {
		fmt.Fprintf(w, " %s %s (%.0f%%)", style(p.name, partStyle[p.name]), yes(p.p.Present), p.p.Share*100)
	}
	if r.Complete {
		w.WriteString("  complete")
	}
	w.WriteString("\n\n")
}

// clauses prints the answer, clause by clause, runs of one label joined.
func (a answerWriter) clauses(r *rubric.Report) {
	w, style := a.w, a.style
	for i := 0; i < len(r.Clauses); {
		j := i
		var text []string
		for j < len(r.Clauses) && r.Clauses[j].Label == r.Clauses[i].Label {
			text = append(text, r.Clauses[j].Text)
			j++
		}
		label := r.Clauses[i].Label
		line := numerals.Text(strings.Join(text, " "))
		if label == "" {
			fmt.Fprintf(w, "  %s  %s\n", style("-", ansiDim), style(line, ansiDim))
		} else {
			fmt.Fprintf(w, "  %s  %s\n", style(partTag[label], partStyle[label]+ansiBold), style(line, partStyle[label]))
		}
		i = j
	}
	w.WriteString("\n")
}

// measures prints the measures heard and whether the result has one.
func (a answerWriter) measures(r *rubric.Report) {
	w, style := a.w, a.style
	fmt.Fprintf(w, "%s %d", style("Measures:", ansiBold), len(r.Metrics))
	if r.MeasurableResult {
		w.WriteString("; the result carries one\n")
	} else {
		w.WriteString("; none in the result\n")
	}
	for _, m := range r.Metrics {
		where := ""
		if m.InResult {
			where = ", in the result"
		}
		change := ""
		if m.From != nil && m.To != nil {
			change = fmt.Sprintf(", %s -> %s", amount(m.From.Value, m.From.Unit), amount(m.To.Value, m.To.Unit))
			if m.ChangePct != nil {
				change += fmt.Sprintf(" (%+.1f%%)", *m.ChangePct)
			}
		}
		fmt.Fprintf(w, "  - %q: %s%s%s\n", numerals.Text(m.Text), m.Kind, change, where)
	}
}

// ownership prints I against we, and the LPs the answer shows.
func (a answerWriter) ownership(r *rubric.Report) {
	w, style := a.w, a.style
	o := r.Ownership
	fmt.Fprintf(w, "%s I %d, we %d; in what was done I %d, we %d", style("I / we:", ansiBold), o.I, o.We, o.IAction, o.WeAction)
	if o.MostlyWe {
		w.WriteString(" (mostly we)")
	}
	w.WriteString("\n")

	fmt.Fprintf(w, "%s", style("LPs:", ansiBold))
	if len(r.LP) == 0 {
		w.WriteString(" no clear evidence")
	}
	for i, l := range r.LP {
		if i == 3 {
			break
		}
		sep := ";"
		if i == 0 {
			sep = ""
		}
		fmt.Fprintf(w, "%s %s %.2f", sep, l.Name, l.Score)
		if len(l.Cues) > 0 {
			fmt.Fprintf(w, " (%s)", strings.Join(l.Cues, ", "))
		}
	}
	w.WriteString("\n")
}

// fillers prints the filler words and their rate.
func (a answerWriter) fillers(r *rubric.Report) {
	w, style := a.w, a.style
	f := r.Fillers
	fmt.Fprintf(w, "%s %d", style("Fillers:", ansiBold), f.Count)
	if f.Count > 0 {
		est := ""
		if f.Estimated {
			est = ", estimated at 150 words a minute"
		}
		words := make([]string, 0, len(f.Words))
		for k := range f.Words {
			words = append(words, k)
		}
		sort.Slice(words, func(i, j int) bool {
			if f.Words[words[i]] != f.Words[words[j]] {
				return f.Words[words[i]] > f.Words[words[j]]
			}
			return words[i] < words[j]
		})
		for i, k := range words {
			words[i] = fmt.Sprintf("%s %d", k, f.Words[k])
		}
		fmt.Fprintf(w, " (%.1f a minute%s): %s", f.PerMinute, est, strings.Join(words, ", "))
	}
	w.WriteString("\n\n")
}

// followUp prints the follow-up an interviewer would ask, and why.
func (a answerWriter) followUp(r *rubric.Report) {
	w, style := a.w, a.style
	fu := r.FollowUp
	if fu.Question == "" {
		fmt.Fprintf(w, "%s none left to ask. %s\n", style("Follow-up:", ansiBold), fu.Why)
		return
	}
	fmt.Fprintf(w, "%s %s\n", style("Follow-up:", ansiBold), fu.Question)
	fmt.Fprintf(w, "  why (%s): %s\n", fu.Reason, fu.Why)
}

// amount prints a value with its unit: "30%", "4 h", "$2000000".
func amount(v float64, unit string) string {
	s := fmt.Sprintf("%g", v)
	switch unit {
	case "":
		return s
	case "%", "x":
		return s + unit
	}
	return s + " " + unit
}

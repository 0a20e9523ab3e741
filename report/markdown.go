package report

import (
	"bufio"
	"encoding/json"
	"fmt"
	"io"
	"strings"

	"github.com/starloop/starloop/numerals"
)

// Markdown writes s as a Markdown document with the same content as Text:
// STAR parts are marked in bold with their letter, figures in a table.
func Markdown(w io.Writer, s *Session) error {
	b := bufio.NewWriter(w)
	fmt.Fprintf(b, "# Session %s\n\n", s.ID)
	fmt.Fprintf(b, "%s  \nLPs: %s\n", headline(s), lpNames(s.LPs))
	for i, a := range s.Answers {
		fmt.Fprintf(b, "\n## Answer %d · %s\n\n", a.N, a.heading(mdEscape))
		fmt.Fprintf(b, "> %s\n\n", mdEscape(a.Question))
		if a.FollowUp && a.Reason != "" {
			fmt.Fprintf(b, "Asked because: %s\n\n", strings.ReplaceAll(a.Reason, "_", " "))
		}
		if a.Rubric != nil && len(a.Rubric.Clauses) > 0 {
			for _, run := range clauseRuns(a.Rubric.Clauses) {
				fmt.Fprintf(b, "- **[%s]** %s\n", letter(run.Label), mdEscape(run.Text))
			}
			fmt.Fprintln(b)
		} else if a.Transcript.Text != "" {
			fmt.Fprintf(b, "%s\n\n", mdEscape(numerals.Text(a.Transcript.Text)))
		} else {
			fmt.Fprintf(b, "_Nothing was heard._\n\n")
		}
		if a.Missing != "" {
			fmt.Fprintf(b, "_Note: %s._\n\n", mdEscape(a.Missing))
		}
		fmt.Fprintf(b, "| Figure | Value |\n|---|---|\n")
		if r := a.Rubric; r != nil {
			fmt.Fprintf(b, "| STAR | %s%s |\n", partsLine(a.Parts), completeness(r))
			fmt.Fprintf(b, "| Measures | %s |\n", mdEscape(measures(r)))
			fmt.Fprintf(b, "| I / we | %d / %d |\n", r.Ownership.I, r.Ownership.We)
			fmt.Fprintf(b, "| LPs shown | %s |\n", mdEscape(demonstrated(a)))
		}
		for _, r := range a.IntroRows() {
			fmt.Fprintf(b, "| %s | %s |\n", r[0], mdEscape(r[1]))
		}
		fmt.Fprintf(b, "| Delivery | %s |\n", deliveryLine(a))
		if i+1 < len(s.Answers) && s.Answers[i+1].FollowUp {
			fmt.Fprintf(b, "| Next | follow-up: %s |\n", mdEscape(s.Answers[i+1].Question))
		}
		if a.Verdict != "" {
			fmt.Fprintf(b, "| Verdict | %s |\n", a.Verdict)
		}
		if n := a.Notes(); len(n) > 0 {
			fmt.Fprintf(b, "| Notes | %s |\n", mdEscape(strings.Join(n, "; ")))
		}
		fmt.Fprintf(b, "\nRecording: [%s](%s)\n", a.Audio, a.Audio)
	}
	if s.DebriefText != "" {
		// The day's own Markdown, a level down: it is a part of this page.
		b.WriteString("\n")
		for _, line := range strings.SplitAfter(s.DebriefText, "\n") {
			if strings.HasPrefix(line, "#") {
				line = "#" + line
			}
			b.WriteString(line)
		}
	}
	return b.Flush()
}

// mdEscape keeps transcript text from turning into Markdown markup or
// breaking a table cell.
func mdEscape(s string) string {
	r := strings.NewReplacer(`\`, `\\`, "*", `\*`, "_", `\_`, "`", "\\`", "|", `\|`, "[", `\[`, "]", `\]`, "<", "&lt;", "\n", " ")
	return r.Replace(s)
}

// JSON writes s as one indented JSON object: the Session type's fields.
func JSON(w io.Writer, s *Session) error {
	e := json.NewEncoder(w)
	e.SetIndent("", "  ")
	return e.Encode(s)
}

package stories

import (
	"fmt"
	"io"
	"strings"

	"github.com/starloop/starloop"
)

// WriteCoverage prints the grid of c for f: one row per LP, one column per story
// (numbered; the legend follows), a count, and a mark on rows short of
// Target; then the gaps.
func WriteCoverage(w io.Writer, f *File, c Coverage) {
	fmt.Fprintf(w, "Story bank %s: %d %s\n\n", f.Name, len(c.Stories), starloop.Plural(len(c.Stories), "story", "stories"))
	width := len("Leadership Principle")
	for _, r := range c.Rows {
		width = max(width, len(r.LP.ID))
	}
	cols := make([]string, len(c.Stories))
	for i := range c.Stories {
		cols[i] = fmt.Sprint(i + 1)
	}
	colw := 0
	if len(cols) > 0 {
		colw = len(cols[len(cols)-1])
	}
	fmt.Fprintf(w, "%-*s", width, "Leadership Principle")
	for _, h := range cols {
		fmt.Fprintf(w, " %*s", colw, h)
	}
	fmt.Fprintln(w, "  stories")
	for _, r := range c.Rows {
		fmt.Fprintf(w, "%-*s", width, r.LP.ID)
		has := make([]bool, len(c.Stories))
		for _, j := range r.Stories {
			has[j] = true
		}
		for _, h := range has {
			mark := "."
			if h {
				mark = "x"
			}
			fmt.Fprintf(w, " %*s", colw, mark)
		}
		fmt.Fprintf(w, "  %d", len(r.Stories))
		if r.Missing() > 0 {
			fmt.Fprint(w, "  gap")
		}
		fmt.Fprintln(w)
	}
	fmt.Fprintln(w, "\nStories:")
	for i, s := range c.Stories {
		fmt.Fprintf(w, "  %*d  %s (%s)\n", colw, i+1, s.Title, s.ID)
	}
	gaps := c.Gaps()
	if len(gaps) == 0 {
		fmt.Fprintf(w, "\nNo gaps: every LP has at least %d stories.\n", Target)
		return
	}
	fmt.Fprintf(w, "\nGaps (aim for %d stories per LP): %d of %d LPs\n", Target, len(gaps), len(c.Rows))
	for _, r := range gaps {
		n := len(r.Stories)
		switch n {
		case 0:
			fmt.Fprintf(w, "  %s: no story\n", r.LP.Name)
		default:
			fmt.Fprintf(w, "  %s: %d %s, %d more wanted\n", r.LP.Name, n, starloop.Plural(n, "story", "stories"), r.Missing())
		}
	}
}

// WriteProblems prints each problem of f on a line, the LPs no story
// serves together on one, and a summary, and returns the number of errors.
func WriteProblems(w io.Writer, f *File) int {
	nerr, nwarn := 0, 0
	var unserved []string
	for _, p := range f.Problems {
		if p.Unserved != "" {
			unserved = append(unserved, p.Unserved)
		} else {
			fmt.Fprintln(w, p)
		}
		if p.Severity == Error {
			nerr++
		} else {
			nwarn++
		}
	}
	if len(unserved) > 0 {
		fmt.Fprintln(w, Problem{File: f.Name, Severity: Warning, Msg: fmt.Sprintf("no story serves %d %s: %s",
			len(unserved), starloop.Plural(len(unserved), "LP", "LPs"), strings.Join(unserved, ", "))})
	}
	fmt.Fprintf(w, "%s: %d %s, %d %s, %d %s\n", f.Name,
		len(f.Stories), starloop.Plural(len(f.Stories), "story", "stories"),
		nerr, starloop.Plural(nerr, "error", "errors"), nwarn, starloop.Plural(nwarn, "warning", "warnings"))
	return nerr
}

// WriteErrors prints the errors of f after its grid (a blank line first),
// saying that the stories they are in are left out of it, and returns how
// many there are.
func WriteErrors(w io.Writer, f *File) int {
	errs := f.Errors()
	if len(errs) == 0 {
		return 0
	}
	left := len(f.Stories) - len(f.Usable())
	fmt.Fprintf(w, "\n%d %s", len(errs), starloop.Plural(len(errs), "error", "errors"))
	if left > 0 {
		fmt.Fprintf(w, " (the grid leaves out the %d %s with errors)", left, starloop.Plural(left, "story", "stories"))
	}
	fmt.Fprintln(w, ":")
	for _, p := range errs {
		fmt.Fprintf(w, "  %s\n", p)
	}
	return len(errs)
}

package prompts

import (
	"bufio"
	"cmp"
	"encoding/json"
	"fmt"
	"io"
	"strings"

	"github.com/starloop/starloop"
)

// Write prints lps for a person, wrapped at width columns. Errors are
// sticky in a bufio.Writer, so the caller checks once, at Flush.
func Write(w *bufio.Writer, lps []LP, width int) {
	for i, lp := range lps {
		if i > 0 {
			w.WriteString("\n")
		}
		fmt.Fprintf(w, "%s (%s)\n", lp.Name, lp.ID)
		writeWrapped(w, width, "  ", "  ", lp.Meaning)
		w.WriteString("\n  Listen for:\n")
		for _, s := range lp.Signals {
			writeWrapped(w, width, "    - ", "      ", s)
		}
		w.WriteString("\n  Questions:\n")
		writeNumbered(w, width, lp.Questions)
		w.WriteString("\n  Follow-ups, gentle to hard:\n")
		writeNumbered(w, width, lp.FollowUps)
	}
}

func writeNumbered(w io.Writer, width int, lines []string) {
	for i, l := range lines {
		prefix := fmt.Sprintf("    %2d. ", i+1)
		writeWrapped(w, width, prefix, strings.Repeat(" ", len(prefix)), l)
	}
}

// writeWrapped writes text as lines of at most width columns, the
// first starting with first and the rest with indent. A word too long for
// any line gets a line of its own.
func writeWrapped(w io.Writer, width int, first, indent, text string) {
	var line strings.Builder
	line.WriteString(first)
	empty := true // no word on line yet
	for _, word := range strings.Fields(text) {
		if !empty && line.Len()+1+len(word) > width {
			fmt.Fprintln(w, line.String())
			line.Reset()
			line.WriteString(indent)
			empty = true
		}
		if !empty {
			line.WriteByte(' ')
		}
		line.WriteString(word)
		empty = false
	}
	fmt.Fprintln(w, line.String())
}

// Print writes lps to w as `starloop questions` shows them: for a person,
// wrapped at width (Write), or with asJSON as one indented JSON array. A
// failed write is an error of kind Other.
func Print(w io.Writer, lps []LP, asJSON bool, width int) error {
	bw := bufio.NewWriter(w)
	var err error
	if asJSON {
		enc := json.NewEncoder(bw)
		enc.SetIndent("", "  ")
		err = enc.Encode(lps)
	} else {
		Write(bw, lps, width)
	}
	if err = cmp.Or(err, bw.Flush()); err != nil {
		return starloop.E("write questions", starloop.Other, err)
	}
	return nil
}

package whichlp

import (
	"fmt"
	"io"
	"strings"
)

// Write writes the first n LPs of ranked (Rank's result) for a person, one
// a line: the name, the score as a percentage, and the words of the
// question that point to it, e.g.
//
//	Frugality            81%  budget, cheaper
//
// An LP no word points to shows "-".
func Write(w io.Writer, ranked []LPScore, n int) error {
	ranked = ranked[:min(n, len(ranked))]
	width := 0
	for _, s := range ranked {
		width = max(width, len(s.Name))
	}
	for _, s := range ranked {
		words := "-"
		if len(s.Words) > 0 {
			words = strings.Join(s.Words, ", ")
		}
		if _, err := fmt.Fprintf(w, "%-*s  %3.0f%%  %s\n", width, s.Name, 100*s.Score, words); err != nil {
			return err
		}
	}
	return nil
}

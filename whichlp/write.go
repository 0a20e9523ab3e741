package whichlp

import (
	"encoding/json"
	"fmt"
	"io"
	"math"
	"strings"

	"github.com/starloop/starloop"
)

// Print writes the first n LPs of ranked as `starloop which` shows them:
// for a person (Write), or with asJSON as JSON (WriteJSON). A failed
// write is an error of kind Other.
func Print(w io.Writer, ranked []LPScore, n int, asJSON bool) error {
	write := Write
	if asJSON {
		write = WriteJSON
	}
	if err := write(w, ranked, n); err != nil {
		return starloop.E("write LPs", starloop.Other, err)
	}
	return nil
}

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

// WriteJSON writes the first n LPs of ranked as an indented JSON array,
// best first: [{"lp": id, "name": name, "score": number}, ...], each
// score rounded to four decimals.
func WriteJSON(w io.Writer, ranked []LPScore, n int) error {
	type entry struct {
		LP    string  `json:"lp"`
		Name  string  `json:"name"`
		Score float64 `json:"score"`
	}
	ranked = ranked[:min(n, len(ranked))]
	out := make([]entry, len(ranked))
	for i, s := range ranked {
		out[i] = entry{s.ID, s.Name, math.Round(s.Score*1e4) / 1e4}
	}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(out)
}

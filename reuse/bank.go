package reuse

import "slices"

// NewBank returns an Index holding the entries of a story bank, weighted as
// the loop weighs them: background (texts of the kind answers hold, such
// as the prompt bank's questions) and the entries' own texts teach which
// words are common, so that words every story of the bank shares weigh
// little. Match on it tells which entry an answer retells, if any.
func NewBank(background []string, bank []Doc) *Index {
	bg := slices.Clone(background)
	for _, d := range bank {
		bg = append(bg, d.Text)
	}
	ix := New(bg)
	for _, d := range bank {
		ix.Add(d)
	}
	return ix
}

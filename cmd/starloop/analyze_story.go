package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"math"

	"github.com/starloop/starloop"
	"github.com/starloop/starloop/prompts"
	"github.com/starloop/starloop/reuse"
)

// toldStory is the bank story an analysed answer tells: the "story" field
// of `analyze --stories --json`.
type toldStory struct {
	ID    string  `json:"id"`
	Title string  `json:"title"`
	Score float64 `json:"score"`
}

// storyCheck is the answer matched against a story bank.
type storyCheck struct {
	told *toldStory // nil when the answer retells no story of the bank
	best reuse.Match
	n    int // stories in the bank
}

// checkStory matches text against the story bank at path as the loop
// does (the reuse detector, weighted by the prompt bank's questions).
func checkStory(path string, bank *prompts.Bank, text string) (storyCheck, error) {
	f, err := readStoryBank(path, bank)
	if err != nil {
		return storyCheck{}, err
	}
	if err := f.Err(); err != nil {
		return storyCheck{}, err
	}
	if len(f.Stories) == 0 {
		return storyCheck{}, starloop.Errorf(starloop.Invalid, "analyze: the story bank %s holds no story", path)
	}
	var bg []string
	for _, lp := range bank.LPs() {
		bg = append(bg, lp.Questions...)
	}
	docs := make([]reuse.Doc, len(f.Stories))
	for i, s := range f.Stories {
		docs[i] = reuse.Doc{ID: s.ID, Title: s.Title, Text: s.Text()}
	}
	m, _ := reuse.NewBank(bg, docs).Match(text)
	sc := storyCheck{best: m, n: len(docs)}
	if m.Reused {
		sc.told = &toldStory{ID: m.Doc.ID, Title: m.Doc.Title, Score: math.Round(m.Score*1000) / 1000}
	}
	return sc, nil
}

// write writes the check as one line for a person.
func (sc storyCheck) write(w io.Writer) {
	if sc.told != nil {
		fmt.Fprintf(w, "\nStory: %s (%s), score %.2f; shared: %s\n", sc.told.Title, sc.told.ID, sc.best.Score, sc.best.Evidence())
		return
	}
	fmt.Fprintf(w, "\nStory: none of the %d stories in the bank (closest: %s, score %.2f; a retelling scores %.2f or more)\n",
		sc.n, sc.best.Doc.Title, sc.best.Score, reuse.DefaultThreshold)
}

// withStory is the JSON of report with the field "story" added last:
// the story told, or null.
func withStory(report any, told *toldStory) ([]byte, error) {
	raw, err := json.Marshal(report)
	if err != nil {
		return nil, err
	}
	st, err := json.Marshal(told)
	if err != nil {
		return nil, err
	}
	raw = bytes.TrimSpace(raw)
	if len(raw) < 2 || raw[len(raw)-1] != '}' {
		return nil, fmt.Errorf("the report is not a JSON object")
	}
	sep := ","
	if len(raw) == 2 {
		sep = ""
	}
	joined := append(append(append(raw[:len(raw)-1:len(raw)-1], sep+`"story":`...), st...), '}')
	var out bytes.Buffer
	if err := json.Indent(&out, joined, "", "  "); err != nil {
		return nil, err
	}
	out.WriteByte('\n')
	return out.Bytes(), nil
}

package analysis

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"math"

	"github.com/starloop/starloop"
	"github.com/starloop/starloop/interviewer"
	"github.com/starloop/starloop/prompts"
	"github.com/starloop/starloop/reuse"
	"github.com/starloop/starloop/stories"
)

// ToldStory is the bank story an analysed answer tells: the "story" field
// of `analyze --stories --json`.
type ToldStory struct {
	ID    string  `json:"id"`
	Title string  `json:"title"`
	Score float64 `json:"score"`
}

// StoryCheck is the answer matched against a story bank.
type StoryCheck struct {
	Told *ToldStory // nil when the answer retells no story of the bank
	best reuse.Match
	n    int // stories in the bank
}

// CheckStory matches text against the story bank f, read from path, as
// the loop does (the reuse detector, weighted by the prompt bank's
// questions).
func CheckStory(f *stories.File, path string, bank *prompts.Bank, text string) (StoryCheck, error) {
	if err := f.Err(); err != nil {
		return StoryCheck{}, err
	}
	if len(f.Stories) == 0 {
		return StoryCheck{}, starloop.Errorf(starloop.Invalid, "analyze: the story bank %s holds no story", path)
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
	sc := StoryCheck{best: m, n: len(docs)}
	if m.Reused {
		sc.Told = &ToldStory{ID: m.Doc.ID, Title: m.Doc.Title, Score: math.Round(m.Score*1000) / 1000}
	}
	return sc, nil
}

// Write writes the check as one line for a person.
func (sc StoryCheck) Write(w io.Writer) {
	if sc.Told != nil {
		fmt.Fprintf(w, "\nStory: %s (%s), score %.2f; shared: %s\n", sc.Told.Title, sc.Told.ID, sc.best.Score, sc.best.Evidence())
		return
	}
	fmt.Fprintf(w, "\nStory: none of the %d stories in the bank (closest: %s, score %.2f; a retelling scores %.2f or more)\n",
		sc.n, sc.best.Doc.Title, sc.best.Score, reuse.DefaultThreshold)
}

// withStory is the JSON of report with the field "story" added last:
// the story told, or null.
func withStory(report json.RawMessage, told *ToldStory) ([]byte, error) {
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

// Judge judges t, the answer to q, with j; with a story bank (storyPath
// not empty, read against bank) it also names the story t tells
// (CheckStory).
func Judge(ctx context.Context, j interviewer.Judge, q interviewer.Question, t starloop.Transcript, storyPath string, bank *prompts.Bank) (Result, error) {
	v, err := j.Judge(ctx, interviewer.Answer{Question: q, Transcript: t})
	if err != nil {
		return Result{}, err
	}
	res, err := Of(v)
	if err != nil || storyPath == "" {
		return res, err
	}
	f, err := stories.ReadFile(storyPath, bank)
	if err != nil {
		return Result{}, err
	}
	sc, err := CheckStory(f, storyPath, bank, t.Text)
	if err != nil {
		return Result{}, err
	}
	res.Story = &sc
	return res, nil
}

package reuse

import (
	"bufio"
	"encoding/json"
	"fmt"
	"math"
	"os"
	"sort"
	"strings"
	"testing"

	"github.com/starloop/starloop/prompts"
	"github.com/starloop/starloop/stories"
)

// hardAnswer is one line of testdata/hard/answers.jsonl, written by an
// independent writer against testdata/hard/bank.yaml: an answer, the bank
// story it retells (none for a sibling story from the same domain or an
// unrelated one) and how it was written (retelling, summary, asr,
// changed-numbers, sibling, unrelated). Only split "tune" was read while
// the detector was tuned; "heldout" is scored, never read.
type hardAnswer struct {
	ID    string  `json:"id"`
	Split string  `json:"split"`
	Story *string `json:"story"`
	Kind  string  `json:"kind"`
	Text  string  `json:"text"`
}

// hardScores are the detector's results on one split of the hard set.
type hardScores struct {
	n, predicted, correct, positives int
	// retold is the lowest score of the told story over the answers that
	// retell one; other the highest score of a story not told, over every
	// answer.
	retold, other float64
	// kinds counts, per kind of retelling, those found and all.
	kinds map[string][2]int
}

func (s hardScores) precision() float64 { return float64(s.correct) / float64(max(1, s.predicted)) }
func (s hardScores) recall() float64    { return float64(s.correct) / float64(max(1, s.positives)) }

// scoreHard matches every answer of the hard set against its bank, as the
// loop and `analyze --stories` do, split by split.
func scoreHard(t *testing.T) map[string]*hardScores {
	t.Helper()
	bank, err := prompts.Load()
	if err != nil {
		t.Fatal(err)
	}
	data, err := os.ReadFile("testdata/hard/bank.yaml")
	if err != nil {
		t.Fatal(err)
	}
	f := stories.Parse("bank.yaml", data, bank)
	if err := f.Err(); err != nil {
		t.Fatal(err)
	}
	var bg []string
	for _, lp := range bank.LPs() {
		bg = append(bg, lp.Questions...)
	}
	var docs []Doc
	for _, s := range f.Stories {
		docs = append(docs, Doc{ID: s.ID, Title: s.Title, Text: s.Text()})
	}
	ix := NewBank(bg, docs)

	af, err := os.Open("testdata/hard/answers.jsonl")
	if err != nil {
		t.Fatal(err)
	}
	defer af.Close()
	out := map[string]*hardScores{
		"tune":    {retold: math.Inf(1), kinds: map[string][2]int{}},
		"heldout": {retold: math.Inf(1), kinds: map[string][2]int{}},
	}
	sc := bufio.NewScanner(af)
	sc.Buffer(nil, 1<<20)
	for line := 1; sc.Scan(); line++ {
		var a hardAnswer
		if err := json.Unmarshal(sc.Bytes(), &a); err != nil {
			t.Fatalf("answers.jsonl:%d: %v", line, err)
		}
		s, ok := out[a.Split]
		if !ok {
			t.Fatalf("answers.jsonl:%d: split %q", line, a.Split)
		}
		told := ""
		if a.Story != nil {
			told = *a.Story
			s.positives++
		}
		s.n++
		ms := ix.Matches(a.Text)
		if ms[0].Reused {
			s.predicted++
			if ms[0].Doc.ID == told {
				s.correct++
			}
		}
		for _, m := range ms {
			if m.Doc.ID == told {
				s.retold = min(s.retold, m.Score)
			} else {
				s.other = max(s.other, m.Score)
			}
		}
		if told != "" {
			k := s.kinds[a.Kind]
			k[1]++
			if ms[0].Reused && ms[0].Doc.ID == told {
				k[0]++
			}
			s.kinds[a.Kind] = k
		}
		if *showPairs && a.Split == "tune" {
			t.Logf("%s %-16s right %-5v best %.3f second %.3f reused %v", a.ID, a.Kind, ms[0].Doc.ID == told, ms[0].Score, ms[1].Score, ms[0].Reused)
		}
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	return out
}

// TestHardSet measures the detector on the hard set and fails below the
// bars, which were set from the tune split: precision and recall, and the
// margin of the threshold (every retelling's score of its story above it,
// every other story's score below it).
func TestHardSet(t *testing.T) {
	got := scoreHard(t)
	for _, split := range []string{"tune", "heldout"} {
		s := got[split]
		t.Logf("%s: %d answers, %d retell a bank story; %d matched, %d of them right: precision %.2f, recall %.2f; told story scores from %.3f, other stories up to %.3f (threshold %.2f)",
			split, s.n, s.positives, s.predicted, s.correct, s.precision(), s.recall(), s.retold, s.other, DefaultThreshold)
		if s.precision() < hardPrecision || s.recall() < hardRecall {
			t.Errorf("%s: precision %.2f, recall %.2f; want at least %.2f and %.2f", split, s.precision(), s.recall(), hardPrecision, hardRecall)
		}
		var kinds []string
		for k, n := range s.kinds {
			kinds = append(kinds, fmt.Sprintf("%s %d/%d", k, n[0], n[1]))
		}
		sort.Strings(kinds)
		t.Logf("%s: found per kind: %s", split, strings.Join(kinds, ", "))
		if s.other > hardOther {
			t.Errorf("%s: a story not told scores %.3f, over %.2f: too near the threshold %.2f", split, s.other, hardOther, DefaultThreshold)
		}
	}
}

// The bars of TestHardSet, set under what the tune split measured
// (precision 1.00, recall 0.76: every miss is a short summary or a loose
// retelling whose best match is the right story, under the threshold).
const (
	hardPrecision = 0.90
	hardRecall    = 0.65
	// hardOther keeps the margin: every story not told scores well under
	// the threshold (tune: at most 0.112).
	hardOther = 0.15
)

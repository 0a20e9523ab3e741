package reuse

import (
	"bufio"
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"sort"
	"strings"
	"testing"

	"github.com/starloop/starloop/prompts"
)

var showPairs = flag.Bool("pairs", false, "log the score of every labelled pair")

// pair is one line of testdata/pairs.jsonl: two tellings and whether they
// are the same story. The file was written by hand before the detector was
// tuned; pairs with split "holdout" were never looked at while tuning.
type pair struct {
	ID    string `json:"id"`
	Split string `json:"split"` // "tune" or "holdout"
	Same  bool   `json:"same"`
	Note  string `json:"note"`
	A     string `json:"a"`
	B     string `json:"b"`
}

func loadPairs(t *testing.T) []pair {
	t.Helper()
	f, err := os.Open("testdata/pairs.jsonl")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var ps []pair
	sc := bufio.NewScanner(f)
	sc.Buffer(nil, 1<<20)
	for line := 1; sc.Scan(); line++ {
		var p pair
		if err := json.Unmarshal(sc.Bytes(), &p); err != nil {
			t.Fatalf("pairs.jsonl:%d: %v", line, err)
		}
		if p.Split != "tune" && p.Split != "holdout" {
			t.Fatalf("pairs.jsonl:%d: split %q", line, p.Split)
		}
		ps = append(ps, p)
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	return ps
}

// bankBackground is the prompt bank's text: every question and meaning, one
// document each, as the loop will give it to New.
func bankBackground(t testing.TB) []string {
	t.Helper()
	bank, err := prompts.Load()
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, lp := range bank.LPs() {
		out = append(out, lp.Meaning)
		out = append(out, lp.Questions...)
	}
	return out
}

// pairIndex is an Index over the prompt bank and every distinct text in ps,
// as a loop's Index holds the bank and the stories told.
func pairIndex(t *testing.T, ps []pair) *Index {
	t.Helper()
	bg := bankBackground(t)
	seen := map[string]bool{}
	for _, p := range ps {
		for _, s := range []string{p.A, p.B} {
			if !seen[s] {
				seen[s] = true
				bg = append(bg, s)
			}
		}
	}
	return New(bg)
}

type confusion struct{ tp, fp, fn, tn int }

func (c confusion) precision() float64 { return float64(c.tp) / float64(max(1, c.tp+c.fp)) }
func (c confusion) recall() float64    { return float64(c.tp) / float64(max(1, c.tp+c.fn)) }

// TestPairs measures the detector on the labelled pairs and fails when
// precision or recall drops below the bar, on either split.
func TestPairs(t *testing.T) {
	ps := loadPairs(t)
	if len(ps) < 60 {
		t.Fatalf("%d labelled pairs, want at least 60", len(ps))
	}
	ix := pairIndex(t, ps)
	got := map[string]*confusion{"tune": {}, "holdout": {}}
	var lines []string
	for _, p := range ps {
		m := ix.Compare(p.A, p.B)
		c := got[p.Split]
		switch {
		case m.Reused && p.Same:
			c.tp++
		case m.Reused && !p.Same:
			c.fp++
			t.Logf("false alarm %s (%.3f): %s", p.ID, m.Score, m.Evidence())
		case !m.Reused && p.Same:
			c.fn++
			t.Logf("missed %s (%.3f): %s", p.ID, m.Score, m.Evidence())
		default:
			c.tn++
		}
		lines = append(lines, fmt.Sprintf("%.3f %-5v %-7s %s", m.Score, p.Same, p.Split, p.ID))
	}
	if *showPairs {
		sort.Strings(lines)
		t.Log("\n" + strings.Join(lines, "\n"))
	}
	const bar = 0.85
	for _, split := range []string{"tune", "holdout"} {
		c := got[split]
		t.Logf("%s: %d pairs, tp %d fp %d fn %d tn %d, precision %.2f, recall %.2f",
			split, c.tp+c.fp+c.fn+c.tn, c.tp, c.fp, c.fn, c.tn, c.precision(), c.recall())
		if c.precision() < bar || c.recall() < bar {
			t.Errorf("%s: precision %.2f, recall %.2f; want both at least %.2f", split, c.precision(), c.recall(), bar)
		}
	}
}

package whichlp

import (
	"bufio"
	"os"
	"slices"
	"strings"
	"testing"

	"github.com/starloop/starloop/prompts"
	"github.com/starloop/starloop/rubric"
)

func loadBank(t testing.TB) *prompts.Bank {
	t.Helper()
	b, err := prompts.Load()
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// rankOf is the 1-based place of id in r, or len(r)+1.
func rankOf(r []LPScore, id string) int {
	for i, s := range r {
		if s.ID == id {
			return i + 1
		}
	}
	return len(r) + 1
}

// TestLeaveOneOut classifies every bank question with a classifier trained
// on all the others, and fails below the bars.
func TestLeaveOneOut(t *testing.T) {
	lps := loadBank(t).LPs()
	var n, top1, top3 int
	for i, lp := range lps {
		for j, q := range lp.Questions {
			train := slices.Clone(lps)
			train[i].Questions = slices.Delete(slices.Clone(lp.Questions), j, j+1)
			r := New(train).Rank(q)
			k := rankOf(r, lp.ID)
			n++
			if k == 1 {
				top1++
			}
			if k <= 3 {
				top3++
			}
		}
	}
	a1, a3 := float64(top1)/float64(n), float64(top3)/float64(n)
	t.Logf("leave-one-out over %d bank questions: top-1 %.2f (%d), top-3 %.2f (%d)", n, a1, top1, a3, top3)
	// Chance is 1/16 and 3/16. The bars are floors against regressions, set
	// a little under what was measured (0.43 and 0.69): bank questions are
	// written not to name their LP, so leaving one out is hard.
	if a1 < 0.35 || a3 < 0.60 {
		t.Errorf("top-1 %.2f, top-3 %.2f; want at least 0.35 and 0.60", a1, a3)
	}
}

// TestParaphrases ranks the hand-written questions of
// testdata/paraphrases.txt with the whole bank as training.
func TestParaphrases(t *testing.T) {
	f, err := os.Open("testdata/paraphrases.txt")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	c := New(loadBank(t).LPs())
	var n, top1, top3 int
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		line := sc.Text()
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		id, q, ok := strings.Cut(line, "\t")
		if !ok {
			t.Fatalf("bad line %q", line)
		}
		r := c.Rank(q)
		k := rankOf(r, id)
		n++
		if k == 1 {
			top1++
		}
		if k <= 3 {
			top3++
		} else {
			t.Logf("%s ranked %d for %q (top: %s)", id, k, q, r[0].ID)
		}
	}
	a1, a3 := float64(top1)/float64(n), float64(top3)/float64(n)
	t.Logf("paraphrases: %d questions: top-1 %.2f (%d), top-3 %.2f (%d)", n, a1, top1, a3, top3)
	// Floors under the measured 0.78 and 0.94.
	if a1 < 0.65 || a3 < 0.85 {
		t.Errorf("top-1 %.2f, top-3 %.2f; want at least 0.65 and 0.85", a1, a3)
	}
}

func TestScoreGuess(t *testing.T) {
	bank := loadBank(t)
	ranking := []LPScore{{ID: "earn-trust"}, {ID: "have-backbone"}, {ID: "ownership"}, {ID: "frugality"}}
	tests := []struct {
		said, want string // want: LP id, "" for none
		score      float64
	}{
		{"earn trust", "earn-trust", 1},
		{"Earn-Trust", "earn-trust", 1},
		{"i think its earn trust", "earn-trust", 1},
		{"um that sounds like backbone", "have-backbone", 0.5},
		{"probably frugality", "frugality", 0},
		{"no idea", "", 0},
		{"", "", 0},
	}
	for _, tt := range tests {
		t.Run(tt.said, func(t *testing.T) {
			g := ScoreGuess(bank, "earn-trust", tt.said, ranking)
			if g.Known != (tt.want != "") || g.LP.ID != tt.want || g.Score != tt.score {
				t.Errorf("guess %q: LP %q known %v score %v; want %q, %v", tt.said, g.LP.ID, g.Known, g.Score, tt.want, tt.score)
			}
		})
	}
}

func TestMismatch(t *testing.T) {
	trust, _ := loadBank(t).LP("earn-trust")
	tests := []struct {
		name   string
		answer []rubric.LPScore
		want   string
	}{
		{"other LP, asked absent", []rubric.LPScore{{ID: "deliver-results", Name: "Deliver Results", Score: 0.8}},
			"you answered with a Deliver Results story; the question probed Earn Trust"},
		{"asked under half the best", []rubric.LPScore{{ID: "deliver-results", Name: "Deliver Results", Score: 0.8}, {ID: "earn-trust", Name: "Earn Trust", Score: 0.3}},
			"you answered with a Deliver Results story; the question probed Earn Trust"},
		{"asked at half the best", []rubric.LPScore{{ID: "deliver-results", Name: "Deliver Results", Score: 0.8}, {ID: "earn-trust", Name: "Earn Trust", Score: 0.4}}, ""},
		{"asked on top", []rubric.LPScore{{ID: "earn-trust", Name: "Earn Trust", Score: 0.5}}, ""},
		{"an before a vowel", []rubric.LPScore{{ID: "ownership", Name: "Ownership", Score: 0.8}},
			"you answered with an Ownership story; the question probed Earn Trust"},
		{"no evidence", nil, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			msg, ok := Mismatch(trust, tt.answer)
			if msg != tt.want || ok != (tt.want != "") {
				t.Errorf("Mismatch = %q, %v; want %q", msg, ok, tt.want)
			}
		})
	}
}

package whichlp

import (
	"bufio"
	"bytes"
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

// TestCrossValidation trains on nine tenths of the labelled questions (the
// bank's and testdata/train.tsv's; the bank's follow-ups, names, meanings
// and signals always) and ranks the tenth left out, ten times over, and
// fails below the bars. It is the measure the training settings were
// chosen by.
func TestCrossValidation(t *testing.T) {
	if testing.Short() {
		t.Skip("trains ten models")
	}
	lps := loadBank(t).LPs()
	classes := make([]string, len(lps))
	var fixed, questions []example
	for i, lp := range lps {
		classes[i] = lp.ID
		for _, q := range lp.Questions {
			questions = append(questions, example{lp.ID, q})
		}
		bare := lp
		bare.Questions = nil
		ex, err := examples([]prompts.LP{bare}, strings.NewReader(""))
		if err != nil {
			t.Fatal(err)
		}
		fixed = append(fixed, ex...)
	}
	for _, q := range labelled(t, "testdata/train.tsv") {
		questions = append(questions, example{q[0], q[1]})
	}
	const folds = 10
	var n1, n3 int
	for f := range folds {
		ex := slices.Clone(fixed)
		var test []example
		for i, q := range questions {
			if i%folds == f {
				test = append(test, q)
			} else {
				ex = append(ex, q)
			}
		}
		c := &Classifier{lps: lps, m: train(classes, ex)}
		for _, q := range test {
			r := c.Rank(q.text)
			k := rankOf(r, q.lp)
			if k == 1 {
				n1++
			}
			if k <= 3 {
				n3++
			}
		}
	}
	a1, a3 := float64(n1)/float64(len(questions)), float64(n3)/float64(len(questions))
	t.Logf("%d-fold cross-validation over %d questions: top-1 %.3f (%d), top-3 %.3f (%d)", folds, len(questions), a1, n1, a3, n3)
	// Chance is 1/16 and 3/16. Floors a little under what was measured.
	if a1 < cvTop1 || a3 < cvTop3 {
		t.Errorf("top-1 %.3f, top-3 %.3f; want at least %.2f and %.2f", a1, a3, cvTop1, cvTop3)
	}
}

// The bars of TestCrossValidation, under the measured 0.61 and 0.83.
const (
	cvTop1 = 0.55
	cvTop3 = 0.78
)

// TestModelFresh retrains the model from its sources and fails when the
// embedded file differs: run `make model` after changing the bank,
// testdata/train.tsv or the features.
func TestModelFresh(t *testing.T) {
	if testing.Short() {
		t.Skip("retrains the model")
	}
	f, err := os.Open("testdata/train.tsv")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var b bytes.Buffer
	if err := Train(&b, loadBank(t).LPs(), f); err != nil {
		t.Fatal(err)
	}
	if b.String() != weightsFile {
		t.Error("model/weights.txt is not what its sources train; run make model")
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
	// Floors under the measured 0.91 and 1.00 (0.78 and 0.94 with the cosine
	// classifier the model replaced); these questions are not trained on.
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

// TestRankWords checks the words shown as pointing to the top LP, on
// questions whose cue words are plain: "budget" and "cheaper" are
// Frugality's, "root cause" and "metrics" Dive Deep's.
func TestRankWords(t *testing.T) {
	c := New(loadBank(t).LPs())
	tests := []struct {
		q, lp string
		words []string // each must be among the top LP's words
	}{
		{"Tell me about a time you had almost no budget and had to find a cheaper way.", "frugality", []string{"budget", "cheaper"}},
		{"describe a time you found the root cause of a problem in the metrics", "dive-deep", []string{"metrics"}},
	}
	for _, tt := range tests {
		r := c.Rank(tt.q)
		if r[0].ID != tt.lp {
			t.Errorf("%q: top LP %s, want %s", tt.q, r[0].ID, tt.lp)
			continue
		}
		for _, w := range tt.words {
			if !slices.Contains(r[0].Words, w) {
				t.Errorf("%q: words %q, want %q among them", tt.q, r[0].Words, w)
			}
		}
		var sum float64
		for _, s := range r {
			sum += s.Score
		}
		if sum < 0.999 || sum > 1.001 {
			t.Errorf("%q: scores sum to %v, want 1", tt.q, sum)
		}
	}
}

package whichlp

import (
	"bufio"
	"flag"
	"os"
	"strings"
	"testing"
)

// labelled reads a file of labelled questions: one per line, an LP id, a
// tab, the question; blank lines and lines starting with # are skipped.
func labelled(t *testing.T, path string) [][2]string {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var out [][2]string
	sc := bufio.NewScanner(f)
	for n := 1; sc.Scan(); n++ {
		line := sc.Text()
		if strings.TrimSpace(line) == "" || strings.HasPrefix(line, "#") {
			continue
		}
		id, q, ok := strings.Cut(line, "\t")
		if !ok {
			t.Fatalf("%s:%d: no tab between the LP and the question", path, n)
		}
		out = append(out, [2]string{id, q})
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	return out
}

// accuracy ranks every question of qs and returns the shares whose LP
// comes first and among the first three.
func accuracy(t *testing.T, c *Classifier, qs [][2]string) (top1, top3 float64) {
	t.Helper()
	var n1, n3 int
	for _, q := range qs {
		k := rankOf(c.Rank(q[1]), q[0])
		if k == 1 {
			n1++
		}
		if k <= 3 {
			n3++
		}
	}
	return float64(n1) / float64(len(qs)), float64(n3) / float64(len(qs))
}

// TestHeldout scores testdata/heldout.tsv: 160 real-style questions (ten
// per LP: multi-part, paraphrased, with context before the ask) written
// and labelled by someone else, never read while the classifier was built
// or tuned. It is a measurement, run at checkpoints only (go test
// ./whichlp -run TestHeldout -heldout -v), never while tuning.
func TestHeldout(t *testing.T) {
	if !*heldout {
		t.Skip("a checkpoint measurement: pass -heldout")
	}
	qs := labelled(t, "testdata/heldout.tsv")
	if len(qs) != 160 {
		t.Fatalf("%d held-out questions, want 160", len(qs))
	}
	top1, top3 := accuracy(t, New(loadBank(t).LPs()), qs)
	t.Logf("held out: %d questions: top-1 %.3f, top-3 %.3f", len(qs), top1, top3)
	if top1 < heldoutTop1 || top3 < heldoutTop3 {
		t.Errorf("top-1 %.3f, top-3 %.3f; want at least %.2f and %.2f", top1, top3, heldoutTop1, heldoutTop3)
	}
}

var heldout = flag.Bool("heldout", false, "score testdata/heldout.tsv (checkpoints only)")

// The bars of TestHeldout: the aim of issue 14. Measured: 0.662 and 0.844
// with the cosine classifier this model replaced, 0.775 and 0.919 with the
// model.
const (
	heldoutTop1 = 0.75
	heldoutTop3 = 0.90
)

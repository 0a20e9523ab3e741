package rubric

import (
	"bufio"
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/starloop/starloop"
)

// The corpus test measures the rubric against hand-labelled answers in
// testdata/corpus/*.jsonl, one JSON object a line. It reports per-label
// accuracy per file and per category, and fails when a label falls below
// its bar. Each file is a subtest named after it (TestCorpus/dev), so one
// file can be run or skipped alone.
//
// Bars, on every file whose name starts with "dev":
//
//	situation, task, action, result, measurable_result  >= 0.85
//	answer, mostly_we                                   >= 0.90
//	LP top-3                                            >= 0.70
//	metric recall                                       >= 0.80
//
// On any other file (held-out data never tuned on) each bar is 0.10 lower:
// rules tuned on one set lose some accuracy on a new one, and the held-out
// bar is there to catch a collapse, not to ask for the dev figures.
// LP top-1 is reported but has no bar: several LPs often fit one story.

var corpusMistakes = flag.Bool("corpus.mistakes", false, "log every item of a dev corpus file that a label got wrong")

// missedMetrics collects, with -corpus.mistakes, the labelled metrics that
// no found metric overlaps.
var missedMetrics []string

type corpusItem struct {
	ID       string          `json:"id"`
	Category string          `json:"category"`
	ASR      json.RawMessage `json:"asr"`
	LP       string          `json:"lp"`
	LPAlso   []string        `json:"lp_also"`
	Question string          `json:"question"`
	Text     string          `json:"text"`
	Labels   struct {
		Answer           *bool `json:"answer"`
		Situation        *bool `json:"situation"`
		Task             *bool `json:"task"`
		Action           *bool `json:"action"`
		Result           *bool `json:"result"`
		MeasurableResult *bool `json:"measurable_result"`
		MostlyWe         *bool `json:"mostly_we"`
	} `json:"labels"`
	Metrics []string `json:"metrics"`
}

// tally counts right answers out of all.
type tally struct{ right, all int }

func (t *tally) add(ok bool) {
	t.all++
	if ok {
		t.right++
	}
}

func (t tally) rate() float64 {
	if t.all == 0 {
		return 1
	}
	return float64(t.right) / float64(t.all)
}

func (t tally) String() string {
	if t.all == 0 {
		return "   -   "
	}
	return fmt.Sprintf("%.3f (%d/%d)", t.rate(), t.right, t.all)
}

var corpusLabels = []string{"answer", "situation", "task", "action", "result", "measurable_result", "mostly_we", "lp_top1", "lp_top3", "metric_recall"}

func corpusBars(file string) map[string]float64 {
	bars := map[string]float64{
		"situation": 0.85, "task": 0.85, "action": 0.85, "result": 0.85, "measurable_result": 0.85,
		"answer": 0.90, "mostly_we": 0.90, "lp_top3": 0.70, "metric_recall": 0.80,
	}
	if !strings.HasPrefix(filepath.Base(file), "dev") {
		for k := range bars {
			bars[k] -= 0.10
		}
	}
	return bars
}

func TestCorpus(t *testing.T) {
	files, _ := filepath.Glob(filepath.Join("testdata", "corpus", "*.jsonl"))
	if len(files) == 0 {
		t.Skip("no corpus in testdata/corpus")
	}
	a := New()
	for _, file := range files {
		name := strings.TrimSuffix(filepath.Base(file), ".jsonl")
		t.Run(name, func(t *testing.T) {
			items := loadCorpus(t, file)
			if len(items) == 0 {
				t.Skip("empty corpus file")
			}
			total := map[string]*tally{}
			byCat := map[string]map[string]*tally{}
			for _, l := range corpusLabels {
				total[l] = &tally{}
			}
			for _, it := range items {
				r := a.Analyze(starloop.Transcript{Text: it.Text}, Options{LP: it.LP, Question: it.Question})
				got := scoreItem(it, r)
				if byCat[it.Category] == nil {
					byCat[it.Category] = map[string]*tally{}
					for _, l := range corpusLabels {
						byCat[it.Category][l] = &tally{}
					}
				}
				var wrong []string
				for _, l := range corpusLabels {
					for _, ok := range got[l] {
						total[l].add(ok)
						byCat[it.Category][l].add(ok)
						if !ok {
							wrong = append(wrong, l)
						}
					}
				}
				if *corpusMistakes && len(wrong) > 0 && strings.HasPrefix(name, "dev") {
					t.Logf("%s [%s] wrong: %s\n  gold lp %s %v; metrics %q\n  %s", it.ID, it.Category, strings.Join(wrong, ", "),
						it.LP, it.LPAlso, it.Metrics, describe(r))
				}
			}
			var b strings.Builder
			fmt.Fprintf(&b, "%s: %d items\n", name, len(items))
			for _, l := range corpusLabels {
				fmt.Fprintf(&b, "  %-18s %s\n", l, total[l])
			}
			cats := make([]string, 0, len(byCat))
			for c := range byCat {
				cats = append(cats, c)
			}
			sort.Strings(cats)
			for _, c := range cats {
				fmt.Fprintf(&b, "  category %s:\n", c)
				for _, l := range corpusLabels {
					if byCat[c][l].all > 0 {
						fmt.Fprintf(&b, "    %-16s %s\n", l, byCat[c][l])
					}
				}
			}
			if *corpusMistakes && strings.HasPrefix(name, "dev") {
				t.Logf("missed metrics:\n  %s", strings.Join(missedMetrics, "\n  "))
			}
			t.Log("\n" + b.String())
			for l, bar := range corpusBars(file) {
				if total[l].all > 0 && total[l].rate() < bar {
					t.Errorf("%s accuracy %.3f is below the bar %.2f", l, total[l].rate(), bar)
				}
			}
		})
	}
}

// scoreItem returns, per label, whether the report agrees with the item's
// labels (one entry per labelled metric for metric_recall; none where the
// item has no label).
func scoreItem(it corpusItem, r *Report) map[string][]bool {
	got := map[string][]bool{}
	check := func(name string, want *bool, have bool) {
		if want != nil {
			got[name] = append(got[name], *want == have)
		}
	}
	L := it.Labels
	check("answer", L.Answer, r.Answer)
	check("situation", L.Situation, r.STAR.Situation.Present)
	check("task", L.Task, r.STAR.Task.Present)
	check("action", L.Action, r.STAR.Action.Present)
	check("result", L.Result, r.STAR.Result.Present)
	check("measurable_result", L.MeasurableResult, r.MeasurableResult)
	check("mostly_we", L.MostlyWe, r.Ownership.MostlyWe)
	if it.LP != "" && (L.Answer == nil || *L.Answer) {
		gold := map[string]bool{it.LP: true}
		for _, id := range it.LPAlso {
			gold[id] = true
		}
		top1, top3 := false, false
		for i, s := range r.LP {
			if i < 3 && gold[s.ID] {
				top3 = true
				if i == 0 {
					top1 = true
				}
			}
		}
		got["lp_top1"] = []bool{top1}
		got["lp_top3"] = []bool{top3}
	}
	lower := strings.ToLower(it.Text)
	for _, m := range it.Metrics {
		i := strings.Index(lower, strings.ToLower(m))
		if i < 0 {
			continue // a label that is not in the text: the corpus's problem
		}
		j := i + len(m)
		found := false
		for _, f := range r.Metrics {
			if f.off0 < j && i < f.off1 {
				found = true
				break
			}
		}
		got["metric_recall"] = append(got["metric_recall"], found)
		if !found && *corpusMistakes {
			missedMetrics = append(missedMetrics, it.ID+": "+m)
		}
	}
	return got
}

func describe(r *Report) string {
	var b strings.Builder
	fmt.Fprintf(&b, "answer=%v S=%v T=%v A=%v R=%v measurable=%v we=%d/%d(i %d/%d)", r.Answer,
		r.STAR.Situation.Present, r.STAR.Task.Present, r.STAR.Action.Present, r.STAR.Result.Present,
		r.MeasurableResult, r.Ownership.WeAction, r.Ownership.We, r.Ownership.IAction, r.Ownership.I)
	for i, l := range r.LP {
		if i < 3 {
			fmt.Fprintf(&b, " %s:%.2f", l.ID, l.Score)
		}
	}
	for _, c := range r.Clauses {
		fmt.Fprintf(&b, "\n    [%-9s] %-60s S%.1f T%.1f A%.1f R%.1f N%.1f G%.1f", c.Label, c.Text, c.ev[pS], c.ev[pT], c.ev[pA], c.ev[pR], c.ev[pN], c.ev[pG])
	}
	for _, m := range r.Metrics {
		fmt.Fprintf(&b, "\n    metric %q %s in_result=%v", m.Text, m.Kind, m.InResult)
	}
	return b.String()
}

func loadCorpus(t *testing.T, file string) []corpusItem {
	t.Helper()
	f, err := os.Open(file)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var items []corpusItem
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<20), 1<<24)
	line := 0
	for sc.Scan() {
		line++
		s := strings.TrimSpace(sc.Text())
		if s == "" {
			continue
		}
		var it corpusItem
		if err := json.Unmarshal([]byte(s), &it); err != nil {
			t.Fatalf("%s:%d: %v", file, line, err)
		}
		items = append(items, it)
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	return items
}

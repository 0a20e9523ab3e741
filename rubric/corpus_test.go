package rubric_test

import (
	"bufio"
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"testing"

	"github.com/starloop/starloop"
	"github.com/starloop/starloop/prompts"
	"github.com/starloop/starloop/rubric"
	"github.com/starloop/starloop/rubric/internal/corpus"
)

// The corpus tests hold the judge to the labelled answers in
// testdata/corpus (see its README): that the checked-in model is the one
// the corpus trains, and how well the judge carries over to answers by a
// writer it never saw.

func loadAnswers(t *testing.T, dir string) []corpus.Answer {
	t.Helper()
	answers, err := corpus.Load(dir)
	if err != nil {
		t.Fatal(err)
	}
	if len(answers) == 0 {
		t.Fatalf("no answers in %s", dir)
	}
	return answers
}

func lpIDs(t *testing.T) []string {
	t.Helper()
	bank, err := prompts.Load()
	if err != nil {
		t.Fatal(err)
	}
	var ids []string
	for _, lp := range bank.LPs() {
		ids = append(ids, lp.ID)
	}
	return ids
}

// TestModelIsTrainedFromCorpus retrains the judge from the corpus and
// compares the result with the model files the package embeds, byte for
// byte: a model that drifts from its data (an answer edited, a feature
// changed, the model not rebuilt) fails here. Rebuild with `make model`.
func TestModelIsTrainedFromCorpus(t *testing.T) {
	if testing.Short() {
		t.Skip("retrains the model")
	}
	answers := loadAnswers(t, "testdata/corpus/answers")
	m := rubric.Train(append(corpus.Examples(answers), corpus.BankExamples()...), lpIDs(t))
	files, err := m.Files()
	if err != nil {
		t.Fatal(err)
	}
	for name, want := range files {
		got, err := os.ReadFile(filepath.Join("model", name))
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(got, want) {
			t.Errorf("model/%s differs from what the corpus trains: run `make model` and commit it", name)
		}
	}
}

// Bars for answers by a writer the judge was not trained on
// (leave-one-writer-out): each label, on the written and on the spoken
// form. They sit a little under what the judge reaches, to catch a
// regression rather than ask for a figure; the blind split (make blind)
// is where the bars are checked.
var (
	crossTextBar   = map[string]float64{"answer": 0.97, "specific": 0.95, "situation": 0.90, "task": 0.84, "action": 0.93, "result": 0.91, "measurable_result": 0.90, "mostly_we": 0.95}
	crossSpokenBar = map[string]float64{"answer": 0.95, "specific": 0.92, "situation": 0.85, "task": 0.80, "action": 0.88, "result": 0.86, "measurable_result": 0.80, "mostly_we": 0.93}
)

// LP bars, a little under leave-one-writer-out over fourteen writers
// (top-1 .719 written, .686 spoken; top-3 .907 and .890).
const (
	crossLPTop1Bar = 0.65
	crossLPTop3Bar = 0.85
)

// crossWrongFollowUps caps the share of follow-ups that ask for what the
// answer gave, written and spoken: a little above what cross-validation
// gives today (2.0% and 2.0%), so that a change that asks for more of
// what was said fails here.
var crossWrongFollowUps = map[string]float64{"text": 0.025, "spoken": 0.025}

// TestCrossWriter trains the judge once per writer on the others' answers
// and scores the held-out writer's, written and spoken.
func TestCrossWriter(t *testing.T) {
	if testing.Short() {
		t.Skip("trains five models")
	}
	answers := loadAnswers(t, "testdata/corpus/answers")
	lps := lpIDs(t)
	var text, spoken corpus.Score
	corpus.LeaveOneWriterOut(answers, lps, func(_ string, an *rubric.Analyzer, test []corpus.Answer) {
		text.Merge(corpus.Evaluate(an, test, false))
		spoken.Merge(corpus.Evaluate(an, test, true))
	})
	check(t, "text", text, crossTextBar)
	if spoken.N == 0 {
		t.Fatal("no spoken forms: run `make spoken-corpus`")
	}
	check(t, "spoken", spoken, crossSpokenBar)
}

func check(t *testing.T, name string, s corpus.Score, bars map[string]float64) {
	t.Helper()
	var b bytes.Buffer
	s.Print(&b, name)
	t.Log("\n" + b.String())
	for _, l := range corpus.LabelNames {
		if s.Acc(l) < bars[l] {
			t.Errorf("%s: %s accuracy %.3f is under its bar %.2f", name, l, s.Acc(l), bars[l])
		}
	}
	if top1 := float64(s.LPTop1) / float64(max(s.LPN, 1)); top1 < crossLPTop1Bar {
		t.Errorf("%s: LP top-1 %.3f is under its bar %.2f", name, top1, crossLPTop1Bar)
	}
	if top3 := float64(s.LPTop3) / float64(max(s.LPN, 1)); top3 < crossLPTop3Bar {
		t.Errorf("%s: LP top-3 %.3f is under its bar %.2f", name, top3, crossLPTop3Bar)
	}
	if w := float64(s.WrongFollowUps) / float64(max(s.N, 1)); w > crossWrongFollowUps[name] {
		t.Errorf("%s: %.3f of follow-ups ask for what the answer gave, over the bar %.2f", name, w, crossWrongFollowUps[name])
	}
}

// The blind split (testdata/corpus/blind) was written by writers whose
// answers the judge's author never read. It is scored only at checkpoints
// (make blind), so that nobody tunes to it, and its bars are the issue's:
// every label at least .93 on text and .88 on recognised speech, and at
// most 3% of follow-ups asking for what the answer gave.
var (
	blindTextBar   = 0.93
	blindSpokenBar = 0.88
	blindWrongBar  = 0.03
	blindLPTop1Bar = 0.70
)

func TestBlind(t *testing.T) {
	if os.Getenv("STARLOOP_BLIND") == "" {
		t.Skip("the blind split is scored at checkpoints only: make blind")
	}
	answers := loadAnswers(t, "testdata/corpus/blind")
	an := rubric.New()
	for _, form := range []struct {
		name   string
		spoken bool
		bar    float64
	}{{"text", false, blindTextBar}, {"spoken", true, blindSpokenBar}} {
		s := corpus.Evaluate(an, answers, form.spoken)
		// Only the figures are shown: no answer, no id.
		var b bytes.Buffer
		s.Print(&b, "blind split, "+form.name)
		t.Log("\n" + b.String())
		if s.N == 0 {
			t.Errorf("no %s answers in the blind split", form.name)
			continue
		}
		for _, l := range corpus.LabelNames {
			if s.Acc(l) < form.bar {
				t.Errorf("blind %s: %s %.3f < %.2f", form.name, l, s.Acc(l), form.bar)
			}
		}
		if w := float64(s.WrongFollowUps) / float64(s.N); w > blindWrongBar {
			t.Errorf("blind %s: wrong follow-ups %.3f > %.2f", form.name, w, blindWrongBar)
		}
		if top1 := float64(s.LPTop1) / float64(max(s.LPN, 1)); top1 < blindLPTop1Bar {
			t.Errorf("blind %s: LP top-1 %.3f < %.2f", form.name, top1, blindLPTop1Bar)
		}
	}
}

// legacyItem is an answer of the first corpus (testdata/corpus/legacy),
// written by another writer from another brief, labelled for the whole
// answer only. Its "answer" label meant one specific story.
type legacyItem struct {
	ID     string `json:"id"`
	LP     string `json:"lp"`
	Text   string `json:"text"`
	Labels struct {
		Answer, Situation, Task, Action, Result bool
		MeasurableResult                        bool `json:"measurable_result"`
		MostlyWe                                bool `json:"mostly_we"`
	} `json:"labels"`
}

// TestLegacyCorpus scores the judge on the first corpus: 192 answers by a
// writer none of whose text the judge was trained on, half of them in an
// imitation of recogniser output. Its labels follow an older definition
// (a task could be implied, "answer" meant a specific story), so the bars
// are lower; the test is there to catch a judge that only knows its own
// writers.
func TestLegacyCorpus(t *testing.T) {
	bars := map[string]float64{"specific": 0.80, "situation": 0.80, "task": 0.70, "action": 0.85, "result": 0.80, "measurable_result": 0.80, "mostly_we": 0.85}
	an := rubric.New()
	right := map[string]int{}
	n := 0
	for _, file := range []string{"testdata/corpus/legacy/dev.jsonl", "testdata/corpus/legacy/holdout.jsonl"} {
		f, err := os.Open(file)
		if err != nil {
			t.Fatal(err)
		}
		sc := bufio.NewScanner(f)
		sc.Buffer(make([]byte, 1<<20), 1<<20)
		for sc.Scan() {
			var it legacyItem
			if err := json.Unmarshal(sc.Bytes(), &it); err != nil {
				t.Fatal(err)
			}
			r := an.Analyze(starloop.Transcript{Text: it.Text}, rubric.Options{LP: it.LP})
			l := it.Labels
			n++
			for name, ok := range map[string]bool{
				"specific":          r.Specific == l.Answer,
				"situation":         !l.Answer || r.STAR.Situation.Present == l.Situation,
				"task":              !l.Answer || r.STAR.Task.Present == l.Task,
				"action":            !l.Answer || r.STAR.Action.Present == l.Action,
				"result":            !l.Answer || r.STAR.Result.Present == l.Result,
				"measurable_result": !l.Answer || r.MeasurableResult == l.MeasurableResult,
				"mostly_we":         !l.Answer || r.Ownership.MostlyWe == l.MostlyWe,
			} {
				if ok {
					right[name]++
				}
			}
		}
		f.Close()
	}
	for _, name := range []string{"specific", "situation", "task", "action", "result", "measurable_result", "mostly_we"} {
		acc := float64(right[name]) / float64(n)
		t.Logf("legacy corpus (%d answers) %-18s %.3f", n, name, acc)
		if acc < bars[name] {
			t.Errorf("legacy corpus: %s %.3f < %.2f", name, acc, bars[name])
		}
	}
}

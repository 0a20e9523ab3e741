package rubric

import (
	"fmt"
	"math"
	"math/rand/v2"
	"os"
	"path/filepath"
	"slices"
	"sort"

	"github.com/starloop/starloop"
)

// Example is one labelled answer to train the judge on: its transcript
// (punctuated text, or recognised words with timings) and what a person
// said of it.
type Example struct {
	Transcript starloop.Transcript
	// Spans mark the parts of the transcript's text, in order: byte
	// offsets into Transcript.Text, the part played ("S", "T", "A", "R",
	// or "O" for none) and the number of the writer's segment the span
	// belongs to (a new segment is where a clause starts). Words outside
	// every span are "O".
	Spans []LabelledSpan
	// Answer, Specific and MeasurableResult are the answer-level labels
	// (see Report).
	Answer, Specific, MeasurableResult bool
	// LP is the id of the Leadership Principle the story was told for.
	LP string
	// LPOnly marks text that teaches only the LP model (what a principle
	// is about, in the question bank's words), not a labelled answer.
	LPOnly bool
}

// LabelledSpan is one labelled stretch of an Example's text.
type LabelledSpan struct {
	Start, End int
	Role       string
	Segment    int
}

// Model is a trained judge. Write stores it where New finds it (the
// model/ folder of this package, embedded at build time); Analyzer uses it
// directly, for cross-validation.
type Model struct {
	j *judge
}

// Training passes over the data, per model. The averaged perceptron
// converges within a few passes; more change little.
const epochs = 10

// prepared is an example as the models see it.
type prepared struct {
	toks    []token
	timed   bool
	role    []int // part per token
	seg     []int // writer's segment per token
	metrics []Metric
	answer  bool
	spec    bool
	measure bool
	lp      string
	lpOnly  bool
}

func prepare(ex Example) prepared {
	src := sourceOf(ex.Transcript)
	p := prepared{toks: src.toks, timed: src.timed, answer: ex.Answer, spec: ex.Specific, measure: ex.MeasurableResult, lp: ex.LP, lpOnly: ex.LPOnly}
	p.role = make([]int, len(p.toks))
	p.seg = make([]int, len(p.toks))
	k := 0
	for i, t := range p.toks {
		for k < len(ex.Spans) && ex.Spans[k].End <= t.start {
			k++
		}
		p.role[i], p.seg[i] = pN, -1-i
		if k < len(ex.Spans) && ex.Spans[k].Start <= t.start {
			p.role[i], p.seg[i] = roleIndex(ex.Spans[k].Role), ex.Spans[k].Segment
		}
	}
	p.metrics = metricsIn(p.toks, src.text)
	return p
}

func roleIndex(r string) int {
	for i, c := range partClasses {
		if c == r {
			return i
		}
	}
	return pN
}

// Train fits every model of the judge to the examples. It is deterministic:
// the same examples in the same order give the same model, byte for byte.
// lps lists the principle ids (the LP model's classes, in this order).
func Train(examples []Example, lps []string) *Model {
	var data, lpData []prepared
	for _, ex := range examples {
		if ex.LPOnly {
			lpData = append(lpData, prepare(ex))
		} else {
			data = append(data, prepare(ex))
		}
	}
	rng := rand.New(rand.NewPCG(20261207, 1))
	order := func() []int { return rng.Perm(len(data)) }
	j := &judge{
		boundary: newPerceptron("boundary", "B", "-"),
		clause:   newPerceptron("clause", partClasses...),
		answer:   newPerceptron("answer", "yes", "no"),
		specific: newPerceptron("specific", "yes", "no"),
		measure:  newPerceptron("measure", "yes", "no"),
		lp:       newPerceptron("lp", lps...),
	}
	f := features{keep: true}

	// Where clauses start: trained on the writers' segments, deciding left
	// to right as at run time.
	tr := newTrainer(j.boundary)
	var s2 [2]float64
	for e := 0; e < epochs; e++ {
		for _, i := range order() {
			d := data[i]
			start := 0
			for k := 0; k+1 < len(d.toks); k++ {
				if d.toks[k].stop {
					start = k + 1
					continue
				}
				boundaryFeatures(&f, d.toks, k, k+1-start, d.timed)
				j.boundary.scores(&f, s2[:])
				guess, truth := best(s2[:]), 1
				if d.seg[k] != d.seg[k+1] {
					truth = 0
				}
				tr.update(&f, truth, guess)
				if guess == 0 {
					start = k + 1
				}
			}
		}
	}
	tr.average()

	// What each clause plays: trained on the clauses the boundary model
	// cuts, each labelled with the part most of its words play, so that
	// the labeller learns to live with the cutter's mistakes.
	clauses := make([][]span, len(data))
	gold := make([][]int, len(data))
	for i, d := range data {
		clauses[i] = j.segment(d.toks, d.timed, &f)
		gold[i] = majority(d.role, clauses[i])
	}
	// A structured perceptron: decode the whole answer, and where the best
	// sequence differs from the true one, reward the true sequence's
	// features and penalise the guess's.
	tr = newTrainer(j.clause)
	for e := 0; e < epochs; e++ {
		for _, i := range order() {
			d, cl := data[i], clauses[i]
			emit, trans := j.clauseScores(d.toks, cl, d.metrics, d.timed, &f)
			guess := viterbi(emit, trans)
			tr.step++
			for k := range cl {
				g, p := gold[i][k], guess[k]
				gp, pp := nParts, nParts
				if k > 0 {
					gp, pp = gold[i][k-1], guess[k-1]
				}
				if g != p {
					clauseFeatures(&f, d.toks, cl, k, d.metrics, d.timed)
					tr.adjust(&f, g, 1)
					tr.adjust(&f, p, -1)
				}
				if g != p || gp != pp {
					transitionFeatures(&f, d.toks, cl, k, labelName(gp))
					tr.adjust(&f, g, 1)
					transitionFeatures(&f, d.toks, cl, k, labelName(pp))
					tr.adjust(&f, p, -1)
				}
			}
		}
	}
	tr.average()

	// The answer-level models see the clause labels the labeller gives.
	labels := make([][]int, len(data))
	margins := make([][][4]float64, len(data))
	for i, d := range data {
		clauses[i], labels[i], margins[i] = j.clauses(d.toks, d.timed, d.metrics, &f)
	}
	trainBinary := func(p *perceptron, truth func(prepared) bool, feats func(int)) {
		tr := newTrainer(p)
		for e := 0; e < epochs; e++ {
			for _, i := range order() {
				feats(i)
				p.scores(&f, s2[:])
				t := 1
				if truth(data[i]) {
					t = 0
				}
				tr.update(&f, t, best(s2[:]))
			}
		}
		tr.average()
	}
	answerFeats := func(i int) { answerFeatures(&f, data[i].toks, labels[i]) }
	trainBinary(j.answer, func(d prepared) bool { return d.answer }, answerFeats)
	trainBinary(j.specific, func(d prepared) bool { return d.spec }, answerFeats)
	// Whether the result states a measure: the features need the measures
	// placed in the clauses and the nearest one's result margin, which
	// depend only on the models trained above, so they are worked out
	// once; the rule's own verdict (a measure in a result clause) is one
	// of them.
	measureFeats := make([][]uint64, len(data))
	measureNames := make([][]string, len(data))
	for i, d := range data {
		ms := slices.Clone(d.metrics)
		placeMetrics(ms, clauses[i], labels[i])
		j.measureEvidence(d.toks, clauses[i], labels[i], margins[i], ms, d.timed, &f)
		measureFeats[i], measureNames[i] = slices.Clone(f.keys), slices.Clone(f.names)
	}
	trainBinary(j.measure, func(d prepared) bool { return d.measure }, func(i int) {
		f.keys, f.names = append(f.keys[:0], measureFeats[i]...), append(f.names[:0], measureNames[i]...)
	})

	lpIndex := map[string]int{}
	for i, id := range lps {
		lpIndex[id] = i
	}
	for _, d := range lpData {
		cl, l, _ := j.clauses(d.toks, d.timed, d.metrics, &f)
		data = append(data, d)
		clauses = append(clauses, cl)
		labels = append(labels, l)
	}
	// The principle a story shows: naive Bayes over the answer's words,
	// which beat the averaged perceptron on held-out writers (top-1 .58
	// against .52) with 40 answers a principle to learn from.
	trainNaiveBayes(j.lp, func(yield func(feats *features, class int)) {
		for i := range data {
			c, ok := lpIndex[data[i].lp]
			if !ok || !data[i].answer && !data[i].lpOnly {
				continue
			}
			lpFeatures(&f, data[i].toks, clauses[i], labels[i])
			yield(&f, c)
		}
	})
	return &Model{j: j}
}

// majority gives each clause the part most of its words play; ties go to
// the earlier part in S, T, A, R order, then to none.
func majority(role []int, cl []span) []int {
	out := make([]int, len(cl))
	for k, c := range cl {
		var n [nParts]int
		for i := c.start; i < c.end; i++ {
			n[role[i]]++
		}
		out[k] = best([]float64{float64(n[0]), float64(n[1]), float64(n[2]), float64(n[3]), float64(n[4])})
	}
	return out
}

// Analyzer returns an Analyzer that judges with m.
func (m *Model) Analyzer() *Analyzer { return &Analyzer{j: m.j} }

// Files returns the model files by name, as Write would store them.
func (m *Model) Files() (map[string][]byte, error) {
	out := map[string][]byte{}
	for _, p := range []*perceptron{m.j.boundary, m.j.clause, m.j.answer, m.j.specific, m.j.measure, m.j.lp} {
		var b bytesBuffer
		if err := p.write(&b); err != nil {
			return nil, err
		}
		out[p.name+".txt"] = b.b
	}
	return out, nil
}

// Write stores the model files in dir.
func (m *Model) Write(dir string) error {
	files, err := m.Files()
	if err != nil {
		return err
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	names := make([]string, 0, len(files))
	for n := range files {
		names = append(names, n)
	}
	sort.Strings(names)
	for _, n := range names {
		if err := os.WriteFile(filepath.Join(dir, n), files[n], 0o644); err != nil {
			return fmt.Errorf("write model: %w", err)
		}
	}
	return nil
}

type bytesBuffer struct{ b []byte }

func (w *bytesBuffer) Write(p []byte) (int, error) {
	w.b = append(w.b, p...)
	return len(p), nil
}

// trainNaiveBayes sets p's weights to the log-probabilities of a
// multinomial naive Bayes over present features (add-alpha smoothing),
// centred across classes, with the log prior on "bias".
func trainNaiveBayes(p *perceptron, each func(func(*features, int))) {
	const alpha = 1.0
	n := len(p.classes)
	// The counts go in p's own table, a row for each feature, and are
	// then replaced by the weights.
	counts := p.w
	totals := make([]float64, n)
	docs := make([]float64, n)
	each(func(f *features, c int) {
		docs[c]++
		for i, k := range f.keys {
			if f.names[i] == "bias" {
				continue
			}
			counts.row(counts.add(k, f.names[i]))[c]++
			totals[c]++
		}
	})
	v := float64(counts.len())
	for r := 1; r <= counts.len(); r++ {
		w := counts.row(r)
		mean := 0.0
		for c := range w {
			w[c] = math.Log((w[c] + alpha) / (totals[c] + alpha*v))
			mean += w[c] / float64(n)
		}
		for c := range w {
			w[c] = math.Round((w[c]-mean)*1e4) / 1e4
		}
	}
	bias := hashString(fnvOffset, "bias")
	w := p.w.row(p.w.add(bias, "bias"))
	sum := 0.0
	for _, d := range docs {
		sum += d
	}
	for c := range w {
		w[c] = math.Round(math.Log((docs[c]+1)/(sum+float64(n)))*1e4) / 1e4
	}
}

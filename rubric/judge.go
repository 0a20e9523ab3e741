package rubric

import (
	_ "embed"
	"fmt"
	"math"
	"sort"
)

// The parts a clause can play, in the order of the clause model's classes.
const (
	pS = iota // situation
	pT        // task
	pA        // action
	pR        // result
	pN        // none of them: fillers, asides, reflections
	nParts
)

var partNames = [nParts]string{pS: "situation", pT: "task", pA: "action", pR: "result", pN: ""}

// partClasses are the class names of the clause model, in part order.
var partClasses = []string{"S", "T", "A", "R", "O"}

// The models, trained by `make model` (go generate ./rubric) from the
// labelled corpus in testdata/corpus; see train.go.
//
//go:generate go run ./internal/train
var (
	//go:embed model/boundary.txt
	boundaryModel string
	//go:embed model/clause.txt
	clauseModel string
	//go:embed model/answer.txt
	answerModel string
	//go:embed model/specific.txt
	specificModel string
	//go:embed model/measure.txt
	measureModel string
	//go:embed model/lp.txt
	lpModel string
)

// judge holds the trained models. It is immutable once loaded.
type judge struct {
	boundary *perceptron // "B" (a clause starts at the next word) or "-"
	clause   *perceptron // S, T, A, R, O
	answer   *perceptron // "yes" (an attempt at an answer) or "no"
	specific *perceptron // "yes" (one specific past story) or "no"
	measure  *perceptron // "yes" (the result states a measure) or "no"
	lp       *perceptron // one class per Leadership Principle id
}

// boundaryBias is added to the boundary model's score for a new clause
// before it is compared with the score for none. The writers of the corpus
// cut a new segment only where the part changes, so the model, left alone,
// cuts too little, and a clause that runs a situation into a task loses
// one of them; cutting more costs little, as the labeller gives adjacent
// clauses the same part. 15 was chosen by leave-one-writer-out
// cross-validation (go run ./rubric/internal/train -cv), among 0, 3, 8,
// 15 and 30.
const boundaryBias = 15

func loadJudge() (*judge, error) {
	j := &judge{}
	for _, m := range []struct {
		file, text string
		p          **perceptron
	}{
		{"boundary", boundaryModel, &j.boundary}, {"clause", clauseModel, &j.clause}, {"answer", answerModel, &j.answer},
		{"specific", specificModel, &j.specific}, {"measure", measureModel, &j.measure}, {"lp", lpModel, &j.lp},
	} {
		p, err := readPerceptron(m.file, m.text)
		if err != nil {
			return nil, err
		}
		*m.p = p
	}
	if fmt.Sprint(j.clause.classes) != fmt.Sprint(partClasses) {
		return nil, fmt.Errorf("clause model classes %v, want %v", j.clause.classes, partClasses)
	}
	return j, nil
}

// mustLoadJudge loads the embedded models, which are part of the program:
// a broken model file is a build error that the tests catch, not a run-time
// condition.
func mustLoadJudge() *judge {
	j, err := loadJudge()
	if err != nil {
		panic("rubric: embedded model: " + err.Error())
	}
	return j
}

// segment cuts the answer into clauses: always after a sentence end (. ! ?
// ; :) and, between words, wherever the boundary model says a new clause
// starts. scratch is reused.
func (j *judge) segment(toks []token, timed bool, f *features) []span {
	var out []span
	if len(toks) == 0 {
		return out
	}
	start := 0
	for i := 0; i+1 < len(toks); i++ {
		brk := toks[i].stop
		if !brk {
			cut, none := j.boundaryScores(toks, i, i+1-start, timed, f)
			brk = cut+boundaryBias > none
		}
		if brk {
			out = append(out, span{start, i + 1})
			start = i + 1
		}
	}
	return append(out, span{start, len(toks)})
}

// boundaryScores scores a new clause starting after toks[i] (cut) and
// none, where the current clause has since words.
func (j *judge) boundaryScores(toks []token, i, since int, timed bool, f *features) (cut, none float64) {
	var s [2]float64
	boundaryFeatures(f, toks, i, since, timed)
	j.boundary.scores(f, s[:])
	return s[0], s[1]
}

// clauses cuts the answer into clauses and labels them.
//
// (Splitting a labelled clause again where the clause model was sure its
// two halves play different parts, "I added batching | and cut the run
// time to 40 minutes", was tried: on answers by writers it had not seen it
// lost more than it gained, 2 to 3 points on situation and result.)
func (j *judge) clauses(toks []token, timed bool, metrics []Metric, f *features) ([]span, []int, [][4]float64) {
	cl := j.segment(toks, timed, f)
	labels, margins := j.label(toks, cl, metrics, timed, f)
	return cl, labels, margins
}

// label gives each clause its part: the best sequence of labels under the
// clause model (Viterbi), where a label's score is what the clause's words
// say for it plus how well it follows the label before. It also says, for
// each clause and part, by how much the part's score there beats the best
// other label's (given the label before, as decoded): positive where the
// clause plays the part, negative by how far it is from playing it.
func (j *judge) label(toks []token, cl []span, metrics []Metric, timed bool, f *features) ([]int, [][4]float64) {
	emit, trans := j.clauseScores(toks, cl, metrics, timed, f)
	labels := viterbi(emit, trans)
	margins := make([][4]float64, len(cl))
	for k := range cl {
		prev := nParts
		if k > 0 {
			prev = labels[k-1]
		}
		var s [nParts]float64
		for y := range s {
			s[y] = emit[k][y] + trans[k][prev][y]
		}
		for p := 0; p < 4; p++ {
			margins[k][p] = margin(&s, p)
		}
	}
	return labels, margins
}

// margin is by how much label p's score beats the best other label's in s.
func margin(s *[nParts]float64, p int) float64 {
	other := math.Inf(-1)
	for y, v := range s {
		if y != p && v > other {
			other = v
		}
	}
	return s[p] - other
}

// clauseScores computes, for each clause, the score of each label from its
// own features (emit) and, for each label before it (or the start, index
// nParts), the score of each label from the transition features.
func (j *judge) clauseScores(toks []token, cl []span, metrics []Metric, timed bool, f *features) ([][nParts]float64, [][nParts + 1][nParts]float64) {
	emit := make([][nParts]float64, len(cl))
	trans := make([][nParts + 1][nParts]float64, len(cl))
	for k := range cl {
		clauseFeatures(f, toks, cl, k, metrics, timed)
		j.clause.scores(f, emit[k][:])
		for prev := 0; prev <= nParts; prev++ {
			if k == 0 && prev != nParts || k > 0 && prev == nParts {
				continue
			}
			transitionFeatures(f, toks, cl, k, labelName(prev))
			j.clause.scores(f, trans[k][prev][:])
		}
	}
	return emit, trans
}

func labelName(k int) string {
	if k == nParts {
		return "<s>"
	}
	return partClasses[k]
}

// viterbi finds the label sequence with the highest total score.
func viterbi(emit [][nParts]float64, trans [][nParts + 1][nParts]float64) []int {
	n := len(emit)
	out := make([]int, n)
	if n == 0 {
		return out
	}
	score := make([][nParts]float64, n)
	back := make([][nParts]int, n)
	for y := 0; y < nParts; y++ {
		score[0][y] = emit[0][y] + trans[0][nParts][y]
	}
	for k := 1; k < n; k++ {
		for y := 0; y < nParts; y++ {
			bestPrev, bestScore := 0, math.Inf(-1)
			for p := 0; p < nParts; p++ {
				if s := score[k-1][p] + trans[k][p][y]; s > bestScore {
					bestPrev, bestScore = p, s
				}
			}
			score[k][y] = bestScore + emit[k][y]
			back[k][y] = bestPrev
		}
	}
	last := 0
	for y := 1; y < nParts; y++ {
		if score[n-1][y] > score[n-1][last] {
			last = y
		}
	}
	for k := n - 1; k >= 0; k-- {
		out[k] = last
		last = back[k][last]
	}
	return out
}

// yes runs a two-class model whose first class is "yes".
func yes(p *perceptron, f *features) bool {
	var s [2]float64
	p.scores(f, s[:])
	return best(s[:]) == 0
}

// rankLPs scores every principle, turns the scores into probabilities
// (softmax), and lists those worth showing, best first, with the words of
// the answer that weighed most for each.
func (j *judge) rankLPs(f *features, names map[string]string, toks []token) []LPScore {
	n := len(j.lp.classes)
	s := make([]float64, n)
	j.lp.scores(f, s)
	// The scores are naive Bayes log-likelihoods, which count every word
	// as independent evidence and so are far too sure of themselves;
	// dividing by lpTemperature before the softmax makes the top score
	// about as high, on average, as the rate at which the top principle
	// is the one asked (leave-one-writer-out).
	mx := s[best(s)]
	sum := 0.0
	p := make([]float64, n)
	for i, v := range s {
		p[i] = math.Exp((v - mx) / lpTemperature)
		sum += p[i]
	}
	out := make([]LPScore, 0, n)
	shown := make([]bool, n)
	for i := range p {
		p[i] = round(p[i]/sum, 3)
		shown[i] = p[i] >= minLPScore
	}
	cues := j.lpCues(f, shown, toks)
	for i, id := range j.lp.classes {
		if shown[i] {
			out = append(out, LPScore{ID: id, Name: names[id], Score: p[i], Cues: cues[i]})
		}
	}
	sort.SliceStable(out, func(a, b int) bool { return out[a].Score > out[b].Score })
	return out
}

const (
	lpTemperature = 7.0
	minLPScore    = 0.01
)

// lpCues gives, for each class in want, the words of the answer that
// count most for it, as said. One pass over the features serves every
// class.
func (j *judge) lpCues(f *features, want []bool, toks []token) [][]string {
	type cue struct {
		name string
		w    []float64
	}
	cs := make([]cue, 0, len(f.keys))
	for _, k := range f.keys {
		r := j.lp.w.find(k)
		if r == 0 {
			continue
		}
		if name := j.lp.w.names[r]; len(name) > 2 && name[:2] == "w=" {
			cs = append(cs, cue{name[2:], j.lp.w.row(r)})
		}
	}
	tops := make([][]cue, len(want))
	for c := range want {
		if !want[c] {
			continue
		}
		// The five best by weight, earlier first among equals: a partial
		// insertion sort, as only five are wanted.
		top := make([]cue, 0, 5)
		for _, x := range cs {
			if x.w[c] <= 0 || len(top) == 5 && x.w[c] <= top[4].w[c] {
				continue
			}
			k := len(top)
			for k > 0 && x.w[c] > top[k-1].w[c] {
				k--
			}
			if len(top) < 5 {
				top = append(top, cue{})
			}
			copy(top[k+1:], top[k:])
			top[k] = x
		}
		tops[c] = top
	}
	// The features are stems ("dropp"); show the word the speaker said,
	// the first whose stem it is. Only the stems chosen are looked for.
	said := map[string]string{}
	for _, top := range tops {
		for _, x := range top {
			said[x.name] = ""
		}
	}
	for _, t := range toks {
		st := stem(t.key)
		if w, ok := said[st]; ok && w == "" {
			said[st] = t.key
		}
	}
	out := make([][]string, len(want))
	for c, top := range tops {
		for _, x := range top {
			word := said[x.name]
			if word == "" {
				word = x.name
			}
			out[c] = append(out[c], word)
		}
	}
	return out
}

// span is a clause: the words [start, end).
type span struct{ start, end int }

// tailResult says how near a measure inside clause k, at token at, comes
// to standing in a result of its own: the clause is cut where the
// boundary model most wants a cut before the measure, and the words from
// there to the clause's end are scored as a clause following clause k's
// label; the margin is the result's, as label gives it. A recogniser's
// transcript has no full stops, and a result that starts a sentence ("on
// Friday about 1.2 million people came") often ends the action clause
// before it; the measure model weighs it. It is -Inf when the measure
// opens the clause, where the clause's own margin already says it.
func (j *judge) tailResult(toks []token, cl []span, labels []int, k, at int, metrics []Metric, timed bool, f *features) float64 {
	c := cl[k]
	if at <= c.start || at >= c.end {
		return math.Inf(-1)
	}
	cut, bestCut := 0, math.Inf(-1)
	for i := c.start; i < at; i++ {
		yes, no := j.boundaryScores(toks, i, i+1-c.start, timed, f)
		if v := yes - no; v > bestCut {
			cut, bestCut = i+1, v
		}
	}
	split := make([]span, 0, len(cl)+1)
	split = append(append(append(split, cl[:k]...), span{c.start, cut}, span{cut, c.end}), cl[k+1:]...)
	var emit, trans [nParts]float64
	clauseFeatures(f, toks, split, k+1, metrics, timed)
	j.clause.scores(f, emit[:])
	transitionFeatures(f, toks, split, k+1, labelName(labels[k]))
	j.clause.scores(f, trans[:])
	for y := range emit {
		emit[y] += trans[y]
	}
	return margin(&emit, pR)
}

// placeMetrics puts each measure in its clause and marks those a result
// states: standing in a result clause, and not how long something went on
// ("for two weeks"). It reports whether any is.
func placeMetrics(metrics []Metric, cl []span, labels []int) bool {
	stated := false
	for k := range metrics {
		ci := sort.Search(len(cl), func(i int) bool { return cl[i].end > metrics[k].Start })
		if ci == len(cl) {
			continue // no clause holds it (there are none)
		}
		metrics[k].clause = ci
		metrics[k].InResult = labels[ci] == pR && !metrics[k].lasting
		stated = stated || metrics[k].InResult
	}
	return stated
}

// unmeasured says how sure the measure model is that the answer's result
// states no measure: its score for "no" less its score for "yes". The
// model weighs, besides the words of the result, how near the nearest
// measure comes to standing in a result ("reduced it to 40 minutes" read
// as an action, or a result run into the action clause before it, which
// tailResult scores). metrics must have been placed (placeMetrics).
func (j *judge) unmeasured(toks []token, cl []span, labels []int, margins [][4]float64, metrics []Metric, timed bool, f *features) float64 {
	j.measureEvidence(toks, cl, labels, margins, metrics, timed, f)
	var s [2]float64
	j.measure.scores(f, s[:])
	return s[1] - s[0]
}

// measureEvidence puts the measure model's features into f.
func (j *judge) measureEvidence(toks []token, cl []span, labels []int, margins [][4]float64, metrics []Metric, timed bool, f *features) {
	measured, near := false, 0.0
	for _, m := range metrics {
		if m.lasting {
			continue
		}
		n := margins[m.clause][pR]
		if labels[m.clause] != pR {
			n = math.Max(n, j.tailResult(toks, cl, labels, m.clause, m.Start, metrics, timed, f))
		}
		if !measured || n > near {
			measured, near = true, n
		}
	}
	measureFeatures(f, toks, cl, labels, metrics, near, measured, timed)
}

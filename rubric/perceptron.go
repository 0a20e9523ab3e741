package rubric

import (
	"bufio"
	"fmt"
	"io"
	"math"
	"sort"
	"strconv"
	"strings"
)

// A perceptron is a linear classifier over sparse binary features: the
// score of a class is the sum of the weights its features carry for it,
// and the best class wins. Weights are trained by the averaged perceptron
// (Collins 2002; the tagger of Honnibal, in NLTK and TextBlob): make a
// guess, and when it is wrong move the true class's weights up and the
// guess's down by one; the model keeps the average of every weight over
// all the steps of training, which generalises far better than the last
// value.
//
// Features are strings ("first=i", "w=rolled", "pos=0.1"); at run time they
// are hashed (FNV-1a, 64 bits) into the weight table, so scoring a clause
// allocates nothing.
type perceptron struct {
	name    string
	classes []string
	weights map[uint64][]float64
	// names keeps each hashed feature's name, for the model file and for
	// explaining a decision; set when trained or loaded.
	names map[uint64]string
}

func newPerceptron(name string, classes ...string) *perceptron {
	return &perceptron{name: name, classes: classes, weights: map[uint64][]float64{}, names: map[uint64]string{}}
}

// features collects the hashed features of one decision.
type features struct {
	keys  []uint64
	names []string // filled only when keepNames (training)
	keep  bool
}

const (
	fnvOffset = 14695981039346656037
	fnvPrime  = 1099511628211
)

func hashString(h uint64, s string) uint64 {
	for i := 0; i < len(s); i++ {
		h ^= uint64(s[i])
		h *= fnvPrime
	}
	return h
}

// add adds the feature named by the concatenation of parts.
func (f *features) add(parts ...string) {
	h := uint64(fnvOffset)
	for _, p := range parts {
		h = hashString(h, p)
	}
	f.keys = append(f.keys, h)
	if f.keep {
		f.names = append(f.names, strings.Join(parts, ""))
	}
}

// addOnce adds the feature unless seen already holds it, and records it
// there: for features of presence, counted once however often they occur.
func (f *features) addOnce(seen map[uint64]bool, parts ...string) {
	h := uint64(fnvOffset)
	for _, p := range parts {
		h = hashString(h, p)
	}
	if !seen[h] {
		seen[h] = true
		f.add(parts...)
	}
}

func (f *features) reset() {
	f.keys = f.keys[:0]
	f.names = f.names[:0]
}

// scores adds each class's score for f to out (len(classes)).
func (p *perceptron) scores(f *features, out []float64) {
	for i := range out {
		out[i] = 0
	}
	for _, k := range f.keys {
		if w, ok := p.weights[k]; ok {
			for c, v := range w {
				out[c] += v
			}
		}
	}
}

// best returns the index of the highest score; ties go to the earlier class.
func best(s []float64) int {
	b := 0
	for i, v := range s {
		if v > s[b] {
			b = i
		}
	}
	return b
}

// trainer accumulates the averaged perceptron's sums.
type trainer struct {
	p      *perceptron
	totals map[uint64][]float64
	stamps map[uint64][]int
	step   int
}

func newTrainer(p *perceptron) *trainer {
	return &trainer{p: p, totals: map[uint64][]float64{}, stamps: map[uint64][]int{}}
}

// update moves the weights of f towards truth and away from guess. Call it
// once per training decision (also when the guess was right: the step
// counts for the averages).
func (t *trainer) update(f *features, truth, guess int) {
	t.step++
	if truth == guess {
		return
	}
	t.adjust(f, truth, 1)
	t.adjust(f, guess, -1)
}

// adjust adds delta to class c's weight of every feature of f, without
// counting a step (a structured update makes several adjustments per step).
func (t *trainer) adjust(f *features, c int, delta float64) {
	for i, k := range f.keys {
		w, ok := t.p.weights[k]
		if !ok {
			w = make([]float64, len(t.p.classes))
			t.p.weights[k] = w
			t.totals[k] = make([]float64, len(t.p.classes))
			t.stamps[k] = make([]int, len(t.p.classes))
			t.p.names[k] = f.names[i]
		}
		t.totals[k][c] += float64(t.step-t.stamps[k][c]) * w[c]
		t.stamps[k][c] = t.step
		w[c] += delta
	}
}

// average replaces every weight by its average over the training steps and
// drops features whose weights all round to zero.
func (t *trainer) average() {
	for k, w := range t.p.weights {
		keep := false
		for c := range w {
			total := t.totals[k][c] + float64(t.step-t.stamps[k][c])*w[c]
			w[c] = math.Round(total/float64(t.step)*1e4) / 1e4
			if w[c] != 0 {
				keep = true
			}
		}
		if !keep {
			delete(t.p.weights, k)
			delete(t.p.names, k)
		}
	}
}

// write stores the model as text: a header naming the classes, then one
// line per feature, sorted, with its weight for each class.
func (p *perceptron) write(w io.Writer) error {
	bw := bufio.NewWriter(w)
	fmt.Fprintf(bw, "# %s: averaged perceptron weights, one feature a line; rebuilt by `make model`\n", p.name)
	fmt.Fprintf(bw, "classes\t%s\n", strings.Join(p.classes, "\t"))
	lines := make([]string, 0, len(p.weights))
	for k, w := range p.weights {
		var b strings.Builder
		b.WriteString(p.names[k])
		for _, v := range w {
			b.WriteByte('\t')
			b.WriteString(strconv.FormatFloat(v, 'g', -1, 64))
		}
		lines = append(lines, b.String())
	}
	sort.Strings(lines)
	for _, l := range lines {
		bw.WriteString(l)
		bw.WriteByte('\n')
	}
	return bw.Flush()
}

// readPerceptron parses what write wrote. Feature names are kept as
// substrings of text, and all weights share one backing array: loading the
// five models takes a few milliseconds.
func readPerceptron(name, text string) (*perceptron, error) {
	p := newPerceptron(name)
	lines := strings.Count(text, "\n") + 1
	p.weights = make(map[uint64][]float64, lines)
	p.names = make(map[uint64]string, lines)
	var backing []float64
	for n := 1; text != ""; n++ {
		line, rest, _ := strings.Cut(text, "\n")
		text = rest
		if line == "" || line[0] == '#' {
			continue
		}
		feature, ws, _ := strings.Cut(line, "\t")
		if feature == "classes" && p.classes == nil {
			p.classes = strings.Split(ws, "\t")
			backing = make([]float64, 0, lines*len(p.classes))
			continue
		}
		if p.classes == nil {
			return nil, fmt.Errorf("model %s line %d: no classes line before the weights", name, n)
		}
		start := len(backing)
		for ws != "" {
			var f string
			f, ws, _ = strings.Cut(ws, "\t")
			v, err := strconv.ParseFloat(f, 64)
			if err != nil {
				return nil, fmt.Errorf("model %s line %d: %v", name, n, err)
			}
			backing = append(backing, v)
		}
		if len(backing)-start != len(p.classes) {
			return nil, fmt.Errorf("model %s line %d: want a feature and %d weights", name, n, len(p.classes))
		}
		k := hashString(fnvOffset, feature)
		p.weights[k] = backing[start:len(backing):len(backing)]
		p.names[k] = feature
	}
	if p.classes == nil {
		return nil, fmt.Errorf("model %s: no classes line", name)
	}
	return p, nil
}

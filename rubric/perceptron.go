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
	// w holds each feature's weights and, for the model file and for
	// explaining a decision, its name.
	w *weightTable
}

func newPerceptron(name string, classes ...string) *perceptron {
	return &perceptron{name: name, classes: classes, w: newWeightTable(len(classes), 0)}
}

// weightTable maps a feature's hash to its name and its weights, one per
// class. Judging an answer looks up some ten thousand features, most of
// them absent from the model, in tables too big for the processor's
// nearest caches; a map[uint64][]float64 spent a third of the time of
// judging on them.
//
// Here the rows (hash, name, weights) are dense, in the order they were
// added, and an open-addressing index (linear probing, never more than
// half full) finds a row. Row 0 is the absent feature's, with weights all
// zero, and an empty slot points at it: a lookup then ends at the first
// slot that holds the key or is empty and adds that slot's row, with no
// branch on whether the feature was found, so that the processor can wait
// for the slots of several features at once. (Adding a zero weight leaves
// a score as it was: a sum that starts at +0 is never -0.)
type weightTable struct {
	stride  int // weights a row: the number of classes
	slots   []slot
	shift   uint // 64 - log2(len(slots)): home takes the top bits
	keys    []uint64
	names   []string
	weights []float64 // row r's are weights[r*stride : (r+1)*stride]
}

// slot is one entry of the index: the row of the feature hashed to key,
// or row 0 (and key 0) when the slot is empty.
type slot struct {
	key uint64
	row int32
}

// newWeightTable makes a table for rows of stride weights, with room for
// n rows before it grows.
func newWeightTable(stride, n int) *weightTable {
	t := &weightTable{stride: stride}
	t.keys = append(make([]uint64, 0, n+1), 0)
	t.names = append(make([]string, 0, n+1), "")
	t.weights = make([]float64, stride, (n+1)*stride)
	t.index(n)
	return t
}

// index sizes the slots for n rows and fills them with the rows there are.
func (t *weightTable) index(n int) {
	size, shift := 8, uint(61)
	for size < 2*n {
		size, shift = size*2, shift-1
	}
	t.slots, t.shift = make([]slot, size), shift
	for r := 1; r < len(t.keys); r++ {
		t.slots[t.empty(t.keys[r])] = slot{key: t.keys[r], row: int32(r)}
	}
}

// home is the first slot tried for key k.
func (t *weightTable) home(k uint64) int { return slotOf(k, t.shift) }

// slotOf is the first slot tried for hash k in a table of 1<<(64-shift)
// slots. The hash is multiplied by a large odd constant (Fibonacci
// hashing) before its top bits are taken, as FNV's top bits alone mix the
// last bytes of a name poorly.
func slotOf(k uint64, shift uint) int {
	return int((k * 0x9e3779b97f4a7c15) >> shift)
}

// empty returns the first empty slot from k's home on.
func (t *weightTable) empty(k uint64) int {
	i := t.home(k)
	for t.slots[i].row != 0 {
		i = (i + 1) & (len(t.slots) - 1)
	}
	return i
}

// find returns the row of the feature hashed to k, or 0 when there is
// none. (An empty slot's key is 0, so that when k is 0 it stops there
// too: with no deletions, no empty slot lies between a key's home and
// its slot.)
func (t *weightTable) find(k uint64) int {
	i := t.home(k)
	for t.slots[i].key != k && t.slots[i].row != 0 {
		i = (i + 1) & (len(t.slots) - 1)
	}
	return int(t.slots[i].row)
}

// add returns the row of the feature hashed to k, adding one named name,
// with zero weights, if there is none.
func (t *weightTable) add(k uint64, name string) int {
	if r := t.find(k); r != 0 {
		return r
	}
	r := len(t.keys)
	t.keys = append(t.keys, k)
	t.names = append(t.names, name)
	for c := 0; c < t.stride; c++ {
		t.weights = append(t.weights, 0)
	}
	if 2*t.len() > len(t.slots) {
		t.index(t.len())
	} else {
		t.slots[t.empty(k)] = slot{key: k, row: int32(r)}
	}
	return r
}

// row returns row r's weights, which the caller may change.
func (t *weightTable) row(r int) []float64 {
	return t.weights[r*t.stride : (r+1)*t.stride : (r+1)*t.stride]
}

// len is the number of features, rows 1 to len.
func (t *weightTable) len() int { return len(t.keys) - 1 }

// features collects the hashed features of one decision.
type features struct {
	keys  []uint64
	names []string // filled only when keepNames (training)
	keep  bool
	once  keySet // what addOnce has added since reset
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
	f.addHashed(hashParts(parts), parts)
}

// addOnce adds the feature unless it was added once since reset: for
// features of presence, counted once however often they occur.
func (f *features) addOnce(parts ...string) {
	if h := hashParts(parts); f.once.add(h) {
		f.addHashed(h, parts)
	}
}

// hashParts hashes the concatenation of parts, without making it.
func hashParts(parts []string) uint64 {
	h := uint64(fnvOffset)
	for _, p := range parts {
		h = hashString(h, p)
	}
	return h
}

// addHashed adds the feature named by parts, whose hash is h.
func (f *features) addHashed(h uint64, parts []string) {
	f.keys = append(f.keys, h)
	if f.keep {
		f.names = append(f.names, strings.Join(parts, ""))
	}
}

func (f *features) reset() {
	f.keys = f.keys[:0]
	f.names = f.names[:0]
	f.once.reset()
}

// keySet is a set of feature hashes that empties without freeing its
// memory: an open-addressing table (linear probing, at most half full),
// where 0 marks an empty slot and the hash 0 is held apart. An answer's
// thousand or so features of presence cost a map[uint64]bool twice as
// much time, and its memory anew for every answer.
type keySet struct {
	slots []uint64
	n     int
	shift uint // 64 - log2(len(slots))
	zero  bool
}

// add adds k and reports whether it was not in the set before.
func (s *keySet) add(k uint64) bool {
	if k == 0 {
		added := !s.zero
		s.zero = true
		return added
	}
	if 2*(s.n+1) > len(s.slots) {
		s.grow(2 * (s.n + 1))
	}
	i := slotOf(k, s.shift)
	for ; s.slots[i] != 0; i = (i + 1) & (len(s.slots) - 1) {
		if s.slots[i] == k {
			return false
		}
	}
	s.slots[i] = k
	s.n++
	return true
}

// reserve makes room for n keys, so that adding them allocates nothing.
func (s *keySet) reserve(n int) {
	if 2*n > len(s.slots) {
		s.grow(n)
	}
}

// grow makes room for n keys; n must be more than the set holds.
func (s *keySet) grow(n int) {
	old := s.slots
	size, shift := 64, uint(58)
	for size < 2*n {
		size, shift = size*2, shift-1
	}
	s.slots, s.shift, s.n = make([]uint64, size), shift, 0
	for _, k := range old {
		if k != 0 {
			s.add(k)
		}
	}
}

// reset empties the set.
func (s *keySet) reset() {
	if s.n > 0 {
		clear(s.slots)
		s.n = 0
	}
	s.zero = false
}

// scores adds each class's score for f to out (len(classes)).
func (p *perceptron) scores(f *features, out []float64) {
	for i := range out {
		out[i] = 0
	}
	for _, k := range f.keys {
		for c, v := range p.w.row(p.w.find(k)) {
			out[c] += v
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

// trainer accumulates the averaged perceptron's sums. totals and stamps
// have a value for each weight of p, row by row like p's weights.
type trainer struct {
	p      *perceptron
	totals []float64
	stamps []int
	step   int
}

func newTrainer(p *perceptron) *trainer {
	return &trainer{p: p}
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
		r := t.p.w.add(k, f.names[i])
		for len(t.totals) < len(t.p.w.weights) {
			t.totals = append(t.totals, 0)
			t.stamps = append(t.stamps, 0)
		}
		w, at := t.p.w.row(r), r*t.p.w.stride+c
		t.totals[at] += float64(t.step-t.stamps[at]) * w[c]
		t.stamps[at] = t.step
		w[c] += delta
	}
}

// average replaces every weight by its average over the training steps and
// drops features whose weights all round to zero.
func (t *trainer) average() {
	old := t.p.w
	kept := newWeightTable(old.stride, old.len())
	for r := 1; r <= old.len(); r++ {
		w := old.row(r)
		keep := false
		for c := range w {
			at := r*old.stride + c
			total := t.totals[at] + float64(t.step-t.stamps[at])*w[c]
			w[c] = math.Round(total/float64(t.step)*1e4) / 1e4
			if w[c] != 0 {
				keep = true
			}
		}
		if keep {
			copy(kept.row(kept.add(old.keys[r], old.names[r])), w)
		}
	}
	t.p.w = kept
}

// write stores the model as text: a header naming the classes, then one
// line per feature, sorted, with its weight for each class.
func (p *perceptron) write(w io.Writer) error {
	bw := bufio.NewWriter(w)
	fmt.Fprintf(bw, "# %s: averaged perceptron weights, one feature a line; rebuilt by `make model`\n", p.name)
	fmt.Fprintf(bw, "classes\t%s\n", strings.Join(p.classes, "\t"))
	lines := make([]string, 0, p.w.len())
	for r := 1; r <= p.w.len(); r++ {
		var b strings.Builder
		b.WriteString(p.w.names[r])
		for _, v := range p.w.row(r) {
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
// substrings of text: loading the five models takes a few milliseconds.
func readPerceptron(name, text string) (*perceptron, error) {
	p := &perceptron{name: name}
	lines := strings.Count(text, "\n") + 1
	for n := 1; text != ""; n++ {
		line, rest, _ := strings.Cut(text, "\n")
		text = rest
		if line == "" || line[0] == '#' {
			continue
		}
		feature, ws, _ := strings.Cut(line, "\t")
		if feature == "classes" && p.classes == nil {
			p.classes = strings.Split(ws, "\t")
			p.w = newWeightTable(len(p.classes), lines)
			continue
		}
		if p.classes == nil {
			return nil, fmt.Errorf("model %s line %d: no classes line before the weights", name, n)
		}
		r := p.w.add(hashString(fnvOffset, feature), feature)
		p.w.names[r] = feature // as a map would: the last line of a hash wins
		w := p.w.row(r)
		c := 0
		for ws != "" {
			var f string
			f, ws, _ = strings.Cut(ws, "\t")
			v, err := strconv.ParseFloat(f, 64)
			if err != nil {
				return nil, fmt.Errorf("model %s line %d: %v", name, n, err)
			}
			if c < len(w) {
				w[c] = v
			}
			c++
		}
		if c != len(p.classes) {
			return nil, fmt.Errorf("model %s line %d: want a feature and %d weights", name, n, len(p.classes))
		}
	}
	if p.classes == nil {
		return nil, fmt.Errorf("model %s: no classes line", name)
	}
	return p, nil
}

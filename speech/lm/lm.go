// Package lm builds, mixes, reads and writes the n-gram language models
// that pocketsphinx decodes with: Kneser-Ney trigram models trained from
// text (Train), a linear interpolation of several models written as one
// backoff model (Mix), mixing weights fitted by expectation maximisation
// on held-out text (FitWeights), and the model files themselves: ARPA text
// (WriteARPA, ReadARPA) and sphinxbase's binary trie (ReadBinary,
// WriteBinary), the format of Debian's en-us.lm.bin.
//
// Text enters as sentences of words, already normalised (lower case,
// numbers spelled out; see speech/wer.Normalize); models leave as files.
// Probabilities are kept as log10, as in ARPA files. Nothing here runs
// pocketsphinx or touches the environment: it is pure Go, so it builds and
// tests without C libraries.
package lm

import (
	"fmt"
	"math"
)

// Sentence boundary words, as in every ARPA model.
const (
	BOS = "<s>"
	EOS = "</s>"
)

// noProb is the log10 probability ARPA files give <s>, which is never
// predicted.
const noProb = -99

// An Entry is one n-gram's log10 probability and, for n-grams shorter than
// the model's order, the log10 backoff weight of the n-gram as a context.
type Entry struct {
	Prob, Bow float32
}

// Model is a backoff n-gram model of order 1 to 3. Word ids index Words;
// Unigrams are indexed by word id, bigrams and trigrams by the ids of
// their words, in reading order. A model is a plain value: build it with Train, Mix or a
// reader, and do not change it while it is being read.
type Model struct {
	Order int
	Words []string
	ids   map[string]int32
	uni   []Entry
	bi    map[[2]int32]Entry
	tri   map[key3]float32
}

// key3 packs a trigram's word ids, 21 bits each: Go's maps hash a uint64
// far faster than a [3]int32, and the merge does millions of lookups.
type key3 uint64

// maxWords is the most words a model may have, so that ids fit key3.
const maxWords = 1 << 21

func k3(a, b, c int32) key3 { return key3(uint64(a)<<42 | uint64(b)<<21 | uint64(c)) }

func (k key3) ids() (a, b, c int32) {
	return int32(k >> 42), int32(k >> 21 & (maxWords - 1)), int32(k & (maxWords - 1))
}

// Unigram returns word w's entry.
func (m *Model) Unigram(w string) (Entry, bool) {
	id, ok := m.ids[w]
	if !ok {
		return Entry{}, false
	}
	return m.uni[id], true
}

// Bigram returns the entry of the bigram "a b", if the model holds it.
func (m *Model) Bigram(a, b string) (Entry, bool) {
	ia, ok1 := m.ids[a]
	ib, ok2 := m.ids[b]
	if !ok1 || !ok2 {
		return Entry{}, false
	}
	e, ok := m.bi[[2]int32{ia, ib}]
	return e, ok
}

// Trigram returns the log10 probability of the trigram "a b c", if the
// model holds it.
func (m *Model) Trigram(a, b, c string) (float32, bool) {
	ia, ok1 := m.ids[a]
	ib, ok2 := m.ids[b]
	ic, ok3 := m.ids[c]
	if !ok1 || !ok2 || !ok3 {
		return 0, false
	}
	p, ok := m.tri[k3(ia, ib, ic)]
	return p, ok
}

// newModel returns an empty model of the given order over words.
func newModel(order int, words []string) *Model {
	m := &Model{Order: order, Words: words, ids: make(map[string]int32, len(words)),
		uni: make([]Entry, len(words)), bi: map[[2]int32]Entry{}, tri: map[key3]float32{}}
	for i, w := range words {
		m.ids[w] = int32(i)
	}
	return m
}

// ID returns the id of word w, and whether the model knows it.
func (m *Model) ID(w string) (int32, bool) {
	id, ok := m.ids[w]
	return id, ok
}

// Counts returns the number of n-grams of each order, unigrams first.
func (m *Model) Counts() []int {
	c := []int{len(m.uni), len(m.bi), len(m.tri)}
	return c[:m.Order]
}

// LogProb is log10 p(w | h) with backoff, where h is the words before w,
// oldest first (only the last Order-1 count). A word the model does not
// know has probability 0 (-Inf); so does an unknown word in h cut the
// history short at that word.
func (m *Model) LogProb(h []string, w string) float64 {
	wid, ok := m.ids[w]
	if !ok {
		return math.Inf(-1)
	}
	var hid []int32
	for i := max(0, len(h)-(m.Order-1)); i < len(h); i++ {
		id, ok := m.ids[h[i]]
		if !ok {
			hid = hid[:0]
			continue
		}
		hid = append(hid, id)
	}
	return m.logProbID(hid, wid)
}

// logProbID is LogProb over word ids; h holds at most Order-1 ids.
func (m *Model) logProbID(h []int32, w int32) float64 {
	switch {
	case len(h) >= 2 && m.Order >= 3:
		u, v := h[len(h)-2], h[len(h)-1]
		if p, ok := m.tri[k3(u, v, w)]; ok {
			return float64(p)
		}
		bow := 0.0
		if e, ok := m.bi[[2]int32{u, v}]; ok {
			bow = float64(e.Bow)
		}
		return bow + m.logProbID(h[len(h)-1:], w)
	case len(h) >= 1 && m.Order >= 2:
		v := h[len(h)-1]
		if e, ok := m.bi[[2]int32{v, w}]; ok {
			return float64(e.Prob)
		}
		return float64(m.uni[v].Bow) + float64(m.uni[w].Prob)
	}
	return float64(m.uni[w].Prob)
}

func (m *Model) String() string {
	return fmt.Sprintf("%d-gram model, counts %v", m.Order, m.Counts())
}

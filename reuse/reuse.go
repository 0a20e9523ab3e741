// Package reuse tells whether a spoken answer retells a story already known:
// a story bank entry, or an answer given earlier in the same loop.
//
// Data enters as plain text: background documents (the prompt bank's
// questions, the story bank) that teach the detector which words are common,
// and the documents to match against, added one by one with Add as the loop
// goes on. Text may be typed (capitals, punctuation, digits) or recognised
// speech (lower case, no punctuation, numbers as words, misheard words).
// Data leaves as a Match: the best document, a score in [0, 1], the
// evidence shared (words, numbers, names) and a decision against the
// Index's threshold, plus a one-line message for the user.
//
// The score is the cosine between the two texts' sets of content terms
// (stemmed words without stop words, normalised numbers, and pairs of
// adjacent terms), each weighted by its rarity (IDF) over everything the
// Index has seen. Two tellings of one story share rare words, names and
// numbers; two stories on the same topic share mainly the topic's words,
// which the stories themselves make common.
package reuse

import (
	"fmt"
	"math"
	"slices"
	"sort"
	"strings"
)

// DefaultThreshold is the score from which a match counts as a retelling.
// It was chosen on the tuning half of testdata/pairs.jsonl; the test
// TestPairs reports precision and recall on both halves.
const DefaultThreshold = 0.20

// Weights of the three kinds of term, relative to a word of equal rarity.
// Numbers and phrases are what retellings keep and other stories lack.
const (
	numberWeight = 1.5
	phraseWeight = 0.8
	nameWeight   = 1.3
)

// Doc is a text to match answers against.
type Doc struct {
	// ID identifies the document to the caller: a story id, "answer-3".
	ID string
	// Title is the story's title, for bank entries; empty for answers.
	Title string
	// LP is the display name of the LP the story was told for ("Ownership"),
	// for answers already given; empty for bank entries not yet told.
	LP   string
	Text string
}

// Index holds the documents and the word counts behind the weights. The
// zero value is not usable; get one from New. An Index is not safe for
// concurrent use while Add is called.
type Index struct {
	// Threshold is the score from which Match reports Reused; New sets it to
	// DefaultThreshold.
	Threshold float64

	n    int            // documents counted in df
	df   map[string]int // documents holding each term key
	docs []indexed
}

type indexed struct {
	doc Doc
	f   features
}

// features is a text read for matching.
type features struct {
	terms map[string]float64 // key -> weight kind multiplier (before IDF)
	said  map[string]string  // key -> as first written in the text
	names map[string]bool    // word keys written as names
	order []string           // word keys in order of first appearance
}

func read(text string) features {
	ts := terms(text)
	f := features{terms: map[string]float64{}, said: map[string]string{}, names: map[string]bool{}}
	for i, t := range ts {
		if _, ok := f.terms[t.key]; !ok {
			f.said[t.key] = t.said
			if strings.HasPrefix(t.key, "w:") {
				f.order = append(f.order, t.key)
			}
		}
		kind := 1.0
		if strings.HasPrefix(t.key, "n:") {
			kind = numberWeight
		}
		if t.name {
			f.names[t.key] = true
			kind = nameWeight
		}
		f.terms[t.key] = max(f.terms[t.key], kind)
		if i > 0 {
			p := "p:" + ts[i-1].key[2:] + "+" + t.key[2:]
			f.terms[p] = phraseWeight
			f.said[p] = ts[i-1].said + " " + t.said
		}
	}
	return f
}

// New returns an empty Index whose word weights start from background: any
// texts of the kind the detector will see (questions, stories), each counted
// as one document. Documents given to Add are counted too.
func New(background []string) *Index {
	ix := &Index{Threshold: DefaultThreshold, df: map[string]int{}}
	for _, t := range background {
		ix.count(read(t))
	}
	return ix
}

func (ix *Index) count(f features) {
	ix.n++
	for k := range f.terms {
		ix.df[k]++
	}
}

// Add makes doc a candidate for Match and counts its words in the weights.
func (ix *Index) Add(doc Doc) {
	f := read(doc.Text)
	ix.count(f)
	ix.docs = append(ix.docs, indexed{doc: doc, f: f})
}

// Len is the number of documents added.
func (ix *Index) Len() int { return len(ix.docs) }

// idf is the rarity of a term: high for terms few documents hold, and
// highest for terms none has.
func (ix *Index) idf(k string) float64 {
	return math.Log(float64(ix.n+1) / (float64(ix.df[k]) + 0.5))
}

// Match is the comparison of an answer with one document.
type Match struct {
	Doc Doc
	// Score is in [0, 1]: 0 shares nothing, 1 is the same text.
	Score float64
	// Reused is Score >= the Index's Threshold.
	Reused bool
	// Words are the shared content words, as the document wrote them,
	// rarest first, at most eight. Names are those written as names.
	Words []string
	Names []string
	// Numbers are the shared numbers in normalised form ("40%", "180000").
	Numbers []string
	// Phrases are shared pairs of adjacent content words, at most five.
	Phrases []string
}

// Match compares answer with every document added and returns the best
// match. ok is false when no document has been added.
func (ix *Index) Match(answer string) (m Match, ok bool) {
	all := ix.Matches(answer)
	if len(all) == 0 {
		return Match{}, false
	}
	return all[0], true
}

// Matches compares answer with every document added and returns one Match
// for each, best first; ties keep the order of Add.
func (ix *Index) Matches(answer string) []Match {
	f := read(answer)
	out := make([]Match, len(ix.docs))
	for i, d := range ix.docs {
		out[i] = ix.compare(f, d.f)
		out[i].Doc = d.doc
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].Score > out[j].Score })
	return out
}

// Compare scores two texts against each other with the Index's weights,
// without adding either; the Match's Doc holds b.
func (ix *Index) Compare(a, b string) Match {
	m := ix.compare(read(a), read(b))
	m.Doc = Doc{Text: b}
	return m
}

func (ix *Index) compare(a, b features) Match {
	weight := func(k string, kind float64) float64 { return kind * ix.idf(k) }
	norm := func(f features) float64 {
		var s float64
		for k, kind := range f.terms {
			w := weight(k, kind)
			s += w * w
		}
		return math.Sqrt(s)
	}
	type shared struct {
		key string
		w   float64
	}
	var dot float64
	var common []shared
	for k, ka := range a.terms {
		kb, ok := b.terms[k]
		if !ok {
			continue
		}
		w := weight(k, ka) * weight(k, kb)
		dot += w
		common = append(common, shared{k, w})
	}
	var m Match
	if na, nb := norm(a), norm(b); na > 0 && nb > 0 {
		m.Score = min(1, dot/(na*nb))
	}
	m.Reused = m.Score >= ix.Threshold
	sort.Slice(common, func(i, j int) bool {
		if common[i].w != common[j].w {
			return common[i].w > common[j].w
		}
		return common[i].key < common[j].key
	})
	for _, c := range common {
		switch c.key[:2] {
		case "w:":
			if a.names[c.key] || b.names[c.key] {
				m.Names = append(m.Names, b.said[c.key])
			} else if len(m.Words) < 8 {
				m.Words = append(m.Words, b.said[c.key])
			}
		case "n:":
			m.Numbers = append(m.Numbers, c.key[2:])
		case "p:":
			if len(m.Phrases) < 5 {
				m.Phrases = append(m.Phrases, b.said[c.key])
			}
		}
	}
	return m
}

// Label names the matched story for the user: its title when it is a bank
// entry, else its two most distinctive shared words joined by a hyphen
// ("billing-invoices"), else "earlier".
func (m Match) Label() string {
	if m.Doc.Title != "" {
		return m.Doc.Title
	}
	var ws []string
	for _, w := range slices.Concat(m.Names, m.Words) {
		w = strings.ToLower(w)
		if !slices.Contains(ws, w) {
			ws = append(ws, w)
		}
		if len(ws) == 2 {
			break
		}
	}
	if len(ws) == 0 {
		return "earlier"
	}
	return strings.Join(ws, "-")
}

// Message is the warning the loop shows when m.Reused: "this is the
// billing-migration story you told for Ownership", or, for a bank entry not
// yet told, "this is the billing-migration story from your story bank".
func (m Match) Message() string {
	if m.Doc.LP != "" {
		return fmt.Sprintf("this is the %s story you told for %s", m.Label(), m.Doc.LP)
	}
	return fmt.Sprintf("this is the %s story from your story bank", m.Label())
}

// Evidence is the shared terms in one line for a report: names, numbers,
// then words, e.g. "Northwind; 4, 20; import, chunked".
func (m Match) Evidence() string {
	var parts []string
	for _, group := range [][]string{m.Names, m.Numbers, m.Words} {
		if len(group) > 0 {
			parts = append(parts, strings.Join(group, ", "))
		}
	}
	return strings.Join(parts, "; ")
}

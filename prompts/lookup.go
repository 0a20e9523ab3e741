package prompts

import (
	"fmt"
	"strings"

	"github.com/starloop/starloop"
	"github.com/starloop/starloop/lexicon"
)

// key is one normalised way of naming an LP, kept whole and as words.
type key struct {
	text  string
	words []string
}

// lpKeys are the keys of one LP: its id and its name.
type lpKeys [2]key

func keysOf(lp LP) lpKeys {
	var k lpKeys
	for i, s := range []string{lp.ID, lp.Name} {
		n := lexicon.Normalise(s)
		k[i] = key{text: n, words: strings.Fields(n)}
	}
	return k
}

// The ways a query can name a key, strictest first. Lookup tries them in
// order and the first that matches anything decides, so "dive deep" is an
// exact hit even though "deep" alone would also match.
const (
	matchExact        = iota // the whole id or name
	matchPrefix              // a prefix of the id or name
	matchWords               // a run of whole words
	matchWordPrefixes        // a run of word prefixes
	numMatches
)

// matches reports whether query q (normalised, and split into words qw)
// names key k in the given way.
func matches(how int, q string, qw []string, k key) bool {
	switch how {
	case matchExact:
		return k.text == q
	case matchPrefix:
		return strings.HasPrefix(k.text, q)
	case matchWords:
		return wordRun(qw, k.words, func(w, qw string) bool { return w == qw })
	default:
		return wordRun(qw, k.words, strings.HasPrefix)
	}
}

// wordRun reports whether q matches a contiguous run of words in ws, word by
// word, under match(word, queryWord).
func wordRun(q, ws []string, match func(w, qw string) bool) bool {
	for i := 0; i+len(q) <= len(ws); i++ {
		ok := true
		for j, qw := range q {
			if !match(ws[i+j], qw) {
				ok = false
				break
			}
		}
		if ok {
			return true
		}
	}
	return false
}

// LookupID is the id of the LP that name names (see Lookup); an empty
// name is no LP, "", as an empty flag or variable is no filter.
func (b *Bank) LookupID(name string) (string, error) {
	if name == "" {
		return "", nil
	}
	lp, err := b.Lookup(name)
	return lp.ID, err
}

// Lookup finds the LP a person means by name. It forgives case, punctuation
// and spacing, and accepts, in this order of preference: the id or the full
// name ("dive-deep", "Dive Deep"); a unique prefix of either ("cust"); or a
// unique run of whole words, then of word prefixes, from the name
// ("backbone", "disagree and commit", "curio"). An empty, unknown or
// ambiguous name gives a starloop.Invalid error whose one-line message lists
// the ids to choose from.
func (b *Bank) Lookup(name string) (LP, error) {
	op := fmt.Sprintf("look up LP %q", name)
	q := lexicon.Normalise(name)
	if q == "" {
		return LP{}, starloop.E(op, starloop.Invalid, fmt.Errorf("no name given; choose one of: %s", strings.Join(b.ids(nil), ", ")))
	}
	qw := strings.Fields(q)
	for how := range numMatches {
		var hits []int
		for i, ks := range b.keys {
			if matches(how, q, qw, ks[0]) || matches(how, q, qw, ks[1]) {
				hits = append(hits, i)
			}
		}
		switch len(hits) {
		case 0:
			continue
		case 1:
			return b.lps[hits[0]].clone(), nil
		default:
			return LP{}, starloop.E(op, starloop.Invalid, fmt.Errorf("ambiguous; could be %s", strings.Join(b.ids(hits), ", ")))
		}
	}
	return LP{}, starloop.E(op, starloop.Invalid, fmt.Errorf("no such Leadership Principle; choose one of: %s", strings.Join(b.ids(nil), ", ")))
}

// ids returns the ids of the LPs at the given indexes, or of all LPs when
// idx is nil.
func (b *Bank) ids(idx []int) []string {
	if idx == nil {
		idx = make([]int, len(b.lps))
		for i := range idx {
			idx[i] = i
		}
	}
	out := make([]string, len(idx))
	for j, i := range idx {
		out[j] = b.lps[i].ID
	}
	return out
}

package rubric

import "strings"

// A phrase pattern is words separated by spaces. A word may be a set of
// alternatives joined by "|" ("last|previous"), or "*" for any one word.
// Whole phrases may be joined by "," as alternatives ("root cause, five
// whys"). Patterns are matched against token keys, never across a sentence
// break. Words are as the tokenizer makes them: "follow-up" is two words.

// slot is one position of a compiled pattern.
type slot struct {
	any  bool
	alts []string
}

func (s slot) match(w string) bool {
	if s.any {
		return true
	}
	for _, a := range s.alts {
		if a == w {
			return true
		}
	}
	return false
}

// pattern is a compiled phrase with the index of what it stands for.
type pattern struct {
	slots []slot
	ref   int // index into the table the pattern came from
}

// matcher finds the longest pattern starting at a word. Patterns are
// indexed by every alternative of their first slot, so a lookup costs one
// map access per word.
type matcher struct {
	byFirst map[string][]pattern
	vocab   map[string]bool // every literal word in any pattern
}

// compile builds a matcher from patterns; ref i of the result is patterns[i].
// A pattern may not start with "*".
func compile(patterns []string) *matcher {
	m := &matcher{byFirst: map[string][]pattern{}, vocab: map[string]bool{}}
	for i, alts := range patterns {
		for _, p := range strings.Split(alts, ",") {
			m.add(p, i)
		}
	}
	// Longest first, so the first hit at a word is the longest.
	for k, ps := range m.byFirst {
		sortByLenDesc(ps)
		m.byFirst[k] = ps
	}
	return m
}

// add compiles one phrase with the given ref.
func (m *matcher) add(p string, ref int) {
	pt := pattern{ref: ref}
	for _, f := range strings.Fields(p) {
		if f == "*" {
			pt.slots = append(pt.slots, slot{any: true})
			continue
		}
		alts := strings.Split(f, "|")
		for _, a := range alts {
			m.vocab[a] = true
		}
		pt.slots = append(pt.slots, slot{alts: alts})
	}
	if len(pt.slots) == 0 || pt.slots[0].any {
		return
	}
	for _, a := range pt.slots[0].alts {
		m.byFirst[a] = append(m.byFirst[a], pt)
	}
}

func sortByLenDesc(ps []pattern) {
	for i := 1; i < len(ps); i++ {
		for j := i; j > 0 && len(ps[j].slots) > len(ps[j-1].slots); j-- {
			ps[j], ps[j-1] = ps[j-1], ps[j]
		}
	}
}

// at returns the ref and length of the longest pattern that matches toks
// starting at i without running past end or across a sentence break, or
// ref -1.
func (m *matcher) at(toks []token, i, end int) (ref, n int) {
	for _, p := range m.byFirst[toks[i].key] {
		if i+len(p.slots) > end {
			continue
		}
		ok := true
		for k := 1; k < len(p.slots); k++ {
			if toks[i+k-1].stop || !p.slots[k].match(toks[i+k].key) {
				ok = false
				break
			}
		}
		if ok {
			return p.ref, len(p.slots)
		}
	}
	return -1, 0
}

// each calls f for the longest match at every word of toks[start:end].
// Matches may overlap ("so i" and "i decided"), but one that lies wholly
// inside an earlier match ("result" inside "the result") is skipped, so a
// phrase is not counted twice.
func (m *matcher) each(toks []token, start, end int, f func(ref, i, n int)) {
	covered := start
	for i := start; i < end; i++ {
		ref, n := m.at(toks, i, end)
		if ref < 0 || i+n <= covered {
			continue
		}
		covered = i + n
		f(ref, i, n)
	}
}

// editDistanceOne reports whether a and b differ by exactly one insertion,
// deletion or substitution of a byte.
func editDistanceOne(a, b string) bool {
	la, lb := len(a), len(b)
	if la == lb {
		diff := 0
		for i := 0; i < la; i++ {
			if a[i] != b[i] {
				diff++
				if diff > 1 {
					return false
				}
			}
		}
		return diff == 1
	}
	if la > lb {
		a, b, la, lb = b, a, lb, la
	}
	if lb-la != 1 {
		return false
	}
	i, j, skipped := 0, 0, false
	for i < la && j < lb {
		if a[i] == b[j] {
			i++
			j++
			continue
		}
		if skipped {
			return false
		}
		skipped = true
		j++
	}
	return true
}

// fuzzy maps misspelt words to the cue word they are one edit away from
// ("custmer", "manger"), and British spellings to the American ones the
// lexicon uses ("analysed", "prioritise"). Real words are often one edit
// apart ("saying", "saving"; "presented", "prevented"), and a recogniser
// only ever outputs real words, so a word known to English is never
// remapped: the known list (knownwords.txt) holds every dictionary word one
// edit from a cue word. Beyond that: words of five letters or more, the
// same first letter, and not a difference in the last letter only (an
// inflection, not a slip: "reduces", "reduced").
type fuzzy struct {
	cues  map[string]bool      // words of the cue lexicons
	vocab map[string]bool      // cue words and words known not to be slips
	byKey map[fuzzKey][]string // cue words of >= 5 letters by first letter and length
}

type fuzzKey struct {
	first byte
	n     int
}

func newFuzzy(cues map[string]bool, known ...map[string]bool) *fuzzy {
	f := &fuzzy{cues: cues, vocab: map[string]bool{}, byKey: map[fuzzKey][]string{}}
	for _, v := range append(known, cues) {
		for w := range v {
			f.vocab[w] = true
		}
	}
	for w := range cues {
		if len(w) >= 5 && isLetters(w) {
			k := fuzzKey{w[0], len(w)}
			f.byKey[k] = append(f.byKey[k], w)
		}
	}
	return f
}

func isLetters(w string) bool {
	for i := 0; i < len(w); i++ {
		if w[i] < 'a' || w[i] > 'z' {
			return false
		}
	}
	return true
}

// americanize maps a British spelling to the American one when that is a
// cue word: -ise/-ised/-ising/-isation, -yse, -our, -ence.
func (f *fuzzy) americanize(w string) (string, bool) {
	if !hasBritishEnding(w) {
		return w, false
	}
	for _, r := range [...][2]string{{"is", "iz"}, {"ys", "yz"}, {"our", "or"}, {"ence", "ense"}} {
		if k := strings.LastIndex(w, r[0]); k > 0 {
			if a := w[:k] + r[1] + w[k+len(r[0]):]; f.cues[a] {
				return a, true
			}
		}
	}
	return w, false
}

// hasBritishEnding is a cheap filter for americanize.
func hasBritishEnding(w string) bool {
	for _, e := range [...]string{"ise", "ised", "ises", "ising", "isation", "yse", "ysed", "ysing", "our", "ours", "ence", "ences"} {
		if strings.HasSuffix(w, e) {
			return true
		}
	}
	return false
}

// fix returns the cue word w stands for, or w itself. Where two cue words
// are one edit away the result is the alphabetically first, so it does not
// depend on map order.
func (f *fuzzy) fix(w string) string {
	if len(w) < 5 || f.cues[w] || !isLetters(w) {
		return w
	}
	if a, ok := f.americanize(w); ok {
		return a
	}
	if f.vocab[w] {
		return w
	}
	best := ""
	for n := len(w) - 1; n <= len(w)+1; n++ {
		for _, c := range f.byKey[fuzzKey{w[0], n}] {
			if editDistanceOne(w, c) && !endingOnly(w, c) && (best == "" || c < best) {
				best = c
			}
		}
	}
	if best == "" {
		return w
	}
	return best
}

// endingOnly reports whether a and b differ only in their last letter, as
// inflections do ("reduces", "reduced"; "owner", "owned"): those are other
// words, not misspellings, and a tense or number must not be changed.
func endingOnly(a, b string) bool {
	n := min(len(a), len(b))
	k := 0
	for k < n && a[k] == b[k] {
		k++
	}
	return k >= n-1
}

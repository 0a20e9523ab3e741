package banklm

import (
	"bufio"
	"context"
	"io"
	"strings"
)

// Phonetizer guesses the phones of a word in flite's phone set ("t ih1 m
// aw1 t s"); *flite.LetterToSound is one.
type Phonetizer interface {
	Phones(ctx context.Context, word string) ([]string, error)
}

// Pronunciation is a word and its phones in the acoustic model's phone set
// (CMU, without stress: "K UW B ER N EH T IY Z").
type Pronunciation struct {
	Word, Phones string
}

// Dict is the words of a pronunciation dictionary with the first
// pronunciation of each.
type Dict map[string]string

// ReadDict reads a CMU-style dictionary ("word PH ON ES" per line;
// variants "word(2)" are skipped).
func ReadDict(r io.Reader) (Dict, error) {
	d := Dict{}
	sc := bufio.NewScanner(r)
	for sc.Scan() {
		w, phones, ok := strings.Cut(sc.Text(), " ")
		if !ok || strings.HasSuffix(w, ")") {
			continue
		}
		d[w] = strings.TrimSpace(phones)
	}
	return d, sc.Err()
}

// phoneSet is the phones of the en-us acoustic model.
var phoneSet = func() map[string]bool {
	s := map[string]bool{}
	for _, p := range strings.Fields("AA AE AH AO AW AY B CH D DH EH ER EY F G HH IH IY JH K L M N NG OW OY P R S SH T TH UH UW V W Y Z ZH") {
		s[p] = true
	}
	return s
}()

// britishToUS are spelling endings that differ, British first.
var britishToUS = [][2]string{
	{"isation", "ization"}, {"isations", "izations"}, {"ise", "ize"}, {"ised", "ized"}, {"ises", "izes"},
	{"ising", "izing"}, {"our", "or"}, {"ours", "ors"}, {"tre", "ter"}, {"tres", "ters"},
	{"yse", "yze"}, {"ysed", "yzed"}, {"ogue", "og"}, {"ogues", "ogs"}, {"lled", "led"}, {"lling", "ling"},
	{"ence", "ense"},
}

// Pronounce finds phones for a word the dictionary lacks, trying in turn:
// an acronym (acronym[w] set; true for a plural such as "ttls") is said
// letter by letter; a British spelling whose US spelling the dictionary
// has; two dictionary words run together ("timeouts"); and last the
// phonetizer, its phones mapped to the model's set (ax is AH, axr is ER,
// stress dropped). It returns "" when nothing gives phones of the model's
// set.
func Pronounce(ctx context.Context, d Dict, p Phonetizer, w string, acronym map[string]bool) string {
	if plural, ok := acronym[w]; ok {
		letters := w
		if plural {
			letters = w[:len(w)-1]
		}
		var ph []string
		for _, l := range letters {
			lp, ok := d[string(l)]
			if !ok {
				ph = nil
				break
			}
			ph = append(ph, lp)
		}
		if ph != nil {
			if plural {
				ph = append(ph, "Z")
			}
			return strings.Join(ph, " ")
		}
	}
	for _, bu := range britishToUS {
		if stem, ok := strings.CutSuffix(w, bu[0]); ok && stem != "" {
			if ph, ok := d[stem+bu[1]]; ok {
				return ph
			}
		}
	}
	if us := strings.Replace(w, "our", "or", 1); us != w {
		if ph, ok := d[us]; ok {
			return ph
		}
	}
	// Two words run together: the split with the longest first part.
	for i := len(w) - 3; i >= 3; i-- {
		a, okA := d[w[:i]]
		b, okB := d[w[i:]]
		if okA && okB {
			return a + " " + b
		}
	}
	if p == nil {
		return ""
	}
	fp, err := p.Phones(ctx, w)
	if err != nil {
		return ""
	}
	var out []string
	for _, f := range fp {
		f = strings.ToUpper(strings.TrimRight(f, "012"))
		switch f {
		case "AX":
			f = "AH"
		case "AXR":
			f = "ER"
		}
		if !phoneSet[f] {
			return ""
		}
		out = append(out, f)
	}
	return strings.Join(out, " ")
}

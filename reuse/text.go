package reuse

import (
	"strconv"
	"strings"
	"unicode"

	"github.com/starloop/starloop/lexicon"
)

// token is one word of a text as the detector reads it.
type token struct {
	text string // lower case, apostrophes dropped: "drivers", "40", "%"
	said string // as written, for evidence: "Northwind", "40"
	name bool   // capitalised (or all capitals) away from a sentence start
}

// tokenize splits text into words. Letters and digits make words; a '.' or
// ',' between digits stays inside a number ("1,900", "2.5"); a '%' is a word
// of its own; apostrophes vanish ("driver's" is "drivers"); everything else
// separates. A word counts as a name when it starts with a capital and does
// not start a sentence, or when it has two or more capitals ("AWS").
func tokenize(text string) []token {
	var out []token
	rs := []rune(text)
	sentenceStart := true
	for i := 0; i < len(rs); {
		r := rs[i]
		switch {
		case r == '%':
			out = append(out, token{text: "%", said: "%"})
			i++
			continue
		case r == '.' || r == '!' || r == '?' || r == ':' || r == ';':
			sentenceStart = true
			i++
			continue
		case !unicode.IsLetter(r) && !unicode.IsDigit(r):
			i++
			continue
		}
		var b, said strings.Builder
		upper := 0
		first := unicode.IsUpper(r)
		for i < len(rs) {
			c := rs[i]
			switch {
			case unicode.IsLetter(c) || unicode.IsDigit(c):
				if unicode.IsUpper(c) {
					upper++
				}
				b.WriteRune(unicode.ToLower(c))
				said.WriteRune(c)
			case c == '\'' || c == '\u2019':
				// dropped: "don't" reads as "dont"
			case (c == '.' || c == ',') && i+1 < len(rs) && unicode.IsDigit(rs[i+1]) &&
				i > 0 && unicode.IsDigit(rs[i-1]):
				if c == '.' {
					b.WriteRune(c)
				}
				said.WriteRune(c)
			default:
				goto done
			}
			i++
		}
	done:
		t := token{text: b.String(), said: said.String()}
		t.name = (first && !sentenceStart) || upper >= 2
		if t.text == "i" {
			t.name = false
		}
		out = append(out, t)
		sentenceStart = false
	}
	return out
}

// unitOrTeen is the value of a spoken number from "zero" to "nineteen".
func unitOrTeen(w string) (float64, bool) {
	if v, ok := lexicon.Unit(w); ok {
		return v, true
	}
	return lexicon.Teen(w)
}

// number reads a quantity starting at toks[i] and returns it in the form
// both spellings share ("40%" for "forty percent" and "40 %", "180000" for
// "$180k" and "180 thousand", "1900" for "1,900" and "nineteen hundred"),
// with the number of tokens it used; n is 0 when toks[i] starts no number.
func number(toks []token, i int) (norm string, n int) {
	j := i
	var value float64
	w := toks[j].text
	switch {
	case w != "" && unicode.IsDigit(rune(w[0])):
		digits := strings.TrimRightFunc(w, unicode.IsLetter)
		suffix := w[len(digits):]
		v, err := strconv.ParseFloat(digits, 64)
		if err != nil {
			return "", 0
		}
		switch suffix {
		case "", "st", "nd", "rd", "th":
		case "k":
			v *= 1e3
		case "m", "mm":
			v *= 1e6
		case "bn", "b":
			v *= 1e9
		default:
			return "", 0 // "p99", "s3", "ec2": a word, not a quantity
		}
		value = v
		j++
	case lexicon.IsNumberWord(w) || (w == "a" && j+1 < len(toks) && (toks[j+1].text == "hundred" || toks[j+1].text == "thousand")):
		var total, cur float64
		seen := false
		for j < len(toks) {
			w := toks[j].text
			if v, ok := unitOrTeen(w); ok {
				cur += v
			} else if v, ok := lexicon.Tens(w); ok {
				cur += v
			} else if w == "a" && !seen {
				cur = 1
			} else if w == "hundred" && seen {
				if cur == 0 {
					cur = 1
				}
				cur *= 100
			} else if v, ok := lexicon.Scale(w); ok && seen {
				total += cur * v
				cur = 0
			} else if w == "and" && seen && j+1 < len(toks) && lexicon.IsNumberWord(toks[j+1].text) {
				// "two hundred and fifty"
			} else {
				break
			}
			seen = true
			j++
		}
		value = total + cur
		if j < len(toks)-1 && toks[j].text == "point" {
			if v, ok := lexicon.Unit(toks[j+1].text); ok {
				value += v / 10
				j += 2
			}
		}
	default:
		return "", 0
	}
	// Scales after digits: "2 million", "180 thousand", "19 hundred".
	for j < len(toks) {
		w := toks[j].text
		if w == "hundred" {
			value *= 100
		} else if v, ok := lexicon.Scale(w); ok {
			value *= v
		} else {
			break
		}
		j++
	}
	pct := false
	switch {
	case j < len(toks) && (toks[j].text == "%" || toks[j].text == "percent" || toks[j].text == "pc"):
		pct = true
		j++
	case j+1 < len(toks) && toks[j].text == "per" && toks[j+1].text == "cent":
		pct = true
		j += 2
	}
	norm = strconv.FormatFloat(value, 'f', -1, 64)
	if pct {
		norm += "%"
	}
	return norm, j - i
}

// stem folds the endings that retellings vary on ("migrated", "migrating",
// "migration" all become "migrat"), so that word forms meet. It is a light
// suffix stripper, not a linguistic stemmer: both sides of a comparison go
// through it, so only consistency matters.
func stem(w string) string {
	if len(w) <= 3 {
		return w
	}
	for _, s := range []struct{ suf, rep string }{
		{"ational", "ate"}, {"ations", "ate"}, {"ation", "ate"}, {"ements", ""},
		{"ement", ""}, {"ments", ""}, {"ment", ""}, {"nesses", ""}, {"ness", ""},
		{"ings", ""}, {"ing", ""}, {"edly", ""}, {"ies", "y"}, {"ied", "y"},
		{"sses", "ss"}, {"ed", ""}, {"es", ""}, {"ly", ""},
	} {
		if strings.HasSuffix(w, s.suf) && len(w)-len(s.suf)+len(s.rep) >= 3 {
			w = w[:len(w)-len(s.suf)] + s.rep
			goto trimmed
		}
	}
	if strings.HasSuffix(w, "s") && !strings.HasSuffix(w, "ss") &&
		!strings.HasSuffix(w, "us") && !strings.HasSuffix(w, "is") {
		w = w[:len(w)-1]
	}
trimmed:
	// "disagree", "disagreed" and "disagreeing" all end as "disagr".
	for len(w) > 3 && strings.HasSuffix(w, "e") {
		w = w[:len(w)-1]
	}
	if n := len(w); n >= 4 && w[n-1] == w[n-2] && !strings.ContainsRune("aeiousl", rune(w[n-1])) {
		w = w[:n-1] // "shipp" from "shipped" is "ship"
	}
	return w
}

// term is one unit of content: a stemmed word or a normalised number.
type term struct {
	key  string // "w:migrat", "n:40%"
	said string // as written, for evidence
	name bool
}

// terms reads text into its content terms in order: numbers first (so that
// "forty percent" is one term), then stemmed words that are not stop words.
func terms(text string) []term {
	toks := tokenize(text)
	var out []term
	for i := 0; i < len(toks); {
		if norm, n := number(toks, i); n > 0 {
			// "one" alone is mostly "one of the"; a lone 0 or 1 is no evidence.
			if norm != "0" && norm != "1" {
				said := make([]string, n)
				for k := range n {
					said[k] = toks[i+k].said
				}
				out = append(out, term{key: "n:" + norm, said: strings.Join(said, " ")})
			}
			i += n
			continue
		}
		t := toks[i]
		i++
		if len(t.text) < 2 || lexicon.IsStopWord(t.text) || t.text == "%" {
			continue
		}
		out = append(out, term{key: "w:" + stem(t.text), said: t.said, name: t.name})
	}
	return out
}

// ContentWords returns the content of text as the detector reads it: stems
// of the words that are not stop words ("migrating" gives "migrat") and
// numbers normalised ("forty percent" gives "40%"), in order, repeats kept.
// Other packages use it to compare texts the same way.
func ContentWords(text string) []string {
	ts := terms(text)
	out := make([]string, len(ts))
	for i, t := range ts {
		out[i] = t.key[2:]
	}
	return out
}

// ContentWordsAsWritten is ContentWords with, for each content word, the
// words of text it was read from, as written ("migrating" for "migrat",
// "forty percent" for "40%"): what to show a person.
func ContentWordsAsWritten(text string) (content, written []string) {
	for _, t := range terms(text) {
		content = append(content, t.key[2:])
		written = append(written, t.said)
	}
	return content, written
}

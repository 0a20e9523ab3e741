package rubric

import (
	"math"
	"strconv"
	"strings"

	"github.com/starloop/starloop/lexicon"
)

// number is a quantity read from one or more words: "35", "1,200", "$2.5M",
// "thirty five", "a hundred and twenty", "two point five", "1.2 million",
// "forty k", "twenty nineteen".
type number struct {
	start, end int // words [start, end)
	value      float64
	digits     bool   // written with digits rather than spoken
	currency   string // "USD", "GBP", "EUR" from a $ £ € sign or a "grand"
	suffix     string // unit glued to digits: "%", "x", "ms", "s", "min", "h", "d"
	year       bool   // reads as a calendar year
	ordinal    bool   // "first", "3rd"
	bare       bool   // a lone "one" or "a": usually a determiner, not a measure
	vague      bool   // "hundreds of", "thousands of"
	fraction   bool   // "half", "a third", "two thirds"
}

// scaleOf is the multiplier of a scale word ("thousand", "k", "mm"), 0
// for any other word; "hundred" binds tighter than the scales ("two
// hundred thousand" is 200 * 1000) and is read apart.
func scaleOf(w string) float64 {
	v, _ := lexicon.Scale(w)
	return v
}

// ordinalOf is the rank of a spoken ordinal ("third" is 3), 0 for any
// other word.
func ordinalOf(w string) float64 {
	v, _ := lexicon.Ordinal(w)
	return v
}

// vagueWords are plural scales used as rough amounts: "thousands of users".
var vagueWords = map[string]float64{
	"dozens": 12, "hundreds": 100, "thousands": 1e3, "millions": 1e6, "billions": 1e9,
}

// fractionWords are read only after "a", "one" ... "three" or alone as
// "half": "a third", "two thirds", "half".
var fractionWords = map[string]float64{
	"half": 0.5, "third": 1.0 / 3, "thirds": 1.0 / 3, "quarter": 0.25, "quarters": 0.25,
	"fifth": 0.2, "fifths": 0.2, "tenth": 0.1, "tenths": 0.1,
}

// yearPrepositions come before a calendar year: "in 2019", "since twenty
// eighteen", "back in two thousand fifteen".
var yearPrepositions = set(
	"in", "since", "by", "until", "till", "during", "early", "late", "mid", "around",
	"circa", "of", "back", "summer", "spring", "fall", "autumn", "winter", "from",
	"january", "february", "march", "april", "may", "june", "july", "august",
	"september", "october", "november", "december", "q1", "q2", "q3", "q4",
)

// isNumberWord reports whether w is a unit, teen or tens word or "hundred".
func isNumberWord(w string) bool {
	return lexicon.IsNumberWord(w) || w == "hundred"
}

// mayStartNumber is a cheap test that rules out most words before
// parseNumber looks at them.
func mayStartNumber(w string) bool {
	if w == "" {
		return false
	}
	switch c := w[0]; {
	case c >= '0' && c <= '9', c == '$', c == '#', c >= 0x80:
		return true
	}
	return startsSpokenNumber(w)
}

// startsSpokenNumber reports whether a spoken number can begin with w: a
// number word, an ordinal, a vague plural ("hundreds"), or "a", "an",
// "half", "point", "hundred", "dozen".
func startsSpokenNumber(w string) bool {
	switch w {
	case "a", "an", "half", "point", "hundred", "dozen":
		return true
	}
	_, ord := lexicon.Ordinal(w)
	_, vague := vagueWords[w]
	return lexicon.IsNumberWord(w) || ord || vague
}

// parseNumber reads the number that starts at word i, if any.
func parseNumber(toks []token, i int) (number, bool) {
	if i >= len(toks) || !mayStartNumber(toks[i].w) {
		return number{}, false
	}
	w := toks[i].w
	if n, ok := spokenYear(toks, i); ok {
		return n, true
	}
	if n, ok := parseDigits(w); ok {
		n.start, n.end = i, i+1
		// "1.2 million", "40 k", "2 thousand"
		if n.suffix == "" && n.end < len(toks) && !toks[i].stop && !toks[i].comma {
			if s, ok := lexicon.Scale(toks[n.end].w); ok {
				n.value *= s
				if toks[n.end].w == "grand" && n.currency == "" {
					n.currency = "USD"
				}
				n.end++
			}
		}
		if !n.ordinal && n.currency == "" && n.suffix == "" && n.value == math.Trunc(n.value) &&
			n.value >= 1950 && n.value <= 2050 && !strings.Contains(w, ",") {
			n.year = yearContext(toks, i, n.end)
		}
		return n, true
	}
	if v, ok := lexicon.Ordinal(w); ok {
		return number{start: i, end: i + 1, value: v, ordinal: true}, true
	}
	if v, ok := vagueWords[w]; ok {
		return number{start: i, end: i + 1, value: v, vague: true}, true
	}
	if w == "half" {
		// "half a million" is an amount; "half" alone a share.
		if i+2 < len(toks) && toks[i+1].w == "a" && scaleOf(toks[i+2].w) >= 1e3 && toks[i+2].w != "k" {
			v := 0.5 * scaleOf(toks[i+2].w)
			n := number{start: i, end: i + 3, value: v}
			if toks[i+2].w == "grand" {
				n.currency = "USD"
			}
			return n, true
		}
		return number{start: i, end: i + 1, value: 0.5, fraction: true}, true
	}
	return parseSpoken(toks, i)
}

// parseSpoken reads spoken number words: "a hundred and twenty", "thirty
// five", "two point five", "one and a half", "forty k", "a third".
func parseSpoken(toks []token, i int) (number, bool) {
	n := number{start: i}
	j := i
	var total, current float64
	// last kind of word read: 0 none, 1 unit, 2 teen, 3 tens, 4 hundred, 5 scale
	last := 0
	article := false
	if w := toks[j].w; w == "a" || w == "an" {
		if j+1 < len(toks) && (toks[j+1].w == "hundred" || toks[j+1].w == "dozen" || scaleOf(toks[j+1].w) >= 1e3 && toks[j+1].w != "k" && toks[j+1].w != "grand") {
			article = true
			current = 1
			last = 1
			j++
		} else if j+1 < len(toks) && isFraction(toks[j+1].w, 1) {
			return number{start: i, end: j + 2, value: fractionWords[toks[j+1].w], fraction: true}, true
		} else {
			return number{}, false
		}
	}
	if toks[j].w == "hundred" && j > 0 && toks[j-1].w == "the" {
		// "the hundred and twenty thousand we saved"
		current, last = 1, 1
	}
	read := 0
	for j < len(toks) {
		w := toks[j].w
		if read > 0 && (toks[j-1].stop || toks[j-1].comma) {
			break
		}
		if v, ok := lexicon.Unit(w); ok && (last == 0 || last == 3 || last == 4 || last == 5) {
			current += v
			last = 1
		} else if v, ok := lexicon.Teen(w); ok && (last == 0 || last == 4 || last == 5) {
			current += v
			last = 2
		} else if v, ok := lexicon.Tens(w); ok && (last == 0 || last == 4 || last == 5) {
			current += v
			last = 3
			if j+1 < len(toks) && !toks[j].stop && ordinalOf(toks[j+1].w) > 0 && ordinalOf(toks[j+1].w) < 10 {
				// "twenty-eighth": a date or a place, not an amount.
				n.ordinal = true
				current += ordinalOf(toks[j+1].w)
				j += 2
				break
			}
		} else if w == "hundred" && (last == 1 || last == 2 || last == 3) && current < 100 {
			current *= 100
			last = 4
		} else if w == "dozen" && (last == 1 || last == 3) {
			current *= 12
			last = 4
		} else if s, ok := lexicon.Scale(w); ok && last != 0 && last != 5 && (w != "k" && w != "grand" || read > 0) {
			total += current * s
			current = 0
			last = 5
			if w == "grand" {
				n.currency = "USD"
			}
		} else if w == "and" && (last == 4 || last == 5) && j+1 < len(toks) && isNumberWord(toks[j+1].w) && toks[j+1].w != "hundred" {
			// "a hundred and twenty": the "and" belongs to the number.
		} else if w == "and" && last != 0 && last != 5 && j+2 < len(toks) && (toks[j+1].w == "a" || toks[j+1].w == "an") && toks[j+2].w == "half" {
			// "one and a half"
			current += 0.5
			j += 3
			read += 3
			continue
		} else if w == "point" && last >= 1 && last <= 3 && j+1 < len(toks) && isDigitWord(toks[j+1].w) {
			frac, k := spokenDecimals(toks, j+1)
			current += frac
			j = k
			read++
			last = 6
			continue
		} else if w == "point" && last == 0 && j+1 < len(toks) && isDigitWord(toks[j+1].w) {
			frac, k := spokenDecimals(toks, j+1)
			current = frac
			j = k
			read++
			last = 6
			continue
		} else if last == 6 {
			if s, ok := lexicon.Scale(w); ok {
				total += current * s
				current = 0
				last = 5
				if w == "grand" {
					n.currency = "USD"
				}
			} else {
				break
			}
		} else if f, ok := fractionWords[w]; ok && last == 1 && isFraction(w, current) {
			// "two thirds", "one quarter", "one half"
			current *= f
			last = 7
		} else {
			break
		}
		j++
		read++
	}
	if j == i || (article && j == i+1) {
		return number{}, false
	}
	// Trailing "and" that was not followed by a number word is not ours.
	for j > i && toks[j-1].w == "and" {
		j--
	}
	n.end = j
	n.value = total + current
	if last == 7 {
		n.fraction = true
	}
	if j-i == 1 && (toks[i].w == "one") {
		n.bare = true
	}
	if n.value >= 2000 && n.value <= 2050 && n.value == math.Trunc(n.value) && yearContext(toks, i, j) {
		n.year = true
	}
	return n, true
}

// isFraction reports whether count words w ("third", "quarters") form a
// fraction: "one third", "two thirds", "one half".
func isFraction(w string, count float64) bool {
	switch w {
	case "half", "third", "quarter", "fifth", "tenth":
		return count == 1
	case "thirds", "quarters", "fifths", "tenths":
		return count >= 2 && count <= 9
	}
	return false
}

func isDigitWord(w string) bool {
	_, ok := lexicon.Unit(w)
	return ok || w == "oh"
}

// spokenDecimals reads the digits after "point": "five", "two five".
func spokenDecimals(toks []token, j int) (float64, int) {
	var s strings.Builder
	s.WriteString("0.")
	for j < len(toks) && isDigitWord(toks[j].w) {
		if toks[j].w == "oh" {
			s.WriteByte('0')
		} else {
			v, _ := lexicon.Unit(toks[j].w)
			s.WriteByte(byte('0' + int(v)))
		}
		j++
		if toks[j-1].stop || toks[j-1].comma {
			break
		}
	}
	v, _ := strconv.ParseFloat(s.String(), 64)
	return v, j
}

// spokenYear reads "twenty nineteen", "nineteen ninety eight", "twenty
// twenty one", "twenty oh five".
func spokenYear(toks []token, i int) (number, bool) {
	w := toks[i].w
	if (w != "twenty" && w != "nineteen") || i+1 >= len(toks) || toks[i].stop || toks[i].comma {
		return number{}, false
	}
	century := 2000.0
	if w == "nineteen" {
		century = 1900
	}
	next := toks[i+1].w
	if v, ok := lexicon.Teen(next); ok {
		return number{start: i, end: i + 2, value: century + v, year: true}, true
	}
	if next == "oh" && i+2 < len(toks) {
		if v, ok := lexicon.Unit(toks[i+2].w); ok {
			return number{start: i, end: i + 3, value: century + v, year: true}, true
		}
	}
	if v, ok := lexicon.Tens(next); ok {
		// "twenty twenty" is a year; "twenty thirty" too. A tens word after
		// "nineteen" always is.
		end := i + 2
		if end < len(toks) && !toks[i+1].stop && !toks[i+1].comma {
			if u, ok := lexicon.Unit(toks[end].w); ok && u > 0 {
				v += u
				end++
			}
		}
		if century == 2000 && v > 50 {
			return number{}, false
		}
		return number{start: i, end: end, value: century + v, year: true}, true
	}
	return number{}, false
}

// yearContext reports whether a number in 1950..2050 at words [i, j) reads
// as a year: after "in", "since", a month, or not followed by a noun.
func yearContext(toks []token, i, j int) bool {
	if i > 0 && yearPrepositions[toks[i-1].w] {
		return true
	}
	if j >= len(toks) || toks[j-1].stop || toks[j-1].comma {
		return true
	}
	return lexicon.IsFunctionWord(toks[j].w)
}

// parseDigits reads a word written with digits: "35", "1,200", "2.5",
// "$2.5M", "35%", "3x", "40k", "200ms", "1st", "#1". Labels such as "p99",
// "q3", "v2", "ec2" and times of day ("10am") are not numbers.
func parseDigits(w string) (number, bool) {
	var n number
	s := w
	switch {
	case strings.HasPrefix(s, "$"):
		n.currency, s = "USD", s[1:]
	case strings.HasPrefix(s, "\u00a3"):
		n.currency, s = "GBP", s[len("\u00a3"):]
	case strings.HasPrefix(s, "\u20ac"):
		n.currency, s = "EUR", s[len("\u20ac"):]
	case strings.HasPrefix(s, "#"):
		n.ordinal, s = true, s[1:]
	}
	k := 0
	for k < len(s) && (s[k] >= '0' && s[k] <= '9' || (s[k] == ',' || s[k] == '.') && k > 0 && k+1 < len(s) && s[k+1] >= '0' && s[k+1] <= '9') {
		k++
	}
	if k == 0 {
		return number{}, false
	}
	v, err := strconv.ParseFloat(strings.ReplaceAll(s[:k], ",", ""), 64)
	if err != nil || math.IsInf(v, 0) || math.IsNaN(v) {
		return number{}, false
	}
	n.value, n.digits = v, true
	switch suf := s[k:]; suf {
	case "":
	case "%":
		n.suffix = "%"
	case "x":
		n.suffix = "x"
	case "k":
		n.value *= 1e3
	case "m", "mm":
		// Written answers say "5M users" and "$2M"; minutes are "min".
		n.value *= 1e6
	case "b", "bn":
		n.value *= 1e9
	case "ms":
		n.suffix = "ms"
	case "s", "sec", "secs":
		n.suffix = "s"
	case "min", "mins":
		n.suffix = "min"
	case "h", "hr", "hrs":
		n.suffix = "h"
	case "d":
		n.suffix = "d"
	case "st", "nd", "rd", "th":
		n.ordinal = true
	case "k+", "+":
		if suf == "k+" {
			n.value *= 1e3
		}
	case "%+":
		n.suffix = "%"
	default:
		// "10am", "3pm", "4g", "2fa": not a measure the rubric reads.
		return number{}, false
	}
	return n, true
}

// Package numerals rewrites the numbers of a spoken transcript as a reader
// expects to see them: "forty five seconds" as "45 seconds", "five hundred
// milliseconds" as "500 ms", "ninety five percent" as "95%", "two million
// dollars" as "$2 million", "twenty twenty three" as "2023".
//
// It is for display only. The recogniser's words stay as they were in the
// session files, and the rubric judges them; every view that shows a
// transcript or a measure passes it through [Text] on the way out, so all
// views agree. The number words come from package lexicon, which the
// rubric and the reuse detector read too.
//
// The rules, kept few on purpose:
//   - Whole numbers from ten up become numerals ("twenty people" → "20
//     people"); nought to nine stay words ("one of the", "three engineers")
//     unless a measure follows: percent, money, or seconds, minutes, hours
//     and milliseconds.
//   - Decimals always become numerals ("point five" → "0.5").
//   - "a hundred", "a thousand", "a million" are counts ("100").
//   - Millions and up keep their word when that reads shorter ("$2
//     million", "3.5 million"); thousands are written out ("45,000").
//     Commas group digits from 10,000 up, so four-digit years stay bare.
//   - "nineteen ninety nine", "twenty twenty three", "twenty oh five" are
//     years.
//
// Words are matched after lower-casing and stripping punctuation at their
// ends; a word ending in punctuation ends the number, and its punctuation
// is kept after the numeral. Anything not understood is left as it was.
package numerals

import (
	"strconv"
	"strings"

	"github.com/starloop/starloop/lexicon"
)

// Text returns s with its spoken numbers written as numerals. Whitespace
// between words is normalized to single spaces.
func Text(s string) string {
	toks := strings.Fields(s)
	if len(toks) == 0 {
		return s
	}
	words := make([]word, len(toks))
	for i, t := range toks {
		words[i] = split(t)
	}
	var out []string
	for i := 0; i < len(words); {
		if text, n := rewrite(words, i); n > 0 {
			out = append(out, text)
			i += n
			continue
		}
		out = append(out, toks[i])
		i++
	}
	return strings.Join(out, " ")
}

// word is one token: its lower-case core, and what surrounds it.
type word struct {
	raw        string
	lead, core string
	trail      string // punctuation after the core: ends a number
}

func split(t string) word {
	core := strings.TrimLeft(t, `"'(`)
	lead := t[:len(t)-len(core)]
	c := strings.TrimRight(core, `.,;:!?"')`)
	// A decimal point inside digits is not trailing punctuation: "2.5" keeps it.
	return word{raw: t, lead: lead, core: strings.ToLower(c), trail: core[len(c):]}
}

// number is a spoken number read from words.
type number struct {
	whole  int64
	frac   string // digits after the point, "" for a whole number
	top    int64  // the largest scale word used ("million" = 1e6), 0 for none
	year   bool
	digits bool // written in digits already
	n      int  // words read
	trail  string
}

// rewrite reads a number starting at words[i] and, with any measure word
// after it, returns its written form and the count of words it covers;
// n is 0 when nothing there should change.
func rewrite(words []word, i int) (string, int) {
	num, ok := read(words, i)
	if !ok {
		return "", 0
	}
	j := i + num.n
	trail := num.trail
	suffix, unit := "", ""
	if trail == "" && j < len(words) {
		w := words[j]
		switch {
		case w.core == "percent" || w.core == "%":
			suffix, trail, j = "%", w.trail, j+1
		case w.core == "per" && w.trail == "" && j+1 < len(words) && words[j+1].core == "cent":
			suffix, trail, j = "%", words[j+1].trail, j+2
		case w.core == "milliseconds" || w.core == "millisecond":
			unit, trail, j = "ms", w.trail, j+1
		case w.core == "dollars" || w.core == "dollar" || w.core == "bucks":
			unit, trail, j = "$", w.trail, j+1
		case timeUnits[w.core] && !num.year:
			unit = "time"
		}
	}
	small := num.frac == "" && num.whole < 10 && num.top == 0
	if num.digits && suffix == "" && unit != "ms" && unit != "$" {
		return "", 0 // already digits, nothing to add
	}
	if small && suffix == "" && unit == "" {
		return "", 0 // "one of the", "three engineers"
	}
	text := format(num)
	switch unit {
	case "ms":
		text += " ms"
	case "$":
		text = "$" + text
	}
	return words[i].lead + text + suffix + trail, j - i
}

// measure words say the number before them is an amount, not a year.
var measure = map[string]bool{
	"percent": true, "per": true, "%": true, "milliseconds": true, "millisecond": true,
	"dollars": true, "dollar": true, "bucks": true,
}

// timeUnits are the measures after which even a small number is a figure.
var timeUnits = map[string]bool{
	"second": true, "seconds": true, "minute": true, "minutes": true,
	"hour": true, "hours": true, "ms": true,
}

// determiners before "point" make it the noun: "the point five of us made".
var determiners = map[string]bool{
	"the": true, "a": true, "an": true, "that": true, "this": true, "my": true, "our": true,
	"your": true, "his": true, "her": true, "their": true, "its": true, "one": true,
	"every": true, "each": true, "no": true, "any": true, "some": true, "which": true, "what": true,
}

// read parses the longest number at words[i].
func read(words []word, i int) (number, bool) {
	w := words[i]
	if v, frac, ok := digitsOf(w.core); ok {
		return number{whole: v, frac: frac, digits: true, n: 1, trail: w.trail}, true
	}
	if y, ok := year(words, i); ok {
		return y, true
	}
	if w.core == "point" && (i == 0 || !determiners[words[i-1].core]) && w.trail == "" {
		frac, n, trail := fraction(words, i+1)
		if n == 0 {
			return number{}, false
		}
		num := number{frac: frac, n: 1 + n, trail: trail}
		return withScale(words[i:], num), true
	}

	// Whole number: total + current, read left to right.
	const (
		none = iota
		unitW
		teenW
		tensW
		tensUnit
		hundredW
		scaleW
		andW
		article
	)
	var total, current, top int64
	last := none
	n := 0
	trail := ""
	for k := i; k < len(words); k++ {
		c := words[k].core
		if k > i && words[k].lead != "" {
			break
		}
		ok := true
		switch {
		case c == "a" && last == none:
			next := ""
			if k+1 < len(words) {
				next = words[k+1].core
			}
			if s, isScale := scale(next); (next == "hundred" || isScale && s >= 1e3) && words[k].trail == "" {
				current, last = 1, article
			} else {
				ok = false
			}
		case isUnit(c) && (last == none || last == tensW || last == hundredW || last == scaleW || last == andW):
			v, _ := lexicon.Unit(c)
			current += int64(v)
			if last == tensW {
				last = tensUnit
			} else {
				last = unitW
			}
		case isTeen(c) && (last == none || last == hundredW || last == scaleW || last == andW):
			v, _ := lexicon.Teen(c)
			current += int64(v)
			last = teenW
		case isTens(c) && (last == none || last == hundredW || last == scaleW || last == andW):
			v, _ := lexicon.Tens(c)
			current += int64(v)
			last = tensW
		case c == "hundred" && current > 0 && current < 100 && (last == unitW || last == teenW || last == tensUnit || last == tensW || last == article):
			current *= 100
			last = hundredW
		case c == "and" && (last == hundredW || last == scaleW) && k+1 < len(words) && lexicon.IsNumberWord(words[k+1].core) && words[k].trail == "":
			last = andW
		default:
			s, isScale := scale(c)
			if isScale && current > 0 && (top == 0 || s < top) && last != andW {
				total += current * s
				current = 0
				top = max(top, s)
				last = scaleW
			} else {
				ok = false
			}
		}
		if !ok {
			break
		}
		n = k - i + 1
		if words[k].trail != "" {
			trail = words[k].trail
			break
		}
	}
	if last == andW || last == article { // "... and" or a bare "a": give them back
		n--
	}
	if n == 0 {
		return number{}, false
	}
	num := number{whole: total + current, top: top, n: n, trail: trail}
	if trail == "" && i+n+1 < len(words) && words[i+n].core == "point" && words[i+n].trail == "" && top == 0 {
		frac, m, t := fraction(words, i+n+1)
		if m > 0 {
			num.frac, num.n, num.trail = frac, n+1+m, t
			return withScale(words[i:], num), true
		}
	}
	return num, true
}

// withScale takes a scale word after a decimal: "two point five million".
func withScale(words []word, num number) number {
	// words here start at the number's first word.
	if num.trail != "" || num.n >= len(words) {
		return num
	}
	w := words[num.n]
	s, ok := scale(w.core)
	if !ok {
		return num
	}
	num.top, num.n, num.trail = s, num.n+1, w.trail
	return num
}

// fraction reads the digits after "point": units and "oh", one by one.
func fraction(words []word, i int) (digits string, n int, trail string) {
	var b strings.Builder
	for k := i; k < len(words); k++ {
		c := words[k].core
		v, ok := lexicon.Unit(c)
		if c == "oh" {
			v, ok = 0, true
		}
		if !ok || k > i && words[k].lead != "" {
			break
		}
		b.WriteByte(byte('0' + int(v)))
		n++
		if words[k].trail != "" {
			trail = words[k].trail
			break
		}
	}
	return b.String(), n, trail
}

// year reads "nineteen ninety nine", "twenty twenty three", "twenty oh
// five", "twenty ten": a century word and a two-digit group.
func year(words []word, i int) (number, bool) {
	var century int64
	switch words[i].core {
	case "nineteen":
		century = 19
	case "twenty":
		century = 20
	default:
		return number{}, false
	}
	if words[i].trail != "" || i+1 >= len(words) {
		return number{}, false
	}
	next := words[i+1]
	var group int64
	n := 2
	switch {
	case next.core == "oh" && next.trail == "" && i+2 < len(words) && isUnit(words[i+2].core):
		v, _ := lexicon.Unit(words[i+2].core)
		group, n = int64(v), 3
	case isTeen(next.core):
		v, _ := lexicon.Teen(next.core)
		group = int64(v)
	case isTens(next.core):
		v, _ := lexicon.Tens(next.core)
		group = int64(v)
		if next.trail == "" && i+2 < len(words) && isUnit(words[i+2].core) {
			u, _ := lexicon.Unit(words[i+2].core)
			group, n = group+int64(u), 3
		}
	default:
		return number{}, false
	}
	// "nineteen twenty thousand" and "nineteen fifteen minutes" are not
	// years; leave such runs to the whole-number reader.
	if k := i + n; words[k-1].trail == "" && k < len(words) {
		if _, isScale := scale(words[k].core); isScale || words[k].core == "hundred" || measure[words[k].core] || timeUnits[words[k].core] {
			return number{}, false
		}
	}
	return number{whole: century*100 + group, year: true, n: n, trail: words[i+n-1].trail}, true
}

// scale is lexicon's scale word, spelled out: the short forms ("k", "mm")
// are what a writer types, not what a recogniser hears.
func scale(w string) (int64, bool) {
	switch w {
	case "thousand", "million", "billion", "trillion":
		v, _ := lexicon.Scale(w)
		return int64(v), true
	}
	return 0, false
}

func isUnit(w string) bool { _, ok := lexicon.Unit(w); return ok }
func isTeen(w string) bool { _, ok := lexicon.Teen(w); return ok }
func isTens(w string) bool { _, ok := lexicon.Tens(w); return ok }

// digitsOf reads a number already written in digits: "40", "2.5", "1,200".
func digitsOf(s string) (whole int64, frac string, ok bool) {
	intPart, frac, _ := strings.Cut(s, ".")
	intPart = strings.ReplaceAll(intPart, ",", "")
	if intPart == "" && frac == "" {
		return 0, "", false
	}
	for _, r := range intPart + frac {
		if r < '0' || r > '9' {
			return 0, "", false
		}
	}
	if intPart != "" {
		v, err := strconv.ParseInt(intPart, 10, 64)
		if err != nil {
			return 0, "", false
		}
		whole = v
	}
	return whole, frac, true
}

var scaleNames = map[int64]string{1e6: "million", 1e9: "billion", 1e12: "trillion"}

// format writes num as a reader expects it.
func format(num number) string {
	if num.year || num.digits {
		if num.digits {
			return digitsText(num.whole, num.frac)
		}
		return strconv.FormatInt(num.whole, 10)
	}
	if num.frac != "" {
		if num.top >= 1e6 {
			return digitsText(num.whole, num.frac) + " " + scaleNames[num.top]
		}
		if num.top > 0 { // "one point five thousand": 1,500
			f, _ := strconv.ParseFloat(digitsText(num.whole, num.frac), 64)
			return grouped(int64(f*float64(num.top) + 0.5))
		}
		return digitsText(num.whole, num.frac)
	}
	if num.top >= 1e6 && num.whole%(num.top/100) == 0 {
		head := num.whole / num.top
		cents := (num.whole % num.top) / (num.top / 100)
		s := strconv.FormatInt(head, 10)
		if cents != 0 {
			s += strings.TrimRight("."+twoDigits(cents), "0")
		}
		return s + " " + scaleNames[num.top]
	}
	return grouped(num.whole)
}

func twoDigits(v int64) string {
	if v < 10 {
		return "0" + strconv.FormatInt(v, 10)
	}
	return strconv.FormatInt(v, 10)
}

func digitsText(whole int64, frac string) string {
	s := strconv.FormatInt(whole, 10)
	if frac != "" {
		s += "." + frac
	}
	return s
}

// grouped writes v with commas between groups of three digits from 10,000
// up: "45,000", but "2500" and "2023".
func grouped(v int64) string {
	s := strconv.FormatInt(v, 10)
	if v < 10000 {
		return s
	}
	var b strings.Builder
	for i, r := range s {
		if i > 0 && (len(s)-i)%3 == 0 {
			b.WriteByte(',')
		}
		b.WriteRune(r)
	}
	return b.String()
}

package wer

import (
	"strings"
	"unicode"
)

// Normalize turns written text into the words a speaker would say, so that
// a published reference and a recogniser's output can be compared word for
// word:
//
//   - letters are lower-cased; punctuation is dropped, except an apostrophe
//     inside a word ("don't", "team's");
//   - hyphens, dashes and slashes separate words ("forty-two" is "forty two");
//   - "&" is "and", "%" is "percent", "$5" is "five dollars";
//   - numbers are spelled out: four-digit numbers from 1001 to 1999 and from
//     2010 to 2099 are read as years ("1455" is "fourteen fifty five", "1905"
//     is "nineteen oh five", "1900" is "nineteen hundred"), other whole
//     numbers as cardinals without "and" ("42" is "forty two", "2005" is
//     "two thousand five", "1,455" is "one thousand four hundred fifty
//     five"); "3.5" is "three point five"; "21st" is "twenty first";
//     "1990s" is "nineteen nineties"; a number with a leading zero ("007")
//     is read digit by digit.
//
// The year reading is a guess that suits the references starloop scores
// against (LJ Speech writes dates as digits); a count such as "1500 users"
// comes out as "fifteen hundred users", which is also how many say it.
func Normalize(s string) []string {
	s = strings.ToLower(s)
	var out []string
	for _, field := range strings.FieldsFunc(s, isSeparator) {
		out = appendToken(out, field)
	}
	return out
}

// isSeparator reports whether r splits words outright: space, hyphens,
// dashes and slashes.
func isSeparator(r rune) bool {
	switch r {
	case '-', '‐', '‑', '‒', '–', '—', '―', '/', '\\':
		return true
	}
	return unicode.IsSpace(r)
}

// appendToken appends the spoken words of one space- and hyphen-free token.
func appendToken(out []string, tok string) []string {
	tok = strings.Map(func(r rune) rune {
		switch r {
		case '’', '‘', 'ʼ', '`':
			return '\''
		}
		return r
	}, tok)
	// "&" and "%" are words of their own wherever they stand.
	if i := strings.IndexAny(tok, "&%"); i >= 0 {
		out = appendToken(out, tok[:i])
		if tok[i] == '&' {
			out = append(out, "and")
		} else {
			out = append(out, "percent")
		}
		return appendToken(out, tok[i+1:])
	}
	tok = strings.TrimFunc(tok, func(r rune) bool { return !isWordRune(r) && r != '$' })
	dollars := false
	if rest, ok := strings.CutPrefix(tok, "$"); ok {
		tok, dollars = strings.TrimLeft(rest, "$"), true
	}
	if words, ok := numberWords(tok); ok {
		out = append(out, words...)
		if dollars {
			out = append(out, "dollars")
		}
		return out
	}
	// Any other punctuation inside a token ("u.s.", "a,b", "$x") splits it.
	for _, part := range strings.FieldsFunc(tok, func(r rune) bool { return !isWordRune(r) }) {
		part = strings.Trim(part, "'")
		out = appendAlnum(out, part)
	}
	return out
}

// isWordRune reports whether r can be part of a word: a letter, a digit or
// an apostrophe (which only survives between letters).
func isWordRune(r rune) bool {
	return unicode.IsLetter(r) || unicode.IsDigit(r) || r == '\''
}

// appendAlnum appends a word that may mix letters and digits ("mp3",
// "b2b"): runs of digits are read as cardinal numbers.
func appendAlnum(out []string, w string) []string {
	for w != "" {
		i := strings.IndexFunc(w, func(r rune) bool { return isDigit(r) != isDigit(rune(w[0])) })
		if i < 0 {
			i = len(w)
		}
		run := w[:i]
		w = w[i:]
		if isDigit(rune(run[0])) {
			words, _ := numberWords(run)
			out = append(out, words...)
		} else if run = strings.Trim(run, "'"); run != "" {
			out = append(out, run)
		}
	}
	return out
}

func isDigit(r rune) bool { return r >= '0' && r <= '9' }

// numberWords spells out tok when it is a number: digits, digits grouped by
// commas, a decimal, an ordinal ("21st") or a decade ("1990s").
func numberWords(tok string) ([]string, bool) {
	if tok == "" || !isDigit(rune(tok[0])) {
		return nil, false
	}
	digits := strings.TrimLeftFunc(tok, isDigit)
	head := tok[:len(tok)-len(digits)]
	switch {
	case digits == "":
		return integerWords(head), true
	case len(digits) == 2 && isOrdinalSuffix(head, digits):
		return ordinal(integerWords(head)), true
	case digits == "s" || digits == "'s":
		return plural(integerWords(head)), true
	case digits[0] == ',' && len(head) <= 3:
		n, ok := groupedInteger(tok)
		if !ok {
			return nil, false
		}
		return cardinal(n), true
	case digits[0] == '.' && len(digits) > 1 && strings.TrimLeftFunc(digits[1:], isDigit) == "":
		words := integerWords(head)
		words = append(words, "point")
		for _, d := range digits[1:] {
			words = append(words, onesWord(uint64(d-'0')))
		}
		return words, true
	}
	return nil, false
}

// isOrdinalSuffix reports whether suffix is the right ordinal ending for the
// number written in digits ("1st", "2nd", "3rd", "11th", "4th").
func isOrdinalSuffix(digits, suffix string) bool {
	last := digits[len(digits)-1]
	teen := len(digits) >= 2 && digits[len(digits)-2] == '1'
	switch {
	case teen:
		return suffix == "th"
	case last == '1':
		return suffix == "st"
	case last == '2':
		return suffix == "nd"
	case last == '3':
		return suffix == "rd"
	}
	return suffix == "th"
}

// groupedInteger parses "1,455" or "12,000,000": groups of three digits
// after the first.
func groupedInteger(tok string) (uint64, bool) {
	groups := strings.Split(tok, ",")
	var n uint64
	for i, g := range groups {
		if g == "" || len(g) > 3 || (i > 0 && len(g) != 3) || strings.TrimLeftFunc(g, isDigit) != "" {
			return 0, false
		}
		for _, d := range g {
			n = n*10 + uint64(d-'0')
		}
		if n > maxCardinal {
			return 0, false
		}
	}
	return n, true
}

// integerWords reads a run of digits: as a year when it looks like one,
// digit by digit when it has a leading zero or is too long for a cardinal,
// otherwise as a cardinal.
func integerWords(digits string) []string {
	if len(digits) > 1 && digits[0] == '0' || len(digits) > 12 {
		words := make([]string, 0, len(digits))
		for _, d := range digits {
			words = append(words, onesWord(uint64(d-'0')))
		}
		return words
	}
	var n uint64
	for _, d := range digits {
		n = n*10 + uint64(d-'0')
	}
	if len(digits) == 4 {
		if words, ok := year(n); ok {
			return words
		}
	}
	return cardinal(n)
}

// year reads 1001-1999 and 2010-2099 the way dates are spoken: in two
// halves, "oh" for a zero tens digit, "hundred" for a zero second half.
// Round thousands and 2000-2009 are left to cardinal ("two thousand five").
func year(n uint64) ([]string, bool) {
	if n < 1001 || n > 2099 || (n >= 2000 && n < 2010) {
		return nil, false
	}
	hi, lo := n/100, n%100
	words := cardinal(hi)
	switch {
	case lo == 0:
		words = append(words, "hundred")
	case lo < 10:
		words = append(words, "oh", onesWord(lo))
	default:
		words = append(words, cardinal(lo)...)
	}
	return words, true
}

const maxCardinal = 999_999_999_999

// onesWord spells 0-19.
func onesWord(n uint64) string {
	return [...]string{"zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine",
		"ten", "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen"}[n]
}

// tensWord spells the multiples of ten from 20 to 90, given n/10.
func tensWord(n uint64) string {
	return [...]string{2: "twenty", 3: "thirty", 4: "forty", 5: "fifty", 6: "sixty", 7: "seventy", 8: "eighty", 9: "ninety"}[n]
}

// cardinal spells n (at most maxCardinal) in American style, without "and":
// 115 is "one hundred fifteen".
func cardinal(n uint64) []string {
	if n == 0 {
		return []string{"zero"}
	}
	var words []string
	for _, s := range [...]struct {
		value uint64
		name  string
	}{{1_000_000_000, "billion"}, {1_000_000, "million"}, {1_000, "thousand"}} {
		if n >= s.value {
			words = append(words, belowThousand(n/s.value)...)
			words = append(words, s.name)
			n %= s.value
		}
	}
	return append(words, belowThousand(n)...)
}

// belowThousand spells 1-999; 0 gives no words.
func belowThousand(n uint64) []string {
	var words []string
	if n >= 100 {
		words = append(words, onesWord(n/100), "hundred")
		n %= 100
	}
	switch {
	case n >= 20:
		words = append(words, tensWord(n/10))
		if n%10 != 0 {
			words = append(words, onesWord(n%10))
		}
	case n > 0:
		words = append(words, onesWord(n))
	}
	return words
}

// ordinal turns the last word of a spelled number into its ordinal form.
func ordinal(words []string) []string {
	last := words[len(words)-1]
	switch {
	case last == "one":
		last = "first"
	case last == "two":
		last = "second"
	case last == "three":
		last = "third"
	case last == "five":
		last = "fifth"
	case last == "eight":
		last = "eighth"
	case last == "nine":
		last = "ninth"
	case last == "twelve":
		last = "twelfth"
	case strings.HasSuffix(last, "y"):
		last = strings.TrimSuffix(last, "y") + "ieth"
	default:
		last += "th"
	}
	words[len(words)-1] = last
	return words
}

// plural turns the last word of a spelled number into its plural, as in
// "the 1990s" or "in your 20s".
func plural(words []string) []string {
	last := words[len(words)-1]
	switch {
	case strings.HasSuffix(last, "y"):
		last = strings.TrimSuffix(last, "y") + "ies"
	case strings.HasSuffix(last, "x"):
		last += "es"
	default:
		last += "s"
	}
	words[len(words)-1] = last
	return words
}

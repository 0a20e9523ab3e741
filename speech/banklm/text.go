package banklm

import (
	"regexp"
	"strings"
	"unicode"

	"github.com/starloop/starloop/prompts"
	"github.com/starloop/starloop/speech/wer"
	"github.com/starloop/starloop/stories"
)

// Sentences splits text into sentences at . ! ? ; : and line ends, and
// each into the words a speaker says: lower case, numbers and symbols
// spelled out ("$2M" is "two million dollars", "240 ms" is "two hundred
// forty milliseconds"), accents dropped.
func Sentences(text string) [][]string {
	text = moneyAbbrev.ReplaceAllStringFunc(text, func(s string) string {
		m := moneyAbbrev.FindStringSubmatch(s)
		return m[1] + " " + scaleWords[strings.ToLower(m[2])] + " dollars"
	})
	var out [][]string
	start := 0
	for _, m := range sentenceEnd.FindAllStringIndex(text, -1) {
		// "a.m. on" goes on: a one-letter word before the stop is an
		// abbreviation.
		if text[m[0]] == '.' && m[0] >= 1 && isLetter(text[m[0]-1]) && (m[0] < 2 || !isLetter(text[m[0]-2])) {
			continue
		}
		if ws := spoken(wer.Normalize(fold(text[start:m[0]]))); len(ws) > 0 {
			out = append(out, ws)
		}
		start = m[1]
	}
	if ws := spoken(wer.Normalize(fold(text[start:]))); len(ws) > 0 {
		out = append(out, ws)
	}
	return out
}

func isLetter(c byte) bool { return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' }

var (
	// A sentence ends at . ! ? ; : followed by a space or the end, or at a
	// line end; "0.4" and "a.m." stay whole.
	sentenceEnd = regexp.MustCompile(`[.!?;:]+(\s+|$)|\n+`)
	moneyAbbrev = regexp.MustCompile(`\$(\d+(?:\.\d+)?)\s?([kKmMbB])\b`)
	scaleWords  = map[string]string{"k": "thousand", "m": "million", "b": "billion"}
)

// units are abbreviations that a speaker says in full after a number.
var units = map[string]string{
	"s": "seconds", "sec": "seconds", "secs": "seconds",
	"ms": "milliseconds", "h": "hours", "hr": "hours", "hrs": "hours",
	"min": "minutes", "mins": "minutes", "k": "thousand",
	"kb": "kilobytes", "mb": "megabytes", "gb": "gigabytes", "tb": "terabytes",
	"x": "times", "wk": "week", "yr": "year", "yrs": "years",
	"km": "kilometers", "kg": "kilograms", "lb": "pounds", "lbs": "pounds",
}

// spoken replaces unit abbreviations after a number word with their words.
func spoken(ws []string) []string {
	for i := 1; i < len(ws); i++ {
		if full, ok := units[ws[i]]; ok && isNumberWord(ws[i-1]) {
			ws[i] = full
		}
	}
	return ws
}

func isNumberWord(w string) bool {
	switch w {
	case "zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine",
		"ten", "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen",
		"seventeen", "eighteen", "nineteen", "twenty", "thirty", "forty", "fifty",
		"sixty", "seventy", "eighty", "ninety", "hundred", "thousand", "million", "billion":
		return true
	}
	return false
}

// fold drops accents from Latin letters ("Tomás" is "Tomas"): the
// dictionary and flite know only ASCII.
func fold(s string) string {
	if isASCII(s) {
		return s
	}
	var b strings.Builder
	for _, r := range s {
		if r < 128 {
			b.WriteRune(r)
			continue
		}
		if a, ok := accents[unicode.ToLower(r)]; ok {
			if unicode.IsUpper(r) {
				a = unicode.ToUpper(a)
			}
			b.WriteRune(a)
			continue
		}
		b.WriteRune(r)
	}
	return b.String()
}

func isASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= 128 {
			return false
		}
	}
	return true
}

var accents = map[rune]rune{
	'á': 'a', 'à': 'a', 'â': 'a', 'ä': 'a', 'ã': 'a', 'å': 'a', 'é': 'e', 'è': 'e', 'ê': 'e', 'ë': 'e',
	'í': 'i', 'ì': 'i', 'î': 'i', 'ï': 'i', 'ó': 'o', 'ò': 'o', 'ô': 'o', 'ö': 'o', 'õ': 'o',
	'ú': 'u', 'ù': 'u', 'û': 'u', 'ü': 'u', 'ñ': 'n', 'ç': 'c', 'ý': 'y', 'ø': 'o',
}

// StoryText is what the personal model learns from a story bank: each
// story's title, bullet points and numbers, and the names of its LPs
// (name gives an LP's name from its id; nil leaves LPs out).
func StoryText(bank []stories.Story, name func(id string) string) string {
	var b strings.Builder
	for _, s := range bank {
		b.WriteString(s.Title)
		b.WriteByte('\n')
		for _, part := range [][]string{s.Situation, s.Task, s.Action, s.Result, s.Numbers} {
			for _, line := range part {
				b.WriteString(line)
				b.WriteByte('\n')
			}
		}
		if name != nil {
			for _, id := range s.LPs {
				b.WriteString(name(id))
				b.WriteByte('\n')
			}
		}
	}
	return b.String()
}

// QuestionText is the interviewer's side of the domain: every LP's name,
// meaning, signals, questions and follow-ups.
func QuestionText(bank *prompts.Bank) string {
	var b strings.Builder
	for _, lp := range bank.LPs() {
		for _, line := range append([]string{lp.Name, lp.Meaning}, append(append(lp.Signals, lp.Questions...), lp.FollowUps...)...) {
			b.WriteString(line)
			b.WriteByte('\n')
		}
	}
	return b.String()
}

// acronymRE matches runs of capitals ("SQS", "TTLs", the "EC" of "EC2"),
// which are said letter by letter; Acronyms checks what stands around them.
var acronymRE = regexp.MustCompile(`[A-Z]{2,6}s?`)

// Acronyms returns the lower-case words of text that were written in
// capitals, with whether each is a plural ("TTLs"). A run of capitals is
// an acronym when no letter stands before it and no letter after it
// ("EC2" has one, "SQSes" none).
func Acronyms(text string) map[string]bool {
	out := map[string]bool{}
	for _, m := range acronymRE.FindAllStringIndex(text, -1) {
		if m[0] > 0 && isLetter(text[m[0]-1]) || m[1] < len(text) && isLetter(text[m[1]]) {
			continue
		}
		a := text[m[0]:m[1]]
		out[strings.ToLower(a)] = strings.HasSuffix(a, "s")
	}
	return out
}

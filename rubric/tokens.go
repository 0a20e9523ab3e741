package rubric

import (
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/starloop/starloop"
)

// token is one word of the answer as the rubric sees it.
//
// A word is a maximal run of characters between separators (white space,
// hyphens and dashes, slashes, brackets, quotes, ! ? ;) that holds at least
// one letter or digit, so "follow-up" is two words and "$2.5M" one. This is
// the definition behind Report.Words and every word index in a Span.
type token struct {
	w     string // lower case, outer punctuation stripped: "i'm", "$2.5m", "35%"
	key   string // w with a possessive 's dropped, or the cue word w misspells
	start int    // byte offsets of the word in the report's source text
	end   int
	stop  bool // a sentence break (. ! ? ; :) follows
	comma bool // a weaker break (, or a free-standing dash) follows
	t0    time.Duration
	t1    time.Duration

	cls     string // wordClass(key), once classed (see classOf)
	classed bool
}

// tokenize splits text into words. It never fails: bytes that are not valid
// UTF-8 are separators.
func tokenize(text string) []token {
	toks, _ := tokenizeN(text, -1)
	return toks
}

// tokenizeN is tokenize that builds at most limit tokens (all when limit <
// 0) and counts the words beyond, so that a huge text costs little memory.
func tokenizeN(text string, limit int) ([]token, int) {
	// Words average five or six bytes with their space; one allocation up
	// front saves the copying of a growing slice of large tokens.
	c := len(text)/5 + 1
	if limit >= 0 && c > limit {
		c = limit
	}
	toks := make([]token, 0, c)
	n := 0
	i := 0
	for i < len(text) {
		r, size := rune(text[i]), 1
		if r >= utf8.RuneSelf {
			r, size = utf8.DecodeRuneInString(text[i:])
		}
		if isSeparator(r) {
			if n == len(toks) {
				markBreak(toks, text, i, r)
			}
			i += size
			continue
		}
		j := i
		for j < len(text) {
			r2, s2 := rune(text[j]), 1
			if r2 >= utf8.RuneSelf {
				r2, s2 = utf8.DecodeRuneInString(text[j:])
			}
			if isSeparator(r2) {
				break
			}
			j += s2
		}
		if limit >= 0 && n >= limit {
			if hasAlnum(text[i:j]) {
				n++
			}
		} else if t, ok := makeToken(text, i, j); ok {
			toks = append(toks, t)
			n++
		} else if n == len(toks) {
			// A chunk of punctuation only ("...", "--") can still end a sentence.
			for k := i; k < j; k++ {
				markBreak(toks, text, k, rune(text[k]))
			}
		}
		i = j
	}
	return toks, n
}

func hasAlnum(s string) bool {
	for _, r := range s {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			return true
		}
	}
	return false
}

// isSeparator reports whether r splits words. Characters that can sit inside
// a word or a number ("don't", "1,200", "2.5", "$2M", "35%", "10:30") are not
// separators; they are trimmed from the word's ends instead.
func isSeparator(r rune) bool {
	if r < utf8.RuneSelf {
		switch {
		case r <= ' ' || r == 0x7f:
			return true
		case r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9':
			return false
		}
	}
	if r == utf8.RuneError || unicode.IsSpace(r) || unicode.IsControl(r) {
		return true
	}
	switch r {
	case '-', '\u2010', '\u2011', '\u2012', '\u2013', '\u2014', '\u2015', '/', '\\',
		'(', ')', '[', ']', '{', '}', '<', '>', '"', '\u201c', '\u201d', '!', '?', ';', '*', '|', '=', '~', '\u2026':
		return true
	}
	return false
}

// markBreak records on the last token the break that separator r at text[i]
// stands for.
func markBreak(toks []token, text string, i int, r rune) {
	if len(toks) == 0 {
		return
	}
	last := &toks[len(toks)-1]
	switch r {
	case '!', '?', ';', '.', ':', '\u2026':
		last.stop = true
	case ',', '\u2013', '\u2014':
		last.comma = true
	case '-':
		// A hyphen with space on either side is a dash, not a joiner.
		if (i > 0 && text[i-1] == ' ') || (i+1 < len(text) && text[i+1] == ' ') {
			last.comma = true
		}
	}
}

// makeToken trims outer punctuation from text[i:j] and builds a token, or
// reports false when no letter or digit is left.
func makeToken(text string, i, j int) (token, bool) {
	start, end := i, j
	for start < end {
		r, size := utf8.DecodeRuneInString(text[start:end])
		if unicode.IsLetter(r) || unicode.IsDigit(r) || r == '$' || r == '\u00a3' || r == '\u20ac' || r == '#' {
			break
		}
		start += size
	}
	var stop, comma bool
	for end > start {
		r, size := utf8.DecodeLastRuneInString(text[start:end])
		if unicode.IsLetter(r) || unicode.IsDigit(r) || r == '%' {
			break
		}
		switch r {
		case '.', ':':
			stop = true
		case ',':
			comma = true
		}
		end -= size
	}
	if start >= end {
		return token{}, false
	}
	raw := text[start:end]
	if !hasAlnum(raw) {
		return token{}, false
	}
	w := raw
	if needsFolding(raw) {
		w = strings.ToLower(strings.ReplaceAll(raw, "\u2019", "'"))
	}
	// A period inside a word that is not a number is an abbreviation or a
	// missing space ("done.then"); keep the word whole, it is rare.
	t := token{w: w, key: keyOf(w), start: start, end: end, stop: stop, comma: comma}
	return t, true
}

// needsFolding reports whether s has upper case or non-ASCII bytes.
func needsFolding(s string) bool {
	for i := 0; i < len(s); i++ {
		if c := s[i]; c >= 'A' && c <= 'Z' || c >= utf8.RuneSelf {
			return true
		}
	}
	return false
}

// keyOf drops a possessive 's ("customer's" -> "customer") but keeps the
// contractions of "is" and "us" that the rubric reads as words of their own.
func keyOf(w string) string {
	if strings.HasSuffix(w, "'s") {
		switch w {
		case "it's", "that's", "there's", "what's", "here's", "he's", "she's", "let's", "who's", "where's":
			return w
		}
		return w[:len(w)-2]
	}
	if strings.HasSuffix(w, "s'") {
		return w[:len(w)-1]
	}
	return w
}

// source is the text and the words the rubric judges, with the text that
// spans are cut from.
type source struct {
	text  string
	toks  []token // at most MaxWords
	words int     // all words, including those past MaxWords
	timed bool
}

// sourceOf turns a transcript into words. An untimed transcript is split as
// it stands. A timed one is split word by word so that every word keeps its
// times; when Text splits into the same number of words, Text's punctuation
// is kept too (recognisers that punctuate put it in Text only).
func sourceOf(t starloop.Transcript) source {
	if !t.Timed() {
		toks, n := tokenizeN(t.Text, MaxWords)
		return source{text: t.Text, toks: toks, words: n}
	}
	var b strings.Builder
	var toks []token
	n := 0
	for _, w := range t.Words {
		text := cleanASRWord(w.Text)
		if text == "" {
			continue
		}
		if len(toks) >= MaxWords {
			wt, k := tokenizeN(text, 0)
			n += k + len(wt)
			continue
		}
		if b.Len() > 0 {
			b.WriteByte(' ')
		}
		off := b.Len()
		b.WriteString(text)
		for _, tk := range tokenize(text) {
			n++
			if len(toks) >= MaxWords {
				continue
			}
			tk.start += off
			tk.end += off
			tk.t0, tk.t1 = w.Start, w.End
			toks = append(toks, tk)
		}
	}
	src := source{text: b.String(), toks: toks, words: n, timed: len(toks) > 0}
	if fromText, m := tokenizeN(t.Text, MaxWords); m == n && len(fromText) == len(toks) && len(toks) > 0 {
		for i := range fromText {
			fromText[i].t0, fromText[i].t1 = toks[i].t0, toks[i].t1
		}
		src.text, src.toks = t.Text, fromText
	}
	return src
}

// cleanASRWord drops recogniser markers (<s>, <sil>, [NOISE], ++BREATH++)
// and the alternate-pronunciation suffix pocketsphinx adds ("read(2)").
func cleanASRWord(s string) string {
	s = strings.TrimSpace(s)
	if s == "" || s[0] == '<' || s[0] == '[' || strings.HasPrefix(s, "++") || strings.EqualFold(s, "(null)") {
		return ""
	}
	if k := strings.LastIndexByte(s, '('); k > 0 && strings.HasSuffix(s, ")") {
		allDigits := k+1 < len(s)-1
		for _, c := range s[k+1 : len(s)-1] {
			if c < '0' || c > '9' {
				allDigits = false
			}
		}
		if allDigits {
			s = s[:k]
		}
	}
	return s
}

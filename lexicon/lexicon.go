// Package lexicon holds the closed English word lists that more than one
// starloop package reads: hesitation sounds, number words, speaker and
// group pronouns, function words and stop words.
//
// They live here so that the rubric, the reuse detector, delivery and the
// LP guesser agree on what "um" or "forty" is, instead of each keeping a
// copy that drifts. Words enter as single lower-case tokens, as each
// caller's tokenizer makes them; every lookup answers for exactly that
// spelling and does no folding of its own. The lists are read-only: they
// are offered as functions, never as maps a caller could change.
//
// Two word sets here look alike but serve different readers and must not
// be merged: [IsFunctionWord] is the rubric's closed grammar class, which
// its trained model was built on, with apostrophes kept ("i'm"); and
// [IsStopWord] is everything the reuse detector throws away before it
// compares two stories, apostrophes dropped ("im") and storytelling words
// ("said", "went") included. Changing either changes a behaviour that
// tests pin: the rubric's model (rubric/model) or reuse's pairs.
package lexicon

import (
	"strings"
	"unicode"
)

func set(words ...string) map[string]bool {
	m := make(map[string]bool, len(words))
	for _, w := range words {
		m[w] = true
	}
	return m
}

var hesitations = set("um", "uh", "er", "ah", "erm", "umm", "uhm", "uhh", "hmm", "mm")

// IsHesitation reports whether w is a hesitation sound ("um", "uh", "erm",
// "hmm"): a filler in every context, unlike "like" or "you know", which are
// fillers only some of the time. "mm" is among them, so a caller that also
// reads "mm" as a scale ("$5 mm") must decide which it means first.
func IsHesitation(w string) bool { return hesitations[w] }

var (
	units = map[string]float64{
		"zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5,
		"six": 6, "seven": 7, "eight": 8, "nine": 9,
	}
	teens = map[string]float64{
		"ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14,
		"fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19,
	}
	tens = map[string]float64{
		"twenty": 20, "thirty": 30, "forty": 40, "fourty": 40, "fifty": 50,
		"sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90,
	}
	scales = map[string]float64{
		"thousand": 1e3, "k": 1e3, "grand": 1e3, "million": 1e6, "mil": 1e6, "mm": 1e6,
		"billion": 1e9, "bn": 1e9, "trillion": 1e12,
	}
	ordinals = map[string]float64{
		"first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6,
		"seventh": 7, "eighth": 8, "ninth": 9, "tenth": 10, "twentieth": 20,
	}
)

func lookup(m map[string]float64, w string) (float64, bool) {
	v, ok := m[w]
	return v, ok
}

// Unit returns the value of a spoken digit, "zero" to "nine".
func Unit(w string) (value float64, ok bool) { return lookup(units, w) }

// Teen returns the value of "ten" to "nineteen".
func Teen(w string) (value float64, ok bool) { return lookup(teens, w) }

// Tens returns the value of a multiple of ten, "twenty" to "ninety"; the
// common misspelling "fourty" is read as 40, since typed answers have it.
func Tens(w string) (value float64, ok bool) { return lookup(tens, w) }

// Scale returns the multiplier of a scale word that follows an amount:
// "thousand", "million", "billion", "trillion" and their short forms "k",
// "grand", "mil", "mm", "bn". "hundred" and "dozen" are not here: they bind
// tighter ("two hundred thousand" is 200 × 1000), and each parser places
// them itself. "grand" also says the amount is money; the caller decides.
func Scale(w string) (multiplier float64, ok bool) { return lookup(scales, w) }

// Ordinal returns the rank of a spoken ordinal: "first" to "tenth", and
// "twentieth". Larger ordinals are rare in answers and are not read.
// "second", "third", "fifth" and "tenth" are also a unit of time or a
// fraction; the caller decides which.
func Ordinal(w string) (rank float64, ok bool) { return lookup(ordinals, w) }

// IsNumberWord reports whether w is a spoken whole number word that can
// stand alone or combine: a unit, a teen or a tens word. Scales, ordinals
// and "hundred" are not counted.
func IsNumberWord(w string) bool {
	_, u := units[w]
	_, t := teens[w]
	_, d := tens[w]
	return u || t || d
}

var (
	speaker = set("i", "me", "my", "mine", "myself", "i'm", "i've", "i'd", "i'll")
	group   = set("we", "us", "our", "ours", "ourselves", "we're", "we've", "we'd", "we'll", "let's")
)

// IsSpeakerPronoun reports whether w refers to the speaker alone: "i",
// "me", "my", "mine", "myself" and the contractions "i'm", "i've", "i'd",
// "i'll" (with the apostrophe).
func IsSpeakerPronoun(w string) bool { return speaker[w] }

// IsGroupPronoun reports whether w refers to a group the speaker belongs
// to: "we", "us", "our", "ours", "ourselves", the contractions "we're",
// "we've", "we'd", "we'll" and "let's" (with the apostrophe).
func IsGroupPronoun(w string) bool { return group[w] }

var functionWords = set(
	"a", "an", "the", "and", "or", "but", "so", "of", "to", "in", "on", "at", "for",
	"with", "by", "from", "as", "than", "that", "this", "these", "those", "it", "its",
	"i", "me", "my", "we", "us", "our", "you", "your", "he", "him", "his", "she", "her",
	"they", "them", "their", "was", "were", "is", "are", "be", "been", "am", "had", "has",
	"have", "did", "do", "does", "when", "where", "which", "who", "while", "then", "if",
	"because", "about", "into", "after", "before", "since", "until", "i'm", "i'd", "we'd",
	"i've", "we've", "we're", "it's", "that's", "there", "here", "not", "no", "yes",
	"would", "could", "should", "will", "can", "might", "must", "just", "also", "too",
	"up", "down", "out", "over", "back", "again", "all", "some", "any", "each", "every",
	"more", "less", "most", "very", "really", "um", "uh", "like", "what", "how", "why",
)

// IsFunctionWord reports whether w is a closed-class word that never names
// a thing being counted or done: articles, prepositions, pronouns,
// auxiliaries, modals, conjunctions, a few adverbs and the two commonest
// hesitations, with apostrophes kept ("i'm", "it's"). The rubric reads a
// story's grammar by it and its trained model depends on this exact set;
// to change it, retrain the model.
func IsFunctionWord(w string) bool { return functionWords[w] }

var stopWords = set(strings.Fields(`
a about above after again against all also am an and any are as at be because
been before being below between both but by can could did didnt do does doesnt
doing dont down during each even ever every few for from further get got had
hadnt has hasnt have havent having he her here hers herself him himself his how
i id if ill im in into is isnt it its itself ive just let lets me more most much
my myself no nor not now of off on once one only or other our ours ourselves out
over own same she should so some still such than that thats the their theirs
them themselves then there theres these they theyre this those through to too
under until up upon us very was wasnt we were werent weve what whats when where
which while who whom why will with within without would wouldnt you your youre
yours yourself yourselves um uh er erm ah oh okay ok yeah yes well like really
actually basically honestly literally kind sort thing things stuff lot lots
quite bit just maybe pretty anyway said say says tell told time times went go
going gone come came make made way ways want wanted know knew think thought
first next last later then another whole back around roughly nearly almost
every everyone everybody anyone anything something nothing someone nobody
able per cent percent point hundred thousand million billion`)...)

// IsStopWord reports whether w carries no content when two stories are
// compared: function words, the fillers a recogniser keeps, the words of
// storytelling itself ("said", "went", "thing") and the words numbers are
// spelled with. Apostrophes are expected to be dropped ("dont", "im"), as
// the reuse detector's tokenizer does.
func IsStopWord(w string) bool { return stopWords[w] }

// Normalise folds text for comparison: lower case, apostrophes dropped (so
// "Earth's" meets "earths"), every other run of punctuation or space
// turned into one space, and no space at either end.
func Normalise(s string) string {
	var b strings.Builder
	b.Grow(len(s))
	space := false
	for _, r := range strings.ToLower(s) {
		switch {
		case r == '\'' || r == '\u2019':
		case unicode.IsLetter(r) || unicode.IsDigit(r):
			if space && b.Len() > 0 {
				b.WriteByte(' ')
			}
			space = false
			b.WriteRune(r)
		default:
			space = true
		}
	}
	return b.String()
}

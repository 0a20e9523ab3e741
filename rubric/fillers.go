package rubric

import "github.com/starloop/starloop/lexicon"

// Filler words. Hesitation sounds always count; words that are fillers only
// some of the time ("like", "you know", "I mean", "kind of") count only
// where the grammar says they carry no meaning: "I like Python" and "a kind
// of cache" are not fillers, "it took, like, three hours" is.

// likeAsVerb: after these, "like" is the verb ("I like", "would like",
// "didn't like").
var likeAsVerb = set("i", "we", "they", "you", "he", "she", "would", "i'd", "we'd", "you'd",
	"didn't", "don't", "doesn't", "did", "do", "does", "to", "really", "also", "who", "not",
	"people", "customers", "users", "might", "may", "will", "could", "should", "always", "never")

// likeAsPreposition: after these, "like" compares ("looked like", "things
// like").
var likeAsPreposition = set("look", "looks", "looked", "looking", "seem", "seems", "seemed",
	"sound", "sounds", "sounded", "feel", "feels", "felt", "feeling", "something", "anything",
	"nothing", "things", "stuff", "more", "much", "exactly", "someone", "somebody", "tools",
	"ones", "anyone", "everyone", "companies", "teams", "metrics", "systems", "just", "acted",
	"act", "treat", "treated", "behave", "behaved", "lot", "smell", "smells", "taste")

// kindOfNoun: after these, "kind of"/"sort of" names a kind ("a kind of
// cache", "what sort of problem").
var kindOfNoun = set("a", "an", "the", "what", "this", "that", "these", "those", "which", "any",
	"some", "every", "same", "one", "different", "each", "no", "right", "wrong", "new", "other",
	"another", "whatever", "certain", "particular", "specific")

// fillers counts the fillers in toks.
func fillers(toks []token, mins float64, timed bool) Fillers {
	f := Fillers{Words: map[string]int{}}
	add := func(s string) {
		f.Count++
		f.Words[s]++
	}
	for i := 0; i < len(toks); i++ {
		w := toks[i].w
		prev, next := "", ""
		prevBreak := i == 0 || toks[i-1].stop || toks[i-1].comma
		if i > 0 {
			prev = toks[i-1].w
		}
		if i+1 < len(toks) && !toks[i].stop {
			next = toks[i+1].w
		}
		switch {
		case lexicon.IsHesitation(w):
			add(w)
		case w == "basically" || w == "actually" || w == "literally":
			add(w)
		case w == "like":
			if likeAsFiller(toks, i, prev, next, prevBreak) {
				add("like")
			}
		case w == "you" && next == "know":
			nn := ""
			if i+2 < len(toks) && !toks[i+1].stop {
				nn = toks[i+2].w
			}
			switch prev {
			case "do", "did", "don't", "didn't", "if", "as", "would", "to", "let", "will", "can":
				continue
			}
			switch nn {
			case "what", "how", "that", "if", "whether", "where", "who", "when", "why", "about", "the", "it", "him", "her", "them":
				if !toks[i+1].comma {
					continue
				}
			}
			add("you know")
			i++
		case w == "i" && next == "mean":
			if prev == "what" || prev == "that" {
				continue
			}
			add("i mean")
			i++
		case (w == "kind" || w == "sort") && next == "of":
			if kindOfNoun[prev] {
				continue
			}
			add(w + " of")
			i++
		}
	}
	switch {
	case timed && mins > 0:
		f.PerMinute = round(float64(f.Count)/mins, 2)
	case len(toks) > 0:
		f.PerMinute = round(float64(f.Count)/(float64(len(toks))/150), 2)
		f.Estimated = true
	}
	return f
}

// likeAsFiller decides whether the "like" at i is a filler.
func likeAsFiller(toks []token, i int, prev, next string, prevBreak bool) bool {
	if !prevBreak && (likeAsVerb[prev] || likeAsPreposition[prev]) {
		return false
	}
	if prevBreak || i == 0 {
		return true
	}
	// "it took like three hours": a hedge before an amount.
	if _, ok := parseNumber(toks, i+1); ok && next != "" {
		return true
	}
	switch prev {
	case "so", "and", "but", "um", "uh", "was", "were", "is", "it's", "then", "yeah", "oh", "well", "because", "i'm", "they're", "we're", "literally", "basically", "actually":
		return true
	}
	// A comma after it ("and, like, ...") marks it off.
	return toks[i].comma
}

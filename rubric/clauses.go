package rubric

// Clause segmentation. Spoken answers run on, and recogniser output has no
// punctuation, so clauses are cut at discourse cues as well as at
// punctuation: connectives ("so", "and then", "because", "but"), result and
// task openers ("as a result", "in the end", "my goal was"), subordinators
// with a subject ("when we", "once I"), and "and" before a new subject
// ("... and I wrote ...").

// span is a clause as a word range [start, end).
type span struct{ start, end int }

// intensifiedBySo are words after which "so" is an intensifier, not a
// connective: "so much", "so far", "so slow".
var intensifiedBySo = set("much", "many", "far", "long", "few", "little", "well", "good", "bad",
	"hard", "big", "important", "often", "quickly", "fast", "slow", "happy", "excited", "proud",
	"grateful", "glad", "busy", "bad", "complex", "complicated", "easy", "difficult", "on",
	"forth", "called", "sure", "great", "close", "severe", "large", "small", "high", "low",
	"tight", "frustrated", "different", "confusing", "critical", "late", "early", "expensive")

// clauseStarters after a comma make the comma a clause break: "..., so we",
// "..., which meant", "..., I then".
var clauseStarters = set("i", "we", "they", "he", "she", "it", "this", "that", "which", "so",
	"and", "but", "then", "because", "when", "once", "after", "eventually", "finally",
	"ultimately", "overall", "however", "as", "in", "by", "my", "our", "the", "there",
	"i'm", "we're", "i've", "we've", "i'd", "we'd", "it's", "that's", "while", "since",
	"although", "though", "unfortunately", "luckily", "thankfully", "meanwhile", "next",
	"first", "second", "also", "plus", "now", "today", "afterwards", "later", "what")

// newSubject are words that, after "and" or "but", start a new clause.
var newSubject = set("i", "we", "they", "he", "she", "it", "this", "that", "the", "our", "my",
	"then", "so", "as", "in", "eventually", "finally", "i'm", "we're", "i've", "we've", "i'd",
	"it's", "that's", "there", "once", "after", "when", "now", "today", "because", "ultimately",
	"overall", "since", "what", "their", "his", "her", "everyone", "nobody")

// introducers before "I" or "we" already open the clause the pronoun
// stands in ("the fix that I wrote", "what we did"), so no cut is made.
var introducers = set("that", "which", "who", "whom", "what", "and", "but", "so", "because", "when",
	"if", "where", "how", "why", "as", "than", "the", "a", "an", "my", "our", "then", "once",
	"while", "after", "before", "until", "since", "whether", "or", "nor", "whatever")

// subordinators open a clause when a subject or determiner follows.
var subordinators = set("when", "once", "after", "before", "until", "while", "whereas", "although",
	"though", "since", "if", "unless")

// cueOpeners open a clause on their own.
var cueOpeners = set("because", "but", "however", "eventually", "finally", "ultimately",
	"overall", "meanwhile", "unfortunately", "luckily", "thankfully", "fortunately", "afterwards",
	"additionally", "plus", "consequently", "therefore", "hence", "thus", "initially",
	"basically", "honestly")

// segment cuts toks into clauses.
func segment(toks []token) []span {
	var out []span
	start := 0
	for i := 1; i < len(toks); i++ {
		if breakBefore(toks, start, i) {
			out = append(out, span{start, i})
			start = i
		}
	}
	if len(toks) > 0 {
		out = append(out, span{start, len(toks)})
	}
	return out
}

// breakBefore reports whether a clause that began at word start ends
// before word i.
func breakBefore(toks []token, start, i int) bool {
	prev, w := toks[i-1], toks[i].key
	n := i - start // words in the clause so far
	if prev.stop {
		return true
	}
	next := ""
	if i+1 < len(toks) {
		next = toks[i+1].key
	}
	if prev.comma && (clauseStarters[w] || subjects[w] == 'i' || subjects[w] == 'w') && n >= 2 &&
		(w != "and" || newSubject[next]) {
		// ", and alerts" ends a list, ", and we shipped" a clause.
		return true
	}
	if n < 2 {
		return false
	}
	p := prev.key
	switch {
	case w == "so" && !intensifiedBySo[next] && next != "" && p != "and" && p != "or" && p != "think" && p != "not" && p != "do" && p != "did":
		return true
	case (w == "and" || w == "but") && newSubject[next] && n >= 3:
		// "and I wrote", "but the team" — not "my manager and I" (n < 3).
		return true
	case w == "then" && p != "and" && p != "back" && p != "since" && p != "by" && p != "until" && p != "till" && p != "just" && p != "even" && p != "from" && p != "only" && p != "right" && p != "but":
		return true
	case cueOpeners[w] && p != "and" && p != "but" && subjects[p] == 0:
		return true
	case subordinators[w] && (subjects[next] != 0 || next == "the" || next == "my" || next == "our" || next == "a" || next == "that" || next == "this") && p != "and" && p != "but" && p != "even" && p != "just" && p != "right" && p != "long" && p != "ever" && p != "as" && p != "so":
		return true
	case w == "which" || w == "resulting":
		return n >= 3
	case opensPhrase(toks, i):
		return p != "and" && p != "but" && p != "so" && p != "then" && p != "that"
	case (w == "i" || w == "we") && n >= 5 && startsFiniteVerb(toks, i+1) && !introducers[p]:
		// Run-on speech without connectives: "... a slow build i rewrote it".
		return true
	case n >= 5 && !introducers[p] && !functionWords[p] && !isPastVerb(p) && runOnSubject(toks, i):
		// "... one by one the close became calmer the accountants stopped
		// working late": a new subject with its own verb.
		return true
	case w == "and" && n >= 25:
		// Very long runs: any "and" will do.
		return true
	}
	return false
}

// opensPhrase reports whether a multi-word clause opener starts at word i:
// "as a result", "in the end", "what I did", "the result was", "my goal".
func opensPhrase(toks []token, i int) bool {
	at := func(k int) string {
		if i+k < len(toks) && (k == 0 || !toks[i+k-1].stop) {
			return toks[i+k].key
		}
		return ""
	}
	switch at(0) {
	case "as":
		return at(1) == "a" && at(2) == "result"
	case "in":
		return at(1) == "the" && at(2) == "end" || at(1) == "hindsight" || at(1) == "retrospect" || at(1) == "total"
	case "at":
		return at(1) == "the" && (at(2) == "end" || at(2) == "time")
	case "by":
		return at(1) == "the" && at(2) == "end"
	case "what":
		return (at(1) == "i" || at(1) == "we") && (at(2) == "did" || at(2) == "learned" || at(2) == "learnt" || at(2) == "decided")
	case "the", "my", "our":
		// "the result was", "my goal was", "the outcome of that": a part
		// named as the subject. "applied for my job" is not a new clause.
		switch at(1) {
		case "result", "results", "outcome", "impact", "goal", "problem", "issue", "challenge", "task",
			"lesson", "situation", "job", "role", "responsibility", "objective", "mission", "approach",
			"plan", "focus", "aim", "priority", "takeaway", "context", "background", "ask":
			switch at(2) {
			case "was", "is", "were", "here", "being":
				return true
			case "of":
				// "the result of that was", not "the goal of learning".
				return at(1) == "result" || at(1) == "outcome" || at(1) == "impact"
			}
		}
	case "this", "that":
		switch at(1) {
		case "meant", "led", "resulted", "allowed", "helped", "saved", "reduced", "increased", "improved", "cut", "gave", "made", "was", "caused":
			return true
		}
	case "since":
		return at(1) == "then"
	case "after":
		return at(1) == "that"
	case "looking":
		return at(1) == "back"
	case "going":
		return at(1) == "forward"
	case "from":
		return at(1) == "then" && at(2) == "on"
	case "first", "second", "next", "later", "now", "today", "also":
		// "later we shipped" opens a clause; "a year later" ends one.
		if i > 0 && (durationUnits[toks[i-1].key] != "" || !toks[i-1].stop && toks[i-1].key == "years") {
			return false
		}
		nx := at(1)
		return subjects[nx] == 'i' || subjects[nx] == 'w' || toks[i].comma
	case "i", "we":
		switch at(1) {
		case "learned", "learnt", "decided", "realized", "noticed":
			return true
		case "was", "were":
			return at(2) == "responsible" || at(2) == "asked" || at(2) == "tasked" || at(2) == "able"
		}
	}
	return false
}

// startsFiniteVerb reports whether the words from i read as a verb group a
// subject could own: a past verb, an auxiliary, a modal, or an adverb then
// one of those.
func startsFiniteVerb(toks []token, i int) bool {
	for k := i; k < min(len(toks), i+3); k++ {
		w := toks[k].key
		if adverbs[w] {
			continue
		}
		return isPastVerb(w) || pastBe[w] || pastHave[w] || modals[w]
	}
	return false
}

// runOnSubject reports whether a new subject with its own finite verb
// starts at word i: "they were", "the close became", "our cost dropped".
func runOnSubject(toks []token, i int) bool {
	w := toks[i].key
	switch w {
	case "they", "he", "she":
		return startsFiniteVerb(toks, i+1)
	case "the", "our", "their", "his", "her", "my":
		for k := i + 1; k < min(len(toks), i+4); k++ {
			kw := toks[k].key
			if toks[k-1].stop || functionWords[kw] && !pastBe[kw] && !pastHave[kw] {
				return false
			}
			if k > i+1 && (isPastVerb(kw) || pastBe[kw] || pastHave[kw]) {
				return true
			}
		}
	}
	return false
}

package rubric

import (
	"math"
	"strings"
)

// STAR labelling. Each clause gets an evidence vector from the cue lexicon
// (cues.go), from a small grammar pass (subject + verb: who did what, in
// which tense) and from the measures it holds. A Viterbi pass then picks
// the best label sequence under a model that expects S, T, A, R in that
// order but allows steps back (a story often returns to an action after a
// first result), adds a weak prior for position (situation early, result
// late), and lets isolated clauses follow their neighbours.

// clauseInfo is a clause with what the rubric learned about it.
type clauseInfo struct {
	span
	ev     weights
	cueR   float64 // result evidence before measures are added
	events int     // finite past verbs with a subject: signs of a told story
	label  int     // pS..pR, or pN for none
	pos    float64 // middle of the clause as a fraction of the answer's words
}

// determiners before a noun let it be a subject: "the team was", "our
// customers complained".
var determiners = set("the", "my", "our", "a", "an", "their", "his", "her", "this", "that",
	"one", "every", "each", "some", "all", "no", "your")

// connectives may stand before a verb whose subject was left out: "and
// then wrote a script", "so rolled it back".
var connectives = set("and", "so", "then", "but", "also", "after", "that", "which", "eventually",
	"finally", "first", "next", "later", "just", "um", "uh", "basically", "actually", "quickly",
	"immediately", "personally", "ultimately")

// discourseVerbs after "I" in the present are talk about the answer, not
// habits: "I think it was 2019", "I mean", "I remember".
var discourseVerbs = set("think", "guess", "mean", "know", "remember", "believe", "suppose",
	"feel", "hope", "say", "recall", "want", "need", "see", "don't", "do", "am", "have", "can't")

// softeners may stand between "was" and what it says: "was not", "was
// really", "was pretty".
var softeners = set("not", "also", "really", "very", "so", "pretty", "quite", "just", "still",
	"already", "then", "actually", "finally", "eventually", "basically", "kind", "sort", "of",
	"totally", "completely", "always", "never", "being", "getting", "super", "extremely", "a", "bit")

// grammar adds evidence that comes from who does what in which tense, and
// returns the number of finite past verbs with a subject. pos is where the
// clause sits in the answer (0 start, 1 end): a state of things told early
// sets the scene, told late it is how things ended up.
func grammar(toks []token, c span, pos float64, ev *weights) int {
	events := 0
	firstI, firstW, firstO := true, true, true
	hasAction := false
	used := make([]bool, c.end-c.start) // verbs already given a subject
	for j := c.start; j < c.end; j++ {
		w := toks[j].key
		s := subjects[w]
		np := false
		if s == 0 && j > c.start && isPastVerb(w) && !used[j-c.start] && nounPhraseBefore(toks, c.start, j) {
			// "the auditors said", "the CTO made": any noun with a
			// determiner can be a subject; step back so the verb is read
			// below.
			s, np = 'o', true
			j--
			w = toks[j].key
		}
		if s == 0 || w == "myself" {
			continue
		}
		if s == 'o' && !np && !pronounSubject(w) && j > c.start && !hasDeterminer(toks, c.start, j) {
			continue
		}
		if w == "that" && j > c.start && !functionWords[toks[j-1].key] {
			// "a filter that lowered the weight": a relative clause that
			// says what a thing does, not what happened.
			if n := j + 1; n < c.end && isPastVerb(toks[n].key) {
				used[n-c.start] = true
				if changeVerbs[toks[n].key] {
					ev[pR] -= 0.9
				}
			}
			continue
		}
		switch w {
		case "i'm", "we're":
			ev[pG] += 0.4
			continue
		case "i've", "we've":
			ev[pG] += 0.2
			continue
		case "i'll", "we'll":
			ev[pG] += 0.8
			continue
		case "i'd", "we'd":
			if k := skipAdverbs(toks, j+1, c.end); k < c.end && isPastVerb(toks[k].key) && toks[k].key != "say" {
				// "I'd already written": pluperfect, background.
				ev[pS] += 0.6
				events++
			} else if s == 'i' {
				ev[pG] += 0.8
			} else {
				ev[pG] += 0.5
			}
			continue
		}
		k := j + 1
		habit := false
		for k < c.end && k < j+4 && adverbs[toks[k].key] && !toks[k-1].stop {
			if habitual[toks[k].key] {
				habit = true
			}
			k++
		}
		if k >= c.end || toks[k-1].stop {
			continue
		}
		v := toks[k].key
		used[k-c.start] = true
		if habit && s != 'o' {
			if s == 'i' {
				ev[pG] += 1
			} else {
				ev[pG] += 0.7
			}
			continue
		}
		switch {
		case modals[v]:
			if s == 'i' {
				ev[pG] += 0.8
			} else if s == 'w' {
				ev[pG] += 0.5
			}
		case pastBe[v]:
			events++
			n := k + 1
			for n < c.end && softeners[toks[n].key] && !toks[n-1].stop {
				n++
			}
			if n >= c.end || toks[n-1].stop {
				ev[pS] += 0.5
				break
			}
			nw := toks[n].key
			if n+1 < c.end && determiners[nw] && !toks[n].stop {
				// "were the cleanest", "was my strongest"
				if evaluative(toks[n+1].key) {
					nw = toks[n+1].key
				}
			}
			switch {
			case isIngForm(nw):
				// Past progressive: the background against which things happen.
				if s == 'o' {
					ev[pS] += 0.8
				} else {
					ev[pS] += 1
				}
			case nw == "able" || nw == "to":
			case evaluative(nw):
				// "it was much faster", "they were the cleanest": a
				// judgement of how things stood, at the end an outcome.
				ev[pR] += 1.2 * pos
				ev[pS] += 0.4 * (1 - pos)
			case isPastVerb(nw) && !pastAdjectives[nw]:
				// Passive: "it was launched", "I was promoted".
				if s == 'o' {
					ev[pR] += 0.4
					ev[pS] += 0.3
				}
			default:
				// A state: "the build was slow", "I was new". The
				// speaker's own state is weaker ("I was the one who ...");
				// late in the story a state is how things ended up.
				st := 0.8
				if s == 'i' {
					st = 0.5
				}
				ev[pS] += st * (1 - pos/2)
				ev[pR] += 0.5 * pos
			}
		case pastHave[v]:
			events++
			n := k + 1
			if n < c.end && (toks[n].key == "to") {
				break
			}
			// "We had no incidents after that" ends a story; "I had a
			// chat with" is the speaker doing something.
			if s == 'i' {
				ev[pS] += 0.5 * (1 - pos/2)
				break
			}
			ev[pS] += 0.8 * (1 - pos/2)
			ev[pR] += 0.5 * pos
		case v == "didn't" || v == "couldn't" || v == "wasn't" || v == "weren't" || v == "hadn't":
			events++
			// "the tests didn't cover it": a state of things. "I didn't
			// think so" is a stance, not a scene.
			if n := k + 1; s == 'i' || n < c.end && discourseVerbs[toks[n].key] {
				break
			}
			ev[pS] += 0.4 * (1 - pos)
			ev[pR] += 0.4 * pos
		case v == "did":
			events++
			if s == 'i' {
				ev[pA] += 1
				hasAction = true
			}
		case isPastVerb(v):
			events++
			if statePast[v] {
				if s == 'i' {
					ev[pS] += 0.3
					ev[pT] += 0.3
				} else {
					ev[pS] += 0.6 * (1 - pos/2)
				}
				break
			}
			if vagueAction(toks, k, c.end) {
				// "I handled it", "I made it happen": no step anyone could
				// picture.
				ev[pA] += 0.3
				break
			}
			if s == 'i' && taskVerbs[v] {
				// "I took it on", "I volunteered": taking on the task.
				ev[pA] += 0.5
				break
			}
			switch s {
			case 'i':
				if firstI {
					ev[pA] += 1.6
					firstI = false
				} else {
					ev[pA] += 0.6
				}
				hasAction = true
			case 'w':
				if firstW {
					ev[pA] += 1.1
					firstW = false
				} else {
					ev[pA] += 0.4
				}
				hasAction = true
			default:
				// Someone else did something: early on that is the
				// scene, late in the story it is the world responding.
				if !firstO {
					break
				}
				firstO = false
				if outcomeVerbs[v] {
					ev[pR] += 1.2
				} else {
					ev[pS] += 0.5 * (1 - pos)
					ev[pR] += 0.8 * pos
				}
			}
		default:
			// Present tense after I or we: a habit or a general claim.
			if s != 'o' && isLetters(v) && !functionWords[v] && !isIngForm(v) && !discourseVerbs[v] {
				ev[pG] += 0.5
			}
		}
	}
	// A verb whose subject was left out at the start of a clause: "then
	// wrote a script", "and set up alerts".
	k := c.start
	for k < c.end && (connectives[toks[k].key] || adverbs[toks[k].key]) {
		k++
	}
	if k < c.end && isPastVerb(toks[k].key) && !statePast[toks[k].key] && !pastBe[toks[k].key] && !pastHave[toks[k].key] &&
		(k == c.start || !isPastVerb(toks[k-1].key)) {
		ev[pA] += 0.8
		events++
		hasAction = true
	}
	// More past verbs joined by "and" to an action: "I analysed the logs
	// and found ...".
	if hasAction {
		for j := c.start + 1; j+1 < c.end; j++ {
			if toks[j].key == "and" && isPastVerb(toks[j+1].key) && !statePast[toks[j+1].key] {
				ev[pA] += 0.4
			}
		}
	}
	return events
}

// taskVerbs taking the speaker into a task are not yet actions.
var taskVerbs = set("took", "volunteered", "decided", "stepped", "offered", "committed", "signed",
	"agreed", "set", "chose", "wanted", "needed", "promised", "accepted")

// vagueObjects stand for the whole problem: "handled it", "dealt with
// everything".
var vagueObjects = set("it", "that", "this", "everything", "things", "them", "stuff", "all")

// vagueAction reports whether the verb at k is a stand-in for the actions
// rather than one: "handled it", "took care of it", "made it happen", "got
// it done", "sorted it out", "dug into it" with nothing after.
func vagueAction(toks []token, k, end int) bool {
	v := toks[k].key
	at := func(n int) string {
		if k+n < end && !toks[k+n-1].stop {
			return toks[k+n].key
		}
		return ""
	}
	// The object ends the clause, or only a particle follows it.
	closes := func(n int) bool {
		w := at(n)
		return w == "" || w == "out" || w == "up" || w == "and" || w == "so" || w == "but" || w == "happen" || w == "work" || w == "done" || w == "sorted" || w == "right" || w == "myself"
	}
	switch v {
	case "handled", "managed", "tackled", "sorted", "solved", "resolved", "fixed", "addressed", "did", "owned", "drove", "made", "got":
		return vagueObjects[at(1)] && closes(2)
	case "dealt", "dug", "looked", "worked":
		return (at(1) == "with" || at(1) == "into" || at(1) == "on") && vagueObjects[at(2)] && closes(3)
	case "took":
		return at(1) == "care" && at(2) == "of" && vagueObjects[at(3)] && closes(4)
	case "stood", "held", "kept":
		return at(1) == "my" && (at(2) == "ground" || at(2) == "position") && closes(3)
	}
	return false
}

// evaluative reports whether w judges how things stand: a comparative or
// superlative ("faster", "cleanest", "best", "more").
func evaluative(w string) bool {
	switch w {
	case "best", "better", "worse", "worst", "most", "more", "less", "fewer", "least":
		return true
	}
	if len(w) >= 6 && strings.HasSuffix(w, "est") && !strings.HasSuffix(w, "ntest") && !strings.HasSuffix(w, "quest") {
		return true // cleanest, strongest, highest (not "contest", "request")
	}
	return len(w) >= 6 && strings.HasSuffix(w, "ier") // happier, easier, busier
}

// nounPhraseBefore reports whether the words just before j (in the clause)
// are a noun phrase that can be the subject of the verb at j: a
// determiner, then at most two words that are not function words or verbs.
func nounPhraseBefore(toks []token, start, j int) bool {
	if j-1 < start {
		return false
	}
	if prev := toks[j-1].key; functionWords[prev] || isPastVerb(prev) || !isLetters(prev) || adverbs[prev] {
		return false
	}
	return hasDeterminer(toks, start, j-1)
}

// hasDeterminer reports whether the noun at j has a determiner before it,
// with at most two words between ("the engineering team", "our two
// biggest customers"), within the clause.
func hasDeterminer(toks []token, start, j int) bool {
	if determiners[toks[j].key] {
		return false
	}
	for k := j - 1; k >= start && k >= j-3; k-- {
		if determiners[toks[k].key] {
			return true
		}
		if functionWords[toks[k].key] || isPastVerb(toks[k].key) {
			return false
		}
	}
	return false
}

// outcomeVerbs after a subject other than the speaker report how things
// turned out: "the complaints stopped", "she approved it", "latency
// dropped".
var outcomeVerbs = set("stopped", "disappeared", "vanished", "improved", "dropped", "fell", "rose",
	"grew", "doubled", "tripled", "halved", "shrank", "declined", "increased", "decreased", "became",
	"ended", "calmed", "settled", "recovered", "stabilized", "stabilised", "worked", "succeeded",
	"approved", "agreed", "accepted", "adopted", "renewed", "signed", "loved", "liked", "praised",
	"thanked", "promoted", "passed", "converted", "returned", "stayed", "reused", "copied",
	"expanded", "won", "hit", "exceeded", "beat", "saved", "paid", "closed", "shipped", "launched",
	"cleared", "fixed", "disappeared", "plummeted", "soared", "jumped", "climbed", "spread")

// pronounSubject reports whether w is a pronoun (which needs no
// determiner to be a subject).
func pronounSubject(w string) bool {
	switch w {
	case "i", "we", "they", "he", "she", "it", "this", "that", "everyone", "nobody", "people":
		return true
	}
	return false
}

// skipAdverbs returns the first index from i that is not an adverb.
func skipAdverbs(toks []token, i, end int) int {
	for i < end && adverbs[toks[i].key] {
		i++
	}
	return i
}

// positionPrior is the weak preference for where each part sits, for a
// clause whose middle is at fraction p of the answer.
func positionPrior(k int, p float64) float64 {
	clamp := func(v, lo, hi float64) float64 { return math.Max(lo, math.Min(hi, v)) }
	switch k {
	case pS:
		return clamp(0.6-1.7*p, -0.8, 0.6)
	case pT:
		return clamp(0.3-1.5*math.Abs(p-0.2), -0.6, 0.3)
	case pA:
		return clamp(0.3-1.2*math.Abs(p-0.55), -0.4, 0.3)
	case pR:
		return clamp(-0.6+1.4*p, -0.6, 0.8)
	}
	return 0
}

// trans[from][to] is the score of moving from one part to the next: free
// to stay or step forward, a small cost to skip a part, a larger one to go
// back.
var trans = [4][4]float64{
	pS: {pS: 0, pT: -0.1, pA: -0.3, pR: -1.2},
	pT: {pS: -0.8, pT: 0, pA: -0.1, pR: -0.8},
	pA: {pS: -1.2, pT: -1.0, pA: 0, pR: -0.1},
	pR: {pS: -2.0, pT: -1.8, pA: -0.7, pR: 0},
}

var initial = [4]float64{pS: 0, pT: -0.3, pA: -0.6, pR: -1.5}

const (
	toNone   = -0.2 // entering filler
	noneBase = -1.2 // filler must earn its label
)

// label runs Viterbi over the clauses and sets each clause's label. States
// 0..3 are S, T, A, R; 4+k is "none, after part k", so filler does not
// make the model forget where the story was.
func label(cs []clauseInfo) {
	n := len(cs)
	if n == 0 {
		return
	}
	const ns = 8
	score := make([][ns]float64, n)
	back := make([][ns]int8, n)
	emit := func(c *clauseInfo, s int) float64 {
		if s < 4 {
			return c.ev[s] + positionPrior(s, c.pos)
		}
		return c.ev[pN] + noneBase
	}
	for s := 0; s < ns; s++ {
		if s < 4 {
			score[0][s] = initial[s] + emit(&cs[0], s)
		} else {
			score[0][s] = initial[s-4] + toNone + emit(&cs[0], s)
		}
	}
	for i := 1; i < n; i++ {
		for s := 0; s < ns; s++ {
			best, arg := math.Inf(-1), 0
			for p := 0; p < ns; p++ {
				var t float64
				switch {
				case p < 4 && s < 4:
					t = trans[p][s]
				case p < 4 && s >= 4:
					if s-4 != p {
						continue
					}
					t = toNone
				case p >= 4 && s < 4:
					t = trans[p-4][s]
				default:
					if s != p {
						continue
					}
				}
				if v := score[i-1][p] + t; v > best {
					best, arg = v, p
				}
			}
			score[i][s] = best + emit(&cs[i], s)
			back[i][s] = int8(arg)
		}
	}
	best, arg := math.Inf(-1), 0
	for s := 0; s < ns; s++ {
		if score[n-1][s] > best {
			best, arg = score[n-1][s], s
		}
	}
	for i := n - 1; i >= 0; i-- {
		if arg >= 4 {
			cs[i].label = pN
		} else {
			cs[i].label = arg
		}
		arg = int(back[i][arg])
	}
}

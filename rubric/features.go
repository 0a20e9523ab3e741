package rubric

import (
	"slices"
	"strconv"
	"time"

	"github.com/starloop/starloop/lexicon"
)

// All the judge's features are defined in this file: what each model sees
// of the answer. The weights live in model/; nothing else decides a label.
//
// Features are words and small closed word classes, never cue phrases
// written for a part: which words signal a task or a result is learned
// from the corpus. Every feature is computed the same way on punctuated
// text and on recognised speech; punctuation and pauses are features of
// their own, so a model trained on both learns to do without either.

// wordClass names the closed class of a word that matters to a story's
// grammar, or "" for an open-class word.
func wordClass(w string) string {
	switch {
	case lexicon.IsSpeakerPronoun(w) && w != "mine":
		// "mine" was never in the class the model was trained with.
		return "I"
	case lexicon.IsGroupPronoun(w):
		return "WE"
	case modals[w]:
		return "MODAL"
	case habitual[w]:
		return "HABIT"
	case pastBe[w] || pastHave[w]:
		return "PASTAUX"
	case isNumberWord(w) || isDigitWord(w) || w != "" && (w[0] >= '0' && w[0] <= '9' || w[0] == '$'):
		return "NUM"
	case isPastVerb(w):
		return "PAST"
	case isIngForm(w):
		return "ING"
	case lexicon.IsHesitation(w):
		return "UM"
	}
	return ""
}

// stem strips the commonest inflections, so that "rolled", "rolling" and
// "rolls" share a feature. It is crude on purpose: the perceptron only
// needs related forms to meet, not a dictionary form.
func stem(w string) string {
	n := len(w)
	switch {
	case n > 5 && w[n-3:] == "ing":
		return w[:n-3]
	case n > 4 && w[n-2:] == "ed":
		return w[:n-2]
	case n > 4 && w[n-3:] == "ies":
		return w[:n-3] + "y"
	case n > 3 && w[n-1] == 's' && w[n-2] != 's' && w[n-2] != '\'':
		return w[:n-1]
	}
	return w
}

// featureWord is the form of a token that features use: numbers collapse
// to one symbol, so "40%" and "forty percent" look alike.
func featureWord(t *token) string {
	if classOf(t) == "NUM" {
		return "#"
	}
	return t.key
}

// classOf is wordClass of the token's word, worked out once per token.
func classOf(t *token) string {
	if !t.classed {
		t.cls, t.classed = wordClass(t.key), true
	}
	return t.cls
}

func bucket(n int, edges ...int) string {
	for i, e := range edges {
		if n <= e {
			return strconv.Itoa(i)
		}
	}
	return strconv.Itoa(len(edges))
}

// pauseBucket says how long the silence between two timed words was.
func pauseBucket(a, b *token, timed bool) string {
	if !timed {
		return "na"
	}
	gap := b.t0 - a.t1
	switch {
	case gap < 80*time.Millisecond:
		return "0"
	case gap < 200*time.Millisecond:
		return "1"
	case gap < 450*time.Millisecond:
		return "2"
	}
	return "3"
}

// boundaryFeatures describes the gap after toks[i]: should a new clause
// start at toks[i+1]? since is how many words the current clause has.
func boundaryFeatures(f *features, toks []token, i int, since int, timed bool) {
	f.reset()
	prev, next := &toks[i], &toks[i+1]
	pw, nw := featureWord(prev), featureWord(next)
	nn := "</s>"
	if i+2 < len(toks) {
		nn = featureWord(&toks[i+2])
	}
	f.add("bias")
	f.add("pw=", pw)
	f.add("nw=", nw)
	f.add("nn=", nw, "_", nn)
	f.add("pn=", pw, "_", nw)
	f.add("pc=", classOf(prev))
	f.add("nc=", classOf(next))
	f.add("ncc=", classOf(next), "_", classOf(&toks[min(i+2, len(toks)-1)]))
	if prev.comma {
		f.add("comma")
		f.add("comma_nw=", nw)
	}
	p := pauseBucket(prev, next, timed)
	f.add("gap=", p)
	f.add("gap_nw=", p, "_", nw)
	f.add("since=", bucket(since, 1, 2, 4, 7, 11, 16))
	f.add("since_nc=", bucket(since, 2, 5, 10), "_", classOf(next))
}

// clauseFeatures describes clause k of the answer for labelling, apart
// from the label before it (see transitionFeatures).
func clauseFeatures(f *features, toks []token, cl []span, k int, metrics []Metric, timed bool) {
	f.reset()
	c := cl[k]
	f.add("bias")
	f.add("pos=", strconv.Itoa(clausePos(toks, c)))
	if k == 0 {
		f.add("first")
	}
	if k == len(cl)-1 {
		f.add("last")
	}
	f.add("len=", bucket(c.end-c.start, 2, 4, 7, 12, 20))
	if k > 0 {
		f.add("gap=", pauseBucket(&toks[c.start-1], &toks[c.start], timed))
		if toks[c.start-1].stop {
			f.add("afterstop")
		}
	}
	// The opening words carry most of a clause's role: "so i", "my goal",
	// "in the end", "as a result".
	w0 := featureWord(&toks[c.start])
	f.add("f1=", w0)
	if c.end-c.start > 1 {
		w1 := featureWord(&toks[c.start+1])
		f.add("f2=", w0, "_", w1)
		if c.end-c.start > 2 {
			f.add("f3=", w0, "_", w1, "_", featureWord(&toks[c.start+2]))
		}
	}
	f.add("subj=", subjectOf(toks, c))
	// What the first person says of themselves: "i was asked", "i took
	// it", "we rolled back", "my goal".
	for i := c.start; i < c.end && i < c.start+6; i++ {
		if cls := classOf(&toks[i]); cls == "I" || cls == "WE" {
			if i+1 < c.end {
				v := featureWord(&toks[i+1])
				f.add("sv=", cls, "_", v)
				if i+2 < c.end {
					f.add("sv2=", cls, "_", v, "_", featureWord(&toks[i+2]))
				}
			}
			break
		}
	}
	classes := 0
	for i := c.start; i < c.end; i++ {
		w := featureWord(&toks[i])
		f.add("w=", w)
		if s := stem(w); s != w {
			f.add("s=", s)
		}
		if i+1 < c.end {
			f.add("b=", w, "_", featureWord(&toks[i+1]))
		}
		if cls := classOf(&toks[i]); cls != "" {
			bit := classBit(cls)
			if classes&bit == 0 {
				f.add("c=", cls)
				classes |= bit
			}
		}
		if classes&512 == 0 && goalWords[toks[i].key] {
			f.add("c=GOAL")
			f.add("c=GOAL_", subjectOf(toks, c))
			classes |= 512
		}
	}
	for _, m := range metrics {
		if m.Start >= c.start && m.Start < c.end {
			f.add("m=", m.Kind)
			if m.From != nil {
				f.add("mfrom")
			}
			if m.lasting {
				f.add("mlasting")
			}
		}
	}
}

// transitionFeatures describes how clause k follows a clause labelled
// prev ("<s>" for the first): the label sequence of a story (situation,
// then task, actions, result) is what these weights learn.
func transitionFeatures(f *features, toks []token, cl []span, k int, prev string) {
	f.reset()
	c := cl[k]
	f.add("p1=", prev)
	f.add("p1pos=", prev, "_", strconv.Itoa(clausePos(toks, c)/2))
	f.add("p1f=", prev, "_", featureWord(&toks[c.start]))
}

// clausePos is where a clause starts, in tenths of the answer.
func clausePos(toks []token, c span) int {
	if len(toks) == 0 {
		return 0
	}
	return c.start * 10 / len(toks)
}

// goalWords name a responsibility or an aim: one feature for all of them,
// so that a rare one ("mandate", "remit") borrows the weight of the common
// ones. The list is of English words for a goal, not phrases from the
// corpus.
var goalWords = set("goal", "goals", "aim", "aimed", "objective", "objectives", "target", "targets",
	"task", "tasked", "job", "responsible", "responsibility", "charge", "mandate", "remit",
	"mission", "assignment", "assigned", "owner", "own", "owned", "ownership", "brief", "ask",
	"asked", "needed", "need", "had", "expected", "duty", "role", "wanted", "want", "supposed",
	"challenge", "deliver", "make", "ensure", "sure")

// classBit is the bit of word class c in a set of classes: 1 for "I", 2
// for "WE", and so on in the order of classList, up to 256 for "UM" (512
// stands for the goal words).
func classBit(c string) int { return 1 << classIndex(c) }

// subjectOf says who does what a clause tells: "i", "we", "other", or ""
// when the clause names no one (a continuation: "and added a cache").
// "My team and I" and "our team" are "we".
func subjectOf(toks []token, c span) string {
	for i := c.start; i < c.end && i < c.start+6; i++ {
		w := toks[i].key
		switch {
		case w == "i" || w == "i'm" || w == "i've" || w == "i'd" || w == "i'll" || w == "myself":
			if i >= c.start+2 && toks[i-1].key == "and" {
				return "we" // "my team and I"
			}
			return "i"
		case w == "we" || w == "we're" || w == "we've" || w == "we'd" || w == "we'll" || w == "let's":
			return "we"
		case (w == "team" || w == "teams" || w == "together") && i > c.start:
			switch toks[i-1].key {
			case "our", "the", "my", "whole":
				if i+2 < c.end && toks[i+1].key == "and" && toks[i+2].key == "i" {
					return "we"
				}
				return "we"
			}
		case w == "they" || w == "he" || w == "she" || w == "it" || w == "everyone" || w == "nobody":
			return "other"
		}
	}
	return ""
}

// answerFeatures describes the whole answer for the answer-level models
// (is it an answer; is it one specific story): which words it uses, once
// each, and how its clauses were labelled.
func answerFeatures(f *features, toks []token, labels []int) {
	f.reset()
	// At most a word and a pair for each word, and a few more: one
	// allocation rather than the growing of the slice and the set.
	f.keys = slices.Grow(f.keys, 2*len(toks)+len(classList)+16)
	f.once.reserve(2 * len(toks))
	f.add("bias")
	f.add("words=", bucket(len(toks), 3, 7, 14, 25, 50, 100, 200))
	var parts [nParts]int
	for _, l := range labels {
		parts[l]++
	}
	told := 0
	for k := 0; k < 4; k++ {
		if parts[k] > 0 {
			told++
			f.add("has=", partNames[k])
		}
	}
	f.add("told=", strconv.Itoa(told))
	var counts [len(classList)]int
	for i := range toks {
		w := featureWord(&toks[i])
		f.addOnce("w=", w)
		if i+1 < len(toks) {
			f.addOnce("b=", w, "_", featureWord(&toks[i+1]))
		}
		if cls := classOf(&toks[i]); cls != "" {
			counts[classIndex(cls)]++
		}
	}
	// Rates, not counts: tense and modality over the length of the answer.
	for i, cls := range classList {
		per100 := 0
		if len(toks) > 0 {
			per100 = counts[i] * 100 / len(toks)
		}
		f.add("rate_", cls, "=", bucket(per100, 0, 1, 3, 6, 10))
	}
}

var classList = [...]string{"I", "WE", "MODAL", "HABIT", "PASTAUX", "NUM", "PAST", "ING", "UM"}

func classIndex(c string) int {
	for i, x := range classList {
		if x == c {
			return i
		}
	}
	return 0
}

// lpFeatures describes the answer for the Leadership Principle model: its
// content words (stemmed), weighted by nothing but presence; the content
// words of each STAR part apart, since a word says more of a principle by
// the part it is said in ("cost" in the task of a frugal story, in the
// situation of many); and what the speaker or the team chose to do, the
// first content word after "I" or "we" ("I pushed back", "we hired"), since
// a principle shows in the choices a story tells more than in its topic.
// Keeping the parts of all four apart raised top-1 from .646 to .686
// across held-out writers (eight writers, clauses as labelled); the verbs
// after I and we, in place of word pairs, from .693 to .706 (ten writers).
func lpFeatures(f *features, toks []token, cl []span, labels []int) {
	f.reset()
	f.add("bias")
	for ci, c := range cl {
		role := ""
		if ci < len(labels) && labels[ci] != pN {
			role = partNames[labels[ci]]
		}
		for i := c.start; i < c.end; i++ {
			w := toks[i].key
			if cls := classOf(&toks[i]); lexicon.IsFunctionWord(w) || cls == "NUM" || cls == "UM" {
				continue
			}
			s := stem(w)
			f.addOnce("w=", s)
			if role != "" {
				f.addOnce(role, ":", s)
			}
			if who := doer(toks, c.start, i); who != "" {
				f.addOnce(who, "=", s)
			}
		}
	}
}

// doer is "iv" when toks[i] is the first content word after "I" (within
// three words of it, inside the clause that starts at start), "wv" when
// after "we", and "" otherwise.
func doer(toks []token, start, i int) string {
	for k := i - 1; k >= start && k >= i-3; k-- {
		switch classOf(&toks[k]) {
		case "I":
			return "iv"
		case "WE":
			return "wv"
		}
		if !lexicon.IsFunctionWord(toks[k].key) {
			return ""
		}
	}
	return ""
}

// measureFeatures describes what the measure model weighs to say whether
// the answer's result states a measure: whether the rule already found
// one in a result clause; how near to a result the nearest measure stands
// (near, a result margin, when measured); the words of the result clauses
// and of the last two clauses, once each; and how many number words the
// result clauses hold. Each also joined with the kind of transcript
// (written, or heard by a recogniser), since a recogniser loses and
// changes numbers ("four managers" heard as "for mine a") and sentence
// ends, and the same evidence weighs differently there.
func measureFeatures(f *features, toks []token, cl []span, labels []int, metrics []Metric, near float64, measured, timed bool) {
	f.reset()
	kind := "w_"
	if timed {
		kind = "h_"
	}
	f.add("bias")
	f.add(kind, "bias")
	inResult := false
	for _, m := range metrics {
		inResult = inResult || m.InResult
	}
	ir := strconv.FormatBool(inResult)
	f.add("in_result=", ir)
	f.add(kind, "in_result=", ir)
	nb := "none"
	if measured {
		nb = bucket(int(-near), -16, 0, 8, 16, 32, 64, 128)
	}
	f.add("near=", nb)
	f.add(kind, "near=", nb)
	result, nums := false, 0
	for ci, c := range cl {
		r, last := labels[ci] == pR, ci >= len(cl)-2
		result = result || r
		if !r && !last {
			continue
		}
		for i := c.start; i < c.end; i++ {
			w := featureWord(&toks[i])
			if r {
				f.addOnce("r=", w)
				if w == "#" {
					nums++
				}
			}
			if last {
				f.addOnce("e=", w)
			}
		}
	}
	rs := strconv.FormatBool(result)
	f.add("result=", rs)
	f.add(kind, "result=", rs)
	f.add(kind, "result_nums=", bucket(nums, 0, 1, 3))
}

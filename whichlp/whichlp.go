// Package whichlp recognises which Leadership Principle (LP) an interview
// question probes, scores a candidate's guess of it, and words the warning
// when an answer's LP is not the one asked.
//
// Data enters as the prompt bank's LPs (their questions are the labelled
// examples; their names, meanings and signals, with a short list of cue
// words kept here, describe each LP) and as question text, typed or heard
// (ASR text: lower case, no punctuation). Data leaves as ranked LP scores,
// Guess values and one-line messages. Nothing here blocks or does I/O.
package whichlp

import (
	"fmt"
	"math"
	"sort"
	"strings"

	"github.com/starloop/starloop/lexicon"
	"github.com/starloop/starloop/prompts"
	"github.com/starloop/starloop/reuse"
	"github.com/starloop/starloop/rubric"
)

// cues are words that, in a question, point at one LP. They add to what
// the bank's questions teach, for words the questions happen not to use.
var cues = map[string]string{
	"customer-obsession":              "customer customers client clients user users feedback complaint needs expectations service satisfaction",
	"ownership":                       "ownership own owned responsibility responsible outside role nobody long term accountable initiative",
	"invent-and-simplify":             "invent innovative innovation simplify simpler simplified creative new idea process automate complicated",
	"are-right-a-lot":                 "judgment judgement decision instinct wrong right assumption incomplete call options mind",
	"learn-and-be-curious":            "learn learned learning curious curiosity taught skill new subject study course read",
	"hire-and-develop-the-best":       "hire hired hiring candidate interview mentor mentored coach coached develop grow talent performing bar",
	"insist-on-the-highest-standards": "quality standard standards bar defect excellence good enough ship compromise perfect",
	"think-big":                       "ambitious vision bold big bigger bet opportunity long term scale larger roadmap",
	"bias-for-action":                 "quick quickly fast speed risk wait urgent act action analysis calculated approval",
	"frugality":                       "budget cost costs money resources save saved cheaper cheap spending frugal constraints",
	"earn-trust":                      "trust honest honesty relationship mistake admit feedback candid sceptical skeptical credibility",
	"dive-deep":                       "data detail details root cause metric metrics investigate dig analyse numbers deep",
	"have-backbone":                   "disagree disagreed push pushed back challenge challenged commit conflict manager boss unpopular",
	"deliver-results":                 "deliver delivered deadline goal target obstacle results setback priorities achieve shipped",
	"earths-best-employer":            "wellbeing inclusive inclusion welcome struggling burnout fair fairer workplace empathy diverse morale",
	"success-and-scale":               "community environment environmental privacy safety society world harm consequences responsibility sustainability impact",
}

// LPScore is one LP's likelihood of being what a question probes.
type LPScore struct {
	ID, Name string
	// Score is in [0, 1]; only the order and the gaps between scores mean
	// anything.
	Score float64
}

// Classifier ranks LPs for questions. It is immutable after New and safe
// for concurrent use.
type Classifier struct {
	lps      []prompts.LP
	idf      map[string]float64
	maxIDF   float64
	examples [][]vector // examples[i] are the question vectors of lps[i]
	profile  []vector   // profile[i] is lps[i]'s questions, meaning and signals together
	cue      []vector   // cue[i] is lps[i]'s name and cue words
}

type vector map[string]float64

// New learns from lps: each LP's questions are its labelled examples; its
// name, meaning, signals and the package's cue words describe it.
func New(lps []prompts.LP) *Classifier {
	c := &Classifier{lps: lps, idf: map[string]float64{}}
	var docs [][]string
	for _, lp := range lps {
		for _, q := range lp.Questions {
			docs = append(docs, reuse.ContentWords(q))
		}
	}
	df := map[string]int{}
	for _, d := range docs {
		seen := map[string]bool{}
		for _, w := range d {
			if !seen[w] {
				seen[w] = true
				df[w]++
			}
		}
	}
	n := float64(len(docs))
	for w, k := range df {
		c.idf[w] = math.Log((n + 1) / (float64(k) + 0.5))
	}
	c.maxIDF = math.Log((n + 1) / 0.5)
	for _, lp := range lps {
		var ex []vector
		profile := vector{}
		for _, q := range lp.Questions {
			v := c.vector(q)
			ex = append(ex, v)
			for w, x := range v {
				profile[w] += x
			}
		}
		desc := strings.Join(append([]string{lp.Meaning}, lp.Signals...), " ")
		for w, x := range c.vector(desc) {
			profile[w] += x
		}
		c.examples = append(c.examples, ex)
		c.profile = append(c.profile, unit(profile))
		c.cue = append(c.cue, c.vector(lp.Name+" "+cues[lp.ID]))
	}
	return c
}

// frame holds the words that frame any question ("describe", "give me an
// example", "walk me through"), as reuse.ContentWords gives them; they say
// nothing about the LP.
var frame = map[string]bool{
	"describ": true, "giv": true, "exampl": true, "walk": true, "share": true,
	"situat": true, "specif": true, "concret": true, "recent": true, "happen": true,
}

// vector is text's content words, less the question frame, weighted by
// IDF, unit length.
func (c *Classifier) vector(text string) vector {
	v := vector{}
	for _, w := range reuse.ContentWords(text) {
		if frame[w] {
			continue
		}
		idf, ok := c.idf[w]
		if !ok {
			idf = c.maxIDF
		}
		v[w] = idf
	}
	return unit(v)
}

func unit(v vector) vector {
	var s float64
	for _, x := range v {
		s += x * x
	}
	if s == 0 {
		return v
	}
	s = math.Sqrt(s)
	for w := range v {
		v[w] /= s
	}
	return v
}

func dot(a, b vector) float64 {
	if len(a) > len(b) {
		a, b = b, a
	}
	var s float64
	for w, x := range a {
		s += x * b[w]
	}
	return s
}

// Rank scores every LP for question, most likely first; ties keep the
// LPs' order. An LP's score is the mean of three similarities to the
// question: of its nearest example question, of all its questions with its
// meaning and signals, and of its name with its cue words.
func (c *Classifier) Rank(question string) []LPScore {
	q := c.vector(question)
	out := make([]LPScore, len(c.lps))
	for i, lp := range c.lps {
		var best float64
		for _, e := range c.examples[i] {
			best = max(best, dot(q, e))
		}
		out[i] = LPScore{ID: lp.ID, Name: lp.Name, Score: (best + dot(q, c.profile[i]) + dot(q, c.cue[i])) / 3}
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].Score > out[j].Score })
	return out
}

// LPs resolves the LP a person names. *prompts.Bank implements it.
type LPs interface {
	Lookup(name string) (prompts.LP, error)
}

// Guess is a candidate's guess of the LP a question probes, scored.
type Guess struct {
	Said string
	// LP is the LP the guess names; zero when Known is false.
	LP    prompts.LP
	Known bool
	// Score is 1 for the LP asked, 0.5 for an LP the question could also
	// be read as probing (among the classifier's top three for it), else 0.
	Score float64
}

// guessWords are stripped from a spoken guess before it is looked up, with
// hesitations ("um", "erm"): "i think it is customer obsession" names
// customer-obsession. They are words of guessing aloud, not stop words:
// an LP's name may hold a stop word ("Are Right, A Lot").
var guessWords = map[string]bool{
	"i": true, "think": true, "its": true, "it": true, "is": true, "thats": true,
	"that": true, "probably": true, "maybe": true, "the": true, "one": true,
	"principle": true, "lp": true, "so": true, "guess": true,
	"would": true, "say": true, "id": true, "this": true, "about": true, "sounds": true,
	"like": true, "leadership": true, "my": true, "answer": true, "well": true,
}

// Resolve finds the LP named by a guess typed or spoken: whole, then with
// guessing words and hesitations taken out, then as the longest run of its
// words that names exactly one LP. ok is false when nothing names an LP.
func Resolve(lps LPs, said string) (lp prompts.LP, ok bool) {
	if lp, err := lps.Lookup(said); err == nil {
		return lp, true
	}
	var words []string
	for _, w := range strings.Fields(strings.ToLower(strings.NewReplacer("'", "", "\u2019", "", ",", " ", ".", " ").Replace(said))) {
		if !guessWords[w] && !lexicon.IsHesitation(w) {
			words = append(words, w)
		}
	}
	for n := len(words); n > 0; n-- {
		for i := 0; i+n <= len(words); i++ {
			if lp, err := lps.Lookup(strings.Join(words[i:i+n], " ")); err == nil {
				return lp, true
			}
		}
	}
	return prompts.LP{}, false
}

// ScoreGuess scores the guess said for a question that probes askedID.
// ranking is the classifier's Rank of the question, for partial credit; nil
// gives none.
func ScoreGuess(lps LPs, askedID, said string, ranking []LPScore) Guess {
	g := Guess{Said: said}
	g.LP, g.Known = Resolve(lps, said)
	switch {
	case !g.Known:
	case g.LP.ID == askedID:
		g.Score = 1
	default:
		for i, r := range ranking {
			if i < 3 && r.ID == g.LP.ID {
				g.Score = 0.5
			}
		}
	}
	return g
}

// Mismatch words the warning when an answer's evidence points at another
// LP than the one asked: "you answered with a Deliver Results story; the
// question probed Earn Trust". answer is the rubric's LP ranking of the
// answer, best first. There is a mismatch (ok true) when the answer's best
// LP is not the one asked and the asked LP scores under half the best, or
// not at all; an answer with no LP evidence draws no warning.
func Mismatch(asked prompts.LP, answer []rubric.LPScore) (msg string, ok bool) {
	if len(answer) == 0 || answer[0].ID == asked.ID || answer[0].Score <= 0 {
		return "", false
	}
	for _, s := range answer {
		if s.ID == asked.ID && s.Score >= answer[0].Score/2 {
			return "", false
		}
	}
	return fmt.Sprintf("you answered with %s %s story; the question probed %s", article(answer[0].Name), answer[0].Name, asked.Name), true
}

// article is the indefinite article for a spoken name: "an" before a vowel
// ("an Ownership story"), else "a".
func article(name string) string {
	if name != "" && strings.ContainsRune("AEIOUaeiou", rune(name[0])) {
		return "an"
	}
	return "a"
}

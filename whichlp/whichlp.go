// Package whichlp recognises which Leadership Principle (LP) an interview
// question probes, scores a candidate's guess of it, and words the warning
// when an answer's LP is not the one asked.
//
// Data enters as the prompt bank's LPs and as question text, typed or heard
// (ASR text: lower case, no punctuation). The classifier is a trained model
// whose weights ship as data (model/weights.txt; see model.go for how it is
// rebuilt). Data leaves as ranked LP scores with the words behind them,
// Guess values and one-line messages. Nothing here blocks or does I/O.
package whichlp

import (
	"fmt"
	"slices"
	"sort"
	"strings"

	"github.com/starloop/starloop/lexicon"
	"github.com/starloop/starloop/prompts"
	"github.com/starloop/starloop/rubric"
)

// LPScore is one LP's likelihood of being what a question probes.
type LPScore struct {
	ID, Name string
	// Score is the model's probability in [0, 1]; the scores of all LPs
	// sum to 1.
	Score float64
	// Words are the words of the question that point to this LP most,
	// strongest first, at most four: single words ("budget") or adjacent
	// pairs ("pushed back").
	Words []string
}

// Classifier ranks LPs for questions with the embedded model. It is
// immutable and safe for concurrent use.
type Classifier struct {
	lps []prompts.LP
	m   *model
}

// New returns the classifier of the embedded model for lps (the bank's
// LPs); an LP the model does not know scores 0.
func New(lps []prompts.LP) *Classifier {
	m, err := readModel(weightsFile)
	if err != nil {
		// The model is part of the program: a broken file is a build
		// error that the tests catch, not a run-time condition.
		panic("whichlp: embedded model: " + err.Error())
	}
	return &Classifier{lps: lps, m: m}
}

// Rank scores every LP for question, most likely first; ties keep the
// LPs' order.
func (c *Classifier) Rank(question string) []LPScore {
	fs := featuresOf(question)
	p := c.m.probabilities(fs)
	out := make([]LPScore, len(c.lps))
	for i, lp := range c.lps {
		out[i] = LPScore{ID: lp.ID, Name: lp.Name}
		if k := slices.Index(c.m.classes, lp.ID); k >= 0 {
			out[i].Score = p[k]
			out[i].Words = c.m.pointing(fs, k)
		}
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

// Package rubric judges one spoken answer to a behavioral interview
// question against STAR (Situation, Task, Action, Result), the way an
// interviewer listening for a Leadership Principle would.
//
// Data enters as a starloop.Transcript: punctuated text, or the lower-case,
// unpunctuated and partly misrecognised text a speech recogniser gives,
// with word timings or without. Data leaves as a *Report (JSON-ready):
// which STAR parts are present and where, the measures said and whether
// the result carries one, "I" against "we", the Leadership Principles the
// story gives evidence of, length and fillers, and the follow-up an
// interviewer would ask next. Nothing is read from or written to anywhere
// else; the rubric keeps no state between answers.
//
// The judge is a handful of small linear models whose weights are data
// (model/*.txt, embedded), trained by one command, `make model`, from the
// labelled answers in testdata/corpus (1,610 answers by fourteen writers,
// each as written, unpunctuated, and as pocketsphinx heard a flite voice
// read it, with and without word timings):
//
//   - a boundary model (averaged perceptron) cuts the words into clauses,
//     always after a sentence end and, between words, from the words on
//     each side, punctuation and the pause (when timed);
//   - a clause model (structured perceptron, Viterbi over the clauses)
//     labels each clause situation, task, action, result or none, from its
//     words, opening words, subject, tense and modal classes, measures,
//     position and the label before it; a part is present when any clause
//     plays it, and Part.Margin says how sure the judge is;
//   - two answer models (averaged perceptrons) say whether there is an
//     answer at all and whether it is one specific past story;
//   - a measure model (averaged perceptron) says how sure the judge is
//     that the result states no measure, from the result's words, how
//     near a measure stands to a result, and whether the transcript was
//     heard by a recogniser (which loses and changes numbers); the
//     follow-up policy asks for a measure only when it is sure;
//   - an LP model (naive Bayes over content words) ranks the principles.
//
// Measures come from a parser of written and spoken numbers (metrics.go):
// amounts with their units, changes from one to another, multipliers,
// ranks, shares ("one in ten") and rates ("one a month"); a result carries
// one when a measure stands in a result clause (the report's
// MeasurableResult: a rule, so that it can be shown where). Mostly
// "we" is judged over the action clauses by their subjects. The follow-up
// asks for a gap only when the judge is sure of it, by thresholds on the
// margins chosen by cross-validation (Policy), surer still on a
// recogniser's transcript than on written text.
//
// Why this design: a statistical tagger generalises to wording no rule
// foresaw, its behaviour changes with data rather than with new special
// cases, and it stays explainable (every decision is a sum of named
// feature weights; the spans and the reason for each follow-up are shown).
// A linear model over sparse features is pure Go, trains in seconds and
// judges a 450-word answer in well under a millisecond; a POS tagger was
// left out because the classes that matter here (tense, pronouns, modals,
// numbers) come from closed word lists that work as well on recogniser
// output, which has neither capitals nor punctuation. How well it carries
// over to writers it never saw is measured by leave-one-writer-out
// cross-validation (TestCrossWriter) and on a blind split (make blind).
package rubric

import (
	"math"
	"strings"
	"time"
	"unicode"

	"github.com/starloop/starloop"
	"github.com/starloop/starloop/lexicon"
)

// Options says what the answer was an answer to.
type Options struct {
	// LP is the id of the Leadership Principle asked about ("dive-deep"), or
	// "" when unknown. It chooses the follow-up ladder; it does not change
	// the LP ranking, which reflects only what the answer says.
	LP string
	// Question is the question asked, for the record.
	Question string
	// Asked are the follow-ups already asked in this question's thread;
	// none of them is asked again.
	Asked []string
	// Questions supplies the follow-up wording; nil uses DefaultQuestions.
	Questions Questions
	// Policy sets how sure the judge must be before asking for a gap; nil
	// uses DefaultPolicy for text and DefaultHeardPolicy for a transcript
	// with word timings.
	Policy *Policy
}

// Limits and thresholds. They are documented here because callers show
// them to people.
const (
	// MaxWords is the most words judged; the rest of a longer text is
	// counted but not read (and the report says Truncated). It is about an
	// hour of speech.
	MaxWords = 10000
	// MinAnswerWords is the fewest words that can hold a story.
	MinAnswerWords = 15
	// TooLongMinutes and TooLongWords mark an answer as too long: over
	// three minutes when timed, or over 450 words (three minutes at 150
	// words a minute) when not.
	TooLongMinutes = 3.0
	TooLongWords   = 450
)

// Analyzer holds the trained models. Build it once with New; it is
// immutable and safe for concurrent use.
type Analyzer struct {
	j *judge
}

// New loads the embedded models (a few milliseconds); reuse the result.
func New() *Analyzer {
	return &Analyzer{j: mustLoadJudge()}
}

// Analyze judges one answer with a freshly built Analyzer. To judge many
// answers, build one Analyzer with New and call its Analyze.
func Analyze(t starloop.Transcript, opt Options) *Report {
	return New().Analyze(t, opt)
}

// Analyze judges one answer. It accepts any input, however empty, long or
// malformed, and never panics; an empty or contentless text gives a report
// with Answer false.
func (a *Analyzer) Analyze(t starloop.Transcript, opt Options) *Report {
	src := sourceOf(t)
	r := &Report{Words: src.words, Metrics: []Metric{}, LP: []LPScore{}, Truncated: src.words > len(src.toks), heard: src.timed}
	if src.timed {
		r.Minutes = round(minutes(src.toks), 2)
	}
	toks := src.toks
	r.TooLong = r.Words > TooLongWords && !src.timed || src.timed && r.Minutes > TooLongMinutes

	var f features
	metrics := metricsIn(toks, src.text)
	cl, labels, margins := a.j.clauses(toks, src.timed, metrics, &f)
	r.MeasurableResult = placeMetrics(metrics, cl, labels)
	r.Metrics = metrics
	r.STAR = parts(cl, labels, toks, src)
	for _, p := range []struct {
		part *Part
		k    int
	}{{&r.STAR.Situation, pS}, {&r.STAR.Task, pT}, {&r.STAR.Action, pA}, {&r.STAR.Result, pR}} {
		p.part.Margin = math.Inf(-1)
		for ci := range cl {
			p.part.Margin = math.Max(p.part.Margin, margins[ci][p.k])
		}
		if len(cl) == 0 {
			p.part.Margin = 0
		}
		p.part.Margin = round(p.part.Margin, 2)
	}
	// How sure the judge is that no measure was said, for the policy on
	// asking for one: only asked when no measure stands in a result
	// clause, as the policy reads it only then.
	if !r.MeasurableResult {
		r.unmeasured = a.j.unmeasured(toks, cl, labels, margins, metrics, src.timed, &f)
	}
	r.Complete = r.STAR.Situation.Present && r.STAR.Task.Present && r.STAR.Action.Present && r.STAR.Result.Present
	r.Ownership = ownership(toks, cl, labels)
	r.Fillers = fillers(toks, r.Minutes, src.timed)

	answerFeatures(&f, toks, labels)
	r.Answer = len(toks) > 0 && yes(a.j.answer, &f)
	r.Specific = r.Answer && yes(a.j.specific, &f)
	if r.Answer {
		lpFeatures(&f, toks, cl, labels)
		r.LP = a.j.rankLPs(&f, lpNames, toks)
	}
	r.Clauses = clauseList(cl, labels, toks, src)
	r.FollowUp = r.NextFollowUp(opt.Questions, opt)
	return r
}

// parts builds the four STAR parts from labelled clauses: a part is
// present when any clause plays it, and its spans are the runs of
// consecutive clauses labelled with it.
func parts(cl []span, labels []int, toks []token, src source) STAR {
	var ps [4]Part
	weight, total := shareWeights(toks, src.timed)
	for k := 0; k < 4; k++ {
		ps[k].Spans = []Span{}
	}
	var sum [4]float64
	for i := 0; i < len(cl); {
		j := i
		for j+1 < len(cl) && labels[j+1] == labels[i] {
			j++
		}
		k := labels[i]
		if k < 4 {
			ps[k].Present = true
			ps[k].Spans = append(ps[k].Spans, makeSpan(toks, src, cl[i].start, cl[j].end))
			for w := cl[i].start; w < cl[j].end; w++ {
				sum[k] += weight[w]
			}
		}
		i = j + 1
	}
	for k := 0; k < 4; k++ {
		if total > 0 {
			// Rounded down, so the four shares never sum past 1.
			ps[k].Share = math.Floor(sum[k]/total*1e4) / 1e4
		}
	}
	return STAR{Situation: ps[pS], Task: ps[pT], Action: ps[pA], Result: ps[pR]}
}

// shareWeights gives each word its weight in a share: 1 untimed; when
// timed, its spoken time (a recogniser word split into several words shares
// its time among them). Pauses between words count for nobody. Timings
// that make no sense (negative or all zero) fall back to words.
func shareWeights(toks []token, timed bool) ([]float64, float64) {
	w := make([]float64, len(toks))
	total := 0.0
	if timed {
		for i := 0; i < len(toks); {
			j := i
			for j+1 < len(toks) && toks[j+1].t0 == toks[i].t0 && toks[j+1].t1 == toks[i].t1 {
				j++
			}
			d := (toks[i].t1 - toks[i].t0).Seconds()
			if d < 0 || math.IsNaN(d) {
				d = 0
			}
			for k := i; k <= j; k++ {
				w[k] = d / float64(j-i+1)
				total += w[k]
			}
			i = j + 1
		}
		if total > 0 {
			return w, total
		}
	}
	for i := range w {
		w[i] = 1
	}
	return w, float64(len(w))
}

func makeSpan(toks []token, src source, i, j int) Span {
	// The text runs to the next word, so that it keeps the punctuation
	// after its last word and spans joined with spaces read as the answer.
	end := len(src.text)
	if j < len(toks) {
		end = toks[j].start
	}
	sp := Span{Start: i, End: j, Text: strings.TrimRightFunc(src.text[toks[i].start:end], unicode.IsSpace)}
	if src.timed {
		a, b := toks[i].t0.Seconds(), toks[j-1].t1.Seconds()
		a, b = round(a, 3), round(b, 3)
		sp.StartTime, sp.EndTime = &a, &b
	}
	return sp
}

func clauseList(cl []span, labels []int, toks []token, src source) []Clause {
	out := make([]Clause, len(cl))
	for i, c := range cl {
		out[i] = Clause{Span: makeSpan(toks, src, c.start, c.end), Label: partNames[labels[i]]}
	}
	return out
}

// minutes is the span of the timed words, from the first word's start to
// the last word's end.
func minutes(toks []token) float64 {
	if len(toks) == 0 {
		return 0
	}
	var first, last time.Duration = toks[0].t0, toks[0].t1
	for _, t := range toks {
		if t.t0 < first {
			first = t.t0
		}
		if t.t1 > last {
			last = t.t1
		}
	}
	if last < first {
		return 0
	}
	return (last - first).Minutes()
}

// ownership counts I and we over the whole answer, and judges who did what
// was done: each action clause is attributed to its subject ("I", "we",
// "our team", "my team and I"), a clause with none ("and added a cache") to
// the subject before it. Mostly "we" means more action clauses by "we"
// than by "I": "we had a legacy system" in the situation is context, not a
// dodge, while "we built ... we shipped ..." is what an interviewer probes.
func ownership(toks []token, cl []span, labels []int) Ownership {
	var o Ownership
	for _, t := range toks {
		switch {
		case lexicon.IsSpeakerPronoun(t.w):
			o.I++
		case lexicon.IsGroupPronoun(t.w):
			o.We++
		}
	}
	who := ""
	for ci, c := range cl {
		if s := subjectOf(toks, c); s != "" {
			who = s
		}
		if labels[ci] != pA {
			continue
		}
		switch who {
		case "i":
			o.IAction++
		case "we":
			o.WeAction++
		}
	}
	o.MostlyWe = o.WeAction > o.IAction
	return o
}

func round(v float64, places int) float64 {
	p := math.Pow(10, float64(places))
	return math.Round(v*p) / p
}

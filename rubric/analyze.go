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
// Everything is rule-based and general: cue phrases, a little grammar (who
// did what, in which tense), and a smoothing pass over the sequence of
// clauses. It never depends on capitals or punctuation, which recognisers
// do not produce.
package rubric

import (
	_ "embed"
	"math"
	"sort"
	"strings"
	"time"
	"unicode"

	"github.com/starloop/starloop"
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
	// MinWe is how many times "we" must occur in the task, action and
	// result clauses before an answer can be mostly "we".
	MinWe = 3
	// TooLongMinutes and TooLongWords mark an answer as too long: over
	// three minutes when timed, or over 450 words (three minutes at 150
	// words a minute) when not.
	TooLongMinutes = 3.0
	TooLongWords   = 450
)

// Analyzer holds the compiled lexicons. Build it once with New; it is
// immutable and safe for concurrent use.
type Analyzer struct {
	star  *matcher
	lp    *matcher
	lpRef []lpRef // lp pattern ref -> LP and weight
	fuzz  *fuzzy
}

type lpRef struct {
	lp int
	w  float64
}

// New compiles the lexicons. It takes about a millisecond; reuse the
// result.
func New() *Analyzer {
	phrases := make([]string, len(starCues))
	for i, c := range starCues {
		phrases[i] = c.phrase
	}
	a := &Analyzer{star: compile(phrases)}
	var lpPhrases []string
	for i, d := range lpDefs {
		for _, c := range d.cues {
			lpPhrases = append(lpPhrases, c.phrase)
			a.lpRef = append(a.lpRef, lpRef{lp: i, w: c.w})
		}
	}
	a.lp = compile(lpPhrases)
	cues := map[string]bool{}
	for _, v := range []map[string]bool{a.star.vocab, a.lp.vocab} {
		for w := range v {
			cues[w] = true
		}
	}
	a.fuzz = newFuzzy(cues, knownWords(), knownEnglish())
	return a
}

// knownWords are words that must never be taken for a misspelt cue: the
// grammar's closed classes and number words.
func knownWords() map[string]bool {
	m := map[string]bool{}
	for _, s := range []map[string]bool{functionWords, adverbs, irregularPast, statePast, pastAdjectives, determiners, connectives, softeners, discourseVerbs} {
		for w := range s {
			m[w] = true
		}
	}
	for _, s := range []map[string]float64{unitWords, teenWords, tensWords, scaleWords, ordinalWords} {
		for w := range s {
			m[w] = true
		}
	}
	for w := range subjects {
		m[w] = true
	}
	for w := range durationUnits {
		m[w] = true
	}
	return m
}

// knownWordsTxt lists English words one edit away from a cue word, which
// must not be taken for misspellings of it. It is generated from a
// pronouncing dictionary: see TestGenerateKnownWords.
//
//go:embed knownwords.txt
var knownWordsTxt string

func knownEnglish() map[string]bool {
	m := make(map[string]bool, 4096)
	for _, line := range strings.Split(knownWordsTxt, "\n") {
		if strings.HasPrefix(line, "#") {
			continue
		}
		for _, w := range strings.Fields(line) {
			m[w] = true
		}
	}
	return m
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
	r := &Report{Words: src.words, Metrics: []Metric{}, LP: []LPScore{}, Truncated: src.words > len(src.toks)}
	if src.timed {
		r.Minutes = round(minutes(src.toks), 2)
	}
	toks := src.toks
	for i := range toks {
		toks[i].key = a.fuzz.fix(toks[i].key)
	}
	r.TooLong = r.Words > TooLongWords && !src.timed || src.timed && r.Minutes > TooLongMinutes

	spans := segment(toks)
	cs := make([]clauseInfo, len(spans))
	metrics := metricsIn(toks, src.text)
	clauseOf := make([]int, len(toks))
	for ci, sp := range spans {
		for k := sp.start; k < sp.end; k++ {
			clauseOf[k] = ci
		}
	}
	for k := range metrics {
		metrics[k].clause = clauseOf[metrics[k].Start]
	}
	total := float64(len(toks))
	for ci, sp := range spans {
		c := &cs[ci]
		c.span = sp
		c.pos = (float64(sp.start+sp.end) / 2) / total
		a.star.each(toks, sp.start, sp.end, func(ref, _, _ int) {
			for f := 0; f < nFeat; f++ {
				c.ev[f] += starCues[ref].w[f]
			}
		})
		c.events = grammar(toks, sp, c.pos, &c.ev)
		if sp.end-sp.start <= 2 && c.ev[pS]+c.ev[pT]+c.ev[pA]+c.ev[pR] < 0.5 {
			c.ev[pN] += 0.8
		}
	}
	for i := range cs {
		cs[i].cueR = cs[i].ev[pR]
	}
	measureEvidence(cs, metrics)
	label(cs)

	r.STAR = parts(cs, toks, src)
	r.Complete = r.STAR.Situation.Present && r.STAR.Task.Present && r.STAR.Action.Present && r.STAR.Result.Present
	for k := range metrics {
		c := &cs[metrics[k].clause]
		metrics[k].InResult = !metrics[k].lasting && c.pos >= resultFrom && (c.label == pR || c.label != pS && c.cueR >= 1.5 && c.cueR > c.ev[pT]+0.5)
		if metrics[k].InResult {
			r.MeasurableResult = true
		}
	}
	r.Metrics = metrics
	r.Ownership = ownership(toks, cs)
	r.LP = a.rankLPs(toks, cs, src.text)
	r.Fillers = fillers(toks, r.Minutes, src.timed)
	r.Answer = isAnswer(toks, cs)
	if !r.Answer {
		// With no story there are no parts to find: what looks like one
		// ("I always set up a dashboard") is a habit, not an action.
		r.STAR = STAR{Situation: emptyPart(r.STAR.Situation), Task: emptyPart(r.STAR.Task),
			Action: emptyPart(r.STAR.Action), Result: emptyPart(r.STAR.Result)}
		r.Complete, r.MeasurableResult, r.Ownership.MostlyWe = false, false, false
		for k := range r.Metrics {
			r.Metrics[k].InResult = false
		}
	}
	r.Clauses = clauseList(cs, toks, src)
	r.FollowUp = r.NextFollowUp(opt.Questions, opt)
	return r
}

// measureEvidence adds to each clause the evidence its measures give: a
// number in a clause is most often a result, more so next to a change.
func measureEvidence(cs []clauseInfo, metrics []Metric) {
	seen := make(map[int]bool)
	for _, m := range metrics {
		if m.lasting {
			continue
		}
		c := &cs[m.clause]
		if seen[m.clause] {
			c.ev[pR] += 0.3
			continue
		}
		seen[m.clause] = true
		// Rates, amounts of money and multipliers are what results are
		// stated in; counts and durations describe scenes as often.
		switch m.Kind {
		case KindCount, KindDuration:
			c.ev[pR] += 0.5
		default:
			c.ev[pR] += 0.9
		}
		if m.From != nil {
			c.ev[pR] += 0.5
		}
		if c.ev[pR] >= 2 {
			c.ev[pR] += 0.5
		}
	}
}

// sceneTotal is the evidence, summed over the opening situation clauses,
// that sets a scene.
const sceneTotal = 2.0

// resultFrom is where, as a fraction of the answer, a result can start:
// what happens in the first part of a story is its situation or a step on
// the way, not how it ended.
const resultFrom = 0.45

// Thresholds of evidence for a part to be present: the evidence of one
// clause labelled with the part, or of any clause at all (a part can hide
// inside another's clause: "when our site went down, I ...").
var (
	presentLabelled = [4]float64{pS: 1.2, pT: 1.2, pA: 1.1, pR: 1.2}
	presentAnywhere = [4]float64{pS: 2.0, pT: 1.5, pA: 2.5, pR: 2.5}
)

// parts builds the four STAR parts from labelled clauses.
func parts(cs []clauseInfo, toks []token, src source) STAR {
	var ps [4]Part
	var present [4]bool
	// The scene is set before the story gets going: background that comes
	// up after the first action is an explanation or a finding ("because
	// it was recommending the wrong size"), not the situation.
	sceneEnd := len(toks)
	for _, c := range cs {
		if c.label == pA && c.ev[pA] >= 1.5 {
			sceneEnd = c.start
			break
		}
	}
	// A scene is often told over several clauses, none decisive alone.
	scene := 0.0
	for _, c := range cs {
		if c.label == pS && (c.start < sceneEnd || c.pos <= 0.35) {
			scene += c.ev[pS]
		}
	}
	present[pS] = scene >= sceneTotal
	for _, c := range cs {
		for k := 0; k < 4; k++ {
			if k == pS && c.start >= sceneEnd && c.pos > 0.35 {
				continue
			}
			if k == pR && c.pos < resultFrom {
				// A result ends the story; an early "and then it broke"
				// is part of the situation.
				continue
			}
			if c.label == k && c.ev[k] >= presentLabelled[k] {
				present[k] = true
			}
			// Evidence in a clause labelled otherwise counts when strong;
			// for the result only its own cues count (not the numbers it
			// holds) and only next to the action.
			e := c.ev[k]
			if k == pR {
				e = c.cueR
				if c.label != pA {
					e = 0
				}
			}
			if e >= presentAnywhere[k] {
				present[k] = true
			}
		}
	}
	weight, total := shareWeights(toks, src.timed)
	for k := 0; k < 4; k++ {
		ps[k].Present = present[k]
		ps[k].Spans = []Span{}
	}
	var sum [4]float64
	for i := 0; i < len(cs); {
		j := i
		for j+1 < len(cs) && cs[j+1].label == cs[i].label {
			j++
		}
		k := cs[i].label
		if k < 4 {
			ps[k].Spans = append(ps[k].Spans, makeSpan(toks, src, cs[i].start, cs[j].end))
			for w := cs[i].start; w < cs[j].end; w++ {
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

// emptyPart keeps a part's spans (what the words looked like) but says it
// is not present.
func emptyPart(p Part) Part {
	p.Present = false
	return p
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

var partNames = [5]string{pS: "situation", pT: "task", pA: "action", pR: "result", pN: ""}

func clauseList(cs []clauseInfo, toks []token, src source) []Clause {
	out := make([]Clause, len(cs))
	for i, c := range cs {
		out[i] = Clause{Span: makeSpan(toks, src, c.start, c.end), Label: partNames[c.label], ev: c.ev}
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

// ownership counts I and we, over the whole answer and over the clauses
// about what was done. Mostly-we is judged on the latter: "we had a legacy
// system" in the situation is context, not a dodge, while "we built ...
// we shipped ..." in the action is what an interviewer probes.
func ownership(toks []token, cs []clauseInfo) Ownership {
	var o Ownership
	for _, c := range cs {
		doing := c.label == pT || c.label == pA || c.label == pR
		for k := c.start; k < c.end; k++ {
			w := toks[k].w
			switch {
			case speakerPronouns[w]:
				o.I++
				if doing {
					o.IAction++
				}
			case groupPronouns[w]:
				o.We++
				if doing {
					o.WeAction++
				}
			}
		}
	}
	o.MostlyWe = o.WeAction > o.IAction && o.WeAction >= MinWe
	return o
}

// isAnswer decides whether the text tells a specific past story: enough
// words, past events with a subject, and more story than general talk.
func isAnswer(toks []token, cs []clauseInfo) bool {
	if len(toks) < MinAnswerWords {
		return false
	}
	events := 0
	var general, refusal float64
	for _, c := range cs {
		events += c.events
		general += c.ev[pG]
		refusal = math.Max(refusal, c.ev[pG])
	}
	if events < 2 {
		return false
	}
	if refusal >= 3 && float64(events) < 4 {
		return false
	}
	return float64(events) >= 0.6*general
}

// rankLPs scores every LP from its cues, weighting a cue by the part of the
// answer it stands in, and returns those with any evidence, best first.
func (a *Analyzer) rankLPs(toks []token, cs []clauseInfo, text string) []LPScore {
	raw := make([]float64, len(lpDefs))
	hits := make(map[int]int) // pattern ref -> times seen
	cues := make([][]string, len(lpDefs))
	for _, c := range cs {
		pw := partWeight[c.label]
		a.lp.each(toks, c.start, c.end, func(ref, i, n int) {
			hits[ref]++
			d := a.lpRef[ref]
			raw[d.lp] += d.w * pw / float64(hits[ref])
			if len(cues[d.lp]) < 5 && hits[ref] == 1 {
				cues[d.lp] = append(cues[d.lp], cut(text, toks, i, i+n))
			}
		})
	}
	// Longer answers say more words of every kind; scale so that the same
	// density of cues gives the same score.
	scale := 3 * math.Sqrt(math.Max(float64(len(toks)), 60)/150)
	var out []LPScore
	for i, d := range lpDefs {
		if raw[i] <= 0 {
			continue
		}
		out = append(out, LPScore{ID: d.id, Name: d.name, Score: round(1-math.Exp(-raw[i]/scale), 3), Cues: cues[i]})
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].Score > out[j].Score })
	if out == nil {
		out = []LPScore{}
	}
	return out
}

// partWeight is how much a cue counts by the part it stands in: what the
// speaker did and achieved shows an LP more than the background does.
var partWeight = [5]float64{pS: 0.7, pT: 1.0, pA: 1.5, pR: 1.3, pN: 0.5}

func round(v float64, places int) float64 {
	p := math.Pow(10, float64(places))
	return math.Round(v*p) / p
}

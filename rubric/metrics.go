package rubric

import (
	"math"
	"strings"

	"github.com/starloop/starloop/lexicon"
)

// Metric kinds.
const (
	KindPercent    = "percent"
	KindMoney      = "money"
	KindDuration   = "duration"
	KindCount      = "count"
	KindMultiplier = "multiplier"
	KindRank       = "rank"
)

// Metric is one measure found in the answer.
type Metric struct {
	// Text is the measure as the speaker said it, cut from the answer.
	Text string `json:"text"`
	// Value is the amount with any scale word applied ("1.2 million" is
	// 1200000, "forty k" 40000). For a from->to pair it is the "to" amount.
	Value float64 `json:"value"`
	// Unit is "%", a currency code (USD, GBP, EUR, or "money" when only the
	// context says so), a time unit (ms, s, min, h, d, wk, mo, yr), "x" for a
	// multiplier, "rank", or for a count the thing counted ("tickets").
	Unit string `json:"unit"`
	// Kind is percent, money, duration, count, multiplier or rank.
	Kind string `json:"kind"`
	// InResult is true when the measure stands in the Result part of the
	// answer, or in a clause with result cues that is not a goal; but never
	// for a length of time something went on ("for two weeks"), which says
	// how long, not how well.
	InResult bool `json:"in_result"`
	// Start and End are the words [Start, End) the measure spans.
	Start int `json:"start"`
	End   int `json:"end"`
	// From and To are set for a change stated as a pair, "from four hours
	// to twenty minutes"; ChangePct is then (to - from) / from * 100 with
	// both in the same base unit (-91.67 for that example), when defined.
	From      *Amount  `json:"from,omitempty"`
	To        *Amount  `json:"to,omitempty"`
	ChangePct *float64 `json:"change_pct,omitempty"`

	clause     int  // index of the clause holding the measure
	lasting    bool // a length of time things went on: "for two weeks"
	off0, off1 int  // byte offsets of Text in the answer's text
}

// Amount is one side of a from->to pair.
type Amount struct {
	Value float64 `json:"value"`
	Unit  string  `json:"unit"`
}

var durationUnits = map[string]string{
	"ms": "ms", "millisecond": "ms", "milliseconds": "ms", "msec": "ms", "msecs": "ms",
	"second": "s", "seconds": "s", "sec": "s", "secs": "s",
	"minute": "min", "minutes": "min", "min": "min", "mins": "min",
	"hour": "h", "hours": "h", "hr": "h", "hrs": "h",
	"day": "d", "days": "d", "week": "wk", "weeks": "wk", "month": "mo", "months": "mo",
	"year": "yr", "years": "yr", "quarter": "qtr", "quarters": "qtr", "sprint": "sprint", "sprints": "sprint",
}

// secondsPer converts a duration unit to seconds, for from->to changes.
var secondsPer = map[string]float64{
	"ms": 0.001, "s": 1, "min": 60, "h": 3600, "d": 86400, "wk": 7 * 86400,
	"mo": 30 * 86400, "yr": 365 * 86400, "qtr": 91 * 86400, "sprint": 14 * 86400,
}

var currencyWords = map[string]string{
	"dollar": "USD", "dollars": "USD", "bucks": "USD", "usd": "USD",
	"euro": "EUR", "euros": "EUR", "eur": "EUR", "pound": "GBP", "pounds": "GBP", "gbp": "GBP",
	"rupees": "INR", "yen": "JPY",
}

// moneyContext words near a bare amount make it money: "2 million in
// revenue", "a 300k budget".
var moneyContext = set("revenue", "sales", "savings", "arr", "mrr", "budget", "cost", "costs",
	"profit", "spend", "funding", "deal", "contract", "bookings", "gmv", "income", "bill")

// comparatives after "N times" make it a multiplier ("three times faster").
var comparatives = set("faster", "slower", "more", "less", "fewer", "higher", "lower", "bigger",
	"smaller", "larger", "quicker", "cheaper", "better", "as", "the", "over", "increase",
	"improvement", "growth", "throughput", "speedup", "speed")

// labelWords before a number make it a name, not a measure: "version 2",
// "step 3", "phase one", "level 5".
var labelWords = set("version", "v", "step", "phase", "level", "tier", "round", "chapter",
	"page", "line", "room", "floor", "python", "java", "ios", "android", "windows", "gen",
	"series", "grade", "stage", "part", "item", "option", "section", "question", "episode",
	"season", "iteration", "milestone", "wave", "batch", "slide", "figure", "table", "rule",
	"sprint", "day", "week", "month", "year", "q", "p", "number", "no", "model", "team", "group")

// changeVerbs make a bare number after them a measure ("dropped to 5",
// "went up by 12").
var changeVerbs = set("reduced", "reduce", "cut", "lowered", "decreased", "increased", "increase",
	"improved", "boosted", "raised", "grew", "dropped", "fell", "rose", "went", "came", "climbed",
	"jumped", "shrank", "declined", "saved", "gained", "hit", "reached", "doubled", "moved",
	"brought", "got", "improving", "reducing", "increasing", "down", "up", "slashed", "trimmed",
	"sped", "shortened", "lifted", "plummeted", "soared", "spiked", "averaged", "scored")

// durationOpeners before "one"/"a" + duration make it a measure ("in one
// day", "within a week") rather than a time reference ("one day, ...").
var durationOpeners = set("in", "within", "to", "under", "by", "than", "about", "around", "only",
	"just", "nearly", "almost", "over", "from", "took", "take", "takes", "taking", "spent",
	"saved", "after", "for", "of", "early", "late", "ahead")

// lastingOpeners before a duration make it a length of time something went
// on ("for two weeks", "over three months"), which is not by itself a
// result: "I tracked failures for two weeks".
var lastingOpeners = set("for", "over", "during", "spent", "spend", "spending", "past", "last", "next")

// metricsIn finds every measure in toks.
func metricsIn(toks []token, text string) []Metric {
	var out []Metric
	for i := 0; i < len(toks); {
		// The number at i, if any, is read once, for wordMetric and here:
		// it is the dearest test made of every word.
		n, ok := parseNumber(toks, i)
		if m, found := wordMetric(toks, i, n, ok); found {
			out = append(out, m)
			i = m.End
			continue
		}
		if !ok {
			i++
			continue
		}
		m, ok := numberMetric(toks, n)
		if !ok && !n.year && !n.ordinal {
			// A bare number can still open a pair: "from about 10 to 15 days".
			m = Metric{Value: n.value, Start: n.start, End: n.end, Kind: KindCount}
		}
		if pair, isPair := fromTo(toks, m); isPair && m.End > m.Start {
			m, ok = pair, true
		}
		if !ok {
			i = n.end
			continue
		}
		out = append(out, m)
		i = m.End
	}
	for k := range out {
		m := &out[k]
		m.Text = cut(text, toks, m.Start, m.End)
		m.off0, m.off1 = toks[m.Start].start, toks[m.End-1].end
	}
	return out
}

// cut returns the source text of words [i, j).
func cut(text string, toks []token, i, j int) string {
	if i >= j || j > len(toks) {
		return ""
	}
	return text[toks[i].start:toks[j-1].end]
}

// wordMetric reads measures said without a number: "doubled", "cut it in
// half", "twice as fast", "ranked first", "top three", "number one".
// here and isNum are what parseNumber(toks, i) gives.
func wordMetric(toks []token, i int, here number, isNum bool) (Metric, bool) {
	w := toks[i].key
	switch w {
	case "doubled", "doubling":
		return Metric{Value: 2, Unit: "x", Kind: KindMultiplier, Start: i, End: i + 1}, true
	case "tripled", "tripling":
		return Metric{Value: 3, Unit: "x", Kind: KindMultiplier, Start: i, End: i + 1}, true
	case "quadrupled":
		return Metric{Value: 4, Unit: "x", Kind: KindMultiplier, Start: i, End: i + 1}, true
	case "halved", "halving":
		return Metric{Value: 0.5, Unit: "x", Kind: KindMultiplier, Start: i, End: i + 1}, true
	case "twice":
		if i+1 < len(toks) && (comparatives[toks[i+1].key] || toks[i+1].key == "as") {
			return Metric{Value: 2, Unit: "x", Kind: KindMultiplier, Start: i, End: i + 2}, true
		}
		fallthrough
	case "once":
		// "twice a week", "once a month": how often, a rate.
		if end, unit, ok := rateAfter(toks, i+1); ok && end == i+3 {
			v := 1.0
			if w == "twice" {
				v = 2
			}
			return Metric{Value: v, Unit: unit, Kind: KindCount, Start: i, End: end}, true
		}
	case "half":
		// "half as long", "about half as much"
		if i+2 < len(toks) && toks[i+1].key == "as" && !toks[i].stop && !toks[i+1].stop &&
			(!lexicon.IsFunctionWord(toks[i+2].key) || toks[i+2].key == "much" || toks[i+2].key == "many") {
			return Metric{Value: 0.5, Unit: "x", Kind: KindMultiplier, Start: i, End: i + 3}, true
		}
	case "in", "by":
		// "cut it in half", "reduced by half", "by a third"
		if i+1 < len(toks) && toks[i+1].key == "half" && !toks[i].stop {
			// The verb's object may stand between: "cut the monthly
			// forecast error roughly in half".
			if v := recentChangeVerb(toks, i, 8); v >= 0 {
				return Metric{Value: 0.5, Unit: "x", Kind: KindMultiplier, Start: v, End: i + 2}, true
			}
		}
	case "ranked", "rated", "placed", "finished", "came", "ranking":
		j := i + 1
		if j < len(toks) && (toks[j].key == "in" || toks[j].key == "at") {
			j++
		}
		if j < len(toks) {
			if toks[j].key == "top" {
				if n, ok := parseNumber(toks, j+1); ok && !n.year {
					return rankMetric(toks, i, n), true
				}
			}
			if toks[j].key == "number" && j+1 < len(toks) {
				if n, ok := parseNumber(toks, j+1); ok {
					return Metric{Value: n.value, Unit: "rank", Kind: KindRank, Start: i, End: n.end}, true
				}
			}
			if n, ok := parseNumber(toks, j); ok && (n.ordinal || n.digits && strings.HasPrefix(toks[j].w, "#")) {
				return Metric{Value: n.value, Unit: "rank", Kind: KindRank, Start: i, End: n.end}, true
			}
		}
	case "top":
		if n, ok := parseNumber(toks, i+1); ok && !n.year && !n.ordinal && n.value >= 1 {
			return rankMetric(toks, i, n), true
		}
	case "number":
		if i+1 < len(toks) && (toks[i+1].key == "one" || toks[i+1].key == "1") && rankContext(toks, i) {
			return Metric{Value: 1, Unit: "rank", Kind: KindRank, Start: i, End: i + 2}, true
		}
	case "the":
		// "within the week", "the same day": how soon, said without a
		// number.
		j := i + 1
		if j < len(toks) && toks[j].key == "same" {
			j++
		}
		if j < len(toks) && !toks[i].stop && (j == i+2 || i > 0 && toks[i-1].key == "within" && !toks[i-1].stop) {
			if du := durationUnits[toks[j].key]; du != "" && !strings.HasSuffix(toks[j].key, "s") {
				start := i
				if j == i+1 {
					start = i - 1
				}
				return Metric{Value: 1, Unit: du, Kind: KindDuration, Start: start, End: j + 1}, true
			}
		}
	case "none", "nothing", "nobody":
		// "went to almost none", "from fifteen a week to none"
		if k := skipBack(toks, i, approx); k >= 0 && toks[k].key == "to" {
			return Metric{Value: 0, Kind: KindCount, Start: i, End: i + 1}, true
		}
	}
	if m, ok := articleMetric(toks, i); ok {
		return m, true
	}
	// "first place", "#1 seller"
	if isNum && here.ordinal && here.end < len(toks) && toks[here.end].key == "place" {
		return Metric{Value: here.value, Unit: "rank", Kind: KindRank, Start: i, End: here.end + 1}, true
	}
	if strings.HasPrefix(toks[i].w, "#") && isNum && here.ordinal && rankContext(toks, i) {
		return Metric{Value: here.value, Unit: "rank", Kind: KindRank, Start: i, End: here.end}, true
	}
	return Metric{}, false
}

// rankMetric builds "top N" or "top N percent" starting at word i.
func rankMetric(toks []token, i int, n number) Metric {
	m := Metric{Value: n.value, Unit: "rank", Kind: KindRank, Start: i, End: n.end}
	if n.suffix == "%" {
		m.Unit = "%"
	} else if n.end < len(toks) && (toks[n.end].key == "percent" || toks[n.end].key == "%") {
		m.Unit, m.End = "%", n.end+1
	}
	return m
}

// lengthWords may stand between "a" and a unit of time: "a full day".
var lengthWords = set("full", "whole", "single", "entire", "good", "solid", "short", "long")

// afterDuration words make "a week", "one year" a measure of how much
// sooner or later something came: "a full day earlier", "one year later".
var afterDuration = set("later", "earlier", "early", "late", "ahead", "sooner", "faster",
	"quicker", "shorter", "longer", "behind", "instead", "less", "more")

// articleMetric reads amounts said with an article: "within a day", "a
// full day earlier", "an hour and a half", "half an hour", "half a point",
// "a couple of months", "didn't have a single outage".
func articleMetric(toks []token, i int) (Metric, bool) {
	w := toks[i].key
	j := i
	value := 1.0
	switch w {
	case "a", "an":
		j = i + 1
		if j < len(toks) && toks[j].key == "couple" {
			value, j = 2, j+1
			if j < len(toks) && toks[j].key == "of" {
				j++
			}
		} else if j < len(toks) && toks[j].key == "single" && nextIsNoun(toks, j+1) {
			// "a single unit": the count is one, or none when denied.
			v := 1.0
			for k := max(0, i-3); k < i; k++ {
				switch toks[k].key {
				case "not", "didn't", "never", "without", "no", "wasn't", "weren't", "hasn't", "haven't", "hadn't":
					v = 0
				}
			}
			return Metric{Value: v, Unit: toks[j+1].key, Kind: KindCount, Start: i, End: j + 2}, true
		}
	case "half":
		if i+1 < len(toks) && (toks[i+1].key == "a" || toks[i+1].key == "an") {
			value, j = 0.5, i+2
		} else {
			return Metric{}, false
		}
	default:
		return Metric{}, false
	}
	for j < len(toks) && lengthWords[toks[j].key] {
		j++
	}
	if j >= len(toks) || toks[j-1].stop {
		return Metric{}, false
	}
	unit := toks[j].key
	if du := durationUnits[unit]; du != "" && !(unit == "second" && nextIsNoun(toks, j+1)) {
		// ("a second opinion" is an ordinal, not a length of time.)
		end := j + 1
		// "an hour and a half"
		if end+2 < len(toks) && toks[end].key == "and" && toks[end+1].key == "a" && toks[end+2].key == "half" {
			value += 0.5
			end += 3
		}
		opened := i > 0 && durationOpeners[toks[i-1].key] && !toks[i-1].stop
		closed := end < len(toks) && afterDuration[toks[end].key] && !toks[end-1].stop
		if !opened && !closed && w != "half" && value == 1 {
			// "a week later" is a measure; "a week" alone ("a week of
			// planning") need not be.
			return Metric{}, false
		}
		return Metric{Value: value, Unit: du, Kind: KindDuration, Start: i, End: end}, true
	}
	if value != 1 && !lexicon.IsFunctionWord(unit) && isLetters(unit) {
		// "a couple of customers", "half a point"
		return Metric{Value: value, Unit: unit, Kind: KindCount, Start: i, End: j + 1}, true
	}
	return Metric{}, false
}

// nextIsNoun reports whether the word at i can be a counted thing: a word
// of letters that is not a function word or a verb in the past.
func nextIsNoun(toks []token, i int) bool {
	if i >= len(toks) || toks[i-1].stop {
		return false
	}
	w := toks[i].key
	return isLetters(w) && !lexicon.IsFunctionWord(w) && !isPastVerb(w) && !modals[w] && !pastBe[w]
}

// skipBack returns the index of the first word before i that is not in
// skip, within the same sentence, or -1.
func skipBack(toks []token, i int, skip map[string]bool) int {
	k := i - 1
	for k >= 0 && skip[toks[k].key] && !toks[k].stop {
		k--
	}
	if k < 0 || toks[k].stop {
		return -1
	}
	return k
}

// rankContext reports whether "number one" or "#1" near word i is a
// ranking: it sits near rank, place, spot, top or a chart.
func rankContext(toks []token, i int) bool {
	for k := max(0, i-3); k < min(len(toks), i+5); k++ {
		switch toks[k].key {
		case "ranked", "rank", "ranking", "place", "spot", "position", "rated", "chart", "charts",
			"leaderboard", "store", "seller", "category", "became", "become", "top", "region", "team":
			return true
		}
	}
	return false
}

// recentChangeVerb returns the index of a change verb within the n words
// before i in the same sentence, or -1.
func recentChangeVerb(toks []token, i, n int) int {
	for k := i - 1; k >= 0 && k >= i-n; k-- {
		if toks[k].stop {
			return -1
		}
		if changeVerbs[toks[k].key] {
			return k
		}
	}
	return -1
}

// numberMetric turns a parsed number into a measure by reading its unit, or
// reports false when the number is not a measure (a year, "one day", "two
// of us", "first I ...", "version 2").
func numberMetric(toks []token, n number) (Metric, bool) {
	if n.year {
		return Metric{}, false
	}
	i := n.start
	if i > 0 && !toks[i-1].stop && labelWords[toks[i-1].key] && n.currency == "" && n.suffix == "" && !nextIsNoun(toks, n.end) {
		// "version 2", "step three was", "day one": a name. "year five
		// teams" (no punctuation) still counts teams.
		return Metric{}, false
	}
	m := Metric{Value: n.value, Start: n.start, End: n.end}
	j := n.end
	next, next2 := "", ""
	if j < len(toks) && !toks[j-1].stop {
		next = toks[j].key
		if j+1 < len(toks) && !toks[j].stop {
			next2 = toks[j+1].key
		}
	}
	switch {
	case n.suffix == "%":
		m.Unit, m.Kind = "%", KindPercent
	case n.suffix == "x":
		m.Unit, m.Kind = "x", KindMultiplier
	case n.suffix != "":
		m.Unit, m.Kind = n.suffix, KindDuration
	case n.currency != "":
		m.Unit, m.Kind = n.currency, KindMoney
		if c, ok := currencyWords[next]; ok {
			m.Unit, m.End = c, j+1
		}
	case next == "percent" || next == "pct" || next == "percentage" && next2 == "points":
		m.Unit, m.Kind, m.End = "%", KindPercent, j+1
		if next == "percentage" {
			m.End = j + 2
		}
	case next == "per" && next2 == "cent":
		m.Unit, m.Kind, m.End = "%", KindPercent, j+2
	case currencyWords[next] != "":
		m.Unit, m.Kind, m.End = currencyWords[next], KindMoney, j+1
	case next == "x" || next == "fold" || strings.HasSuffix(next, "fold") && next != "":
		m.Unit, m.Kind, m.End = "x", KindMultiplier, j+1
	case next == "times":
		if comparatives[next2] {
			m.Unit, m.Kind, m.End = "x", KindMultiplier, j+1
		} else {
			m.Unit, m.Kind, m.End = "times", KindCount, j+1
		}
	case n.ordinal:
		return ordinalMetric(toks, n, next)
	case durationUnits[next] != "":
		after := ""
		if j+1 < len(toks) && !toks[j].stop {
			after = toks[j+1].key
		}
		if after == "ago" {
			// "two years ago": when, not how much.
			return Metric{}, false
		}
		if n.bare && (i == 0 || !durationOpeners[toks[i-1].key]) && !afterDuration[after] {
			// "one day, my manager ...": a time reference. "in one day"
			// and "one year later" are measures.
			return Metric{}, false
		}
		m.Unit, m.Kind, m.End = durationUnits[next], KindDuration, j+1
		if i > 0 && lastingOpeners[toks[i-1].key] {
			m.lasting = true
		}
	case n.fraction:
		// "by a third", "two thirds", "about a third": a share, read as a
		// percentage. "half the team" names people, not an amount.
		softened := i > 0 && !toks[i-1].stop && approx[toks[i-1].key] && toks[i-1].key != "the" && toks[i-1].key != "all"
		if recentChangeVerb(toks, i, 5) < 0 && (i == 0 || toks[i-1].key != "by") && !softened && !nextIsNoun(toks, j) && next != "of" {
			return Metric{}, false
		}
		m.Unit, m.Kind = "%", KindPercent
		m.Value = math.Round(n.value*100*100) / 100
	default:
		return countMetric(toks, n, m, next, next2)
	}
	if m.Kind == KindCount && moneyNear(toks, m.Start, m.End) {
		m.Unit, m.Kind = "money", KindMoney
	}
	return m, true
}

// superlatives after an ordinal make it a rank: "third highest".
var superlatives = set("highest", "lowest", "best", "largest", "biggest", "fastest", "most",
	"place", "top", "rated", "ranked", "position", "spot", "worst", "slowest", "smallest")

// ordinalMetric reads an ordinal as a rank ("third highest", "from last to
// first") or a duration ("in their first week"), or rejects it as order
// ("first I ...").
func ordinalMetric(toks []token, n number, next string) (Metric, bool) {
	i := n.start
	m := Metric{Value: n.value, Start: i, End: n.end}
	if superlatives[next] {
		m.Unit, m.Kind, m.End = "rank", KindRank, n.end+1
		return m, true
	}
	if i > 0 && toks[i-1].key == "to" && !toks[i-1].stop {
		for k := i - 2; k >= 0 && k >= i-8 && !toks[k].stop; k-- {
			if toks[k].key == "from" {
				m.Unit, m.Kind, m.Start = "rank", KindRank, k
				return m, true
			}
		}
	}
	if du := durationUnits[next]; du != "" {
		k := skipBack(toks, i, determiners)
		if k >= 0 && (toks[k].key == "in" || toks[k].key == "within" || toks[k].key == "by") {
			m.Unit, m.Kind, m.End = du, KindDuration, n.end+1
			return m, true
		}
	}
	return Metric{}, false
}

// rateWords after "N a" or "N per" make a rate: "eight a week".
var rateUnits = set("second", "minute", "hour", "day", "week", "month", "year", "quarter",
	"sprint", "night", "shift", "release", "deploy", "customer", "user", "request", "order")

// changeWords before a number make it the amount of a change even with no
// unit after it: "dropped to 5", "went up by 12", "from 40".
var changeWords = set("to", "by", "from", "at", "than", "of")

// countMetric decides whether a number with no unit counts something.
// ratio reads "one in ten", "three in four customers" as a share.
func ratio(toks []token, n number) (Metric, bool) {
	j := n.end
	if j+1 >= len(toks) || toks[j-1].stop || toks[j].key != "in" || toks[j].stop {
		return Metric{}, false
	}
	d, ok := parseNumber(toks, j+1)
	if !ok || d.year || d.ordinal || d.bare || d.suffix != "" || d.currency != "" || d.value <= n.value {
		return Metric{}, false
	}
	v := math.Round(n.value/d.value*100*100) / 100
	return Metric{Value: v, Unit: "%", Kind: KindPercent, Start: n.start, End: d.end}, true
}

// rateAfter reads the rate that may follow a number ending at j: up to two
// nouns, then "a", "per", "every" or "each" and a unit of time ("incident
// a week", "a month"). It returns where the rate ends and its unit.
func rateAfter(toks []token, j int) (end int, unit string, ok bool) {
	k := j
	for k < j+2 && nextIsNoun(toks, k) && !rateUnits[toks[k].key] {
		k++
	}
	if k+1 >= len(toks) || k > 0 && toks[k-1].stop || toks[k].stop {
		return 0, "", false
	}
	switch toks[k].key {
	case "a", "an", "per", "every", "each":
	default:
		return 0, "", false
	}
	u := strings.TrimSuffix(toks[k+1].key, "s")
	if !rateUnits[u] || k+2 < len(toks) && !toks[k+1].stop && toks[k+2].key == "ago" {
		return 0, "", false
	}
	return k + 2, "per " + u, true
}

func countMetric(toks []token, n number, m Metric, next, next2 string) (Metric, bool) {
	i, j := n.start, n.end
	if r, ok := ratio(toks, n); ok {
		return r, true
	}
	if n.bare {
		// A lone "one" or "a" is a determiner, unless a rate follows:
		// "roughly one a month", "one incident a week", or it is said to
		// be few: "only one complaint", "we just lost one crate".
		if toks[i].key == "one" && nextIsNoun(toks, j) {
			for k := i - 1; k >= 0 && k >= i-2 && !toks[k].stop; k-- {
				if toks[k].key == "only" || toks[k].key == "just" {
					m.Kind, m.Unit, m.End = KindCount, toks[j].key, j+1
					return m, true
				}
			}
		}
		end, unit, ok := rateAfter(toks, j)
		if !ok {
			return Metric{}, false
		}
		m.Kind, m.Unit, m.End = KindCount, unit, end
		return m, true
	}
	m.Kind = KindCount
	if next == "of" {
		// "two of us" is who, not how many; "three of those clinics" and
		// "seven of the reports" count.
		switch next2 {
		case "us", "them", "you", "which", "whom", "it", "these", "those", "the", "our", "my", "their", "his", "her", "its":
			if next2 == "us" || next2 == "them" || next2 == "you" || next2 == "which" || next2 == "whom" || next2 == "it" || n.value < 2 {
				return Metric{}, false
			}
			if nextIsNoun(toks, j+2) {
				m.Unit, m.End = toks[j+2].key, j+3
				return m, true
			}
		}
		return Metric{}, false
	}
	if next == "am" || next == "pm" || next == "o'clock" {
		return Metric{}, false
	}
	if (next == "a" || next == "per" || next == "every" || next == "each") && rateUnits[strings.TrimSuffix(next2, "s")] {
		// "eight a week", "fifty two thousand a month"
		m.Unit, m.End = "per "+strings.TrimSuffix(next2, "s"), j+2
		if moneyNear(toks, i, j) || n.value >= 1000 && moneyBefore(toks, i) {
			m.Kind = KindMoney
		}
		return m, true
	}
	if moneyNear(toks, n.start, n.end) && n.value >= 100 || n.value >= 1000 && moneyBefore(toks, i) {
		m.Unit, m.Kind = "money", KindMoney
		return m, true
	}
	if (next == "more" || next == "less" || next == "fewer") && nextIsNoun(toks, j+1) {
		// "two more projects"
		m.Unit, m.End = toks[j+1].key, j+2
		return m, true
	}
	if next == "more" || next == "fewer" {
		// "two more in the next year": more of what was just said.
		m.End = j + 1
		return m, true
	}
	nounNext := nextIsNoun(toks, j)
	if !nounNext && j+1 < len(toks) && isPastVerb(next) && !lexicon.IsFunctionWord(next) && nextIsNoun(toks, j+1) && !toks[j].stop {
		// "zero misrouted results": a participle before the noun.
		nounNext = true
	}
	if nounNext {
		// "500 tickets", "12 new customers": the counted thing is the next
		// noun; an adjective or two may come first.
		unit := next
		end := j + 1
		for k := j; k < min(len(toks), j+3); k++ {
			w := toks[k].key
			if lexicon.IsFunctionWord(w) || !isLetters(w) || isPastVerb(w) && k > j || toks[k].stop {
				break
			}
			unit, end = w, k+1
			if toks[k].comma {
				break
			}
		}
		m.Unit, m.End = unit, end
		return m, true
	}
	if n.value == 0 {
		// "zero in the next month", "down to 0": zero is always an amount.
		return m, true
	}
	if saidWithScale(toks, n) {
		// "about two million", "forty k": an amount however it goes on.
		return m, true
	}
	// A bare number is a measure right after a change ("dropped to 5",
	// "went up by about 12") or when it closes its phrase ("the previous
	// launch had eleven.").
	if k := skipBack(toks, i, approx); k >= 0 && changeWords[toks[k].key] && recentChangeVerb(toks, k+1, 6) >= 0 {
		return m, true
	}
	if n.value >= 2 && (j >= len(toks) || toks[j-1].stop || toks[j-1].comma || phraseEnders[next]) {
		if k := skipBack(toks, i, approx); k >= 0 && (pastHave[toks[k].key] || pastBe[toks[k].key] || changeWords[toks[k].key]) {
			return m, true
		}
	}
	return Metric{}, false
}

// saidWithScale reports whether a number was said with a scale word
// ("million", "k", "thousand"), which makes it an amount.
func saidWithScale(toks []token, n number) bool {
	if n.year || n.vague {
		return false
	}
	for k := n.start; k < n.end; k++ {
		if scaleOf(toks[k].w) >= 1e3 {
			return true
		}
	}
	return false
}

// phraseEnders after a number show it closes its phrase: "had eleven and
// ...", "dropped to five which ...".
var phraseEnders = set("and", "but", "so", "which", "because", "while", "compared", "when",
	"instead", "versus", "vs", "last", "this", "that", "in", "within", "after", "before", "by")

// moneyBefore reports whether a money verb stands within three words
// before i: "saved about 450k", "cost us 80 thousand".
func moneyBefore(toks []token, i int) bool {
	for k := i - 1; k >= 0 && k >= i-3; k-- {
		if toks[k].stop {
			return false
		}
		switch toks[k].key {
		case "saved", "save", "saving", "savings", "spent", "spend", "spending", "cost", "costs",
			"paid", "pay", "worth", "budget", "revenue", "earned", "raised", "sales", "profit":
			return true
		}
	}
	return false
}

// moneyNear reports whether a money word stands within three words after
// [i, j) or just before it.
func moneyNear(toks []token, i, j int) bool {
	for k := j; k < min(len(toks), j+3); k++ {
		if moneyContext[toks[k].key] {
			return true
		}
		if toks[k].stop {
			break
		}
	}
	return i > 0 && moneyContext[toks[i-1].key]
}

// fromTo widens a measure into a from->to pair when it is the "from" side
// of "from X to Y" or "went from X to Y", or the "to" side of a pair whose
// "from" side had no unit ("from 4 to 20 minutes").
func fromTo(toks []token, x Metric) (Metric, bool) {
	i := x.Start
	k := skipBack(toks, i, approx)
	if k < 0 || toks[k].key != "from" || i-k > 3 {
		return Metric{}, false
	}
	// After X: "to", optionally "down|up to", "all the way to", then an
	// approximation word, then Y.
	j := x.End
	if j < len(toks) && (toks[j].key == "down" || toks[j].key == "up") {
		j++
	}
	if j+2 < len(toks) && toks[j].key == "all" && toks[j+1].key == "the" && toks[j+2].key == "way" {
		j += 3
	}
	if j >= len(toks) || toks[j].key != "to" || toks[j-1].stop {
		return Metric{}, false
	}
	j++
	for j < len(toks) && (approx[toks[j].key] || toks[j].key == "less" || toks[j].key == "than" || toks[j].key == "just") {
		j++
	}
	var y Metric
	if j < len(toks) && (toks[j].key == "none" || toks[j].key == "nothing") {
		y = Metric{Value: 0, Start: j, End: j + 1, Kind: KindCount}
	} else {
		yn, ok := parseNumber(toks, j)
		if !ok || yn.year {
			return Metric{}, false
		}
		if y, ok = numberMetric(toks, yn); !ok {
			// "from 40 to 80": a bare pair still measures a change.
			y = Metric{Value: yn.value, Start: yn.start, End: yn.end, Kind: KindCount}
		}
	}
	if x.Kind == KindCount && x.Unit == "" || x.Kind == KindCount && y.Kind != KindCount {
		x.Unit, x.Kind = y.Unit, y.Kind
	}
	if y.Kind == KindCount && y.Unit == "" {
		y.Unit, y.Kind = x.Unit, x.Kind
	}
	start := k
	m := Metric{
		Value: y.Value, Unit: y.Unit, Kind: y.Kind, Start: start, End: y.End,
		From: &Amount{Value: x.Value, Unit: x.Unit},
		To:   &Amount{Value: y.Value, Unit: y.Unit},
	}
	if a, b, ok := sameBase(x, y); ok && a != 0 {
		c := math.Round((b-a)/a*100*100) / 100
		m.ChangePct = &c
	}
	return m, true
}

// approx are words that soften an amount: "about 40", "roughly two hours".
var approx = set("about", "around", "roughly", "approximately", "nearly", "almost", "over",
	"under", "maybe", "like", "just", "only", "some", "close", "something", "basically",
	"practically", "essentially", "virtually", "barely", "less", "than", "more", "up", "down",
	"all", "the", "way", "um", "uh", "exactly", "precisely", "well", "already", "still")

// sameBase converts both sides of a pair to one base unit, or reports false
// when they measure different things.
func sameBase(x, y Metric) (float64, float64, bool) {
	if x.Kind != y.Kind {
		return 0, 0, false
	}
	if x.Kind == KindDuration {
		a, okA := secondsPer[x.Unit]
		b, okB := secondsPer[y.Unit]
		if !okA || !okB {
			return 0, 0, false
		}
		return x.Value * a, y.Value * b, true
	}
	if rx, ry := strings.HasPrefix(x.Unit, "per "), strings.HasPrefix(y.Unit, "per "); rx || ry {
		// Rates over time compare per second: "one a week to one a month".
		a, okA := secondsPer[durationUnits[strings.TrimPrefix(x.Unit, "per ")]]
		b, okB := secondsPer[durationUnits[strings.TrimPrefix(y.Unit, "per ")]]
		if !okA || !okB {
			return x.Value, y.Value, x.Unit == y.Unit
		}
		return x.Value / a, y.Value / b, true
	}
	return x.Value, y.Value, true
}

// Package rehearse measures how much of a prepared script (a
// self-introduction, a story) a speaker recalled: which key points were
// said, and where the speaker stalled.
//
// Data enters as the script's text (Markdown or plain: its bullets are the
// key points, or its sentences when it has none) and a timed transcript of
// one run. It leaves as a Result (per point: said or not, and the words that
// matched; the stalls, each with the next point not yet said, which is the
// cue to show) and, for the history of runs, Run records and a trend table.
// Matching is tolerant of paraphrase and recognition errors: both sides are
// reduced to content words (stems without stop words, numbers normalised:
// "forty percent" and "40%" agree, see reuse.ContentWords), and a word also
// matches one a letter or two away. Only Live (live.go) does I/O: it records
// a run through the interviewer's ports, a microphone and a transcriber.
package rehearse

import (
	"cmp"
	"fmt"
	"regexp"
	"slices"
	"strings"
	"time"

	"github.com/starloop/starloop"
	"github.com/starloop/starloop/reuse"
)

// Point is one key point of a script.
type Point struct {
	N    int    `json:"n"` // from 1
	Text string `json:"text"`
	Line int    `json:"line"` // in the script, from 1
	// terms are the point's distinct content words, and written each
	// term as the script wrote it ("hosting" for "host").
	terms, written []string
}

var (
	bulletRe  = regexp.MustCompile(`^\s*(?:[-*+•]|\d+[.)])\s+(.*\S)\s*$`)
	sentEndRe = regexp.MustCompile(`[.!?]+(?:\s+|$)`)
)

// ParseScript reads the key points of a script: its bullet lines ("- ",
// "* ", "+ ", "1. ", "1) "), or, when it has none, its sentences. Markdown
// headings, blank lines and points with no content words ("Thanks!") are
// skipped. A script with no key points is an error of kind Invalid.
func ParseScript(text string) ([]Point, error) {
	lines := strings.Split(strings.ReplaceAll(text, "\r\n", "\n"), "\n")
	var pts []Point
	for i, l := range lines {
		if m := bulletRe.FindStringSubmatch(l); m != nil {
			pts = appendPoint(pts, m[1], i+1)
		}
	}
	if len(pts) == 0 {
		for i, l := range lines {
			l = strings.TrimSpace(l)
			if l == "" || strings.HasPrefix(l, "#") {
				continue
			}
			// A sentence may run over several lines; this reads one line's
			// sentences at a time, which suits scripts written a sentence
			// or a paragraph per line.
			start := 0
			for _, loc := range sentEndRe.FindAllStringIndex(l, -1) {
				// A '.' between digits ("2.5") does not end a sentence.
				if loc[0] > 0 && loc[1] < len(l) && l[loc[0]] == '.' && isDigit(l[loc[0]-1]) && isDigit(l[loc[0]+1]) {
					continue
				}
				pts = appendPoint(pts, l[start:loc[1]], i+1)
				start = loc[1]
			}
			if start < len(l) {
				pts = appendPoint(pts, l[start:], i+1)
			}
		}
	}
	if len(pts) == 0 {
		return nil, starloop.Errorf(starloop.Invalid, "read script: the script has no key points: write them as bullets (- ...) or sentences")
	}
	return pts, nil
}

func isDigit(b byte) bool { return b >= '0' && b <= '9' }

func appendPoint(pts []Point, text string, line int) []Point {
	text = strings.TrimSpace(text)
	content, written := reuse.ContentWordsAsWritten(text)
	var t, w []string
	for i, c := range content {
		if !slices.Contains(t, c) {
			t, w = append(t, c), append(w, written[i])
		}
	}
	if len(t) == 0 {
		return pts
	}
	return append(pts, Point{N: len(pts) + 1, Text: text, Line: line, terms: t, written: w})
}

func distinct(ws []string) []string {
	var out []string
	for _, w := range ws {
		if !slices.Contains(out, w) {
			out = append(out, w)
		}
	}
	return out
}

// Options tune Measure. Zero fields take their defaults.
type Options struct {
	// Stall is the shortest pause between words that counts as a stall
	// (default 2.5 s: longer than a thinking pause mid-script).
	Stall time.Duration
	// Cue is the pause after which a cue is shown (default 4 s).
	Cue time.Duration
	// Cover is the share of a point's content words that must be heard for
	// it to count as said (default 0.5). A point's numbers must all be
	// heard too: "cut costs by 10 percent" does not recall "by 40 percent".
	Cover float64
}

func (o Options) withDefaults() Options {
	if o.Stall <= 0 {
		o.Stall = 2500 * time.Millisecond
	}
	if o.Cue <= 0 {
		o.Cue = 4 * time.Second
	}
	if o.Cover <= 0 {
		o.Cover = 0.5
	}
	return o
}

// PointResult is one point's recall.
type PointResult struct {
	Point
	Said bool `json:"said"`
	// Score is the share of the point's content words heard.
	Score float64 `json:"score"`
	// Heard and Missed are the point's content words heard and not, as
	// the script writes them.
	Heard  []string `json:"heard,omitempty"`
	Missed []string `json:"missed,omitempty"`
	// missedNumber: one of the point's numbers was not heard.
	missedNumber bool
}

// Stall is a long pause in the run.
type Stall struct {
	// At is when the pause began, from the start of the recording, and
	// Length how long it lasted.
	At     time.Duration `json:"at_ns"`
	Length time.Duration `json:"length_ns"`
	// After is the last few words before it.
	After string `json:"after"`
	// Cue is the next point not yet said when the pause began, shown when
	// the pause reached Options.Cue; 0 when it was shorter, or all were
	// said.
	Cue int `json:"cue,omitempty"`
}

// Result is the recall of one run.
type Result struct {
	Points []PointResult `json:"points"`
	Said   int           `json:"said"`
	Stalls []Stall       `json:"stalls,omitempty"`
	Words  int           `json:"words"`
	Length time.Duration `json:"length_ns"`
}

// Recall is the share of points said, in [0, 1].
func (r Result) Recall() float64 {
	if len(r.Points) == 0 {
		return 0
	}
	return float64(r.Said) / float64(len(r.Points))
}

// Measure compares a run's transcript t with the script's points. An
// untimed transcript gives recall but no stalls.
func Measure(points []Point, t starloop.Transcript, opt Options) Result {
	opt = opt.withDefaults()
	heard := distinct(reuse.ContentWords(t.Text))
	res := Result{Words: len(strings.Fields(t.Text)), Length: t.Duration()}
	for _, p := range points {
		pr := coverOf(p, heard)
		pr.Said = said(pr, opt.Cover)
		if pr.Said {
			res.Said++
		}
		res.Points = append(res.Points, pr)
	}
	for i := 1; i < len(t.Words); i++ {
		prev, w := t.Words[i-1], t.Words[i]
		gap := w.Start - prev.End
		if gap < opt.Stall {
			continue
		}
		s := Stall{At: prev.End, Length: gap, After: lastWords(t.Words[:i], 4)}
		if gap >= opt.Cue {
			if p, ok := NextCue(points, wordsText(t.Words[:i]), opt.Cover); ok {
				s.Cue = p.N
			}
		}
		res.Stalls = append(res.Stalls, s)
	}
	return res
}

// Take is one live run: what was heard, how long it was recorded, and
// the cues shown while it was.
type Take struct {
	Transcript starloop.Transcript
	Length     time.Duration // of the recording, from its first frame
	Cues       []Cue
}

// Cue is a cue shown during a take.
type Cue struct {
	At    time.Duration // from the start of the recording
	Point int           // the point shown, from 1
}

// MeasureTake is Measure on a live take: a cue shown is a stall, whether
// or not the speaker went on afterwards, and its cue is the point that was
// shown.
func MeasureTake(points []Point, t Take, opt Options) Result {
	r := Measure(points, t.Transcript, opt)
	r.Length = max(r.Length, t.Length)
	words := t.Transcript.Words
	for _, c := range t.Cues {
		if i := slices.IndexFunc(r.Stalls, func(s Stall) bool { return s.At <= c.At && c.At <= s.At+s.Length }); i >= 0 {
			r.Stalls[i].Cue = c.Point
			continue
		}
		// The pause the cue broke into: from the last word before it to
		// the next word, or to the end of the take.
		n := 0 // words before the cue
		for n < len(words) && words[n].Start <= c.At {
			n++
		}
		s := Stall{Cue: c.Point, After: lastWords(words[:n], 4)}
		if n > 0 {
			s.At = words[n-1].End
		}
		end := max(r.Length, c.At)
		if n < len(words) {
			end = words[n].Start
		}
		s.Length = end - s.At
		i, _ := slices.BinarySearchFunc(r.Stalls, s, func(a, b Stall) int { return cmp.Compare(a.At, b.At) })
		r.Stalls = slices.Insert(r.Stalls, i, s)
	}
	return r
}

// NextCue is the first point, in the script's order, not yet said in
// heard (the words recognised so far): the cue for a speaker who stalls.
// cover is Options.Cover (0 for its default). ok is false when every point
// was said.
func NextCue(points []Point, heard string, cover float64) (Point, bool) {
	if cover <= 0 {
		cover = Options{}.withDefaults().Cover
	}
	h := distinct(reuse.ContentWords(heard))
	for _, p := range points {
		if !said(coverOf(p, h), cover) {
			return p, true
		}
	}
	return Point{}, false
}

// said tells whether a point counts as said: enough of its words, and all
// of its numbers, heard.
func said(pr PointResult, cover float64) bool {
	return pr.Score >= cover && !pr.missedNumber
}

func coverOf(p Point, heard []string) PointResult {
	pr := PointResult{Point: p}
	for i, w := range p.terms {
		if slices.ContainsFunc(heard, func(h string) bool { return near(w, h) }) {
			pr.Heard = append(pr.Heard, p.written[i])
		} else {
			pr.Missed = append(pr.Missed, p.written[i])
			pr.missedNumber = pr.missedNumber || hasDigit(w)
		}
	}
	if len(p.terms) > 0 {
		pr.Score = float64(len(pr.Heard)) / float64(len(p.terms))
	}
	return pr
}

// near tells whether two content words are the same word, allowing for a
// recogniser's slips: one edit in words of four letters or more, two in
// words of eight or more. Numbers must match exactly.
func near(a, b string) bool {
	if a == b {
		return true
	}
	if hasDigit(a) || hasDigit(b) {
		return false
	}
	n := min(len(a), len(b))
	switch {
	case n >= 8:
		return editDistance(a, b) <= 2
	case n >= 4:
		return editDistance(a, b) <= 1
	}
	return false
}

func hasDigit(s string) bool { return strings.ContainsAny(s, "0123456789") }

func editDistance(a, b string) int {
	ra, rb := []rune(a), []rune(b)
	prev := make([]int, len(rb)+1)
	cur := make([]int, len(rb)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(ra); i++ {
		cur[0] = i
		for j := 1; j <= len(rb); j++ {
			sub := prev[j-1]
			if ra[i-1] != rb[j-1] {
				sub++
			}
			cur[j] = min(sub, prev[j]+1, cur[j-1]+1)
		}
		prev, cur = cur, prev
	}
	return prev[len(rb)]
}

func wordsText(ws []starloop.Word) string {
	parts := make([]string, len(ws))
	for i, w := range ws {
		parts[i] = w.Text
	}
	return strings.Join(parts, " ")
}

func lastWords(ws []starloop.Word, n int) string {
	return wordsText(ws[max(0, len(ws)-n):])
}

// Report writes the result for the terminal: a line per point, then the
// stalls with their cues.
func (r Result) Report() string {
	var b strings.Builder
	fmt.Fprintf(&b, "Key points said: %d of %d (%.0f%%), %d words in %s\n", r.Said, len(r.Points), 100*r.Recall(), r.Words, clock(r.Length))
	for _, p := range r.Points {
		mark := "  "
		if p.Said {
			mark = "✓ "
		}
		fmt.Fprintf(&b, "%s%d. %s\n", mark, p.N, p.Text)
		if !p.Said && len(p.Missed) > 0 {
			fmt.Fprintf(&b, "     missing: %s\n", strings.Join(p.Missed, ", "))
		}
	}
	if len(r.Stalls) == 0 {
		b.WriteString("No stalls.\n")
	}
	for _, s := range r.Stalls {
		fmt.Fprintf(&b, "Stall at %s for %.1f s, after %q", clock(s.At), s.Length.Seconds(), s.After)
		if s.Cue > 0 {
			fmt.Fprintf(&b, "; cue: %s", r.Points[s.Cue-1].Text)
		}
		b.WriteString("\n")
	}
	return b.String()
}

func clock(d time.Duration) string {
	s := int(d.Round(time.Second) / time.Second)
	return fmt.Sprintf("%d:%02d", s/60, s%60)
}

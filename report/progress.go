package report

import (
	"bufio"
	"fmt"
	"html/template"
	"io"
	"math"
	"slices"
	"strings"
	"time"

	"github.com/starloop/starloop"
	"github.com/starloop/starloop/judge"
	"github.com/starloop/starloop/rubric"
)

// Telling is one story as told once: a main answer with its follow-ups.
type Telling struct {
	SessionID string    `json:"session"`
	Start     time.Time `json:"start"`
	LP        LPRef     `json:"lp"`
	Question  string    `json:"question"`
	Answers   []int     `json:"answers"` // answer numbers in the session
	Text      string    `json:"text"`
	Figures   Figures   `json:"figures"`
	// Verdict is judge.VerdictOf the telling's last judgement of the
	// whole story, the one its answers' verdicts end on.
	Verdict judge.Verdict `json:"verdict"`
	// Partial is set when one of its answers was cut off (Answer.Partial).
	Partial bool `json:"partial,omitempty"`
}

// Figures are the measures progress follows. Ratios are in [0, 1].
type Figures struct {
	STAR       float64 `json:"star"`       // STAR parts present / 4
	Measurable float64 `json:"measurable"` // 1 when the result has a measure
	IShare     float64 `json:"i_share"`    // I / (I + we); 0 when neither
	WPM        float64 `json:"wpm"`        // words per minute of speaking time
	Fillers    float64 `json:"fillers"`    // fillers per minute, as the rubric counts them
	Seconds    float64 `json:"seconds"`    // answer length, all answers of the telling
}

// figureNames label Figures' fields in order, for tables and sparklines.
func figureNames() [6]string {
	return [6]string{"STAR completeness", "measurable results", "I share", "WPM", "fillers/min", "answer length (s)"}
}

func (f Figures) values() [6]float64 {
	return [6]float64{f.STAR, f.Measurable, f.IShare, f.WPM, f.Fillers, f.Seconds}
}

// Point is one session's average over its tellings in a series.
type Point struct {
	SessionID string    `json:"session"`
	Start     time.Time `json:"start"`
	Tellings  int       `json:"tellings"`
	Figures   Figures   `json:"figures"`
}

// Series is the progress of one LP (or of all LPs, ID "").
type Series struct {
	LP     LPRef   `json:"lp"`
	Points []Point `json:"points"`
	// Partial are the tellings cut off before the end: shown apart, not
	// averaged into Points.
	Partial []Telling `json:"partial,omitempty"`
}

// Progress is what BuildProgress finds across sessions.
type Progress struct {
	// Series holds one entry for all LPs together, then one per LP by name.
	Series []Series `json:"series"`
	// Latest and Previous are the latest two tellings of the same story
	// (same LP asked, content words overlapping by at least MinOverlap),
	// or nil when no story was told twice. Overlap is their Jaccard index.
	Latest   *Telling `json:"latest,omitempty"`
	Previous *Telling `json:"previous,omitempty"`
	Overlap  float64  `json:"overlap,omitempty"`
}

// MinOverlap is the least share of content words two tellings must have in
// common (Jaccard index of their sets) to count as the same story.
const MinOverlap = 0.25

// Tellings cuts a session into stories: each main answer with the
// follow-ups after it; a loop day's introduction saved as one (Answer.Kind)
// is no story and is left out. A follow-up's stored thread report (Story) judges the
// whole telling when there is one.
func Tellings(s *Session) []Telling {
	var out []Telling
	var cur *Telling
	var r *rubric.Report
	var words int
	var speaking, total time.Duration
	finish := func() {
		if cur == nil {
			return
		}
		cur.Figures = figuresOf(r, words, speaking, total)
		cur.Verdict = judge.VerdictOf(r)
		out = append(out, *cur)
	}
	for _, a := range s.Answers {
		if a.Kind != "" {
			continue // an introduction is no story
		}
		if !a.FollowUp || cur == nil {
			finish()
			cur = &Telling{SessionID: s.ID, Start: s.Start, LP: a.LP, Question: a.Question}
			r, words, speaking, total = a.Rubric, 0, 0, 0
		} else if a.Story != nil {
			r = a.Story
		}
		cur.Answers = append(cur.Answers, a.N)
		cur.Partial = cur.Partial || a.Partial
		cur.Text = strings.TrimSpace(cur.Text + " " + a.Transcript.Text)
		words += a.Delivery.Words
		speaking += a.Delivery.SpeakingTime
		total += a.Delivery.Duration
	}
	finish()
	return out
}

func figuresOf(r *rubric.Report, words int, speaking, total time.Duration) Figures {
	var f Figures
	if speaking > 0 {
		f.WPM = float64(words) / speaking.Minutes()
	}
	f.Seconds = total.Seconds()
	if r == nil {
		return f
	}
	for _, p := range []bool{r.STAR.Situation.Present, r.STAR.Task.Present, r.STAR.Action.Present, r.STAR.Result.Present} {
		if p {
			f.STAR += 0.25
		}
	}
	if r.MeasurableResult {
		f.Measurable = 1
	}
	if n := r.Ownership.I + r.Ownership.We; n > 0 {
		f.IShare = float64(r.Ownership.I) / float64(n)
	}
	f.Fillers = r.Fillers.PerMinute
	return f
}

// BuildProgress follows the figures across sessions (in the order given,
// oldest first), for every LP or, when lpID is not "", for that LP alone.
// Answers to no LP (a loop day's introduction) are left out; tellings cut
// off before the end are kept apart in each series' Partial.
func BuildProgress(sessions []*Session, lpID string) *Progress {
	p := &Progress{}
	var all []Telling
	for _, s := range sessions {
		for _, t := range Tellings(s) {
			if t.LP.ID != "" && (lpID == "" || t.LP.ID == lpID) {
				all = append(all, t)
			}
		}
	}
	all0 := Series{LP: LPRef{Name: "all LPs"}}
	if lpID != "" && len(all) > 0 {
		all0.LP = all[0].LP
	}
	all0.Points, all0.Partial = points(all)
	p.Series = append(p.Series, all0)
	if lpID == "" {
		byLP := map[string][]Telling{}
		var refs []LPRef
		for _, t := range all {
			if _, ok := byLP[t.LP.ID]; !ok {
				refs = append(refs, t.LP)
			}
			byLP[t.LP.ID] = append(byLP[t.LP.ID], t)
		}
		slices.SortFunc(refs, func(a, b LPRef) int { return strings.Compare(a.Name, b.Name) })
		for _, ref := range refs {
			s := Series{LP: ref}
			s.Points, s.Partial = points(byLP[ref.ID])
			p.Series = append(p.Series, s)
		}
	}
	whole := slices.DeleteFunc(slices.Clone(all), func(t Telling) bool { return t.Partial })
	p.Latest, p.Previous, p.Overlap = sameStory(whole)
	return p
}

// points averages the whole tellings per session, keeping session order,
// and returns the partial ones apart.
func points(ts []Telling) (out []Point, partial []Telling) {
	for _, t := range ts {
		if t.Partial {
			partial = append(partial, t)
			continue
		}
		n := len(out)
		if n == 0 || out[n-1].SessionID != t.SessionID {
			out = append(out, Point{SessionID: t.SessionID, Start: t.Start})
			n++
		}
		pt := &out[n-1]
		k := float64(pt.Tellings)
		v, add := pt.Figures.values(), t.Figures.values()
		for i := range v {
			v[i] = (v[i]*k + add[i]) / (k + 1)
		}
		pt.Figures = Figures{STAR: v[0], Measurable: v[1], IShare: v[2], WPM: v[3], Fillers: v[4], Seconds: v[5]}
		pt.Tellings++
	}
	return out, partial
}

// sameStory finds the newest telling that retells an earlier one of the
// same LP, and the latest such earlier telling.
func sameStory(ts []Telling) (latest, previous *Telling, overlap float64) {
	for i := len(ts) - 1; i > 0; i-- {
		wi := contentWords(ts[i].Text)
		for j := i - 1; j >= 0; j-- {
			if ts[j].LP.ID != ts[i].LP.ID || ts[j].SessionID == ts[i].SessionID && slices.Equal(ts[j].Answers, ts[i].Answers) {
				continue
			}
			if o := jaccard(wi, contentWords(ts[j].Text)); o >= MinOverlap {
				a, b := ts[i], ts[j]
				return &a, &b, math.Round(o*1000) / 1000
			}
		}
	}
	return nil, nil, 0
}

// contentWords are the words of at least four letters that are not among
// the commonest function words: what a story is about.
func contentWords(text string) map[string]bool {
	set := map[string]bool{}
	for _, w := range strings.FieldsFunc(strings.ToLower(text), func(r rune) bool {
		return !(r >= 'a' && r <= 'z' || r >= '0' && r <= '9' || r == '\'')
	}) {
		if len(w) >= 4 && !isStopword(w) {
			set[w] = true
		}
	}
	return set
}

func isStopword(w string) bool {
	switch w {
	case "that", "this", "with", "from", "have", "they", "were", "what", "when", "which", "there", "their", "then",
		"them", "been", "would", "could", "about", "into", "just", "also", "some", "very", "more", "than", "because",
		"after", "before", "really", "other", "only", "over", "like", "your", "will", "make", "made", "each", "every", "these", "those":
		return true
	}
	return false
}

func jaccard(a, b map[string]bool) float64 {
	if len(a) == 0 && len(b) == 0 {
		return 0
	}
	inter := 0
	for w := range a {
		if b[w] {
			inter++
		}
	}
	return float64(inter) / float64(len(a)+len(b)-inter)
}

// Sparkline draws values as block characters, lowest to highest of the
// values themselves; equal values draw a flat middle line.
func Sparkline(v []float64) string {
	blocks := []rune("▁▂▃▄▅▆▇█")
	if len(v) == 0 {
		return ""
	}
	lo, hi := slices.Min(v), slices.Max(v)
	var b strings.Builder
	for _, x := range v {
		i := 3
		if hi > lo {
			i = int(math.Round((x - lo) / (hi - lo) * 7))
		}
		b.WriteRune(blocks[i])
	}
	return b.String()
}

// ProgressText writes p for a terminal: per series a sparkline per figure
// with its first and last values, then the side-by-side of the latest two
// tellings of the same story.
func ProgressText(w io.Writer, p *Progress) error {
	b := bufio.NewWriter(w)
	for _, s := range p.Series {
		fmt.Fprintf(b, "%s: %d session(s)\n", s.LP.Name, len(s.Points))
		if len(s.Points) > 0 {
			for i, name := range figureNames() {
				v := seriesValues(s, i)
				fmt.Fprintf(b, "  %-20s %-12s %s -> %s\n", name, Sparkline(v), fmtFigure(i, v[0]), fmtFigure(i, v[len(v)-1]))
			}
		}
		if len(s.Partial) > 0 {
			fmt.Fprintf(b, "  cut off, not counted: %s\n", partialList(s.Partial))
		}
	}
	if p.Latest != nil {
		fmt.Fprintf(b, "\nThe same story, told twice (%.0f%% of content words shared):\n", p.Overlap*100)
		for _, t := range []*Telling{p.Previous, p.Latest} {
			fmt.Fprintf(b, "  %s answer(s) %v, %s: %q\n", t.SessionID, t.Answers, t.LP.Name, t.Question)
			fmt.Fprintf(b, "    %s\n", t.Text)
		}
		fmt.Fprintf(b, "  %-20s %10s %10s\n", "figure", "before", "latest")
		pv, lv := p.Previous.Figures.values(), p.Latest.Figures.values()
		for i, name := range figureNames() {
			fmt.Fprintf(b, "  %-20s %10s %10s\n", name, fmtFigure(i, pv[i]), fmtFigure(i, lv[i]))
		}
	}
	return b.Flush()
}

// partialList names cut-off tellings: "20261207-014314 answer 3, ...".
func partialList(ts []Telling) string {
	parts := make([]string, len(ts))
	for i, t := range ts {
		nums := make([]string, len(t.Answers))
		for k, n := range t.Answers {
			nums[k] = fmt.Sprint(n)
		}
		parts[i] = fmt.Sprintf("%s %s %s", t.SessionID, starloop.Plural(len(nums), "answer", "answers"), strings.Join(nums, ", "))
	}
	return strings.Join(parts, "; ")
}

func seriesValues(s Series, i int) []float64 {
	v := make([]float64, len(s.Points))
	for k, pt := range s.Points {
		v[k] = pt.Figures.values()[i]
	}
	return v
}

func fmtFigure(i int, v float64) string {
	if i <= 2 {
		return fmt.Sprintf("%.0f%%", v*100)
	}
	return fmt.Sprintf("%.0f", v)
}

// progressHTML is the progress section of the HTML report: an SVG line per
// figure per series, and the side-by-side of the same story.
func progressHTML(p *Progress) template.HTML {
	var b strings.Builder
	b.WriteString(`<section class="progress"><h2>Progress</h2>`)
	for _, s := range p.Series {
		fmt.Fprintf(&b, "<h3>%s · %d session(s)</h3><table>", template.HTMLEscapeString(s.LP.Name), len(s.Points))
		for i, name := range figureNames() {
			v := seriesValues(s, i)
			if len(v) == 0 {
				continue
			}
			fmt.Fprintf(&b, `<tr><td>%s</td><td>%s</td><td>%s → %s</td></tr>`, name, sparkSVG(v), fmtFigure(i, v[0]), fmtFigure(i, v[len(v)-1]))
		}
		b.WriteString("</table>")
		if len(s.Partial) > 0 {
			fmt.Fprintf(&b, `<p class="note">Cut off, not counted: %s</p>`, template.HTMLEscapeString(partialList(s.Partial)))
		}
	}
	if p.Latest != nil {
		fmt.Fprintf(&b, `<h3>The same story, told twice (%.0f%% of content words shared)</h3><div class="side">`, p.Overlap*100)
		for _, t := range []*Telling{p.Previous, p.Latest} {
			fmt.Fprintf(&b, `<div><p><b>%s</b> · %s</p><p class="q">%s</p><p>%s</p><table>`,
				template.HTMLEscapeString(t.SessionID), template.HTMLEscapeString(t.LP.Name),
				template.HTMLEscapeString(t.Question), template.HTMLEscapeString(t.Text))
			v := t.Figures.values()
			for i, name := range figureNames() {
				fmt.Fprintf(&b, "<tr><td>%s</td><td>%s</td></tr>", name, fmtFigure(i, v[i]))
			}
			b.WriteString("</table></div>")
		}
		b.WriteString("</div>")
	}
	b.WriteString("</section>")
	return template.HTML(b.String())
}

// sparkSVG is a small inline line chart of v.
func sparkSVG(v []float64) string {
	const w, h = 120.0, 24.0
	lo, hi := slices.Min(v), slices.Max(v)
	var pts []string
	for i, x := range v {
		px := w / 2
		if len(v) > 1 {
			px = float64(i)/float64(len(v)-1)*(w-4) + 2
		}
		py := h / 2
		if hi > lo {
			py = h - 2 - (x-lo)/(hi-lo)*(h-4)
		}
		pts = append(pts, fmt.Sprintf("%.1f,%.1f", px, py))
	}
	return fmt.Sprintf(`<svg class="spark" width="%.0f" height="%.0f" viewBox="0 0 %.0f %.0f"><polyline points="%s" fill="none" stroke="#0f766e" stroke-width="2"/></svg>`,
		w, h, w, h, strings.Join(pts, " "))
}

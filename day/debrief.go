package day

import (
	"encoding/json"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/starloop/starloop"
	"github.com/starloop/starloop/judge"
	"github.com/starloop/starloop/numerals"
	"github.com/starloop/starloop/rubric"
)

// Answer is what the debrief needs of one recorded answer.
type Answer struct {
	N        int    `json:"n"`     // numbered across the whole day, from 1
	Round    int    `json:"round"` // Round.N
	LP       string `json:"lp,omitempty"`
	Question string `json:"question"`
	FollowUp bool   `json:"follow_up,omitempty"`
	// Judged is the judgement saved with the answer (judge.Decode of
	// session.Answer.Report); nil when none was saved. For a follow-up its
	// Thread is the judgement of the whole thread so far.
	Judged *judge.Judged `json:"-"`
	// Words and Length say how long the answer itself was.
	Words  int           `json:"words"`
	Length time.Duration `json:"length_ns,omitempty"`
	// Story labels the story the answer told, when it matched the story
	// bank or an earlier answer ("Billing migration"); empty otherwise.
	Story string `json:"story,omitempty"`
	// Reuse is the warning when the answer retold a story already told to
	// another interviewer, or to the same one under another LP; empty
	// otherwise.
	Reuse string `json:"reuse,omitempty"`
	// Mismatch is the warning when the answer's LP evidence points
	// elsewhere (whichlp.Mismatch); empty otherwise.
	Mismatch string `json:"mismatch,omitempty"`
	// Intro is the check of the introduction (judge.CheckIntro) as saved
	// with the introduction round's answer; nil otherwise.
	Intro *judge.IntroCheck `json:"-"`
	// Guess is the candidate's guess of the LP probed, for a main question
	// asked with --guess-lp; nil otherwise.
	Guess *Guess `json:"guess,omitempty"`
}

// Guess is a scored guess of the LP a question probed (whichlp.Guess).
type Guess struct {
	Said  string  `json:"said"`
	LP    string  `json:"lp,omitempty"` // the name of the LP guessed, empty when unknown
	Score float64 `json:"score"`
}

// Leaning is an interviewer's vote in the debrief.
type Leaning string

// The leanings.
const (
	Inclined    Leaning = "inclined"
	NotInclined Leaning = "not inclined"
)

// Debrief is the end of the day: what each interviewer heard and leans to.
type Debrief struct {
	Intro        *Intro        `json:"intro,omitempty"`
	Interviewers []Interviewer `json:"interviewers"`
	LPs          []LPNote      `json:"lps"`
	Stories      []StoryUse    `json:"stories,omitempty"`
	Reuses       []string      `json:"reuses,omitempty"`
	Mismatches   []string      `json:"mismatches,omitempty"`
	Guesses      *GuessTally   `json:"guesses,omitempty"`
	Rule         string        `json:"rule"`
}

// Intro is the verdict on the introduction.
type Intro struct {
	Length time.Duration `json:"length_ns"`
	Words  int           `json:"words"`
	Note   string        `json:"note"`
}

// Interviewer is one interviewer's leaning and the reasons for it.
type Interviewer struct {
	Round     int      `json:"round"`
	Name      string   `json:"name"`
	BarRaiser bool     `json:"bar_raiser,omitempty"`
	English   bool     `json:"english,omitempty"`
	LPs       []string `json:"lps"` // names
	Leaning   Leaning  `json:"leaning"`
	// Verdicts are the verdicts on the stories told to them, one a
	// thread, as review shows them on the thread's last answer:
	// "Ownership (answers 2, 3): inclined: a clear story; see the notes".
	Verdicts []string `json:"verdicts,omitempty"`
	Reasons  []string `json:"reasons"`
}

// LPNote is the debrief on one LP assigned in the day.
type LPNote struct {
	ID          string   `json:"id"`
	Name        string   `json:"name"`
	Interviewer string   `json:"interviewer"`
	Asked       int      `json:"asked"` // main questions asked on it
	Evidence    []string `json:"evidence,omitempty"`
	Missing     []string `json:"missing,omitempty"`
}

// StoryUse says which story served which LP, with whom.
type StoryUse struct {
	Story string   `json:"story"`
	Uses  []string `json:"uses"` // "Ownership (Priya)"
}

// GuessTally scores the LP guesses.
type GuessTally struct {
	Count int      `json:"count"`
	Score float64  `json:"score"` // sum of the guesses' scores
	Lines []string `json:"lines"`
}

// Rule is the leaning rule, as the debrief prints it.
const Rule = "Each story gets the verdict review gives it: strong with all four STAR parts, one specific time, " +
	"a measurable result, mostly \"I\" and about two minutes; inclined with at least an action and a result; " +
	"no story when it tells no one specific time; otherwise not inclined. A follow-up completes its main question's story, and one where nothing was said " +
	"leaves it as it was. An interviewer is inclined when every story told to them is strong or inclined and " +
	"none retells a story already told in the loop; otherwise not inclined, for the reasons listed. " +
	"An interviewer who heard no answer is not inclined."

// thread is a main answer and its follow-ups.
type thread struct {
	main Answer
	all  []Answer
}

func threads(as []Answer) []thread {
	var out []thread
	for _, a := range as {
		if a.FollowUp && len(out) > 0 {
			t := &out[len(out)-1]
			t.all = append(t.all, a)
			continue
		}
		out = append(out, thread{main: a, all: []Answer{a}})
	}
	return out
}

// judged is the thread's judgement: the last one saved in it. A
// follow-up saved without one (older sessions, where nothing said was not
// judged) leaves the story as it was.
func (t thread) judged() *rubric.Report {
	for i := len(t.all) - 1; i >= 0; i-- {
		if r := t.all[i].Judged.Thread(); r != nil {
			return r
		}
	}
	return nil
}

// words is how many words were said in the whole thread.
func (t thread) words() int {
	n := 0
	for _, a := range t.all {
		n += a.Words
	}
	return n
}

// verdict is the verdict on the thread's story (judge.VerdictOf).
func (t thread) verdict() judge.Verdict { return judge.VerdictOf(t.judged()) }

// line is the thread's verdict as the debrief lists it.
func (t thread) line(lpName string) string {
	ns := make([]string, len(t.all))
	for i, a := range t.all {
		ns[i] = fmt.Sprint(a.N)
	}
	which := "answer " + ns[0]
	if len(ns) > 1 {
		which = "answers " + strings.Join(ns, ", ")
	}
	return fmt.Sprintf("%s (%s): %s", lpName, which, t.verdict())
}

// gaps are what a thread lacks, as reasons for the debrief: the judge's
// gaps of its story (judge.Gaps), and a retelling.
func (t thread) gaps(lpName string) []string {
	r := t.judged()
	var out []string
	switch {
	case t.words() == 0:
		return []string{lpName + ": no answer heard"}
	case r == nil:
		return []string{lpName + ": not judged"}
	case !r.Answer:
		out = append(out, lpName+": no specific past story was told")
	default:
		for _, g := range judge.Gaps(r) {
			out = append(out, lpName+": "+g)
		}
	}
	for _, a := range t.all {
		if a.Reuse != "" {
			out = append(out, lpName+": "+a.Reuse)
			break
		}
	}
	return out
}

// inclined says whether the thread leaves its interviewer inclined.
func (t thread) inclined() bool {
	if !t.verdict().Inclined() {
		return false
	}
	for _, a := range t.all {
		if a.Reuse != "" {
			return false
		}
	}
	return true
}

// Build writes the debrief of day from its answers, in the order given.
// lpName names LP ids (nil: the ids are shown).
func Build(day Day, answers []Answer, lpName func(string) string) Debrief {
	if lpName == nil {
		lpName = func(id string) string { return id }
	}
	name := func(id string) string {
		if n := lpName(id); n != "" {
			return n
		}
		return id
	}
	byRound := map[int][]Answer{}
	for _, a := range answers {
		byRound[a.Round] = append(byRound[a.Round], a)
	}
	d := Debrief{Rule: Rule}
	stories := map[string][]string{}
	var storyOrder []string
	for _, r := range day.Rounds {
		ts := threads(byRound[r.N])
		if r.Intro {
			d.Intro = introNote(ts)
			continue
		}
		iv := Interviewer{Round: r.N, Name: r.Interviewer, BarRaiser: r.BarRaiser, English: r.English}
		for _, id := range r.LPs {
			iv.LPs = append(iv.LPs, name(id))
		}
		for _, id := range r.LPs {
			note := LPNote{ID: id, Name: name(id), Interviewer: r.Interviewer}
			for _, t := range ts {
				if t.main.LP != id {
					continue
				}
				note.Asked++
				note.Evidence = append(note.Evidence, evidence(t)...)
				for _, g := range t.gaps(name(id)) {
					note.Missing = append(note.Missing, strings.TrimPrefix(g, name(id)+": "))
				}
			}
			if note.Asked == 0 {
				note.Missing = append(note.Missing, "not asked in this loop")
			}
			d.LPs = append(d.LPs, note)
		}
		for _, t := range ts {
			iv.Reasons = append(iv.Reasons, t.gaps(name(t.main.LP))...)
			for _, a := range t.all {
				if a.Mismatch != "" {
					d.Mismatches = append(d.Mismatches, fmt.Sprintf("answer %d (%s): %s", a.N, r.Interviewer, a.Mismatch))
				}
			}
			if t.main.Reuse != "" {
				d.Reuses = append(d.Reuses, fmt.Sprintf("answer %d (%s, %s): %s", t.main.N, r.Interviewer, name(t.main.LP), t.main.Reuse))
			}
			if s := t.main.Story; s != "" {
				if _, ok := stories[s]; !ok {
					storyOrder = append(storyOrder, s)
				}
				stories[s] = append(stories[s], fmt.Sprintf("%s (%s)", name(t.main.LP), r.Interviewer))
			}
			if g := t.main.Guess; g != nil {
				if d.Guesses == nil {
					d.Guesses = &GuessTally{}
				}
				d.Guesses.Count++
				d.Guesses.Score += g.Score
				guessed := g.LP
				if guessed == "" {
					guessed = fmt.Sprintf("%q (no LP)", g.Said)
				}
				d.Guesses.Lines = append(d.Guesses.Lines, fmt.Sprintf("answer %d: guessed %s, asked %s: %s", t.main.N, guessed, name(t.main.LP), scoreWord(g.Score)))
			}
		}
		inclined := len(ts) > 0
		for _, t := range ts {
			iv.Verdicts = append(iv.Verdicts, t.line(name(t.main.LP)))
			inclined = inclined && t.inclined()
		}
		switch {
		case len(ts) == 0:
			iv.Leaning, iv.Reasons = NotInclined, []string{"no answer heard"}
		case inclined:
			iv.Leaning = Inclined
		default:
			iv.Leaning = NotInclined
		}
		d.Interviewers = append(d.Interviewers, iv)
	}
	for _, s := range storyOrder {
		d.Stories = append(d.Stories, StoryUse{Story: s, Uses: stories[s]})
	}
	return d
}

func scoreWord(s float64) string {
	switch {
	case s >= 1:
		return "right"
	case s > 0:
		return "close"
	}
	return "wrong"
}

// evidence is what the thread's judgement heard, for the debrief.
func evidence(t thread) []string {
	r := t.judged()
	var out []string
	if r != nil && r.Answer {
		var parts []string
		for _, p := range []struct {
			ok   bool
			name string
		}{{r.STAR.Situation.Present, "Situation"}, {r.STAR.Task.Present, "Task"}, {r.STAR.Action.Present, "Action"}, {r.STAR.Result.Present, "Result"}} {
			if p.ok {
				parts = append(parts, p.name)
			}
		}
		if len(parts) > 0 {
			out = append(out, "STAR: "+starloop.JoinAnd(parts)+" heard")
		}
		var measures []string
		for _, m := range r.Metrics {
			if m.InResult {
				measures = append(measures, numerals.Text(m.Text))
			}
		}
		if len(measures) > 0 {
			out = append(out, "measures: "+strings.Join(measures, ", "))
		}
		out = append(out, fmt.Sprintf("I %d, we %d", r.Ownership.I, r.Ownership.We))
	}
	if t.main.Story != "" {
		out = append(out, "story: "+t.main.Story)
	}
	return out
}

func introNote(ts []thread) *Intro {
	if len(ts) == 0 {
		return nil
	}
	a := ts[0].main
	in := &Intro{Length: a.Length, Words: a.Words}
	if a.Intro != nil && a.Words > 0 {
		// The check shown under the introduction, its gaps included.
		in.Note = a.Intro.LengthNote()
		if m := a.Intro.Missing(); len(m) > 0 {
			in.Note += "; missing: " + strings.Join(m, "; ")
		}
		return in
	}
	// No check saved (a session stopped in its turn): its length alone.
	in.Note = judge.IntroCheck{Length: a.Length, Words: a.Words}.LengthNote()
	return in
}

// Spoken is the debrief in one or two sentences, to be said aloud: how
// many interviewers are inclined and, if any is not, the first two reasons.
func (d Debrief) Spoken() string {
	n, yes := len(d.Interviewers), 0
	var reasons []string
	for _, iv := range d.Interviewers {
		if iv.Leaning == Inclined {
			yes++
			continue
		}
		for _, r := range iv.Reasons {
			if !slices.Contains(reasons, r) {
				reasons = append(reasons, r)
			}
		}
	}
	s := fmt.Sprintf("Debrief: %d of %d interviewers inclined.", yes, n)
	if len(reasons) > 2 {
		reasons = reasons[:2]
	}
	if len(reasons) > 0 {
		s += " To work on: " + strings.Join(reasons, "; and ") + "."
	}
	return s
}

// Markdown is the full debrief, as saved in debrief.md and printed.
func (d Debrief) Markdown() string {
	var b strings.Builder
	b.WriteString("# Loop debrief\n\n")
	if d.Intro != nil {
		fmt.Fprintf(&b, "Introduction: %s.\n\n", d.Intro.Note)
	}
	b.WriteString("## Interviewers\n\n")
	for _, iv := range d.Interviewers {
		role := ""
		if iv.BarRaiser {
			role += ", bar raiser"
		}
		if iv.English {
			role += ", English round"
		}
		fmt.Fprintf(&b, "- Round %d, %s (%s%s): **%s**\n", iv.Round, iv.Name, starloop.JoinAnd(iv.LPs), role, iv.Leaning)
		for _, v := range iv.Verdicts {
			fmt.Fprintf(&b, "  - %s\n", v)
		}
		for _, r := range iv.Reasons {
			fmt.Fprintf(&b, "  - %s\n", r)
		}
	}
	b.WriteString("\n## Leadership Principles\n")
	for _, lp := range d.LPs {
		fmt.Fprintf(&b, "\n### %s (%s)\n\n", lp.Name, lp.Interviewer)
		if len(lp.Evidence) > 0 {
			fmt.Fprintf(&b, "Heard: %s.\n", strings.Join(lp.Evidence, "; "))
		}
		if len(lp.Missing) > 0 {
			fmt.Fprintf(&b, "Missing: %s.\n", strings.Join(lp.Missing, "; "))
		} else {
			b.WriteString("Missing: nothing.\n")
		}
	}
	if len(d.Stories) > 0 {
		b.WriteString("\n## Stories told\n\n")
		for _, s := range d.Stories {
			fmt.Fprintf(&b, "- %s: %s\n", s.Story, strings.Join(s.Uses, ", "))
		}
	}
	if len(d.Reuses) > 0 {
		b.WriteString("\n## Retold stories\n\n")
		for _, r := range d.Reuses {
			fmt.Fprintf(&b, "- %s\n", r)
		}
	}
	if len(d.Mismatches) > 0 {
		b.WriteString("\n## Answers that fit another LP\n\n")
		for _, m := range d.Mismatches {
			fmt.Fprintf(&b, "- %s\n", m)
		}
	}
	if g := d.Guesses; g != nil {
		fmt.Fprintf(&b, "\n## LP guesses: %s of %d\n\n", trimFloat(g.Score), g.Count)
		for _, l := range g.Lines {
			fmt.Fprintf(&b, "- %s\n", l)
		}
	}
	fmt.Fprintf(&b, "\nRule: %s\n", d.Rule)
	return b.String()
}

func trimFloat(f float64) string { return strings.TrimSuffix(fmt.Sprintf("%.1f", f), ".0") }

// JSON is the debrief as saved in debrief.json.
func (d Debrief) JSON() ([]byte, error) {
	b, err := json.MarshalIndent(d, "", "  ")
	if err != nil {
		return nil, err
	}
	return append(b, '\n'), nil
}

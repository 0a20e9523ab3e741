package judge

import (
	"fmt"
	"regexp"
	"strings"
	"time"
)

// IntroCheck is the judgement of a self-introduction ("tell me about
// yourself"). It is not a STAR story: it is a pitch of 60 to 90 seconds in
// three moves (who you are now, what you did before, why this job) that
// carries the points an interviewer listens for: your role, your
// experience, one thing you achieved, and why you want the job.
//
// It is saved with the answer as a Judged of Kind IntroKind, and every view
// of the answer (the terminal, review, the reports, the debrief) shows it
// from there: its length note, structure and key points, never STAR parts
// or a STAR leaning.
type IntroCheck struct {
	Length time.Duration `json:"length_ns"`
	Words  int           `json:"words"`
	// The structure: the present, the past, the future.
	Now    bool `json:"now"`
	Before bool `json:"before"`
	Next   bool `json:"next"`
	// The key points.
	Role       bool `json:"role"`
	Experience bool `json:"experience"`
	Highlight  bool `json:"highlight"`
	Why        bool `json:"why"`
}

// IntroKind is the Judged.Kind of an introduction.
const IntroKind = "introduction"

// IntroMin and IntroMax bound a good self-introduction.
const (
	IntroMin = 60 * time.Second
	IntroMax = 90 * time.Second
)

// Introduction is the judgement of an introduction checked c, as it is
// saved with the answer: no rubric report, since it is no STAR story.
func Introduction(c IntroCheck) Judged { return Judged{Kind: IntroKind, Intro: &c} }

// introCues are the phrases that show each move and key point, matched on
// the lower-cased words of the answer as whole words or phrases.
var introCues = map[string]*regexp.Regexp{
	"now":        cue(`i am|i'm|i work|i lead|i manage|currently|right now|these days|at the moment|today i`),
	"before":     cue(`before|previously|earlier|i spent|i worked|i started|i joined|i led|i built|i was|i studied|i graduated|years ago|prior to`),
	"next":       cue(`i want|i'd like|i would like|i'm looking|i am looking|looking for|looking to|next step|excited|hope to|i'd love|i would love|that's why|which is why|join`),
	"role":       cue(`engineer|developer|programmer|manager|lead|scientist|designer|analyst|architect|consultant|product|student|researcher|administrator`),
	"experience": cue(`(?:\d+|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty)\s+years?`),
	"highlight":  cue(`led|built|launched|shipped|cut|grew|reduced|increased|saved|delivered|created|designed|founded|migrated|scaled|improved`),
	"why":        cue(`amazon|aws|this role|this team|this job|this position|this company|customers|because`),
}

func cue(alts string) *regexp.Regexp { return regexp.MustCompile(`\b(?:` + alts + `)\b`) }

// CheckIntro judges the introduction text, length long (0 when untimed).
func CheckIntro(text string, length time.Duration) IntroCheck {
	t := strings.ToLower(strings.Join(strings.Fields(text), " "))
	has := func(k string) bool { return introCues[k].MatchString(t) }
	return IntroCheck{
		Length: length, Words: len(strings.Fields(text)),
		Now: has("now"), Before: has("before"), Next: has("next"),
		Role: has("role"), Experience: has("experience"), Highlight: has("highlight"), Why: has("why"),
	}
}

// LengthNote says how the length compares with the 60 to 90 s aim.
func (c IntroCheck) LengthNote() string {
	switch {
	case c.Words == 0:
		return "no introduction heard"
	case c.Length == 0:
		return fmt.Sprintf("%d words; aim for 60 to 90 seconds", c.Words)
	case c.Length < IntroMin:
		return fmt.Sprintf("%s: short; aim for 60 to 90 seconds", clock(c.Length))
	case c.Length > IntroMax:
		return fmt.Sprintf("%s: long; aim for 60 to 90 seconds", clock(c.Length))
	}
	return fmt.Sprintf("%s: within the 60 to 90 second target", clock(c.Length))
}

// Missing are the moves and key points not heard, in a fixed order.
func (c IntroCheck) Missing() []string {
	var out []string
	for _, m := range []struct {
		ok   bool
		what string
	}{
		{c.Now, "who you are now"}, {c.Before, "what you did before"}, {c.Next, "what you want next"},
		{c.Role, "your role"}, {c.Experience, "your years of experience"}, {c.Highlight, "one thing you achieved"}, {c.Why, "why this job"},
	} {
		if !m.ok {
			out = append(out, m.what)
		}
	}
	return out
}

// Lines are the check as the terminal shows it under the answer, each a
// label and its text (Rows, the label padded); none when nothing was said.
func (c IntroCheck) Lines() []string {
	if c.Words == 0 {
		return nil
	}
	var lines []string
	for _, r := range c.Rows() {
		lines = append(lines, fmt.Sprintf("%-9s %s", r[0], r[1]))
	}
	return lines
}

// Rows are the check as label and text, for the reports' tables: the
// length note, the structure, the key points and, if any, what is missing.
// When nothing was said there is only the length note.
func (c IntroCheck) Rows() [][2]string {
	rows := [][2]string{{"Length", c.LengthNote()}}
	if c.Words == 0 {
		return rows
	}
	yes := map[bool]string{true: "yes", false: "no"}
	rows = append(rows,
		[2]string{"Structure", fmt.Sprintf("now %s, before %s, next %s", yes[c.Now], yes[c.Before], yes[c.Next])},
		[2]string{"Points", fmt.Sprintf("role %s, experience %s, an achievement %s, why this job %s", yes[c.Role], yes[c.Experience], yes[c.Highlight], yes[c.Why])})
	if m := c.Missing(); len(m) > 0 {
		rows = append(rows, [2]string{"Missing", strings.Join(m, "; ")})
	}
	return rows
}

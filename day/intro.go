package day

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
type IntroCheck struct {
	Length time.Duration `json:"length_ns"`
	Words  int           `json:"words"`
	// The structure: the present, the past, the future.
	Now, Before, Next bool
	// The key points.
	Role, Experience, Highlight, Why bool
}

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
// label and its text.
func (c IntroCheck) Lines() []string {
	if c.Words == 0 {
		return nil
	}
	yes := map[bool]string{true: "yes", false: "no"}
	lines := []string{
		"Length    " + c.LengthNote(),
		fmt.Sprintf("Structure now %s, before %s, next %s", yes[c.Now], yes[c.Before], yes[c.Next]),
		fmt.Sprintf("Points    role %s, experience %s, an achievement %s, why this job %s", yes[c.Role], yes[c.Experience], yes[c.Highlight], yes[c.Why]),
	}
	if m := c.Missing(); len(m) > 0 {
		lines = append(lines, "Missing   "+strings.Join(m, "; "))
	}
	return lines
}

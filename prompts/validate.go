package prompts

import (
	"errors"
	"fmt"
	"strings"

	"github.com/starloop/starloop/lexicon"
)

// The bank's rules. The data holds more than the minimums; the minimums are
// what the interviewer needs to run a full loop without repeating itself.
const (
	wantLPs         = 16 // Amazon's Leadership Principles since July 2021
	minQuestions    = 6
	minFollowUps    = 4
	minSignals      = 3
	maxSignals      = 6
	maxNamingTheLP  = 2 // questions per LP that may say the LP's name
	maxSpokenLength = 200
)

// validate checks f against the bank's rules and returns the first breach
// found, naming where it is.
func validate(f *bankFile) error {
	if len(f.LPs) != wantLPs {
		return fmt.Errorf("%d LPs, want %d", len(f.LPs), wantLPs)
	}
	ids := map[string]bool{}
	names := map[string]bool{}
	questions := map[string]string{} // normalised question -> where it is
	for i, lp := range f.LPs {
		where := fmt.Sprintf("LP %d (%s)", i+1, lp.ID)
		if !validID(lp.ID) {
			return fmt.Errorf("%s: id must be lower-case words joined by '-'", where)
		}
		if ids[lp.ID] {
			return fmt.Errorf("%s: duplicate id", where)
		}
		ids[lp.ID] = true
		n := lexicon.Normalise(lp.Name)
		if n == "" {
			return fmt.Errorf("%s: no name", where)
		}
		if names[n] {
			return fmt.Errorf("%s: duplicate name %q", where, lp.Name)
		}
		names[n] = true
		if err := checkLine(lp.Meaning); err != nil {
			return fmt.Errorf("%s meaning: %w", where, err)
		}
		if len(lp.Signals) < minSignals || len(lp.Signals) > maxSignals {
			return fmt.Errorf("%s: %d signals, want %d to %d", where, len(lp.Signals), minSignals, maxSignals)
		}
		for j, s := range lp.Signals {
			if err := checkPhrase(s); err != nil {
				return fmt.Errorf("%s signal %d: %w", where, j+1, err)
			}
		}
		if len(lp.Questions) < minQuestions {
			return fmt.Errorf("%s: %d questions, want at least %d", where, len(lp.Questions), minQuestions)
		}
		naming, forms := 0, nameForms(lp)
		for j, q := range lp.Questions {
			if err := checkLine(q); err != nil {
				return fmt.Errorf("%s question %d: %w", where, j+1, err)
			}
			nq := lexicon.Normalise(q)
			if prev, dup := questions[nq]; dup {
				return fmt.Errorf("%s question %d: same as %s", where, j+1, prev)
			}
			questions[nq] = fmt.Sprintf("%s question %d", where, j+1)
			if saysAny(nq, forms) {
				naming++
			}
		}
		if naming > maxNamingTheLP {
			return fmt.Errorf("%s: %d questions say the LP's name, at most %d may", where, naming, maxNamingTheLP)
		}
		if len(lp.FollowUps) < minFollowUps {
			return fmt.Errorf("%s: %d follow-ups, want at least %d", where, len(lp.FollowUps), minFollowUps)
		}
		if err := checkLines(lp.FollowUps); err != nil {
			return fmt.Errorf("%s follow-up %w", where, err)
		}
	}
	for r := range f.Generic {
		if !validReason(r) {
			return fmt.Errorf("generic follow-ups: unknown reason %q", r)
		}
	}
	for _, r := range Reasons() {
		lines := f.Generic[r]
		if len(lines) == 0 {
			return fmt.Errorf("generic follow-ups: no phrasing for %q", r)
		}
		if err := checkLines(lines); err != nil {
			return fmt.Errorf("generic follow-up %q %w", r, err)
		}
	}
	if err := checkLine(f.WrapUp); err != nil {
		return fmt.Errorf("wrap-up: %w", err)
	}
	if len(f.Transitions) == 0 {
		return errors.New("no transitions")
	}
	if err := checkLines(f.Transitions); err != nil {
		return fmt.Errorf("transition %w", err)
	}
	return nil
}

// nameForms returns the ways a question could say lp's name, normalised:
// the name, and each half of a two-part name such as "Have Backbone;
// Disagree and Commit". Most questions should say none of them: real
// interviewers describe the situation rather than name the principle.
func nameForms(lp LP) []string {
	var out []string
	for _, p := range append([]string{lp.Name}, strings.Split(lp.Name, ";")...) {
		if n := lexicon.Normalise(p); n != "" {
			out = append(out, n)
		}
	}
	return out
}

// saysAny reports whether normalised text holds any of the normalised
// phrases as whole words.
func saysAny(text string, phrases []string) bool {
	t := " " + text + " "
	for _, p := range phrases {
		if strings.Contains(t, " "+p+" ") {
			return true
		}
	}
	return false
}

func validID(id string) bool {
	if id == "" || id[0] == '-' || id[len(id)-1] == '-' || strings.Contains(id, "--") {
		return false
	}
	for _, r := range id {
		if (r < 'a' || r > 'z') && r != '-' {
			return false
		}
	}
	return true
}

func validReason(r Reason) bool {
	for _, k := range Reasons() {
		if r == k {
			return true
		}
	}
	return false
}

// checkLines checks each of a list of spoken lines and that no two are the
// same once normalised. Its error starts with the line's number.
func checkLines(lines []string) error {
	seen := map[string]int{}
	for i, l := range lines {
		if err := checkLine(l); err != nil {
			return fmt.Errorf("%d: %w", i+1, err)
		}
		n := lexicon.Normalise(l)
		if j, dup := seen[n]; dup {
			return fmt.Errorf("%d: same as %d", i+1, j+1)
		}
		seen[n] = i
	}
	return nil
}

// checkLine checks a sentence that will be spoken or shown on its own: it
// must end in "?" or ".".
func checkLine(s string) error {
	if err := checkPhrase(s); err != nil {
		return err
	}
	if !strings.HasSuffix(s, "?") && !strings.HasSuffix(s, ".") {
		return fmt.Errorf("%q does not end with \"?\" or \".\"", s)
	}
	return nil
}

// checkPhrase checks text that will be spoken by a TTS voice or printed in a
// terminal: non-empty, printable ASCII (voices such as flite mispronounce or
// skip anything else), tidy spacing, and short enough to say in one breath
// or two.
func checkPhrase(s string) error {
	if strings.TrimSpace(s) == "" {
		return errors.New("empty")
	}
	for _, r := range s {
		if r < ' ' || r > '~' {
			return fmt.Errorf("%q: character %q is not printable ASCII", s, r)
		}
	}
	if strings.TrimSpace(s) != s || strings.Contains(s, "  ") {
		return fmt.Errorf("%q: stray spaces", s)
	}
	if len(s) > maxSpokenLength {
		return fmt.Errorf("%q: longer than %d characters", s, maxSpokenLength)
	}
	return nil
}

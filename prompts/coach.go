package prompts

import (
	"embed"
	"strings"
	"text/template"

	"github.com/starloop/starloop"
)

// The coach's prompts: templates for a language model that judges an answer
// and asks the next follow-up. They are embedded like lps.json; data enters
// as a CoachInput and leaves as the two messages' text.
//
//go:embed coach/*.tmpl
var coachFS embed.FS

// CoachInput is what the coach's prompts are filled with.
type CoachInput struct {
	LPName   string // the LP's official name, e.g. "Dive Deep"
	Language string // the answer's language code, e.g. "en" or "ko"; "" for English
	Question string // the main question of the thread
	// Thread is the thread so far: the main question and its answer first,
	// then each follow-up and its answer; the last is the one being judged.
	Thread []Exchange
	Rubric string   // the offline rubric's report, as JSON
	Asked  []string // follow-ups already asked in this thread
	// Reasons are the values the model may give as its reason.
	Reasons []string
}

// Exchange is one question and the answer to it.
type Exchange struct {
	Question, Answer string
}

// CoachPrompt renders the coach's system and user messages for in. It fails
// only if in cannot be rendered, which is a bug: the templates are fixed.
func CoachPrompt(in CoachInput) (system, user string, err error) {
	t, err := template.New("coach").Funcs(template.FuncMap{"join": strings.Join}).ParseFS(coachFS, "coach/*.tmpl")
	if err != nil {
		return "", "", starloop.E("parse coach prompts", starloop.Other, err)
	}
	var s, u strings.Builder
	if err := t.ExecuteTemplate(&s, "system.tmpl", in); err != nil {
		return "", "", starloop.E("render coach prompt", starloop.Other, err)
	}
	if err := t.ExecuteTemplate(&u, "user.tmpl", in); err != nil {
		return "", "", starloop.E("render coach prompt", starloop.Other, err)
	}
	return strings.TrimSpace(s.String()), strings.TrimSpace(u.String()), nil
}

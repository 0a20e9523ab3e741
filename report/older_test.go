package report

import (
	"bytes"
	"strings"
	"testing"

	"github.com/starloop/starloop"
	"github.com/starloop/starloop/judge"
	"github.com/starloop/starloop/session"
)

// A judgement saved before "specific" existed keeps its meaning: then
// "answer" was true only for one specific story.
func TestOlderReportSpecific(t *testing.T) {
	tests := []struct {
		name, json              string
		specific, storySpecific bool
	}{
		{"old, a story", `{"answer": true, "story": {"answer": true}}`, true, true},
		{"old, no story", `{"answer": false, "story": {"answer": false}}`, false, false},
		{"new, a habit", `{"answer": true, "specific": false, "story": {"answer": true, "specific": false}}`, false, false},
		{"new, a story", `{"answer": true, "specific": true, "story": {"answer": true, "specific": true}}`, true, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := Build(session.Meta{}, []session.Answer{{N: 1, Report: []byte(tt.json)}}, nil, Options{})
			a := s.Answers[0]
			if a.Rubric == nil || a.Story == nil {
				t.Fatalf("report %v story %v", a.Rubric, a.Story)
			}
			if a.Rubric.Specific != tt.specific || a.Story.Specific != tt.storySpecific {
				t.Errorf("specific %v, story %v; want %v, %v", a.Rubric.Specific, a.Story.Specific, tt.specific, tt.storySpecific)
			}
		})
	}
}

// TestOlderIntroduction: a loop day's introduction saved before answers
// had a kind (no LP, the rubric's report) loads and renders as it always
// did: as a STAR answer with a verdict, not as an introduction.
func TestOlderIntroduction(t *testing.T) {
	rec := `{"answer": false, "specific": false, "star": {}, "words": 12, "minutes": 0.1, "ownership": {"i": 2, "we": 0}}`
	s := Build(session.Meta{ID: "20261201-090000"}, []session.Answer{{N: 1, Question: "Before we start, tell me about yourself.",
		Transcript: starloop.Transcript{Text: "I am a backend engineer and I lead a team of five"}, Report: []byte(rec)}}, nil, Options{})
	a := s.Answers[0]
	if a.Kind != "" || a.Intro != nil || a.Rubric == nil || a.Verdict != judge.NoAnswer {
		t.Fatalf("kind %q intro %v rubric %v verdict %q: want a STAR answer, no story told", a.Kind, a.Intro, a.Rubric, a.Verdict)
	}
	var b bytes.Buffer
	if err := Text(&b, s); err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"Answer 1 · Question · \n", "  STAR      ", "  Verdict   no answer: no specific past story was told\n"} {
		if !strings.Contains(b.String(), want) {
			t.Errorf("review lacks %q:\n%s", want, b.String())
		}
	}
}

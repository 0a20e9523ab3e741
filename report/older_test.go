package report

import (
	"testing"

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

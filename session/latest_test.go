package session

import "testing"

func TestLatest(t *testing.T) {
	answered := []AnswerRef{{N: 1}}
	for _, tt := range []struct {
		metas []Meta
		want  string
	}{
		{nil, ""},
		{[]Meta{{ID: "a"}, {ID: "b"}}, "b"},
		{[]Meta{{ID: "a", Answers: answered}, {ID: "b", Answers: answered}, {ID: "c"}}, "b"},
		{[]Meta{{ID: "a", Answers: answered}, {ID: "b"}}, "a"},
	} {
		if got := Latest(tt.metas); got != tt.want {
			t.Errorf("Latest(%v) = %q, want %q", tt.metas, got, tt.want)
		}
	}
}

package starloop

import "testing"

func TestJoinAnd(t *testing.T) {
	for _, tt := range []struct {
		in   []string
		want string
	}{
		{nil, ""},
		{[]string{"Ownership"}, "Ownership"},
		{[]string{"Ownership", "Dive Deep"}, "Ownership and Dive Deep"},
		{[]string{"a", "b", "c"}, "a, b and c"},
	} {
		if got := JoinAnd(tt.in); got != tt.want {
			t.Errorf("JoinAnd(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestPlural(t *testing.T) {
	for _, tt := range []struct {
		n    int
		want string
	}{
		{0, "stories"},
		{1, "story"},
		{2, "stories"},
		{-1, "stories"},
	} {
		if got := Plural(tt.n, "story", "stories"); got != tt.want {
			t.Errorf("Plural(%d, story, stories) = %q, want %q", tt.n, got, tt.want)
		}
	}
}

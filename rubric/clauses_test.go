package rubric

import (
	"reflect"
	"strings"
	"testing"
)

func clauseTexts(in string) []string {
	toks := tokenize(in)
	var out []string
	for _, sp := range segment(toks) {
		out = append(out, strings.Join(words(toks[sp.start:sp.end]), " "))
	}
	return out
}

func TestSegment(t *testing.T) {
	tests := []struct {
		name string
		in   string
		want []string
	}{
		{"sentences", "We had a problem. I fixed it.", []string{"we had a problem", "i fixed it"}},
		{"so as connective", "the build was slow so i rewrote the cache",
			[]string{"the build was slow", "so i rewrote the cache"}},
		{"so as intensifier", "it was so slow that nobody used it", []string{"it was so slow that nobody used it"}},
		{"and then", "i wrote a script and then we ran it", []string{"i wrote a script", "and then we ran it"}},
		{"and before a subject", "i wrote the tests and we shipped on friday",
			[]string{"i wrote the tests", "and we shipped on friday"}},
		{"and joining a subject", "my manager and i decided to wait", []string{"my manager and i decided to wait"}},
		{"result openers", "i fixed the query as a result pages loaded faster in the end everyone was happy",
			[]string{"i fixed the query", "as a result pages loaded faster", "in the end everyone was happy"}},
		{"because", "we waited because the data was late", []string{"we waited", "because the data was late"}},
		{"which meant", "we cut the steps which meant fewer errors", []string{"we cut the steps", "which meant fewer errors"}},
		{"when with subject", "it broke when we deployed", []string{"it broke", "when we deployed"}},
		{"back then", "back then we used perl", []string{"back then we used perl"}},
		{"run-on", "we had a slow build pipeline i rewrote it", []string{"we had a slow build pipeline", "i rewrote it"}},
		{"relative i", "the fix that i wrote worked", []string{"the fix that i wrote worked"}},
		{"what i did", "the team was stuck what i did was call the vendor",
			[]string{"the team was stuck", "what i did was call the vendor"}},
		{"comma before subject", "Once it failed, I paged the owner", []string{"once it failed", "i paged the owner"}},
		{"comma in list", "I wrote tests, docs, and alerts", []string{"i wrote tests, docs, and alerts"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := clauseTexts(tt.in)
			// Joined words lose commas; compare without them.
			for i := range tt.want {
				tt.want[i] = strings.ReplaceAll(tt.want[i], ",", "")
			}
			if !reflect.DeepEqual(got, tt.want) {
				t.Errorf("segment(%q)\n got %q\nwant %q", tt.in, got, tt.want)
			}
		})
	}
}

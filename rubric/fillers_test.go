package rubric

import (
	"reflect"
	"testing"
)

func TestFillers(t *testing.T) {
	tests := []struct {
		in   string
		want map[string]int
	}{
		{"I like Python and we would like more tests", map[string]int{}},
		{"it looked like a leak, things like that", map[string]int{}},
		{"it took like three hours", map[string]int{"like": 1}},
		{"so, like, we had, um, a problem", map[string]int{"like": 1, "um": 1}},
		{"uh I mean the build was uh slow", map[string]int{"uh": 2, "i mean": 1}},
		{"that's what I mean", map[string]int{}},
		{"you know, it was basically broken", map[string]int{"you know": 1, "basically": 1}},
		{"do you know what happened", map[string]int{}},
		{"you know what I did", map[string]int{}},
		{"it was kind of slow and sort of flaky", map[string]int{"kind of": 1, "sort of": 1}},
		{"a kind of cache, what sort of problem", map[string]int{}},
		{"I actually rewrote it", map[string]int{"actually": 1}},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			f := fillers(tokenize(tt.in), 0, false)
			if !reflect.DeepEqual(f.Words, tt.want) {
				t.Errorf("fillers = %v, want %v", f.Words, tt.want)
			}
			n := 0
			for _, c := range tt.want {
				n += c
			}
			if f.Count != n {
				t.Errorf("count = %d, want %d", f.Count, n)
			}
		})
	}
}

func TestFillersPerMinute(t *testing.T) {
	// 150 words with 3 fillers, untimed: 150 words is one minute at the
	// assumed 150 words a minute, so 3 a minute, estimated.
	toks := tokenize("um uh er " + repeatWord("word", 147))
	f := fillers(toks, 0, false)
	if f.Count != 3 || f.PerMinute != 3 || !f.Estimated {
		t.Errorf("untimed: got %+v, want 3 fillers, 3 a minute, estimated", f)
	}
	// Timed: 3 fillers over half a minute is 6 a minute.
	f = fillers(toks, 0.5, true)
	if f.PerMinute != 6 || f.Estimated {
		t.Errorf("timed: got %+v, want 6 a minute, not estimated", f)
	}
}

func repeatWord(w string, n int) string {
	b := make([]byte, 0, n*(len(w)+1))
	for i := 0; i < n; i++ {
		b = append(b, w...)
		b = append(b, ' ')
	}
	return string(b)
}

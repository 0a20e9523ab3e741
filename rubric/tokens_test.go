package rubric

import (
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/starloop/starloop"
)

func words(toks []token) []string {
	out := make([]string, len(toks))
	for i, t := range toks {
		out[i] = t.w
	}
	return out
}

func TestTokenize(t *testing.T) {
	tests := []struct {
		name  string
		in    string
		want  []string
		stops []int // indexes of words followed by a sentence break
	}{
		{"empty", "", []string{}, nil},
		{"spaces only", " \t\n ", []string{}, nil},
		{"punctuation only", "... -- !?", []string{}, nil},
		{"sentence", "I built it. Then we shipped!", []string{"i", "built", "it", "then", "we", "shipped"}, []int{2, 5}},
		{"hyphen splits", "a follow-up, end-to-end", []string{"a", "follow", "up", "end", "to", "end"}, nil},
		{"numbers stay whole", "cut $2.5M, 1,200 users, 35%, 3x.", []string{"cut", "$2.5m", "1,200", "users", "35%", "3x"}, []int{5}},
		{"contractions", "I’m sure we'd've", []string{"i'm", "sure", "we'd've"}, nil},
		{"quotes and brackets", `"(really)" [ok]`, []string{"really", "ok"}, nil},
		{"slash", "CI/CD 24/7", []string{"ci", "cd", "24", "7"}, nil},
		{"invalid utf8", "ab\xffcd", []string{"ab", "cd"}, nil},
		{"colon in time", "at 10:30: done", []string{"at", "10:30", "done"}, []int{1}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			toks := tokenize(tt.in)
			if got := words(toks); !reflect.DeepEqual(got, tt.want) {
				t.Fatalf("tokenize(%q) = %q, want %q", tt.in, got, tt.want)
			}
			var stops []int
			for i, tk := range toks {
				if tk.stop {
					stops = append(stops, i)
				}
				if got := strings.ToLower(tt.in[tk.start:tk.end]); strings.ReplaceAll(got, "\u2019", "'") != tk.w {
					t.Errorf("word %d: offsets give %q, want %q", i, got, tk.w)
				}
			}
			if !reflect.DeepEqual(stops, tt.stops) {
				t.Errorf("stops = %v, want %v", stops, tt.stops)
			}
		})
	}
}

func TestKeyOf(t *testing.T) {
	tests := map[string]string{
		"customer's": "customer",
		"it's":       "it's",
		"that's":     "that's",
		"team":       "team",
	}
	for in, want := range tests {
		if got := keyOf(in); got != want {
			t.Errorf("keyOf(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestSourceOfTimed(t *testing.T) {
	sec := func(f float64) time.Duration { return time.Duration(f * float64(time.Second)) }
	tr := starloop.Transcript{
		Text: "<s> i built(2) [NOISE] it </s>",
		Words: []starloop.Word{
			{Text: "<s>", Start: 0, End: sec(0.1)},
			{Text: "i", Start: sec(0.1), End: sec(0.3)},
			{Text: "built(2)", Start: sec(0.3), End: sec(0.7)},
			{Text: "[NOISE]", Start: sec(0.7), End: sec(0.9)},
			{Text: "it", Start: sec(0.9), End: sec(1.2)},
			{Text: "</s>", Start: sec(1.2), End: sec(1.3)},
		},
	}
	src := sourceOf(tr)
	if got, want := words(src.toks), []string{"i", "built", "it"}; !reflect.DeepEqual(got, want) {
		t.Fatalf("words = %q, want %q", got, want)
	}
	if src.text != "i built it" {
		t.Errorf("text = %q, want %q", src.text, "i built it")
	}
	if src.toks[2].t0 != sec(0.9) || src.toks[2].t1 != sec(1.2) {
		t.Errorf("times of %q = %v..%v, want 0.9s..1.2s", src.toks[2].w, src.toks[2].t0, src.toks[2].t1)
	}
}

func TestSourceOfTimedKeepsTextPunctuation(t *testing.T) {
	tr := starloop.Transcript{
		Text:  "I left. We won.",
		Words: []starloop.Word{{Text: "i", End: 1}, {Text: "left", End: 2}, {Text: "we", End: 3}, {Text: "won", End: 4}},
	}
	src := sourceOf(tr)
	if !src.toks[1].stop || !src.toks[3].stop {
		t.Fatalf("stops lost: %+v", src.toks)
	}
	if src.toks[3].t1 != 4 {
		t.Errorf("time of last word = %v, want 4ns", src.toks[3].t1)
	}
}

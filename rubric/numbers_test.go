package rubric

import "testing"

func TestParseNumber(t *testing.T) {
	tests := []struct {
		in    string
		value float64
		words int // how many words the number spans
		flag  string
	}{
		{"35", 35, 1, ""},
		{"1,200 users", 1200, 1, ""},
		{"2.5 hours", 2.5, 1, ""},
		{"$2M", 2e6, 1, "money"},
		{"$2.5m", 2.5e6, 1, "money"},
		{"$40k", 40000, 1, "money"},
		{"35%", 35, 1, "suffix"},
		{"3x", 3, 1, "suffix"},
		{"thirty five percent", 35, 2, ""},
		{"thirty-five", 35, 2, ""},
		{"two point five", 2.5, 3, ""},
		{"one point two million", 1.2e6, 4, ""},
		{"1.2 million", 1.2e6, 2, ""},
		{"a hundred and twenty", 120, 4, ""},
		{"a hundred and", 100, 2, ""},
		{"two hundred thousand", 200000, 3, ""},
		{"forty k", 40000, 2, ""},
		{"two million dollars", 2e6, 2, ""},
		{"two thousand and five hundred", 2500, 5, ""},
		{"one and a half hours", 1.5, 4, ""},
		{"half a million", 5e5, 3, ""},
		{"two thirds", 2.0 / 3, 2, "fraction"},
		{"twenty nineteen", 2019, 2, "year"},
		{"nineteen ninety eight", 1998, 3, "year"},
		{"twenty twenty one", 2021, 3, "year"},
		{"twenty oh five", 2005, 3, "year"},
		{"in 2019 we", 2019, 1, "year"},
		{"2019 was", 2019, 1, "year"},
		{"2000 users", 2000, 1, ""},
		{"first", 1, 1, "ordinal"},
		{"3rd", 3, 1, "ordinal"},
		{"#1", 1, 1, "ordinal"},
		{"one", 1, 1, "bare"},
		{"thousands of users", 1000, 1, "vague"},
		{"twelve", 12, 1, ""},
		{"ninety nine", 99, 2, ""},
		{"a dozen", 12, 2, ""},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			toks := tokenize(tt.in)
			at := 0
			if toks[0].w == "in" {
				at = 1
			}
			n, ok := parseNumber(toks, at)
			if !ok {
				t.Fatalf("no number in %q", tt.in)
			}
			if n.value != tt.value || n.end-n.start != tt.words {
				t.Errorf("got %v over %d words, want %v over %d", n.value, n.end-n.start, tt.value, tt.words)
			}
			flags := map[string]bool{
				"money": n.currency != "", "suffix": n.suffix != "", "year": n.year,
				"ordinal": n.ordinal, "bare": n.bare, "vague": n.vague, "fraction": n.fraction,
			}
			for f, on := range flags {
				if on != (f == tt.flag) {
					t.Errorf("flag %s = %v, want %v", f, on, f == tt.flag)
				}
			}
		})
	}
}

func TestParseNumberRejects(t *testing.T) {
	for _, in := range []string{"p99", "q3", "v2", "10am", "ec2", "hello", "a team", "point", "and"} {
		if n, ok := parseNumber(tokenize(in), 0); ok {
			t.Errorf("parseNumber(%q) = %+v, want no number", in, n)
		}
	}
}

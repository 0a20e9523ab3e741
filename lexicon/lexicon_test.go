package lexicon

import "testing"

func TestSets(t *testing.T) {
	for _, tc := range []struct {
		name string
		is   func(string) bool
		yes  []string
		no   []string
	}{
		{"hesitation", IsHesitation,
			[]string{"um", "uh", "er", "ah", "erm", "umm", "uhm", "uhh", "hmm", "mm"},
			[]string{"like", "you", "well", "Um", "um,", "", "oh", "so"}},
		{"speaker", IsSpeakerPronoun,
			[]string{"i", "me", "my", "mine", "myself", "i'm", "i've", "i'd", "i'll"},
			[]string{"we", "im", "I", "you", "us", ""}},
		{"group", IsGroupPronoun,
			[]string{"we", "us", "our", "ours", "ourselves", "we're", "we've", "we'd", "we'll", "let's"},
			[]string{"i", "were", "team", "lets", "they", ""}},
		{"function", IsFunctionWord,
			[]string{"the", "of", "i'm", "it's", "would", "um", "uh", "like", "why"},
			[]string{"im", "erm", "said", "server", "reduced", "three", ""}},
		{"stop", IsStopWord,
			[]string{"the", "im", "dont", "erm", "said", "went", "thing", "hundred", "percent", "first"},
			[]string{"i'm", "don't", "server", "migrated", "two", "twenty", ""}},
		{"number word", IsNumberWord,
			[]string{"zero", "nine", "ten", "nineteen", "twenty", "fourty", "ninety"},
			[]string{"hundred", "thousand", "first", "a", "dozen", "k", "Two", "21", ""}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			for _, w := range tc.yes {
				if !tc.is(w) {
					t.Errorf("%q: false, want true", w)
				}
			}
			for _, w := range tc.no {
				if tc.is(w) {
					t.Errorf("%q: true, want false", w)
				}
			}
		})
	}
}

func TestValues(t *testing.T) {
	for _, tc := range []struct {
		name  string
		value func(string) (float64, bool)
		w     string
		want  float64
		ok    bool
	}{
		{"unit zero", Unit, "zero", 0, true},
		{"unit seven", Unit, "seven", 7, true},
		{"unit is no teen", Unit, "ten", 0, false},
		{"teen ten", Teen, "ten", 10, true},
		{"teen nineteen", Teen, "nineteen", 19, true},
		{"teen is no unit", Teen, "nine", 0, false},
		{"tens forty", Tens, "forty", 40, true},
		{"tens misspelt", Tens, "fourty", 40, true},
		{"tens ninety", Tens, "ninety", 90, true},
		{"tens not hundred", Tens, "hundred", 0, false},
		{"scale k", Scale, "k", 1000, true},
		{"scale grand", Scale, "grand", 1000, true},
		{"scale mm", Scale, "mm", 1000000, true},
		{"scale bn", Scale, "bn", 1000000000, true},
		{"scale trillion", Scale, "trillion", 1000000000000, true},
		{"scale not hundred", Scale, "hundred", 0, false},
		{"scale not dozen", Scale, "dozen", 0, false},
		{"ordinal first", Ordinal, "first", 1, true},
		{"ordinal tenth", Ordinal, "tenth", 10, true},
		{"ordinal twentieth", Ordinal, "twentieth", 20, true},
		{"ordinal not eleventh", Ordinal, "eleventh", 0, false},
		{"ordinal not digits", Ordinal, "3rd", 0, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got, ok := tc.value(tc.w)
			if got != tc.want || ok != tc.ok {
				t.Errorf("%q = %v, %v; want %v, %v", tc.w, got, ok, tc.want, tc.ok)
			}
		})
	}
}

// TestClasses checks that the number word classes do not overlap: a
// parser reads "ten" as a teen and never also as a unit.
func TestClasses(t *testing.T) {
	classes := map[string]func(string) (float64, bool){"unit": Unit, "teen": Teen, "tens": Tens, "scale": Scale, "ordinal": Ordinal}
	for _, w := range []string{"zero", "one", "nine", "ten", "twelve", "nineteen", "twenty", "fourty", "ninety", "thousand", "k", "mm", "first", "second", "twentieth"} {
		var in []string
		for name, f := range classes {
			if _, ok := f(w); ok {
				in = append(in, name)
			}
		}
		if len(in) != 1 {
			t.Errorf("%q is in %v, want exactly one class", w, in)
		}
	}
}

func TestNormalise(t *testing.T) {
	tests := []struct{ in, want string }{
		{"", ""},
		{"--", ""},
		{"dive-deep", "dive deep"},
		{"ARE RIGHT, A LOT!", "are right a lot"},
		{"Strive to be Earth's Best Employer", "strive to be earths best employer"},
		{"  Have Backbone;  Disagree ", "have backbone disagree"},
		{"What's the result?", "whats the result"},
	}
	for _, tt := range tests {
		if got := Normalise(tt.in); got != tt.want {
			t.Errorf("Normalise(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

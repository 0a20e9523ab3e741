package wer

import (
	"math"
	"slices"
	"strings"
	"testing"
)

func TestWER(t *testing.T) {
	// Each count was worked out by hand: the alignment is in the comment.
	tests := []struct {
		name       string
		ref, hyp   string
		errs, nref int
	}{
		{"identical", "a b c", "a b c", 0, 3},
		{"one substitution", "a b c", "a x c", 1, 3},             // b->x
		{"one deletion", "a b c", "a c", 1, 3},                   // -b
		{"one insertion", "a b c", "a b c d", 1, 3},              // +d
		{"empty hypothesis", "a b", "", 2, 2},                    // -a -b
		{"empty reference", "", "a b", 2, 0},                     // +a +b
		{"both empty", "", "", 0, 0},                             //
		{"all wrong", "a b", "c d e", 3, 2},                      // a->c b->d +e
		{"kitten sitting", "k i t t e n", "s i t t i n g", 3, 6}, // k->s e->i +g
		// -the, cat sat on, the->a, mat, +mat: matching all four common
		// words leaves "the" before "cat" and a trailing "mat" unpaired.
		{"mixed", "the cat sat on the mat", "cat sat on a mat mat", 3, 6},
		// Insertions can push the rate over 100%.
		{"over one", "yes", "yes yes yes", 2, 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			errs, n := WER(strings.Fields(tt.ref), strings.Fields(tt.hyp))
			if errs != tt.errs || n != tt.nref {
				t.Errorf("WER(%q, %q) = %d, %d; want %d, %d", tt.ref, tt.hyp, errs, n, tt.errs, tt.nref)
			}
		})
	}
}

func TestNormalize(t *testing.T) {
	tests := []struct {
		in   string
		want string // space-separated words
	}{
		{"Printing, in the only sense", "printing in the only sense"},
		{`the Gutenberg, or "forty-two line Bible" of about fourteen fifty-five,`,
			"the gutenberg or forty two line bible of about fourteen fifty five"},
		{"IN EIGHTEEN THIRTEEN", "in eighteen thirteen"},
		{"about 1455.", "about fourteen fifty five"},
		{"42", "forty two"},
		{"R&D", "r and d"},
		{"Tom & Jerry", "tom and jerry"},
		{"1905", "nineteen oh five"},
		{"1900", "nineteen hundred"},
		{"1066", "ten sixty six"},
		{"2024", "twenty twenty four"},
		{"2010", "twenty ten"},
		{"2005", "two thousand five"},
		{"2000", "two thousand"},
		{"1000", "one thousand"},
		{"5000", "five thousand"},
		{"1,455", "one thousand four hundred fifty five"},
		{"12,000,000", "twelve million"},
		{"1000000", "one million"},
		{"1,234,567", "one million two hundred thirty four thousand five hundred sixty seven"},
		{"100", "one hundred"},
		{"115", "one hundred fifteen"},
		{"0", "zero"},
		{"007", "zero zero seven"},
		{"3.5", "three point five"},
		{"1st 2nd 3rd 4th", "first second third fourth"},
		{"11th 12th 13th 21st 22nd", "eleventh twelfth thirteenth twenty first twenty second"},
		{"20th 100th", "twentieth one hundredth"},
		{"1990s", "nineteen nineties"},
		{"in my 20s", "in my twenties"},
		{"50%", "fifty percent"},
		{"cut 30% of costs", "cut thirty percent of costs"},
		{"$5", "five dollars"},
		{"$1,200 saved", "one thousand two hundred dollars saved"},
		{"don't", "don't"},
		{"I didn’t", "i didn't"},
		{"'quoted'", "quoted"},
		{"the team's goal", "the team's goal"},
		{"U.S.", "u s"},
		{"mp3", "mp three"},
		{"a — b–c", "a b c"},
		{"and/or", "and or"},
		{"Wait... what?!", "wait what"},
		{"(see below)", "see below"},
		{"", ""},
		{"  ,;  ", ""},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			got := Normalize(tt.in)
			if want := strings.Fields(tt.want); !slices.Equal(got, want) {
				t.Errorf("Normalize(%q) = %q; want %q", tt.in, got, want)
			}
		})
	}
}

func TestScoreNormalizesBothSides(t *testing.T) {
	// The LJ001-0007 reference against a recogniser that wrote the number
	// its own way: only "line"->"lined" differs.
	ref := `the earliest book printed with movable types, the Gutenberg, or "forty-two line Bible" of about fourteen fifty-five,`
	hyp := "the earliest book printed with movable types the gutenberg or 42 lined bible of about 1455"
	errs, n := Score(ref, hyp)
	if errs != 1 || n != 19 { // 19 words, counted by hand in the normalised reference
		t.Errorf("Score = %d, %d; want 1, 19", errs, n)
	}
}

func TestTally(t *testing.T) {
	var tally Tally
	if got := tally.Rate(); got != 0 {
		t.Errorf("empty Tally.Rate() = %v; want 0", got)
	}
	tally.Add("a b c d", "a b c d")                                           // 0 of 4
	tally.Add("in being comparatively modern", "in being comparative modern") // 1 of 4
	e, n := tally.Add("yes", "no")                                            // 1 of 1
	if e != 1 || n != 1 {
		t.Errorf("Add returned %d, %d; want 1, 1", e, n)
	}
	// Corpus rate is 2/9, not the mean of 0, 1/4 and 1 (which is 5/12).
	if tally.Errors != 2 || tally.Words != 9 {
		t.Errorf("Tally = %+v; want 2 errors over 9 words", tally)
	}
	if got, want := tally.Rate(), 2.0/9.0; math.Abs(got-want) > 1e-12 {
		t.Errorf("Rate() = %v; want %v", got, want)
	}
}

func BenchmarkNormalize(b *testing.B) {
	s := `the earliest book printed with movable types, the Gutenberg, or "forty-two line Bible" of about 1455,`
	for b.Loop() {
		Normalize(s)
	}
}

package lexicon_test

import (
	"fmt"
	"strings"

	"github.com/starloop/starloop/lexicon"
)

// Counting hesitations and "I" against "we" in a recognised answer.
func Example() {
	said := "um we moved the queue and uh i wrote the retry logic so we shipped"
	var um, i, we int
	for _, w := range strings.Fields(said) {
		switch {
		case lexicon.IsHesitation(w):
			um++
		case lexicon.IsSpeakerPronoun(w):
			i++
		case lexicon.IsGroupPronoun(w):
			we++
		}
	}
	fmt.Println("hesitations:", um, "I:", i, "we:", we)
	// Output: hesitations: 2 I: 1 we: 2
}

// Reading a spoken amount such as "forty two thousand" from its words.
func ExampleScale() {
	var total, current float64
	for _, w := range strings.Fields("forty two thousand") {
		if v, ok := lexicon.Tens(w); ok {
			current += v
		} else if v, ok := lexicon.Unit(w); ok {
			current += v
		} else if m, ok := lexicon.Scale(w); ok {
			total += current * m
			current = 0
		}
	}
	fmt.Println(total + current)
	// Output: 42000
}

// Keeping only the words that carry content, as the reuse detector does.
func ExampleIsStopWord() {
	var kept []string
	for _, w := range strings.Fields("so basically we migrated the billing database") {
		if !lexicon.IsStopWord(w) {
			kept = append(kept, w)
		}
	}
	fmt.Println(strings.Join(kept, " "))
	// Output: migrated billing database
}

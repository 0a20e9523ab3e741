package rubric

import (
	"testing"

	"github.com/starloop/starloop"
)

// TestDoer checks, word by word, which content words count as what the
// speaker ("iv") or the team ("wv") did: the first content word within
// three words after "I" or "we", past function words only.
func TestDoer(t *testing.T) {
	text := "I then pushed back on the plan and we hired two people they agreed I was asked"
	want := map[string]string{
		"pushed": "iv", // "then" is a function word
		"plan":   "",   // "back on the" fill the three-word window
		"hired":  "wv",
		"people": "", // "two" is not a function word
		"agreed": "", // "they" is neither I nor we
		"asked":  "iv",
	}
	toks := sourceOf(starloop.Transcript{Text: text}).toks
	seen := 0
	for i, tk := range toks {
		w, ok := want[tk.key]
		if !ok {
			continue
		}
		seen++
		if got := doer(toks, 0, i); got != w {
			t.Errorf("doer(%q) = %q, want %q", tk.key, got, w)
		}
	}
	if seen != len(want) {
		t.Fatalf("found %d of the %d words in %v", seen, len(want), toks)
	}
	// The clause start bounds the look-back: "pushed" in a clause that
	// starts at it has no doer.
	for i, tk := range toks {
		if tk.key == "pushed" {
			if got := doer(toks, i, i); got != "" {
				t.Errorf("doer at the clause start = %q, want none", got)
			}
		}
	}
}

package reuse

import (
	"slices"
	"testing"
)

func TestNumbers(t *testing.T) {
	tests := []struct {
		text string
		want []string // normalised numbers, in order
	}{
		{"forty percent", []string{"40%"}},
		{"40%", []string{"40%"}},
		{"40 per cent", []string{"40%"}},
		{"$180k a month", []string{"180000"}},
		{"180 thousand dollars", []string{"180000"}},
		{"a hundred and eighty thousand", []string{"180000"}},
		{"two hundred and fifty thousand", []string{"250000"}},
		{"1,900 photos", []string{"1900"}},
		{"nineteen hundred photos", []string{"1900"}},
		{"2 million dollars", []string{"2000000"}},
		{"two point five million", []string{"2500000"}},
		{"twenty five minutes", []string{"25"}},
		{"one of the teams", nil},
		{"the p99 and ec2", nil},
		{"99th percentile", []string{"99"}},
		{"fourteen rounding bugs in 2022", []string{"14", "2022"}},
	}
	for _, tt := range tests {
		t.Run(tt.text, func(t *testing.T) {
			var got []string
			for _, tm := range terms(tt.text) {
				if tm.key[:2] == "n:" {
					got = append(got, tm.key[2:])
				}
			}
			if !slices.Equal(got, tt.want) {
				t.Errorf("numbers in %q = %q, want %q", tt.text, got, tt.want)
			}
		})
	}
}

func TestStem(t *testing.T) {
	groups := [][]string{
		{"migrate", "migrated", "migrating", "migration", "migrations"},
		{"ship", "shipped", "shipping", "ships"},
		{"deploy", "deployed", "deploys", "deploying"},
		{"query", "queries"},
		{"rotate", "rotated", "rotating"},
	}
	for _, g := range groups {
		want := stem(g[0])
		for _, w := range g[1:] {
			if got := stem(w); got != want {
				t.Errorf("stem(%q) = %q, stem(%q) = %q; want them equal", w, got, g[0], want)
			}
		}
	}
	if stem("process") == stem("proceed") {
		t.Errorf("process and proceed share stem %q", stem("process"))
	}
}

func TestNames(t *testing.T) {
	var names []string
	for _, tm := range terms("Priya joined from a bootcamp. Later she moved to AWS with Marcus.") {
		if tm.name {
			names = append(names, tm.said)
		}
	}
	// "Priya" starts a sentence, so it cannot be told from any first word.
	want := []string{"AWS", "Marcus"}
	if !slices.Equal(names, want) {
		t.Errorf("names = %q, want %q", names, want)
	}
}

func TestMatchMessage(t *testing.T) {
	ix := New(nil)
	ix.Add(Doc{ID: "s1", Title: "billing-migration", Text: "I moved the billing service to AWS and cut hosting cost by 40%."})
	ix.Add(Doc{ID: "answer-1", LP: "Ownership", Text: "I mentored Priya until she led the feature flag migration for eight services."})
	tests := []struct {
		name, answer, id, msg string
		numbers               []string
	}{
		{"bank entry by title", "so i moved billing over to aws and hosting cost went down forty percent",
			"s1", "this is the billing-migration story from your story bank", []string{"40%"}},
		{"earlier answer by distinctive words", // priya is a name; feature, flag and services tie in weight and sort by stem
			"priya ended up leading the feature flag migration of 8 services",
			"answer-1", "this is the priya-feature story you told for Ownership", []string{"8"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			m, ok := ix.Match(tt.answer)
			if !ok {
				t.Fatal("no match from a non-empty index")
			}
			if m.Doc.ID != tt.id || !m.Reused {
				t.Fatalf("best match %s (reused %v, %.2f), want %s reused", m.Doc.ID, m.Reused, m.Score, tt.id)
			}
			if got := m.Message(); got != tt.msg {
				t.Errorf("message %q, want %q", got, tt.msg)
			}
			if !slices.Equal(m.Numbers, tt.numbers) {
				t.Errorf("shared numbers %q, want %q", m.Numbers, tt.numbers)
			}
		})
	}
	if _, ok := New(nil).Match("anything"); ok {
		t.Error("an empty index gave a match")
	}
}

package main

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/starloop/starloop"
)

// exampleBank is the README's story bank.
const exampleBank = "../../stories/testdata/example.yaml"

// billingRetold retells the bank's "Billing migration" story the way a
// recogniser would hear it: no capitals or digits, the numbers in words.
const billingRetold = "so the billing system was in a data centre in dallas three million invoices a month " +
	"and nobody wanted to touch it i volunteered to move it to aws i wrote a runbook ran shadow traffic " +
	"for six weeks comparing every invoice and fixed fourteen rounding bugs in the tax code we cut over " +
	"on a sunday with zero downtime and hosting cost fell by forty percent"

// unrelatedAnswer shares no story with the bank.
const unrelatedAnswer = "At my bakery the ovens kept burning the bread on Saturdays. I was in charge of the " +
	"morning shift, so I moved the proofing earlier and retrained two bakers. Waste fell from forty loaves to five."

func TestAnalyzeStoriesText(t *testing.T) {
	t.Setenv("NO_COLOR", "")
	out, _, err := analyzeCLI(t, billingRetold, "--stories", exampleBank, "-")
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(out, "\nStory: Billing migration (billing-migration), score ") {
		t.Errorf("no line naming the Billing migration story:\n%s", out)
	}
	out, _, err = analyzeCLI(t, unrelatedAnswer, "--stories", exampleBank, "-")
	if err != nil {
		t.Fatal(err)
	}
	// The README's bank holds four stories.
	if !strings.Contains(out, "\nStory: none of the 4 stories in the bank (closest: ") {
		t.Errorf("no line saying no story of the bank is told:\n%s", out)
	}
}

func TestAnalyzeStoriesJSON(t *testing.T) {
	type report struct {
		Words int `json:"words"`
		Story *struct {
			ID    string  `json:"id"`
			Title string  `json:"title"`
			Score float64 `json:"score"`
		} `json:"story"`
	}
	out, _, err := analyzeCLI(t, billingRetold, "--json", "--stories", exampleBank, "-")
	if err != nil {
		t.Fatal(err)
	}
	var r report
	if err := json.Unmarshal([]byte(out), &r); err != nil {
		t.Fatalf("%v:\n%s", err, out)
	}
	// wc -w of billingRetold.
	if r.Words != 67 {
		t.Errorf("words = %d, want 67: the rubric's report is still there", r.Words)
	}
	if r.Story == nil || r.Story.ID != "billing-migration" || r.Story.Title != "Billing migration" || r.Story.Score < 0.20 || r.Story.Score > 1 {
		t.Errorf("story = %+v, want billing-migration, Billing migration, a score from the threshold 0.20 to 1", r.Story)
	}

	out, _, err = analyzeCLI(t, unrelatedAnswer, "--json", "--stories", exampleBank, "-")
	if err != nil {
		t.Fatal(err)
	}
	var raw map[string]json.RawMessage
	if err := json.Unmarshal([]byte(out), &raw); err != nil {
		t.Fatal(err)
	}
	if s, ok := raw["story"]; !ok || string(s) != "null" {
		t.Errorf(`"story" = %s (present %v), want null`, s, ok)
	}

	// Without --stories the report has no story field.
	out, _, err = analyzeCLI(t, unrelatedAnswer, "--json", "-")
	if err != nil {
		t.Fatal(err)
	}
	raw = nil
	if err := json.Unmarshal([]byte(out), &raw); err != nil {
		t.Fatal(err)
	}
	if _, ok := raw["story"]; ok {
		t.Error(`"story" present without --stories`)
	}
}

func TestAnalyzeStoriesMissingBank(t *testing.T) {
	_, _, err := analyzeCLI(t, unrelatedAnswer, "--stories", t.TempDir()+"/none.yaml", "-")
	if starloop.KindOf(err) != starloop.NotFound {
		t.Errorf("err = %v, want not found", err)
	}
}

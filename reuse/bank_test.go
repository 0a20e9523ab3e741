package reuse

import (
	"os"
	"testing"

	"github.com/starloop/starloop/prompts"
	"github.com/starloop/starloop/stories"
)

// TestStoryBankEntries matches spoken answers against the bullet points of
// stories/testdata/example.yaml, as the loop will.
func TestStoryBankEntries(t *testing.T) {
	data, err := os.ReadFile("../stories/testdata/example.yaml")
	if err != nil {
		t.Fatal(err)
	}
	bank, err := prompts.Load()
	if err != nil {
		t.Fatal(err)
	}
	f := stories.Parse("example.yaml", data, bank)
	if err := f.Err(); err != nil {
		t.Fatal(err)
	}
	bg := bankBackground(t)
	for _, s := range f.Stories {
		bg = append(bg, s.Text())
	}
	ix := New(bg)
	for _, s := range f.Stories {
		ix.Add(Doc{ID: s.ID, Title: s.Title, Text: s.Text()})
	}
	ps := map[string]pair{}
	for _, p := range loadPairs(t) {
		ps[p.ID] = p
	}
	tests := []struct {
		name, answer string
		reused       bool
		id, msg      string
	}{
		{"billing retold as ASR", ps["cloud-migration.a1~cloud-migration.a2"].B, true, "billing-migration",
			"this is the Billing migration story from your story bank"},
		{"a different migration", ps["cloud-migration.b1~cloud-migration.b2"].B, false, "", ""},
		{"certificate outage retold", ps["outage.a1~outage.a2"].B, true, "checkout-certificate-outage",
			"this is the Checkout certificate outage story from your story bank"},
		{"a different outage", ps["outage.b1~outage.b2"].A, false, "", ""},
		{"Priya retold", ps["mentoring.a1~mentoring.a2"].B, true, "priya",
			"this is the Coaching Priya to engineer II story from your story bank"},
		{"a different mentee", ps["mentoring.b1~mentoring.b2"].A, false, "", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if tt.answer == "" {
				t.Fatal("pair not found in pairs.jsonl")
			}
			m, _ := ix.Match(tt.answer)
			t.Logf("best %s %.3f: %s", m.Doc.ID, m.Score, m.Evidence())
			if m.Reused != tt.reused {
				t.Fatalf("reused = %v (best %s, %.3f), want %v", m.Reused, m.Doc.ID, m.Score, tt.reused)
			}
			if tt.reused && (m.Doc.ID != tt.id || m.Message() != tt.msg) {
				t.Errorf("matched %s, %q; want %s, %q", m.Doc.ID, m.Message(), tt.id, tt.msg)
			}
		})
	}
}

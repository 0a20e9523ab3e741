package day

import (
	"os"
	"strings"
	"testing"

	"github.com/starloop/starloop/prompts"
	"github.com/starloop/starloop/stories"
)

// Three answers written for this test: a story about moving a payroll
// system off a mainframe, the same story retold as recognised speech
// (lower case, numbers in words, other wording), and a different story in
// the same domain (another migration to the cloud).
const (
	payroll = "In 2021 I moved our payroll system off the old mainframe in Leeds to Azure. " +
		"It paid 12,000 employees every month and the last engineer who understood the COBOL had retired. " +
		"I wrote a parallel run harness and compared every payslip for three pay cycles, and found 27 mismatches in overtime rules. " +
		"We switched in March with no late salaries and the licence savings were 250,000 pounds a year."
	payrollRetold = "so at my previous company payroll still ran on a mainframe up in leeds and nobody left knew the cobol " +
		"twelve thousand people got paid from it each month i took on moving it to azure " +
		"i built a harness that ran the old and the new side by side for three pay cycles checking each payslip " +
		"and it caught twenty seven overtime mismatches we went live in march nobody was paid late and we save two hundred fifty thousand pounds a year on licences"
	otherMigration = "Last year I led the migration of our search cluster from our own data centre to the cloud. " +
		"Queries were slow at peak and the hardware was end of life. " +
		"I benchmarked three managed services, picked one, and moved the indexes over one region at a time with a traffic switch I could roll back. " +
		"Median latency fell from 800 to 120 milliseconds and we closed the data centre cage."
)

func questions(t *testing.T) []string {
	t.Helper()
	b, err := prompts.Load()
	if err != nil {
		t.Fatal(err)
	}
	return background(b)
}

func bankNamer(t *testing.T) func(string) string {
	t.Helper()
	b, err := prompts.Load()
	if err != nil {
		t.Fatal(err)
	}
	return func(id string) string {
		lp, _ := b.LP(id)
		return lp.Name
	}
}

// TestTrackerScript plays a scripted day: each step is one main answer
// (round, LP, text) and the warning it must draw, if any.
func TestTrackerScript(t *testing.T) {
	type step struct {
		round int
		lp    string
		text  string
		warn  string // a part of the warning; empty for none
	}
	tests := []struct {
		name  string
		bank  []stories.Story
		steps []step
	}{
		{"retold to a second interviewer", nil, []step{
			{1, "ownership", payroll, ""},
			{2, "dive-deep", payrollRetold, "story you told for Ownership"},
		}},
		{"a different story in the same domain", nil, []step{
			{1, "ownership", payroll, ""},
			{2, "dive-deep", otherMigration, ""},
		}},
		{"one interviewer, two LPs", nil, []step{
			{1, "ownership", payroll, ""},
			{1, "deliver-results", payrollRetold, "story you told for Ownership"},
		}},
		{"from the story bank, then retold", []stories.Story{{ID: "payroll", Title: "Payroll off the mainframe",
			Situation: []string{"Payroll for 12,000 people ran on a mainframe in Leeds; nobody knew the COBOL."},
			Task:      []string{"Move it to Azure without a late salary."},
			Action:    []string{"Parallel run harness comparing payslips for three pay cycles.", "Fixed 27 overtime mismatches."},
			Result:    []string{"Live in March, no late salaries.", "250,000 pounds a year saved on licences."}}},
			[]step{
				{1, "ownership", payroll, ""},
				{2, "earn-trust", otherMigration, ""},
				{3, "dive-deep", payrollRetold, "this is the Payroll off the mainframe story you told for Ownership"},
			}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			tr := NewTracker(questions(t), tt.bank, bankNamer(t))
			for i, s := range tt.steps {
				n := tr.Check(s.text)
				if again := tr.Check(s.text); again.Story != n.Story || again.Reuse != n.Reuse {
					t.Errorf("step %d: a second Check gave %+v, then %+v", i+1, n, again)
				}
				switch {
				case s.warn == "" && n.Reuse != "":
					t.Errorf("step %d: warning %q (score %.2f), want none", i+1, n.Reuse, n.Score)
				case s.warn != "" && !strings.Contains(n.Reuse, s.warn):
					t.Errorf("step %d: warning %q (score %.2f), want one with %q", i+1, n.Reuse, n.Score, s.warn)
				case s.warn != "" && n.Earlier != 1:
					t.Errorf("step %d: earlier telling %d, want 1 (the first answer)", i+1, n.Earlier)
				}
				t.Logf("step %d: story %q, reuse %q, score %.2f", i+1, n.Story, n.Reuse, n.Score)
				tr.Commit(s.round, s.lp, n)
			}
		})
	}
}

func TestTrackerBankStory(t *testing.T) {
	data, err := os.ReadFile("../stories/testdata/example.yaml")
	if err != nil {
		t.Fatal(err)
	}
	b, _ := prompts.Load()
	f := stories.Parse("example.yaml", data, b)
	if f.Err() != nil {
		t.Fatal(f.Err())
	}
	tr := NewTracker(questions(t), f.Stories, bankNamer(t))
	if n := tr.Check(payroll); n.Story != "" || n.Reuse != "" {
		t.Errorf("a story off the bank matched %+v", n)
	}
}

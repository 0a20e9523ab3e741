package analysis

import (
	"context"
	"path/filepath"
	"reflect"
	"testing"

	"github.com/starloop/starloop"
	"github.com/starloop/starloop/interviewer"
	"github.com/starloop/starloop/judge"
	"github.com/starloop/starloop/prompts"
	"github.com/starloop/starloop/rubric"
)

// askedJudge keeps the answer it was given and returns a fixed report.
type askedJudge struct {
	got    interviewer.Answer
	report *rubric.Report
}

func (j *askedJudge) Judge(_ context.Context, a interviewer.Answer) (interviewer.Verdict, error) {
	j.got = a
	rec, err := judge.Encode(judge.Judged{Report: j.report})
	return interviewer.Verdict{Report: rec}, err
}

// TestJudge: the answer reaches the judge with its question; with the
// README's story bank, a retelling of its billing story is named as that
// story (id billing-migration); a bank that is not there is NotFound.
func TestJudge(t *testing.T) {
	bank, err := prompts.Load()
	if err != nil {
		t.Fatal(err)
	}
	j := &askedJudge{report: &rubric.Report{}}
	q := interviewer.Question{Text: "Tell me about a time.", LP: "ownership"}
	told := starloop.Transcript{Text: "so the billing system was in a data centre in dallas three million invoices a month " +
		"and nobody wanted to touch it i volunteered to move it to aws i wrote a runbook ran shadow traffic " +
		"for six weeks comparing every invoice and fixed fourteen rounding bugs in the tax code we cut over " +
		"on a sunday with zero downtime and hosting cost fell by forty percent"}
	res, err := Judge(context.Background(), j, q, told, "", bank)
	if err != nil || res.Rubric == nil || !reflect.DeepEqual(*res.Rubric, *j.report) || res.Story != nil {
		t.Errorf("no bank: %+v, %v", res, err)
	}
	if j.got.Question != q || j.got.Transcript.Text != told.Text {
		t.Errorf("judged %+v", j.got)
	}
	res, err = Judge(context.Background(), j, q, told, "../stories/testdata/example.yaml", bank)
	if err != nil || res.Story == nil || res.Story.Told == nil || res.Story.Told.ID != "billing-migration" {
		t.Errorf("with the bank: %+v, %v", res.Story, err)
	}
	if _, err := Judge(context.Background(), j, q, told, filepath.Join(t.TempDir(), "none.yaml"), bank); !starloop.IsKind(err, starloop.NotFound) {
		t.Errorf("missing bank: %v, want NotFound", err)
	}
}

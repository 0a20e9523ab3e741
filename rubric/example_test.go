package rubric_test

import (
	"fmt"

	"github.com/starloop/starloop"
	"github.com/starloop/starloop/rubric"
)

func ExampleAnalyzer_Analyze() {
	a := rubric.New() // build once, reuse for every answer
	r := a.Analyze(starloop.Transcript{Text: "At my last job our deploys kept failing. " +
		"I was responsible for the release pipeline. I rewrote the flaky tests myself. " +
		"As a result, failed deploys dropped from 30 percent to 5 percent."}, rubric.Options{LP: "dive-deep"})
	fmt.Println("complete:", r.Complete, "measurable:", r.MeasurableResult)
	for _, m := range r.Metrics {
		fmt.Printf("%s (%s, in result: %v)\n", m.Text, m.Kind, m.InResult)
	}
	fmt.Println("follow-up reason:", r.FollowUp.Reason)
	// Output:
	// complete: true measurable: true
	// from 30 percent to 5 percent (percent, in result: true)
	// follow-up reason: lp_ladder
}

func ExampleReport_NextFollowUp() {
	r := rubric.Analyze(starloop.Transcript{Text: "We were launching a new app and the deadline was tight. " +
		"Our goal was to ship before the holiday sale. " +
		"We split the work. We held daily standups. We paired on the hard parts. We tested everything together. " +
		"We launched on time and our ratings went up to 4.8 stars."}, rubric.Options{})
	first := r.NextFollowUp(nil, rubric.Options{})
	fmt.Println(first.Reason)
	// Once that has been asked, the policy moves on rather than repeat it.
	fmt.Println(r.NextFollowUp(nil, rubric.Options{Asked: []string{first.Question}}).Reason)
	// Output:
	// mostly_we
	// lp_ladder
}

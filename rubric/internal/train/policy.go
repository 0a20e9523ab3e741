package main

import (
	"fmt"
	"os"
	"sort"
	"text/tabwriter"

	"github.com/starloop/starloop/rubric"
	"github.com/starloop/starloop/rubric/internal/corpus"
)

// judged is one answer judged by a model trained without its writer.
type judged struct {
	a      corpus.Answer
	r      *rubric.Report
	spoken bool
}

// sweepPolicy judges every answer once by a model trained without its
// writer, then replays the follow-up policy over a grid of thresholds and
// prints, for each setting on the frontier, how often a follow-up asks for
// what the answer gave (written, spoken) and how many real gaps are asked
// for. The follow-up depends only on the report and the policy, so one
// round of training serves every setting.
func sweepPolicy(answers []corpus.Answer, lps []string) {
	var all []judged
	corpus.LeaveOneWriterOut(answers, lps, func(_ string, an *rubric.Analyzer, test []corpus.Answer) {
		for _, a := range test {
			for _, spoken := range []bool{false, true} {
				if r := corpus.Judge(an, a, spoken); r != nil {
					all = append(all, judged{a, r, spoken})
				}
			}
		}
	})
	type row struct {
		p                    rubric.Policy
		wrongText, wrongSpkn float64
		gaps                 float64
	}
	grid := []float64{2, 4, 8, 12, 16, 24, 32}
	var rows []row
	for _, s := range grid {
		for _, t := range grid {
			for _, a := range grid {
				for _, r := range grid {
					for _, m := range grid {
						for we := 1; we <= 3; we++ {
							p := rubric.Policy{Situation: s, Task: t, Action: a, Result: r, Measure: m, We: we}
							var text, spoken corpus.Score
							for _, j := range all {
								rep := *j.r
								rep.FollowUp = rep.NextFollowUp(nil, rubric.Options{LP: j.a.LP, Policy: &p})
								if j.spoken {
									spoken.Add(j.a, &rep)
								} else {
									text.Add(j.a, &rep)
								}
							}
							rows = append(rows, row{p, rate(text.WrongFollowUps, text.N), rate(spoken.WrongFollowUps, spoken.N),
								rate(text.GapsAsked+spoken.GapsAsked, text.Gaps+spoken.Gaps)})
						}
					}
				}
			}
		}
	}
	// The frontier: no other setting is at least as good on all three and
	// better on one.
	sort.Slice(rows, func(i, j int) bool { return rows[i].gaps > rows[j].gaps })
	w := tabwriter.NewWriter(os.Stdout, 0, 8, 2, ' ', 0)
	fmt.Fprintln(w, "S\tT\tA\tR\tmeasure\twe\twrong_text\twrong_spoken\tgaps_asked")
	for i, x := range rows {
		dominated := false
		for j, y := range rows {
			if j != i && y.wrongText <= x.wrongText && y.wrongSpkn <= x.wrongSpkn && y.gaps >= x.gaps &&
				(y.wrongText < x.wrongText || y.wrongSpkn < x.wrongSpkn || y.gaps > x.gaps) {
				dominated = true
				break
			}
		}
		if !dominated {
			fmt.Fprintf(w, "%g\t%g\t%g\t%g\t%g\t%d\t%.3f\t%.3f\t%.3f\n", x.p.Situation, x.p.Task, x.p.Action, x.p.Result, x.p.Measure, x.p.We, x.wrongText, x.wrongSpkn, x.gaps)
		}
	}
	w.Flush()
	// The choice documented at rubric.DefaultPolicy: a follow-up asking
	// for what was given costs three missed gaps.
	bestRow := rows[0]
	value := func(x row) float64 { return x.gaps - 3*(x.wrongText+x.wrongSpkn)/2 }
	for _, x := range rows {
		if value(x) > value(bestRow) {
			bestRow = x
		}
	}
	fmt.Printf("best by gaps asked - 3 x mean wrong: %+v (wrong %.3f written, %.3f spoken; gaps asked %.3f)\n", bestRow.p, bestRow.wrongText, bestRow.wrongSpkn, bestRow.gaps)
	// Every label at the chosen setting, as -cv would print it once the
	// setting is DefaultPolicy: the same judgements serve.
	var text, spoken corpus.Score
	for _, j := range all {
		rep := *j.r
		rep.FollowUp = rep.NextFollowUp(nil, rubric.Options{LP: j.a.LP, Policy: &bestRow.p})
		if j.spoken {
			spoken.Add(j.a, &rep)
		} else {
			text.Add(j.a, &rep)
		}
	}
	text.Print(os.Stdout, "all writers held out in turn, text, at the best setting")
	spoken.Print(os.Stdout, "all writers held out in turn, spoken, at the best setting")
}

func rate(n, d int) float64 {
	if d == 0 {
		return 0
	}
	return float64(n) / float64(d)
}

package main

import (
	"fmt"
	"math"
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
		upper                float64 // the written rate's upper 95% bound over writers
	}
	writers := map[string]int{}
	for _, j := range all {
		if !j.spoken {
			writers[j.a.Writer]++
		}
	}
	// Up to 64: with 14 writers no setting up to 32 kept written wrong
	// follow-ups at 2%, and the fewest were at 32 on every part.
	grid := []float64{4, 8, 16, 24, 32, 48, 64}
	var rows []row
	for _, s := range grid {
		for _, t := range grid {
			for _, a := range grid {
				for _, r := range grid {
					for _, m := range grid {
						for we := 1; we <= 4; we++ {
							p := rubric.Policy{Situation: s, Task: t, Action: a, Result: r, Measure: m, We: we}
							var text, spoken corpus.Score
							wrongBy := map[string]int{}
							for _, j := range all {
								rep := *j.r
								rep.FollowUp = rep.NextFollowUp(nil, rubric.Options{LP: j.a.LP, Policy: &p})
								if j.spoken {
									spoken.Add(j.a, &rep)
								} else {
									before := text.WrongFollowUps
									text.Add(j.a, &rep)
									wrongBy[j.a.Writer] += text.WrongFollowUps - before
								}
							}
							var rates []float64
							for w, n := range writers {
								rates = append(rates, rate(wrongBy[w], n))
							}
							rows = append(rows, row{p, rate(text.WrongFollowUps, text.N), rate(spoken.WrongFollowUps, spoken.N),
								rate(text.GapsAsked+spoken.GapsAsked, text.Gaps+spoken.Gaps), upperBound(rates)})
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
	fmt.Fprintln(w, "S\tT\tA\tR\tmeasure\twe\twrong_text\tupper_text\twrong_spoken\tgaps_asked")
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
			fmt.Fprintf(w, "%g\t%g\t%g\t%g\t%g\t%d\t%.3f\t%.3f\t%.3f\t%.3f\n", x.p.Situation, x.p.Task, x.p.Action, x.p.Result, x.p.Measure, x.p.We, x.wrongText, x.upper, x.wrongSpkn, x.gaps)
		}
	}
	w.Flush()
	// The choice documented at rubric.DefaultPolicy: the bar on follow-ups
	// that ask for what the answer gave is 3% of answers, and it must hold
	// for writers never seen and for answers as the recogniser heard them,
	// which are what a session judges. Held-out writers' rates spread
	// widely around their mean (the upper 95% bound of the mean, Student's
	// t over writers, is printed per setting: about a point above the
	// mean), so no setting can promise the bar to every writer; the
	// written mean is kept at two thirds of it, and the spoken mean, which
	// recognition errors keep two to three times higher, at the bar.
	// Among the settings where both are, the one that asks for the most
	// gaps, then the fewest wrong on spoken answers. When no setting keeps
	// them, the one with the fewest written ones.
	const bar, margin = 0.03, 2.0 / 3
	var bestRow *row
	for i := range rows {
		x := &rows[i]
		if x.wrongText > bar*margin+1e-9 || x.wrongSpkn > bar+1e-9 {
			continue
		}
		if bestRow == nil || x.gaps > bestRow.gaps || x.gaps == bestRow.gaps && x.wrongSpkn < bestRow.wrongSpkn {
			bestRow = x
		}
	}
	if bestRow == nil {
		// The margin cannot be kept: take the setting with the fewest
		// written follow-ups that ask for what was given, then the most
		// gaps asked. Trust in the follow-ups comes first.
		fmt.Printf("no setting keeps follow-ups that ask for what was given at %.1f%% written and %.1f%% spoken; the fewest written instead\n", bar*margin*100, bar*100)
		for i := range rows {
			x := &rows[i]
			if bestRow == nil || x.wrongText < bestRow.wrongText-1e-9 ||
				math.Abs(x.wrongText-bestRow.wrongText) <= 1e-9 && x.gaps > bestRow.gaps {
				bestRow = x
			}
		}
	}
	fmt.Printf("best: the most gaps asked with at most %.1f%% of written and %.1f%% of spoken answers asked for what they gave: %+v (wrong %.3f written, upper bound over writers %.3f, %.3f spoken; gaps asked %.3f)\n",
		bar*margin*100, bar*100, bestRow.p, bestRow.wrongText, bestRow.upper, bestRow.wrongSpkn, bestRow.gaps)
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

// upperBound is the upper end of a two-sided 95% confidence interval of
// the mean of xs (one rate per held-out writer): mean + t * sd / sqrt(n),
// with Student's t for n-1 degrees of freedom.
func upperBound(xs []float64) float64 {
	n := float64(len(xs))
	if n < 2 {
		return 1
	}
	mean := 0.0
	for _, x := range xs {
		mean += x / n
	}
	ss := 0.0
	for _, x := range xs {
		ss += (x - mean) * (x - mean)
	}
	return mean + tQuantile975(len(xs)-1)*math.Sqrt(ss/(n-1)/n)
}

// tQuantile975 is Student's t at 0.975 for df degrees of freedom (tables;
// 1.96 beyond 30).
func tQuantile975(df int) float64 {
	t := []float64{0, 12.706, 4.303, 3.182, 2.776, 2.571, 2.447, 2.365, 2.306, 2.262, 2.228,
		2.201, 2.179, 2.160, 2.145, 2.131, 2.120, 2.110, 2.101, 2.093, 2.086}
	if df < len(t) {
		return t[df]
	}
	if df <= 30 {
		return 2.042
	}
	return 1.96
}

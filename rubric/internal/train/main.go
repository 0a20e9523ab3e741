// Command train rebuilds the rubric's models from the labelled corpus:
//
//	go generate ./rubric     (or: make model)
//
// It reads every answer in rubric/testdata/corpus/answers, written and
// spoken, trains the judge (see rubric.Train) and writes rubric/model/.
// With -cv it instead trains once per writer on the other writers'
// answers and scores the held-out writer's, which says how well the judge
// carries over to text by someone it never read; nothing is written.
// With -policy it does the same and replays the follow-up policy over a
// grid of thresholds, printing the trade-off between follow-ups that ask
// for what was given and gaps asked for (see rubric.DefaultPolicy).
package main

import (
	"flag"
	"fmt"
	"log"
	"os"
	"path/filepath"
	"time"

	"github.com/starloop/starloop/prompts"
	"github.com/starloop/starloop/rubric"
	"github.com/starloop/starloop/rubric/internal/corpus"
)

func main() {
	log.SetFlags(0)
	dir := flag.String("corpus", "testdata/corpus/answers", "folder of labelled answers")
	out := flag.String("out", "model", "folder to write the model files to")
	cv := flag.Bool("cv", false, "cross-validate by writer instead of writing the model")
	errs := flag.Bool("errors", false, "with -cv, list every disagreement")
	noSpoken := flag.Bool("text-only", false, "ignore the spoken forms (to compare changes while they are being made)")
	policy := flag.Bool("policy", false, "cross-validate by writer and print the follow-up policy's trade-off (wrong follow-ups against gaps asked) over a grid of thresholds")
	show := flag.String("show", "", "judge the answer with this id by a model trained without its writer, and show its clauses")
	flag.Parse()
	// Run from the repository's root rather than from rubric/ (where go
	// generate runs it), the defaults are found under rubric/.
	if _, err := os.Stat(*dir); os.IsNotExist(err) {
		if _, err := os.Stat(filepath.Join("rubric", *dir)); err == nil {
			*dir, *out = filepath.Join("rubric", *dir), filepath.Join("rubric", *out)
		}
	}

	answers, err := corpus.Load(*dir)
	if err != nil {
		log.Fatal(err)
	}
	if *noSpoken {
		for i := range answers {
			answers[i].Spoken = nil
		}
	}
	lps, err := lpIDs()
	if err != nil {
		log.Fatal(err)
	}
	if *show != "" {
		showAnswer(answers, lps, *show)
		return
	}
	if *policy {
		sweepPolicy(answers, lps)
		return
	}
	if *cv {
		crossValidate(answers, lps, *errs)
		return
	}
	start := time.Now()
	m := rubric.Train(append(corpus.Examples(answers), corpus.BankExamples()...), lps)
	if err := m.Write(*out); err != nil {
		log.Fatal(err)
	}
	log.Printf("trained on %d answers in %s; wrote %s/", len(answers), time.Since(start).Round(time.Millisecond), *out)
}

func lpIDs() ([]string, error) {
	bank, err := prompts.Load()
	if err != nil {
		return nil, err
	}
	var ids []string
	for _, lp := range bank.LPs() {
		ids = append(ids, lp.ID)
	}
	return ids, nil
}

func crossValidate(answers []corpus.Answer, lps []string, showErrors bool) {

	var allText, allSpoken corpus.Score
	corpus.LeaveOneWriterOut(answers, lps, func(w string, an *rubric.Analyzer, test []corpus.Answer) {
		text, spoken := corpus.Evaluate(an, test, false), corpus.Evaluate(an, test, true)
		text.Print(os.Stdout, "held-out writer "+w+", text")
		if spoken.N > 0 {
			spoken.Print(os.Stdout, "held-out writer "+w+", spoken")
		}
		if showErrors {
			for _, e := range append(text.Errors, text.Wrong...) {
				fmt.Println("   ", e)
			}
			for _, e := range append(spoken.Errors, spoken.Wrong...) {
				fmt.Println("    spoken", e)
			}
		}
		allText.Merge(text)
		allSpoken.Merge(spoken)
	})
	allText.Print(os.Stdout, "all writers held out in turn, text")
	if allSpoken.N > 0 {
		allSpoken.Print(os.Stdout, "all writers held out in turn, spoken")
	}
}

func showAnswer(answers []corpus.Answer, lps []string, id string) {
	var train []corpus.Answer
	var target *corpus.Answer
	for i, a := range answers {
		if a.ID == id {
			target = &answers[i]
		}
	}
	if target == nil {
		log.Fatalf("no answer %s", id)
	}
	for _, a := range answers {
		if a.Writer != target.Writer {
			train = append(train, a)
		}
	}
	an := rubric.Train(append(corpus.Examples(train), corpus.BankExamples()...), lps).Analyzer()
	for _, s := range target.Segments {
		fmt.Printf("gold %s | %s\n", s.Role, s.Text)
	}
	show := func(ex rubric.Example) {
		r := an.Analyze(ex.Transcript, rubric.Options{LP: target.LP})
		for _, c := range r.Clauses {
			fmt.Printf("  %-9s | %s\n", c.Label, c.Text)
		}
		fmt.Printf("  answer %v specific %v measurable %v mostly_we %v (I %d, we %d) follow-up %s; LP %v\n", r.Answer, r.Specific, r.MeasurableResult, r.Ownership.MostlyWe, r.Ownership.IAction, r.Ownership.WeAction, r.FollowUp.Reason, lpList(r.LP))
	}
	fmt.Println("text:")
	show(target.TextExample())
	if ex, ok := target.SpokenExample(); ok {
		fmt.Println("spoken:")
		show(ex)
	}
	fmt.Printf("labels %+v\n", target.Labels)
}

func lpList(lps []rubric.LPScore) []string {
	var out []string
	for i, l := range lps {
		if i == 3 {
			break
		}
		out = append(out, fmt.Sprintf("%s %.2f", l.ID, l.Score))
	}
	return out
}

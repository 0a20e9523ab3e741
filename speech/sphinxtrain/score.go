package sphinxtrain

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"

	"github.com/starloop/starloop"
)

// Score returns, for each model, the mean log-likelihood per frame of the
// utterances aligned with their words by bw, under the model with the
// parameters of the Adaptation saved in that folder ("" for the model as
// installed). The difference of two scores on the same utterances says
// which model explains the voice better, as a speaker verifier compares a
// speaker's model with a general one; the recogniser's own scores cannot,
// as pocketsphinx normalises them frame by frame.
func (a *Adapter) Score(ctx context.Context, utts []Utterance, models ...string) ([]float64, error) {
	w, t, feat, err := a.prepare(ctx, utts)
	if w != nil {
		defer os.RemoveAll(w.dir)
	}
	if err != nil {
		return nil, err
	}
	jobs := make([][]string, len(models))
	for i, m := range models {
		p := a.installed(w)
		if m != "" {
			p.means = filepath.Join(m, "means")
			if _, err := os.Stat(filepath.Join(m, "variances")); err == nil {
				p.variances = filepath.Join(m, "variances")
			}
			if _, err := os.Stat(filepath.Join(m, "mixture_weights")); err == nil {
				p.mixw = filepath.Join(m, "mixture_weights")
			}
		}
		accum := fmt.Sprintf("score%d", i)
		w.mkdir(accum)
		jobs[i] = w.bwArgs(a, t, feat, accum, p)
	}
	logs := w.runAll(jobs...) // each model at once
	if w.err != nil {
		return nil, w.err
	}
	out := make([]float64, len(models))
	for i, log := range logs {
		if out[i], err = frameLogLik(log); err != nil {
			return nil, starloop.E(op, starloop.Other, err)
		}
	}
	return out, nil
}

// frameLogLik reads the log-likelihood per frame from bw's summary line,
// "overall> NAME FRAMES (-DELETED) PER-FRAME TOTAL ...".
func frameLogLik(log string) (float64, error) {
	for line := range strings.Lines(log) {
		f := strings.Fields(line)
		if len(f) < 6 || f[0] != "overall>" {
			continue
		}
		if n, err := strconv.Atoi(f[2]); err != nil || n == 0 {
			return 0, fmt.Errorf("bw aligned no frame")
		}
		return strconv.ParseFloat(f[4], 64)
	}
	return 0, fmt.Errorf("bw gave no likelihood: %s", lastLines(log, 2))
}

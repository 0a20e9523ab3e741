// Package sphinxtrain adapts pocketsphinx's acoustic model to one speaker
// with CMU SphinxTrain's tools (the Debian packages sphinxtrain,
// sphinxbase-utils and pocketsphinx), run as separate programs.
//
// Recordings enter as 16 kHz mono samples with the words read in them; an
// Adaptation leaves: the model files that change, which Options turns into
// pocketsphinx options. The steps are those of CMUSphinx's "adapting the
// default acoustic model": sphinx_fe computes the features, bw collects
// the statistics of the model's Gaussians aligned with the known words,
// and map_adapt estimates each Gaussian's mean from what the speaker's
// frames showed (MAP); each mean then moves a fifth of the way there
// (DefaultWeight), and the recordings are aligned again with the moved
// means for a second estimate (DefaultPasses). Debian's model ships its
// mixture weights only in pocketsphinx's compressed form (sendump) and
// its model definition only in binary, which bw cannot read: both are
// converted into the work folder first. Score gives bw's log-likelihood
// of recordings under a model, which tells whether a profile fits a voice.
//
// How the method was chosen (BenchmarkAdaptMethods): each flite voice
// enrols with the 20 sentences; ten answers of writer w1, not read in
// enrolment, are decoded without and with the profile: relative WER gain
// per voice (WER without a profile: slt 23.3%, rms 18.6%, awb 23.8%,
// kal16 25.0%). And with a wrong profile, made from 6 LJ Speech sentences
// and used on jfk.wav and 2412-153948-0000.wav: their words wrong, of 58,
// each transcribed alone (10 without a profile). The rule, fixed before
// measuring: the best mean gain among the methods that make no voice worse
// and do not make the wrong profile's errors exceed 10.
//
//	                         slt   rms   awb  kal16  mean  wrong profile
//	MAP, a fifth (Bayes)     25%    7%   27%   29%    22%    9
//	  the same, two passes   26%    5%   27%   32%    23%    8  (chosen)
//	MAP, tau 5               42%   15%   36%   42%    34%   14
//	MAP, tau 10              37%   15%   35%   32%    30%   15
//	MAP, tau 20              28%   17%   27%   24%    24%   15
//	MLLR, then MAP tau 10    41%    9%   28%   34%    28%   20
//	MLLR, then a fifth       35%    8%   25%   25%    23%   27
//	MLLR alone               24%   10%    7%    8%    12%   27
//
// Later tries, by the same rule and measure (the wrong profile now
// measured by the benchmark itself, wrong/METHOD; it re-measured the rows
// above as 9, 8, 15, 14, 14, 17, 26 and 25):
//
//	                                 slt   rms   awb  kal16  mean  wrong profile
//	two passes, variances too        17%   10%   27%   26%    20%   12
//	  mixture weights too            25%    6%   28%   32%    23%   15
//	  both                           11%   10%   22%   25%    17%   15
//	three passes                     25%    5%   27%   34%    23%   13
//	0.3 of the way, two passes       33%   10%   35%   40%    29%   19
//	MLLR shift only, then a fifth x2 27%    9%   30%   34%    25%   19
//	MLLR shift only                  -2%    1%   -1%   -5%    -2%   15
//	a step per speaker (Steps)       42%   17%   39%   40%    35%   17
//
// None passes the rule, so two passes a fifth of the way stay the
// default (re-measured: 26%, 5%, 27%, 32%; w2 was not decoded again).
// Adapting variances too (MAP, tau 10) helps rms a little (5% -> 10%) and
// slt not; with mixture weights it costs the wrong profile's speakers 4
// to 7 more words. A step chosen
// per speaker by the likelihood of held-out enrolment sentences (every
// fifth held out; 0.1, 0.2, 0.3 or 0.5) always took the largest, for the
// four voices and the wrong profile: the speaker's own data cannot say
// what a larger step costs someone else, and it took 12 to 24 s.
// MLLR with two regression classes was not tried: one class already costs
// the wrong profile's speakers most, and Debian's mk_mllr_class crashes.
// The wrong-profile figure is fragile: aligning in two parts at once (bw
// -npart, sums equal but for rounding; 17 of 209,663 means differed after
// one pass) turned its 8 into 15. And no method, even those that spare
// no one, brought rms to 20% on w1 (at most 17%: tau 20, or half the way
// with a step per speaker): of its errors some come
// from words the dictionary lacks (10 of 516 words: ML, CTO, Kotlin...),
// which no adaptation of the voice can fix.
//
// map_adapt's default (-bayesmean yes) is a Bayesian update that ignores
// -tau and moves every mean that saw a frame nearly all the way; a fifth
// of the way is Weight. Tau is textbook MAP instead (Gauvain and Lee: a
// mean moves n/(n+tau) of the way for n frames): tau from 5 to 20 gave
// the speaker more gain but cost a wrong profile's speaker as much as
// moving all the way, presumably because each Gaussian of this PTM model
// is shared by all the states of a phone and sees far more than tau
// frames in 20 sentences. MLLR's one global transform, learnt
// from a few sentences, costs another speaker most.
//
// Reported on other answers (BenchmarkEnrolVoices: ten answers of writer
// w2 per voice, on which nothing was chosen), WER without a profile, with
// the chosen method, and the gain; one pass (the method before) for
// comparison. Two passes did not confirm their small lead here; rms, the
// voice the model already hears best, gains under 20% with every method
// that spares a wrong profile's speaker.
//
//	WER %, without -> with   slt               rms              awb               kal16
//	two passes (chosen)      16.9 -> 13.3 21%  11.9 -> 9.9 17%  18.9 -> 12.9 32%  22.5 -> 12.8 43%
//	one pass                 16.9 -> 12.8 24%  11.9 -> 9.7 19%  18.9 -> 13.5 28%  22.5 -> 12.6 44%
//
// A profile takes 3 to 9 s to make from the 20 sentences on 2 busy cores,
// and 14.5 s when other work kept about nine processes running on them
// (the two bw passes 5 to 7 s each; bw in two parts at once took 8 to
// 9 s, but see above).
//
// Everything is written to a private temporary folder (0700) that is
// removed afterwards: the recordings are personal data.
package sphinxtrain

import (
	"bufio"
	"bytes"
	"cmp"
	"context"
	"encoding/binary"
	"errors"
	"fmt"
	"math"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"sync"

	"github.com/starloop/starloop"
	"github.com/starloop/starloop/speech/wer"
)

// DefaultWeight and DefaultPasses are Adapter.Weight and Adapter.Passes
// unless set: see the package comment.
const (
	DefaultWeight = 0.2
	DefaultPasses = 2
)

// DefaultToolDir is where Debian's sphinxtrain installs bw and map_adapt.
const DefaultToolDir = "/usr/lib/sphinxtrain"

// Utterance is one recording and the words read in it.
type Utterance struct {
	Name string  // for messages: a file name or a sentence number
	PCM  []int16 // 16 kHz mono
	Text string  // what was read; case and punctuation are ignored
}

// Adapter adapts one acoustic model to speakers.
type Adapter struct {
	ModelDir string // acoustic model (pocketsphinx -hmm)
	Dict     string // pronunciation dictionary (pocketsphinx -dict)
	ToolDir  string // bw and map_adapt; default DefaultToolDir
	// Weight is how far each mean moves from the model's towards
	// map_adapt's Bayesian estimate for the speaker, 0..1; 0 means
	// DefaultWeight. (That estimate ignores -tau and lies nearly all the
	// way to the mean of the speaker's frames.) Every pass starts from
	// the model's means; only the alignment improves.
	Weight float64
	// Tau, if above 0, replaces the Bayesian updating and Weight by
	// textbook MAP (Gauvain and Lee): each mean moves n/(n+Tau) of the way
	// to the mean of the n frames (weighted) the speaker gave it.
	Tau float64
	// MLLR first moves all means by one linear transform estimated from
	// the recordings (mllr_solve), and MAP starts from there.
	MLLR bool
	// MLLRShift makes the MLLR transform a shift of all means only (no
	// multiplicative term): 39 numbers learnt instead of 1,560.
	MLLRShift bool
	// Variances and MixWeights adapt the Gaussians' variances and the
	// senones' mixture weights too, by textbook MAP with prior count Tau
	// (map_adapt's 10 when Tau is 0).
	Variances, MixWeights bool
	// Steps, if set, are candidate Weights of which one is chosen for
	// each speaker on the speaker's own recordings: every fifth is held
	// out, the means are estimated from the others (one pass), and the
	// candidate under which bw finds the held-out recordings most likely
	// is used with all of them. Not with Tau or MLLR; with fewer than five
	// recordings Weight is used.
	Steps []float64
	// Passes is how many times the recordings are aligned and the means
	// re-estimated, each pass aligning with the last pass's means; 0
	// means DefaultPasses.
	Passes int
	// Progress, if set, is told each step as it starts, e.g. "features".
	Progress func(step string)
}

const op = "adapt speech model"

// tools are the programs an adaptation runs.
type tools struct{ bw, mapAdapt, mllrSolve, mllrTransform, fe, mdef string }

// findTools locates the programs, or says in one line what to install.
func (a *Adapter) findTools() (tools, error) {
	dir := a.ToolDir
	if dir == "" {
		dir = DefaultToolDir
	}
	var t tools
	var missing []string
	for _, p := range []struct {
		dst        *string
		name, path string
	}{
		{&t.bw, "bw", filepath.Join(dir, "bw")},
		{&t.mapAdapt, "map_adapt", filepath.Join(dir, "map_adapt")},
		{&t.mllrSolve, "mllr_solve", filepath.Join(dir, "mllr_solve")},
		{&t.mllrTransform, "mllr_transform", filepath.Join(dir, "mllr_transform")},
		{&t.fe, "sphinx_fe", ""},
		{&t.mdef, "pocketsphinx_mdef_convert", ""},
	} {
		if !a.MLLR && (p.dst == &t.mllrSolve || p.dst == &t.mllrTransform) {
			continue
		}
		path := p.path
		if path == "" {
			path, _ = exec.LookPath(p.name)
		}
		if st, err := os.Stat(path); path == "" || err != nil || st.IsDir() {
			missing = append(missing, p.name)
			continue
		}
		*p.dst = path
	}
	if len(missing) > 0 {
		return t, starloop.Errorf(starloop.NotFound,
			"%s: %s not found: install the Debian packages sphinxtrain, sphinxbase-utils and pocketsphinx (scripts/install-deps.sh does)",
			op, strings.Join(missing, ", "))
	}
	return t, nil
}

// Check reports whether the tools and the model are there, without doing
// any work: a command can fail before it records anything.
func (a *Adapter) Check() error {
	if _, err := a.findTools(); err != nil {
		return err
	}
	for _, f := range []string{"mdef", "means", "variances", "sendump", "feat.params", "noisedict", "transition_matrices"} {
		if _, err := os.Stat(filepath.Join(a.ModelDir, f)); err != nil {
			return starloop.Errorf(starloop.NotFound, "%s: the acoustic model in %s has no %s: adaptation needs a semi-continuous or PTM model like Debian's pocketsphinx-en-us", op, a.ModelDir, f)
		}
	}
	if _, err := os.Stat(a.Dict); err != nil {
		return starloop.Errorf(starloop.NotFound, "%s: pronunciation dictionary %s not found", op, a.Dict)
	}
	return nil
}

// Adaptation is an adapted model's files that differ from the model's own,
// by file name; Options says how pocketsphinx loads them once saved.
type Adaptation map[string][]byte

// options are the pocketsphinx options that load each file an Adaptation
// may hold.
var options = map[string]string{"means": "-mean", "variances": "-var", "mixture_weights": "-mixw"}

// Options returns the pocketsphinx options that load the adaptation saved
// in dir (each file of an Adaptation under its name): the files present,
// each with its option. Unknown files are ignored; "" is no adaptation.
func Options(dir string) map[string]string {
	out := map[string]string{}
	if dir == "" {
		return out
	}
	for name, opt := range options {
		p := filepath.Join(dir, name)
		if _, err := os.Stat(p); err == nil {
			out[opt] = p
		}
	}
	return out
}

// Adapt adapts the model to the speaker of utts. An utterance with a word
// the dictionary lacks, or no words at all, is left out, and Progress told
// why; when none is left the error (Invalid) gives the first reason.
func (a *Adapter) Adapt(ctx context.Context, utts []Utterance) (Adaptation, error) {
	w, t, feat, err := a.prepare(ctx, utts)
	if w != nil {
		defer os.RemoveAll(w.dir)
	}
	if err != nil {
		return nil, err
	}
	if len(a.Steps) > 0 && a.Tau <= 0 && !a.MLLR {
		chosen := *a
		chosen.Steps = nil
		if chosen.Weight, err = a.chooseStep(w, t, feat); err != nil {
			return nil, err
		}
		a.progress(fmt.Sprintf("step %g chosen", chosen.Weight))
		return chosen.estimate(w, t, feat)
	}
	return a.estimate(w, t, feat)
}

// chooseStep picks among a.Steps on held-out recordings: see Steps.
func (a *Adapter) chooseStep(w *work, t tools, feat featParams) (float64, error) {
	ctl, err := os.ReadFile(w.path("ctl"))
	if err != nil {
		return 0, starloop.E(op, starloop.Other, err)
	}
	lsn, err := os.ReadFile(w.path("lsn"))
	if err != nil {
		return 0, starloop.E(op, starloop.Other, err)
	}
	ids, words := strings.Fields(string(ctl)), strings.SplitAfter(strings.TrimSpace(string(lsn)), "\n")
	if len(ids) < 5 || len(words) != len(ids) {
		return cmp.Or(a.Weight, DefaultWeight), nil
	}
	var set [2]struct{ ctl, lsn strings.Builder }
	for i := range ids {
		s := &set[0]
		if i%5 == 4 {
			s = &set[1]
		}
		fmt.Fprintln(&s.ctl, ids[i])
		fmt.Fprintln(&s.lsn, strings.TrimSpace(words[i]))
	}
	for i, name := range []string{"-train", "-held"} {
		w.write("ctl"+name, set[i].ctl.String())
		w.write("lsn"+name, set[i].lsn.String())
	}
	defer func() { w.set = "" }()
	w.set = "-train"
	all := *a // the Bayesian estimate, all the way, from one pass
	all.Weight, all.Passes, all.Steps, all.Variances, all.MixWeights = 1, 1, nil, false, false
	est, err := all.estimate(w, t, feat)
	if err != nil {
		return 0, err
	}
	base, err := os.ReadFile(filepath.Join(a.ModelDir, "means"))
	if err != nil {
		return 0, starloop.E(op, starloop.Other, err)
	}
	w.set = "-held"
	jobs := make([][]string, len(a.Steps))
	for i, step := range a.Steps {
		b, err := blendGau(base, est["means"], step)
		if err != nil {
			return 0, starloop.E(op, starloop.Other, err)
		}
		p := a.installed(w)
		p.means = w.path(fmt.Sprintf("step%d-means", i))
		w.write(filepath.Base(p.means), string(b))
		accum := fmt.Sprintf("step%d", i)
		w.mkdir(accum)
		jobs[i] = w.bwArgs(a, t, feat, accum, p)
	}
	logs := w.runAll(jobs...) // every step at once
	if w.err != nil {
		return 0, w.err
	}
	best, bestLL := 0.0, math.Inf(-1)
	for i, step := range a.Steps {
		ll, err := frameLogLik(logs[i])
		if err != nil {
			return 0, starloop.E(op, starloop.Other, err)
		}
		a.progress(fmt.Sprintf("step %g: held-out log-likelihood %.3f per frame", step, ll))
		if ll > bestLL {
			best, bestLL = step, ll
		}
	}
	return best, nil
}

// prepare writes into a new private folder, w's, the features of the
// utterances whose words the dictionary has, their words, and the model in
// the forms bw reads. The caller removes w.dir when w is not nil.
func (a *Adapter) prepare(ctx context.Context, utts []Utterance) (*work, tools, featParams, error) {
	var w *work
	if err := a.Check(); err != nil {
		return nil, tools{}, nil, err
	}
	t, _ := a.findTools()
	if len(utts) == 0 {
		return w, t, nil, starloop.Errorf(starloop.Invalid, "%s: no recordings", op)
	}
	dir, err := os.MkdirTemp("", "starloop-adapt-")
	if err != nil {
		return nil, t, nil, starloop.E(op, starloop.Other, err)
	}
	w = &work{ctx: ctx, dir: dir}

	a.progress("reading the dictionary")
	all := make([][]string, len(utts))
	for i, u := range utts {
		all[i] = wer.Normalize(u.Text) // numbers spelled out, as the dictionary has them
	}
	known, err := writeDict(a.Dict, filepath.Join(dir, "dict"), all)
	if err != nil {
		return w, t, nil, err
	}
	var texts [][]string
	var kept []Utterance
	var first string
	for i, u := range utts {
		why := ""
		if len(all[i]) == 0 {
			why = "no words to adapt to"
		}
		for _, w := range all[i] {
			if !known[w] {
				why = fmt.Sprintf("%q is not in the pronunciation dictionary", w)
				break
			}
		}
		if why != "" {
			a.progress(fmt.Sprintf("left out %s: %s", u.Name, why))
			first = cmp.Or(first, u.Name+": "+why)
			continue
		}
		texts, kept = append(texts, all[i]), append(kept, u)
	}
	if len(kept) == 0 {
		return w, t, nil, starloop.Errorf(starloop.Invalid, "%s: no recording left: %s", op, first)
	}
	utts = kept

	a.progress("computing features")
	var ctl, lsn strings.Builder
	for i, u := range utts {
		id := fmt.Sprintf("u%03d", i)
		if err := writeRaw(filepath.Join(dir, id+".raw"), u.PCM); err != nil {
			return w, t, nil, starloop.E(op, starloop.Other, err)
		}
		fmt.Fprintln(&ctl, id)
		fmt.Fprintf(&lsn, "<s> %s </s> (%s)\n", strings.Join(texts[i], " "), id)
	}
	w.write("ctl", ctl.String())
	w.write("lsn", lsn.String())
	w.run(t.fe, "-argfile", filepath.Join(a.ModelDir, "feat.params"), "-samprate", "16000",
		"-raw", "yes", "-input_endian", "little", "-remove_silence", "yes",
		"-c", w.path("ctl"), "-di", dir, "-do", dir, "-ei", "raw", "-eo", "mfc")

	a.progress("converting the model for SphinxTrain")
	w.run(t.mdef, "-text", filepath.Join(a.ModelDir, "mdef"), w.path("mdef.txt"))
	if w.err == nil {
		if err := convertSendump(filepath.Join(a.ModelDir, "sendump"), w.path("mixture_weights")); err != nil {
			return w, t, nil, starloop.E(op, starloop.Other, err)
		}
	}

	feat, err := readFeatParams(filepath.Join(a.ModelDir, "feat.params"))
	if err != nil {
		return w, t, nil, starloop.E(op, starloop.Other, err)
	}
	return w, t, feat, w.err
}

// params are the files of the model's parameters that bw aligns with and
// map_adapt adapts.
type params struct{ means, variances, mixw string }

// installed are the parameters of the model as installed, its mixture
// weights in the form that prepare wrote into w's folder.
func (a *Adapter) installed(w *work) params {
	return params{
		means:     filepath.Join(a.ModelDir, "means"),
		variances: filepath.Join(a.ModelDir, "variances"),
		mixw:      w.path("mixture_weights"),
	}
}

// estimate aligns the features in w's folder with the words (bw), then
// estimates the speaker's means (and variances and mixture weights, if
// asked): by MAP from the model's (map_adapt), on top of a global MLLR
// transform if a.MLLR, realigning with the adapted parameters a.Passes
// times in all.
func (a *Adapter) estimate(w *work, t tools, feat featParams) (Adaptation, error) {
	m := a.ModelDir
	prior := a.installed(w) // the parameters MAP starts from
	align := prior          // the parameters bw aligns with
	passes := cmp.Or(a.Passes, DefaultPasses)
	if a.MLLR {
		a.progress("estimating a transform of the voice (MLLR)")
		w.bw(a, t, feat, "mllr-accum", align)
		mult := "yes"
		if a.MLLRShift {
			mult = "no"
		}
		w.run(t.mllrSolve, "-meanfn", prior.means, "-varfn", prior.variances,
			"-mllrmult", mult, "-mllradd", "yes",
			"-outmllrfn", w.path("mllr_matrix"), "-accumdir", w.path("mllr-accum"))
		w.run(t.mllrTransform, "-inmeanfn", prior.means, "-outmeanfn", w.path("mllr_means"),
			"-mllrmat", w.path("mllr_matrix"))
		prior.means, align.means = w.path("mllr_means"), w.path("mllr_means")
	}
	for pass := range passes {
		a.progress(fmt.Sprintf("aligning the recordings (pass %d of %d)", pass+1, passes))
		accum := fmt.Sprintf("accum%s%d", w.set, pass)
		w.bw(a, t, feat, accum, align)
		a.progress("adapting the model")
		out := fmt.Sprintf("map%s%d", w.set, pass)
		w.mkdir(out)
		args := []string{
			"-moddeffn", w.path("mdef.txt"),
			"-ts2cbfn", ".ptm.",
			"-meanfn", prior.means,
			"-varfn", prior.variances,
			"-mixwfn", prior.mixw,
			"-tmatfn", filepath.Join(m, "transition_matrices"),
			"-accumdir", w.path(accum),
			"-mapmeanfn", w.path(out + "/means"),
		}
		if a.Tau > 0 {
			args = append(args, "-bayesmean", "no")
		}
		if a.Tau > 0 || a.Variances || a.MixWeights {
			args = append(args, "-fixedtau", "yes", "-tau", strconv.FormatFloat(cmp.Or(a.Tau, 10), 'g', -1, 64))
		}
		if a.Variances {
			args = append(args, "-mapvarfn", w.path(out+"/variances"))
		}
		if a.MixWeights {
			args = append(args, "-mapmixwfn", w.path(out+"/mixture_weights"))
		}
		w.run(t.mapAdapt, args...)
		if w.err != nil {
			return nil, w.err
		}
		means := w.path(out + "/means")
		if a.Tau <= 0 {
			// Bayesian updating moves every mean that saw a frame
			// nearly all the way: move it only Weight of the way.
			if err := w.blend(prior.means, means, cmp.Or(a.Weight, DefaultWeight)); err != nil {
				return nil, err
			}
		}
		align.means = means
		if a.Variances {
			align.variances = w.path(out + "/variances")
		}
		if a.MixWeights {
			align.mixw = w.path(out + "/mixture_weights")
		}
	}
	files := map[string]string{"means": align.means}
	if a.Variances {
		files["variances"] = align.variances
	}
	if a.MixWeights {
		files["mixture_weights"] = align.mixw
	}
	out := Adaptation{}
	for name, path := range files {
		b, err := os.ReadFile(path)
		if err != nil {
			return nil, starloop.E(op, starloop.Other, err)
		}
		out[name] = b
	}
	return out, nil
}

// bw runs SphinxTrain's bw on the features and words in w's folder,
// aligning with the parameters p, into the folder accum. It is one run:
// split into parts aligned at once (bw -npart), the sums were the same
// but for rounding, yet that moved a wrong profile's cost to another
// speaker from 8 to 15 words of 58 (BenchmarkAdaptMethods), so the
// method chosen would no longer be the method measured.
func (w *work) bw(a *Adapter, t tools, feat featParams, accum string, p params) {
	w.mkdir(accum)
	w.runAll(w.bwArgs(a, t, feat, accum, p))
}

// bwArgs is the command that runs bw on the features and words in w's
// folder, aligning with the parameters p, into the folder accum.
func (w *work) bwArgs(a *Adapter, t tools, feat featParams, accum string, p params) []string {
	return []string{t.bw,
		"-hmmdir", a.ModelDir,
		"-meanfn", p.means,
		"-varfn", p.variances,
		"-mixwfn", p.mixw,
		"-moddeffn", w.path("mdef.txt"),
		"-ts2cbfn", ".ptm.",
		"-feat", feat.get("-feat", "1s_c_d_dd"),
		"-svspec", feat.get("-svspec", "0-12/13-25/26-38"),
		"-cmn", "current",
		"-agc", feat.get("-agc", "none"),
		"-dictfn", w.path("dict"),
		"-fdictfn", filepath.Join(a.ModelDir, "noisedict"),
		"-ctlfn", w.path("ctl" + w.set),
		"-lsnfn", w.path("lsn" + w.set),
		"-cepdir", w.dir,
		"-accumdir", w.path(accum)}
}

// blend rewrites the means in the file adapted to lie the fraction f of
// the way from those in the file prior.
func (w *work) blend(prior, adapted string, f float64) error {
	p, err := os.ReadFile(prior)
	if err != nil {
		return starloop.E(op, starloop.Other, err)
	}
	q, err := os.ReadFile(adapted)
	if err != nil {
		return starloop.E(op, starloop.Other, err)
	}
	b, err := blendGau(p, q, f)
	if err != nil {
		return starloop.E(op, starloop.Other, fmt.Errorf("means: %w", err))
	}
	if err := os.WriteFile(adapted, b, 0o600); err != nil {
		return starloop.E(op, starloop.Other, err)
	}
	return nil
}

func (w *work) mkdir(name string) {
	if w.err == nil {
		if err := os.Mkdir(w.path(name), 0o700); err != nil {
			w.err = starloop.E(op, starloop.Other, err)
		}
	}
}

func (a *Adapter) progress(step string) {
	if a.Progress != nil {
		a.Progress(step)
	}
}

// work runs the steps in one folder; the first error sticks.
type work struct {
	ctx context.Context
	dir string
	err error
	set string // the recordings bw aligns: ctl and lsn with this suffix
}

func (w *work) path(name string) string { return filepath.Join(w.dir, name) }

func (w *work) write(name, s string) {
	if w.err == nil {
		if err := os.WriteFile(w.path(name), []byte(s), 0o600); err != nil {
			w.err = starloop.E(op, starloop.Other, err)
		}
	}
}

// run runs a tool; the last lines it wrote go into the error when it
// fails.
func (w *work) run(bin string, args ...string) {
	w.runAll(append([]string{bin}, args...))
}

// runAll runs tools at once, each a program and its arguments, and
// returns what each wrote; the first failure becomes w's error.
func (w *work) runAll(jobs ...[]string) []string {
	logs := make([]string, len(jobs))
	if w.err != nil {
		return logs
	}
	if err := w.ctx.Err(); err != nil {
		w.err = starloop.E(op, starloop.Canceled, err)
		return logs
	}
	errs := make([]error, len(jobs))
	var wg sync.WaitGroup
	for i, job := range jobs {
		wg.Go(func() {
			var log bytes.Buffer
			cmd := exec.CommandContext(w.ctx, job[0], job[1:]...)
			cmd.Dir = w.dir
			cmd.Stdout, cmd.Stderr = &log, &log
			err := cmd.Run()
			if err == nil && bytes.Contains(log.Bytes(), []byte("FATAL")) {
				err = errors.New("reported a fatal error")
			}
			logs[i], errs[i] = log.String(), err
		})
	}
	wg.Wait()
	for i, err := range errs {
		switch {
		case err == nil:
			continue
		case w.ctx.Err() != nil:
			w.err = starloop.E(op, starloop.Canceled, w.ctx.Err())
		default:
			w.err = starloop.Errorf(starloop.Other, "%s: %s failed (%v): %s", op, filepath.Base(jobs[i][0]), err, lastLines(logs[i], 3))
		}
		break
	}
	return logs
}

func lastLines(s string, n int) string {
	lines := strings.Split(strings.TrimSpace(s), "\n")
	if len(lines) > n {
		lines = lines[len(lines)-n:]
	}
	return strings.Join(lines, " | ")
}

// writeDict writes the entries of dict for the words of texts, every
// pronunciation of each, so that bw need not read the whole dictionary,
// and returns which of the words it has.
func writeDict(dict, out string, texts [][]string) (map[string]bool, error) {
	need := map[string]bool{}
	for _, ws := range texts {
		for _, w := range ws {
			need[w] = false
		}
	}
	f, err := os.Open(dict)
	if err != nil {
		return nil, starloop.E(op, starloop.NotFound, err)
	}
	defer f.Close()
	var b strings.Builder
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		line := sc.Text()
		word, _, _ := strings.Cut(line, " ")
		base, _, _ := strings.Cut(word, "(")
		if _, ok := need[base]; ok {
			need[base] = true
			b.WriteString(line)
			b.WriteByte('\n')
		}
	}
	if err := sc.Err(); err != nil {
		return nil, starloop.E(op, starloop.Other, err)
	}
	if err := os.WriteFile(out, []byte(b.String()), 0o600); err != nil {
		return nil, starloop.E(op, starloop.Other, err)
	}
	return need, nil
}

// writeRaw writes samples as headerless little-endian 16-bit, which
// sphinx_fe reads with -raw yes.
func writeRaw(path string, pcm []int16) error {
	b := make([]byte, 0, 2*len(pcm))
	for _, s := range pcm {
		b = binary.LittleEndian.AppendUint16(b, uint16(s))
	}
	return os.WriteFile(path, b, 0o600)
}

// featParams are the options of a model's feat.params.
type featParams map[string]string

func (f featParams) get(k, def string) string {
	if v, ok := f[k]; ok {
		return v
	}
	return def
}

func readFeatParams(path string) (featParams, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	f := featParams{}
	for line := range strings.SplitSeq(string(b), "\n") {
		k, v, ok := strings.Cut(strings.TrimSpace(line), " ")
		if ok {
			f[k] = strings.TrimSpace(v)
		}
	}
	return f, nil
}

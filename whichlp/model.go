package whichlp

import (
	"bufio"
	_ "embed"
	"fmt"
	"io"
	"math"
	"slices"
	"sort"
	"strconv"
	"strings"
	"unicode"

	"github.com/starloop/starloop/lexicon"
	"github.com/starloop/starloop/prompts"
	"github.com/starloop/starloop/reuse"
)

// The model is a multinomial logistic regression over the words of a
// question and its pairs of adjacent words: an LP's score is the softmax
// of the sum of the weights the question's features carry for it. Its
// weights are data (model/weights.txt, embedded), rebuilt by one command,
// `make model` (go generate in this folder), from the prompt bank (each
// LP's questions, follow-ups, name, meaning and signals) and the labelled
// questions of testdata/train.tsv; TestModelFresh fails when the file and
// its sources drift apart.
//
//go:generate go run ./internal/train
//go:embed model/weights.txt
var weightsFile string

// Training settings. Chosen by the cross-validation of TestCrossValidation
// on the training questions, never on testdata/heldout.tsv.
const (
	epochs = 300
	l2     = 0.002 // per example, on every weight
	rate   = 0.5   // AdaGrad's step
)

// word is one word of a question as the model reads it.
type word struct {
	key  string // stem ("push", "manag"), or the word itself for a stop word
	said string // as written
	stop bool   // a function word: no feature of its own, only in pairs
}

// frame holds the words that frame any question ("describe", "give me an
// example", "walk me through"); they say nothing about the LP.
var frame = map[string]bool{
	"describ": true, "giv": true, "exampl": true, "walk": true, "share": true,
	"situat": true, "specif": true, "concret": true, "recent": true, "happen": true,
	"tell": true, "time": true,
}

// words splits text (typed, or recognised speech) into words: runs of
// letters and digits, apostrophes dropped, lower case. Hesitations are
// dropped; each other word is keyed by its stem as the reuse detector
// stems it.
func words(text string) []word {
	var out []word
	for _, f := range strings.FieldsFunc(text, func(r rune) bool {
		return !unicode.IsLetter(r) && !unicode.IsDigit(r) && r != '\'' && r != '\u2019'
	}) {
		said := strings.Trim(f, "'\u2019")
		w := strings.ToLower(strings.NewReplacer("'", "", "\u2019", "").Replace(said))
		if w == "" || lexicon.IsHesitation(w) {
			continue
		}
		key := w
		if c := reuse.ContentWords(w); len(c) == 1 {
			key = c[0]
		}
		out = append(out, word{key: key, said: said, stop: lexicon.IsFunctionWord(w) || frame[key]})
	}
	return out
}

// feature is one feature of a question, with the words that raised it.
type feature struct {
	name, said string
	// shown is whether said can be shown as pointing to an LP: a word, or
	// a pair that starts with a word ("pushed back", not "a new").
	shown bool
}

// featuresOf reads text into its features, each once: "w=STEM" for a word
// that is neither a function word nor a framing word, and "b=STEM STEM" for
// two adjacent words ("b=push back", "b=not good").
func featuresOf(text string) []feature {
	ws := words(text)
	seen := map[string]bool{}
	var out []feature
	add := func(name, said string, shown bool) {
		if !seen[name] {
			seen[name] = true
			out = append(out, feature{name, said, shown})
		}
	}
	for i, w := range ws {
		if !w.stop {
			add("w="+w.key, w.said, true)
		}
		if i > 0 && !(ws[i-1].stop && w.stop) {
			add("b="+ws[i-1].key+" "+w.key, ws[i-1].said+" "+w.said, !ws[i-1].stop)
		}
	}
	return out
}

// model holds the weights: for each feature, one weight per class.
type model struct {
	classes []string
	weights map[string][]float64
}

// probabilities are the classes' softmax scores for the features fs.
func (m *model) probabilities(fs []feature) []float64 {
	p := make([]float64, len(m.classes))
	for _, f := range fs {
		for k, w := range m.weights[f.name] {
			p[k] += w
		}
	}
	softmax(p)
	return p
}

func softmax(z []float64) {
	top := slices.Max(z)
	var s float64
	for k := range z {
		z[k] = math.Exp(z[k] - top)
		s += z[k]
	}
	for k := range z {
		z[k] /= s
	}
}

// example is one labelled training text.
type example struct{ lp, text string }

// examples are the training texts: every LP's questions, follow-ups,
// name, meaning and signals, then the lines of corpus (an LP id, a tab, a
// question; # starts a comment line).
func examples(lps []prompts.LP, corpus io.Reader) ([]example, error) {
	var out []example
	known := map[string]bool{}
	for _, lp := range lps {
		known[lp.ID] = true
		for _, t := range slices.Concat(lp.Questions, lp.FollowUps, []string{lp.Name, lp.Meaning}, lp.Signals) {
			out = append(out, example{lp.ID, t})
		}
	}
	sc := bufio.NewScanner(corpus)
	for n := 1; sc.Scan(); n++ {
		line := sc.Text()
		if strings.TrimSpace(line) == "" || strings.HasPrefix(line, "#") {
			continue
		}
		id, q, ok := strings.Cut(line, "\t")
		if !ok || !known[id] {
			return nil, fmt.Errorf("line %d: want an LP id, a tab and a question", n)
		}
		out = append(out, example{id, q})
	}
	return out, sc.Err()
}

// train fits the weights to ex by full-batch gradient descent with
// AdaGrad steps on the mean cross-entropy plus an L2 penalty. It is
// deterministic: features are indexed in sorted order.
func train(classes []string, ex []example) *model {
	class := map[string]int{}
	for k, c := range classes {
		class[c] = k
	}
	index := map[string]int{}
	var names []string
	xs := make([][]int, len(ex))
	for i, e := range ex {
		for _, f := range featuresOf(e.text) {
			if _, ok := index[f.name]; !ok {
				index[f.name] = len(names)
				names = append(names, f.name)
			}
			xs[i] = append(xs[i], index[f.name])
		}
	}
	nc, nf := len(classes), len(names)
	w := make([]float64, nf*nc)
	g2 := make([]float64, nf*nc)
	grad := make([]float64, nf*nc)
	p := make([]float64, nc)
	inv := 1 / float64(len(ex))
	for range epochs {
		for j := range w {
			grad[j] = l2 * w[j]
		}
		for i, e := range ex {
			clear(p)
			for _, f := range xs[i] {
				for k := range nc {
					p[k] += w[f*nc+k]
				}
			}
			softmax(p)
			p[class[e.lp]]--
			for _, f := range xs[i] {
				for k := range nc {
					grad[f*nc+k] += inv * p[k]
				}
			}
		}
		for j := range w {
			g2[j] += grad[j] * grad[j]
			if g2[j] > 0 {
				w[j] -= rate * grad[j] / math.Sqrt(g2[j])
			}
		}
	}
	m := &model{classes: classes, weights: map[string][]float64{}}
	for f, name := range names {
		m.weights[name] = w[f*nc : (f+1)*nc]
	}
	return m
}

// write writes m as text: a comment line, the classes, then one feature a
// line with its weights, features sorted.
func (m *model) write(w io.Writer) error {
	bw := bufio.NewWriter(w)
	fmt.Fprintln(bw, "# whichlp: logistic regression weights, one feature a line; rebuilt by `make model`")
	fmt.Fprintf(bw, "classes\t%s\n", strings.Join(m.classes, "\t"))
	names := make([]string, 0, len(m.weights))
	for n := range m.weights {
		names = append(names, n)
	}
	slices.Sort(names)
	for _, n := range names {
		bw.WriteString(n)
		for _, x := range m.weights[n] {
			bw.WriteByte('\t')
			bw.WriteString(strconv.FormatFloat(x, 'f', 4, 64))
		}
		bw.WriteByte('\n')
	}
	return bw.Flush()
}

// readModel reads what write wrote.
func readModel(text string) (*model, error) {
	m := &model{weights: map[string][]float64{}}
	for n, line := range strings.Split(strings.TrimSuffix(text, "\n"), "\n") {
		if strings.HasPrefix(line, "#") {
			continue
		}
		fields := strings.Split(line, "\t")
		if fields[0] == "classes" {
			m.classes = fields[1:]
			continue
		}
		if len(m.classes) == 0 || len(fields) != len(m.classes)+1 {
			return nil, fmt.Errorf("line %d: want a feature and %d weights after the classes", n+1, len(m.classes))
		}
		ws := make([]float64, len(m.classes))
		for k, f := range fields[1:] {
			x, err := strconv.ParseFloat(f, 64)
			if err != nil {
				return nil, fmt.Errorf("line %d: %v", n+1, err)
			}
			ws[k] = x
		}
		m.weights[fields[0]] = ws
	}
	if len(m.classes) == 0 {
		return nil, fmt.Errorf("no classes line")
	}
	return m, nil
}

// Train rebuilds the model from lps and the labelled questions of corpus
// and writes it to w, in the form the package embeds; `make model` runs it.
func Train(w io.Writer, lps []prompts.LP, corpus io.Reader) error {
	ex, err := examples(lps, corpus)
	if err != nil {
		return err
	}
	classes := make([]string, len(lps))
	for i, lp := range lps {
		classes[i] = lp.ID
	}
	return train(classes, ex).write(w)
}

// pointing are the words of fs (as written) that raise class k's score
// most against the mean of all classes, strongest first, at most four; a
// word already shown in a stronger pair, or a pair holding a word already
// shown, is left out.
func (m *model) pointing(fs []feature, k int) []string {
	type lift struct {
		said string
		by   float64
	}
	var ls []lift
	for _, f := range fs {
		ws := m.weights[f.name]
		if ws == nil || !f.shown {
			continue
		}
		var mean float64
		for _, x := range ws {
			mean += x
		}
		mean /= float64(len(ws))
		if by := ws[k] - mean; by >= minLift {
			ls = append(ls, lift{f.said, by})
		}
	}
	sort.SliceStable(ls, func(i, j int) bool { return ls[i].by > ls[j].by })
	var out []string
	shown := map[string]bool{}
	for _, l := range ls {
		ws := strings.Fields(strings.ToLower(l.said))
		if slices.ContainsFunc(ws, func(w string) bool { return shown[w] }) {
			continue
		}
		for _, w := range ws {
			shown[w] = true
		}
		out = append(out, l.said)
		if len(out) == 4 {
			break
		}
	}
	return out
}

// minLift is the least a word must raise an LP's score (in the model's
// log-odds) to be shown as pointing to it.
const minLift = 0.15

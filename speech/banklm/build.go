// Package banklm builds the language model that starloop's offline
// recogniser decodes with: one model merged from three, written as one
// binary file that pocketsphinx loads as it loads its stock model.
//
//   - the stock en-us model of the Debian package pocketsphinx-en-us
//     (general English, read speech);
//   - an interview-domain model: a Kneser-Ney trigram over domain.txt,
//     text written for starloop of how people tell work stories in many
//     trades (software, operations, sales, healthcare, teaching, retail,
//     finance, manufacturing), and over the question bank of package
//     prompts;
//   - a personal model over the user's story bank: titles, bullet points,
//     numbers (spoken: "40%" is "forty percent") and LP names.
//
// The models are mixed linearly with fixed weights (DefaultWeights, fitted
// by expectation maximisation on held-out answers, then moved toward the
// stock model until general English is at most 5% more perplexing than
// under the stock model alone; see weights.go), and
// words of the domain and the bank that the dictionary lacks get
// pronunciations (Pronounce). Data enters as the bank's stories, the
// question bank and the paths of the stock model and dictionary; it
// leaves as a Model: the path of the merged binary model in a cache folder
// and the pronunciations to add to the dictionary. A build takes some
// seconds and a few hundred MB; its result is cached under a hash of all
// that went into it, so the same bank is built once.
package banklm

import (
	"bufio"
	"context"
	"crypto/sha256"
	_ "embed"
	"encoding/hex"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"github.com/starloop/starloop"
	"github.com/starloop/starloop/speech/lm"
)

//go:embed domain.txt
var domainText string

// DomainText is the domain corpus written for starloop (domain.txt).
func DomainText() string { return domainText }

// version changes whenever the way models are built changes, so that
// cached models built the old way are not used.
const version = "banklm 3"

// Model is a built model: load LM with Words added to the dictionary.
type Model struct {
	LM    string
	Words []Pronunciation
}

// Builder builds models. Its zero value is not usable: StockLM, Dict and
// CacheDir are required.
type Builder struct {
	StockLM  string // the stock binary model (pocketsphinx.DefaultLM)
	Dict     string // the pronunciation dictionary (pocketsphinx.DefaultDict)
	CacheDir string // where built models are kept, e.g. $XDG_CACHE_HOME/starloop/lm
	// Domain is the domain model's text: DomainText and QuestionText.
	Domain string
	// Weights of the stock, domain and personal models; zero means
	// DefaultWeights. Without a personal text the personal weight is
	// shared by the other two in proportion.
	Weights [3]float64
	// Phones guesses pronunciations that the dictionary lacks; nil leaves
	// such words without (the recogniser then cannot say them).
	Phones Phonetizer
	// Progress, if set, gets one line when a build has taken a second,
	// and one when it ends.
	Progress io.Writer
}

// Cached returns the model for the personal text if it was built before,
// without building it.
func (b *Builder) Cached(personal string) (Model, bool) {
	k, err := b.key(personal)
	if err != nil {
		return Model{}, false
	}
	return k.cached()
}

// Build returns the model for the personal text (StoryText of the bank,
// perhaps with a script; "" for none), from the cache when it was built
// before with the same inputs.
func (b *Builder) Build(ctx context.Context, personal string) (Model, error) {
	const op = "build language model"
	k, err := b.key(personal)
	if err != nil {
		return Model{}, starloop.E(op, starloop.KindOf(err), err)
	}
	if m, ok := k.cached(); ok {
		return m, nil
	}
	w, personalSents, lmPath, dictPath := k.weights, k.sentences, k.lm, k.dict
	start := time.Now()
	done := make(chan struct{})
	defer close(done)
	if b.Progress != nil {
		go func() {
			select {
			case <-time.After(time.Second):
				fmt.Fprintln(b.Progress, "Building the speech model (once for each change of the story bank)...")
			case <-done:
			}
		}()
	}
	m, err := b.build(ctx, w, personal, personalSents, lmPath, dictPath)
	if err != nil {
		return Model{}, starloop.E(op, starloop.KindOf(err), err)
	}
	if b.Progress != nil && time.Since(start) > time.Second {
		fmt.Fprintf(b.Progress, "Speech model built in %.1f s.\n", time.Since(start).Seconds())
	}
	return m, nil
}

// cacheKey is where the model for one personal text is kept.
type cacheKey struct {
	weights   [3]float64
	sentences [][]string
	lm, dict  string
}

// key hashes everything a model is built from: the code's version, the
// stock model's file, the weights, the dictionary, the domain and the
// personal text.
func (b *Builder) key(personal string) (cacheKey, error) {
	w := b.Weights
	if w == ([3]float64{}) {
		w = DefaultWeights
	}
	sents := Sentences(personal)
	if len(sents) == 0 {
		w = [3]float64{w[0] / (w[0] + w[1]), w[1] / (w[0] + w[1]), 0}
	}
	st, err := os.Stat(b.StockLM)
	if err != nil {
		return cacheKey{}, starloop.Errorf(starloop.NotFound, "stock model %s not found: install the Debian package pocketsphinx-en-us", b.StockLM)
	}
	h := sha256.New()
	fmt.Fprintf(h, "%s\x00%s\x00%d\x00%d\x00%v\x00%s\x00%s\x00%q", version, b.StockLM, st.Size(), st.ModTime().UnixNano(), w, b.Dict, b.Domain, sents)
	name := hex.EncodeToString(h.Sum(nil))[:24]
	return cacheKey{w, sents, filepath.Join(b.CacheDir, name+".lm.bin"), filepath.Join(b.CacheDir, name+".dict")}, nil
}

func (k cacheKey) cached() (Model, bool) {
	words, err := readWords(k.dict)
	if err != nil {
		return Model{}, false
	}
	if _, err := os.Stat(k.lm); err != nil {
		return Model{}, false
	}
	return Model{LM: k.lm, Words: words}, true
}

func (b *Builder) build(ctx context.Context, w [3]float64, personal string, personalSents [][]string, lmPath, dictPath string) (Model, error) {
	f, err := os.Open(b.StockLM)
	if err != nil {
		return Model{}, err
	}
	stock, err := lm.ReadBinary(f)
	f.Close()
	if err != nil {
		return Model{}, fmt.Errorf("read %s: %w", b.StockLM, err)
	}
	if err := ctx.Err(); err != nil {
		return Model{}, starloop.E("build", starloop.Canceled, err)
	}
	models := []*lm.Model{stock, lm.Train(Sentences(b.Domain), 0)}
	weights := []float64{w[0], w[1]}
	if len(personalSents) > 0 {
		models = append(models, lm.Train(personalSents, 0))
		weights = append(weights, w[2])
	}
	mixed, err := lm.Mix(models, weights)
	if err != nil {
		return Model{}, err
	}
	if err := ctx.Err(); err != nil {
		return Model{}, starloop.E("build", starloop.Canceled, err)
	}

	df, err := os.Open(b.Dict)
	if err != nil {
		return Model{}, starloop.Errorf(starloop.NotFound, "dictionary %s not found: install the Debian package pocketsphinx-en-us", b.Dict)
	}
	dict, err := ReadDict(df)
	df.Close()
	if err != nil {
		return Model{}, fmt.Errorf("read %s: %w", b.Dict, err)
	}
	acronyms := Acronyms(b.Domain + "\n" + personal)
	var words []Pronunciation
	tried := map[string]bool{lm.BOS: true, lm.EOS: true}
	for _, m := range models[1:] {
		for _, word := range m.Words {
			if _, ok := dict[word]; ok || tried[word] {
				continue
			}
			tried[word] = true
			if ph := Pronounce(ctx, dict, b.Phones, word, acronyms); ph != "" {
				words = append(words, Pronunciation{word, ph})
			}
		}
	}

	if err := os.MkdirAll(b.CacheDir, 0o700); err != nil {
		return Model{}, err
	}
	if err := writeFile(lmPath, func(w io.Writer) error { return lm.WriteBinary(w, mixed) }); err != nil {
		return Model{}, err
	}
	if err := writeFile(dictPath, func(w io.Writer) error {
		for _, p := range words {
			if _, err := fmt.Fprintf(w, "%s %s\n", p.Word, p.Phones); err != nil {
				return err
			}
		}
		return nil
	}); err != nil {
		return Model{}, err
	}
	prune(b.CacheDir, keepModels)
	return Model{LM: lmPath, Words: words}, nil
}

// keepModels is how many built models the cache keeps (27 MB each): the
// bank now, the interview model, and a few versions back.
const keepModels = 4

// prune removes all but the newest keep models from dir.
func prune(dir string, keep int) {
	paths, _ := filepath.Glob(filepath.Join(dir, "*.lm.bin"))
	type built struct {
		path string
		mod  time.Time
	}
	var all []built
	for _, p := range paths {
		if st, err := os.Stat(p); err == nil {
			all = append(all, built{p, st.ModTime()})
		}
	}
	slices.SortFunc(all, func(a, b built) int { return b.mod.Compare(a.mod) })
	for _, old := range all[min(keep, len(all)):] {
		os.Remove(old.path)
		os.Remove(strings.TrimSuffix(old.path, ".lm.bin") + ".dict")
	}
}

// writeFile writes path (0600) through a temporary file, so that a reader
// never sees half a model.
func writeFile(path string, write func(io.Writer) error) error {
	tmp, err := os.CreateTemp(filepath.Dir(path), ".tmp-*")
	if err != nil {
		return err
	}
	defer os.Remove(tmp.Name())
	bw := bufio.NewWriter(tmp)
	if err := write(bw); err != nil {
		tmp.Close()
		return err
	}
	if err := bw.Flush(); err != nil {
		tmp.Close()
		return err
	}
	if err := tmp.Chmod(0o600); err != nil {
		tmp.Close()
		return err
	}
	if err := tmp.Close(); err != nil {
		return err
	}
	return os.Rename(tmp.Name(), path)
}

func readWords(path string) ([]Pronunciation, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	var out []Pronunciation
	for line := range strings.Lines(string(data)) {
		w, ph, ok := strings.Cut(strings.TrimSpace(line), " ")
		if ok {
			out = append(out, Pronunciation{w, ph})
		}
	}
	return out, nil
}

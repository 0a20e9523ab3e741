// Command measure measures what the story bank's language model does for
// recognition, through the real pipeline: each answer of the development
// set is spoken by flite voices, and the recordings are decoded by
// starloop's pocketsphinx with the stock model, the stock+domain model and
// the stock+domain+personal model (the personal one built from the dev
// bank's notes, which were written apart from the answers). It prints word
// error rates per voice and overall, and the same for the shared real
// recordings when -real is given. With -fit it instead fits the mixing
// weights (banklm.DefaultWeights) by EM and prints them.
//
//	go run ./speech/banklm/internal/measure [-voices slt,rms] [-n 1] [-stories 8] [-real ../shared/speech]
//	go run ./speech/banklm/internal/measure -fit
//
// Recordings are cached in -wavs (default /tmp/starloop-lm-wavs), models
// in -cache. flite's voices and t2p share letter-to-sound rules, so gains
// from added pronunciations are optimistic for human speakers.
//
// Results on Debian 12 (pocketsphinx 0.8+5prealpha, flite 2.2), answer 1 of
// the first 8 stories (7 software, 1 release engineering), two voices,
// weights 0.748/0.164/0.088, with
// `-n 1 -stories 8 -voices slt,rms -real ../shared/speech -models ...`:
//
//	model                         slt     rms     both    real speech (12 files)
//	stock                        28.2%   17.4%   22.8%   16.8% (33/196)
//	+ domain                     25.4%   15.7%   20.5%   17.3% (34/196)
//	+ domain + personal          19.1%   10.8%   15.0%   18.4% (36/196)
//	+ domain + personal, a bank  25.1%   16.0%   20.6%   18.4% (36/196)
//	  of the 8 other stories
//	  ("outside": no notes for the story told)
//
// 2,256 reference words per column but the last. One error on the real
// recordings is 0.5 points.
package main

import (
	"bufio"
	"context"
	"encoding/binary"
	"encoding/json"
	"flag"
	"fmt"
	"log"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/starloop/starloop/audio"
	"github.com/starloop/starloop/prompts"
	"github.com/starloop/starloop/speech/banklm"
	"github.com/starloop/starloop/speech/flite"
	"github.com/starloop/starloop/speech/lm"
	"github.com/starloop/starloop/speech/pocketsphinx"
	"github.com/starloop/starloop/speech/wer"
	"github.com/starloop/starloop/stories"
)

type answer struct {
	Story string `json:"story"`
	N     int    `json:"n"`
	Text  string `json:"text"`
}

type utt struct {
	id, story, voice, ref string
	pcm                   []int16
}

func main() {
	log.SetFlags(0)
	dev := flag.String("dev", "speech/banklm/testdata/dev", "dev set: bank.yaml, answers.jsonl, heldout-text.txt")
	tune := flag.String("tune", "speech/banklm/testdata/tune", "tuning set for -fit: bank.yaml, answers.txt")
	voices := flag.String("voices", "slt,rms", "flite voices")
	ns := flag.String("n", "1,2", "which answers of each story (1, 2 or both)")
	maxStories := flag.Int("stories", 0, "only the first N stories of answers.jsonl (0: all)")
	wavs := flag.String("wavs", "/tmp/starloop-lm-wavs", "cache of synthesised answers")
	cache := flag.String("cache", "/tmp/starloop-lm-cache", "cache of built models")
	real := flag.String("real", "", "folder of real recordings with refs.tsv (../shared/speech)")
	models := flag.String("models", "stock,domain,personal", "models to compare: stock, domain, personal, outside (a bank of the stories not measured)")
	workers := flag.Int("j", 2, "decoders at once")
	fit := flag.Bool("fit", false, "fit the mixing weights instead")
	flag.Parse()
	ctx := context.Background()

	qbank, err := prompts.Load()
	if err != nil {
		log.Fatal(err)
	}
	lts, err := flite.NewLetterToSound("")
	if err != nil {
		log.Fatal(err)
	}
	domain := banklm.DomainText() + "\n" + banklm.QuestionText(qbank)
	if *fit {
		fitWeights(qbank, domain, *dev, *tune)
		return
	}
	bank := readBank(filepath.Join(*dev, "bank.yaml"), qbank)
	b := &banklm.Builder{StockLM: pocketsphinx.DefaultLM, Dict: pocketsphinx.DefaultDict,
		CacheDir: *cache, Domain: domain, Phones: lts, Progress: os.Stderr}
	utts := synthesise(ctx, *dev, strings.Split(*voices, ","), *ns, *wavs, *maxStories)
	measured := map[string]bool{}
	for _, u := range utts {
		measured[u.story] = true
	}
	var outside []stories.Story // the bank's stories that no measured answer tells
	for _, s := range bank {
		if !measured[s.ID] {
			outside = append(outside, s)
		}
	}
	configs := map[string]pocketsphinx.Config{"stock": {}}
	for _, name := range strings.Split(*models, ",") {
		var text string
		switch name {
		case "stock":
			continue
		case "personal":
			text = banklm.StoryText(bank, qbank.Name)
		case "outside":
			text = banklm.StoryText(outside, qbank.Name)
		}
		start := time.Now()
		m, err := b.Build(ctx, text)
		if err != nil {
			log.Fatal(err)
		}
		log.Printf("%s model: %s, %d added words (%.1f s)", name, m.LM, len(m.Words), time.Since(start).Seconds())
		cfg := pocketsphinx.Config{LM: m.LM}
		for _, w := range m.Words {
			cfg.Words = append(cfg.Words, pocketsphinx.Pronunciation{Word: w.Word, Phones: w.Phones})
		}
		configs[name] = cfg
	}

	var realUtts []utt
	if *real != "" {
		realUtts = readReal(*real)
	}
	names := strings.Split(*models, ",")
	fmt.Printf("%-10s", "WER")
	for _, v := range strings.Split(*voices, ",") {
		fmt.Printf(" %14s", v)
	}
	fmt.Printf(" %14s", "all voices")
	if *real != "" {
		fmt.Printf(" %14s", "real speech")
	}
	fmt.Println()
	for _, name := range names {
		cfg, ok := configs[name]
		if !ok {
			log.Fatalf("unknown model %q", name)
		}
		per := map[string]*wer.Tally{}
		var all wer.Tally
		hyps := decode(ctx, cfg, utts, *workers)
		for i, u := range utts {
			if per[u.voice] == nil {
				per[u.voice] = &wer.Tally{}
			}
			per[u.voice].Add(u.ref, hyps[i])
			all.Add(u.ref, hyps[i])
		}
		fmt.Printf("%-10s", name)
		for _, v := range strings.Split(*voices, ",") {
			t := per[v]
			fmt.Printf(" %5.1f%% %3d/%4d", 100*t.Rate(), t.Errors, t.Words)
		}
		fmt.Printf(" %5.1f%% %3d/%4d", 100*all.Rate(), all.Errors, all.Words)
		if len(realUtts) > 0 {
			var rt wer.Tally
			for i, h := range decode(ctx, cfg, realUtts, *workers) {
				rt.Add(realUtts[i].ref, h)
			}
			fmt.Printf(" %5.1f%% %3d/%4d", 100*rt.Rate(), rt.Errors, rt.Words)
		}
		fmt.Println()
	}
}

func readBank(path string, qbank *prompts.Bank) []stories.Story {
	data, err := os.ReadFile(path)
	if err != nil {
		log.Fatal(err)
	}
	f := stories.Parse(filepath.Base(path), data, qbank)
	if err := f.Err(); err != nil {
		log.Fatal(err)
	}
	return f.Stories
}

// synthesise speaks every chosen answer with every voice, cached as raw
// 16 kHz samples.
func synthesise(ctx context.Context, dev string, voices []string, ns, dir string, maxStories int) []utt {
	if err := os.MkdirAll(dir, 0o700); err != nil {
		log.Fatal(err)
	}
	f, err := os.Open(filepath.Join(dev, "answers.jsonl"))
	if err != nil {
		log.Fatal(err)
	}
	defer f.Close()
	var out []utt
	seen := map[string]bool{}
	sc := bufio.NewScanner(f)
	sc.Buffer(nil, 1<<20)
	for sc.Scan() {
		var a answer
		if err := json.Unmarshal(sc.Bytes(), &a); err != nil {
			log.Fatal(err)
		}
		seen[a.Story] = true
		if !slices.Contains(strings.Split(ns, ","), fmt.Sprint(a.N)) || maxStories > 0 && len(seen) > maxStories {
			continue
		}
		for _, v := range voices {
			id := fmt.Sprintf("%s-%d", a.Story, a.N)
			path := filepath.Join(dir, id+"-"+v+".raw")
			pcm, err := readRaw(path)
			if err != nil {
				voice, err := flite.New(flite.Config{Voice: v})
				if err != nil {
					log.Fatal(err)
				}
				pcm = nil
				for _, chunk := range chunks(a.Text, flite.MaxText/2) {
					p, err := voice.Synthesize(ctx, chunk)
					if err != nil {
						log.Fatal(err)
					}
					pcm = append(pcm, p...)
				}
				writeRaw(path, pcm)
			}
			out = append(out, utt{id: id, story: a.Story, voice: v, ref: a.Text, pcm: pcm})
		}
	}
	return out
}

func chunks(text string, n int) []string {
	var out []string
	for len(text) > n {
		cut := strings.LastIndexAny(text[:n], ".!?")
		if cut <= 0 {
			cut = n - 1
		}
		out = append(out, strings.TrimSpace(text[:cut+1]))
		text = strings.TrimSpace(text[cut+1:])
	}
	return append(out, text)
}

func readRaw(path string) ([]int16, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	pcm := make([]int16, len(data)/2)
	_, err = binary.Decode(data, binary.LittleEndian, pcm)
	return pcm, err
}

func writeRaw(path string, pcm []int16) {
	data, err := binary.Append(nil, binary.LittleEndian, pcm)
	if err == nil {
		err = os.WriteFile(path, data, 0o600)
	}
	if err != nil {
		log.Fatal(err)
	}
}

func readReal(dir string) []utt {
	data, err := os.ReadFile(filepath.Join(dir, "refs.tsv"))
	if err != nil {
		log.Fatal(err)
	}
	var out []utt
	for line := range strings.Lines(string(data)) {
		f := strings.Split(strings.TrimSpace(line), "\t")
		if len(f) < 2 {
			continue
		}
		pcm, err := audio.ReadWAVFile(filepath.Join(dir, f[0]+".wav"))
		if err != nil {
			log.Fatal(err)
		}
		out = append(out, utt{id: f[0], voice: "real", ref: f[1], pcm: pcm})
	}
	return out
}

// decode transcribes every utterance with a fresh Recognizer per worker.
func decode(ctx context.Context, cfg pocketsphinx.Config, utts []utt, workers int) []string {
	hyps := make([]string, len(utts))
	next := make(chan int)
	var wg sync.WaitGroup
	for range workers {
		r, err := pocketsphinx.New(cfg)
		if err != nil {
			log.Fatal(err)
		}
		wg.Add(1)
		go func() {
			defer wg.Done()
			defer r.Close()
			for i := range next {
				tr, err := r.Transcribe(ctx, utts[i].pcm)
				if err != nil {
					log.Fatal(err)
				}
				hyps[i] = tr.Text
			}
		}()
	}
	for i := range utts {
		next <- i
	}
	close(next)
	wg.Wait()
	return hyps
}

// fitWeights fits the mixing weights in two steps. Stock against domain:
// EM on the dev set's held-out text (answers by another writer about other
// stories). The personal share: EM of all three on answers written for
// the README's example bank (tune/), with the personal model built from
// that bank's notes. The stock and domain weights keep their ratio.
func fitWeights(qbank *prompts.Bank, domain, dev, tune string) {
	f, err := os.Open(pocketsphinx.DefaultLM)
	if err != nil {
		log.Fatal(err)
	}
	stock, err := lm.ReadBinary(f)
	f.Close()
	if err != nil {
		log.Fatal(err)
	}
	dom := lm.Train(banklm.Sentences(domain), 0)
	held, err := os.ReadFile(filepath.Join(dev, "heldout-text.txt"))
	if err != nil {
		log.Fatal(err)
	}
	w2, ppl2, err := lm.FitWeights([]*lm.Model{stock, dom}, banklm.Sentences(string(held)), 100)
	if err != nil {
		log.Fatal(err)
	}
	fmt.Printf("stock, domain on %s/heldout-text.txt: %.3f %.3f (perplexity %.0f)\n", dev, w2[0], w2[1], ppl2)
	tuneBank := readBank(filepath.Join(tune, "bank.yaml"), qbank)
	pers := lm.Train(banklm.Sentences(banklm.StoryText(tuneBank, qbank.Name)), 0)
	ans, err := os.ReadFile(filepath.Join(tune, "answers.txt"))
	if err != nil {
		log.Fatal(err)
	}
	w3, ppl3, err := lm.FitWeights([]*lm.Model{stock, dom, pers}, banklm.Sentences(string(ans)), 100)
	if err != nil {
		log.Fatal(err)
	}
	fmt.Printf("stock, domain, personal on %s/answers.txt: %.3f %.3f %.3f (perplexity %.0f)\n", tune, w3[0], w3[1], w3[2], ppl3)
	p := w3[2]
	fmt.Printf("two-step weights: %.2f %.2f %.2f\n", (1-p)*w2[0], (1-p)*w2[1], p)
	both := append(banklm.Sentences(string(held)), banklm.Sentences(string(ans))...)
	w4, ppl4, err := lm.FitWeights([]*lm.Model{stock, dom, pers}, both, 100)
	if err != nil {
		log.Fatal(err)
	}
	fmt.Printf("stock, domain, personal on both texts: %.3f %.3f %.3f (perplexity %.0f)\n", w4[0], w4[1], w4[2], ppl4)
}

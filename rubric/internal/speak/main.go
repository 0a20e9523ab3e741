// Command speak gives every answer of the rubric's corpus its spoken form:
// the answer's text is spoken by a flite voice and recognised by
// pocketsphinx, exactly as a practice session hears a candidate, and the
// recognised words with their timings are written beside the corpus. The
// rubric is trained and measured on these transcripts, not on imitations
// of recogniser output.
//
//	go run ./rubric/internal/speak [-force] [-j 2] [FILE.jsonl ...]
//
// (or `make spoken-corpus`). For each rubric/testdata/corpus/*/NAME.jsonl
// (or each file named) it writes rubric/testdata/corpus/*/spoken/NAME.jsonl,
// one line per answer:
//
//	{"id": "w1-001", "voice": "rms", "words": [["our", 0.31, 0.49], ...]}
//
// with each word's start and end in seconds. Answers already spoken (same
// id and a matching hash of the text) are kept unless -force is given, so
// adding answers re-speaks only those. The voice is chosen from the id, so
// that the voices are spread evenly over writers and styles and a run is
// reproducible. It takes about a quarter of the answers' spoken length per
// worker.
package main

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"flag"
	"fmt"
	"hash/fnv"
	"log"
	"math"
	"os"
	"os/signal"
	"path/filepath"
	"strings"
	"sync"
	"time"

	"github.com/starloop/starloop/rubric/internal/corpus"
	"github.com/starloop/starloop/speech/flite"
	"github.com/starloop/starloop/speech/pocketsphinx"
)

// voices are the flite voices the corpus is spoken with: two American
// (slt, rms), one Scottish (awb) and the low-quality kal16.
var voices = []string{"slt", "rms", "awb", "kal16"}

type spoken struct {
	ID    string   `json:"id"`
	Voice string   `json:"voice"`
	Hash  string   `json:"hash"`  // of the text spoken, to notice edits
	Words [][3]any `json:"words"` // text, start and end in seconds
	err   error    // set when speaking failed
}

func main() {
	log.SetFlags(0)
	force := flag.Bool("force", false, "speak every answer again, even those already spoken")
	workers := flag.Int("j", 2, "answers spoken and recognised at once")
	root := flag.String("corpus", "rubric/testdata/corpus", "the corpus folder")
	flag.Parse()
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()

	// The folders of answers labelled by segment; legacy/ holds
	// whole-answer labels of an older definition and is never spoken.
	var files []string
	for _, dir := range []string{"answers", "blind"} {
		f, err := filepath.Glob(filepath.Join(*root, dir, "*.jsonl"))
		if err != nil {
			log.Fatal(err)
		}
		files = append(files, f...)
	}
	if flag.NArg() > 0 {
		files = flag.Args()
	}
	if len(files) == 0 {
		log.Fatalf("speak: no corpus files under %s", *root)
	}
	recs := make(chan *pocketsphinx.Recognizer, *workers)
	for i := 0; i < *workers; i++ {
		r, err := pocketsphinx.New(pocketsphinx.Config{})
		if err != nil {
			log.Fatal(err)
		}
		defer r.Close()
		recs <- r
	}
	for _, f := range files {
		if err := speakFile(ctx, f, recs, *force); err != nil {
			log.Fatalf("speak %s: %v", f, err)
		}
	}
}

func hashText(s string) string {
	h := sha256.Sum256([]byte(s))
	return hex.EncodeToString(h[:6])
}

func voiceFor(id string) string {
	h := fnv.New32a()
	h.Write([]byte(id))
	return voices[h.Sum32()%uint32(len(voices))]
}

func speakFile(ctx context.Context, path string, recs chan *pocketsphinx.Recognizer, force bool) error {
	answers, err := corpus.ReadAnswers(path)
	if err != nil {
		return err
	}
	out := filepath.Join(filepath.Dir(path), "spoken", filepath.Base(path))
	old := map[string]spoken{}
	if !force {
		old, _ = readSpoken(out)
	}
	results := make([]spoken, len(answers))
	var wg sync.WaitGroup
	var mu sync.Mutex
	todo := 0
	for _, a := range answers {
		if s, ok := old[a.ID]; !ok || s.Hash != hashText(a.Text()) {
			todo++
		}
	}
	done := 0
	start := time.Now()
	for i, a := range answers {
		text := a.Text()
		if s, ok := old[a.ID]; ok && s.Hash == hashText(text) {
			results[i] = s
			continue
		}
		r := <-recs
		if ctx.Err() != nil {
			return ctx.Err()
		}
		wg.Add(1)
		go func(i int, a corpus.Answer, text string) {
			defer wg.Done()
			defer func() { recs <- r }()
			s := speakOne(ctx, r, a.ID, text)
			mu.Lock()
			defer mu.Unlock()
			results[i] = s
			done++
			if done%10 == 0 && s.err == nil {
				// A checkpoint, so that an interrupted run loses little.
				if err := writeSpoken(out, merged(results, old, answers)); err != nil {
					log.Printf("checkpoint: %v", err)
				}
			}
			fmt.Fprintf(os.Stderr, "\r%s: %d/%d spoken (%s)   ", filepath.Base(path), done, todo, time.Since(start).Round(time.Second))
		}(i, a, text)
	}
	wg.Wait()
	if todo > 0 {
		fmt.Fprintln(os.Stderr)
	}
	for _, s := range results {
		if s.err != nil {
			return fmt.Errorf("%s: %w", s.ID, s.err)
		}
	}
	return writeSpoken(out, results)
}

// merged is what is spoken so far: new results, else old ones still valid.
func merged(results []spoken, old map[string]spoken, answers []corpus.Answer) []spoken {
	var out []spoken
	for i, a := range answers {
		switch s, ok := old[a.ID]; {
		case results[i].ID != "" && results[i].err == nil:
			out = append(out, results[i])
		case ok && s.Hash == hashText(a.Text()):
			out = append(out, s)
		}
	}
	return out
}

func speakOne(ctx context.Context, r *pocketsphinx.Recognizer, id, text string) spoken {
	s := spoken{ID: id, Voice: voiceFor(id), Hash: hashText(text), Words: [][3]any{}}
	v, err := flite.New(flite.Config{Voice: s.Voice})
	if err != nil {
		s.err = err
		return s
	}
	var pcm []int16
	// flite limits one call's text; long answers are spoken a sentence
	// group at a time and joined with a short breath between.
	for _, chunk := range chunks(text, flite.MaxText/2) {
		p, err := v.Synthesize(ctx, chunk)
		if err != nil {
			s.err = err
			return s
		}
		pcm = append(pcm, p...)
		pcm = append(pcm, make([]int16, 16000*3/10)...)
	}
	tr, err := r.Transcribe(ctx, pcm)
	if err != nil {
		s.err = err
		return s
	}
	for _, w := range tr.Words {
		s.Words = append(s.Words, [3]any{w.Text, secs(w.Start), secs(w.End)})
	}
	return s
}

func secs(d time.Duration) float64 { return math.Round(d.Seconds()*1000) / 1000 }

// chunks splits text at sentence ends into pieces of at most n bytes.
func chunks(text string, n int) []string {
	if len(text) <= n {
		return []string{text}
	}
	var out []string
	for len(text) > n {
		cut := strings.LastIndexAny(text[:n], ".!?")
		if cut <= 0 {
			cut = strings.LastIndexByte(text[:n], ' ')
		}
		if cut <= 0 {
			cut = n - 1
		}
		out = append(out, strings.TrimSpace(text[:cut+1]))
		text = strings.TrimSpace(text[cut+1:])
	}
	if text != "" {
		out = append(out, text)
	}
	return out
}

func readSpoken(path string) (map[string]spoken, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	out := map[string]spoken{}
	dec := json.NewDecoder(f)
	for {
		var s spoken
		if err := dec.Decode(&s); err != nil {
			break
		}
		out[s.ID] = s
	}
	return out, nil
}

func writeSpoken(path string, ss []spoken) error {
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		return err
	}
	var b strings.Builder
	for _, s := range ss {
		line, err := json.Marshal(s)
		if err != nil {
			return err
		}
		b.Write(line)
		b.WriteByte('\n')
	}
	tmp := path + ".tmp"
	if err := os.WriteFile(tmp, []byte(b.String()), 0o644); err != nil {
		return err
	}
	return os.Rename(tmp, path)
}

package sphinxtrain_test

import (
	"bufio"
	"context"
	"encoding/json"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/starloop/starloop/enrol"
	"github.com/starloop/starloop/speech/flite"
	"github.com/starloop/starloop/speech/pocketsphinx"
	"github.com/starloop/starloop/speech/sphinxtrain"
	"github.com/starloop/starloop/speech/wer"
)

// heldOut returns the first two segments of ten answers of writer w1 per
// voice (voice k takes answers 10k to 10k+9): answers not read in
// enrolment, by another writer.
func heldOut(b *testing.B, k int) []string {
	b.Helper()
	f, err := os.Open("../../rubric/testdata/corpus/answers/w1.jsonl")
	if err != nil {
		b.Skip(err)
	}
	defer f.Close()
	var out []string
	sc := bufio.NewScanner(f)
	sc.Buffer(nil, 1<<20)
	for i := 0; sc.Scan(); i++ {
		if i < 10*k || i >= 10*k+10 {
			continue
		}
		var a struct {
			Segments []struct{ Text string } `json:"segments"`
		}
		if err := json.Unmarshal(sc.Bytes(), &a); err != nil {
			b.Fatal(err)
		}
		var parts []string
		for _, s := range a.Segments[:min(2, len(a.Segments))] {
			parts = append(parts, s.Text)
		}
		out = append(out, strings.Join(parts, " "))
	}
	return out
}

func decodeAll(b *testing.B, dir string, pcm [][]int16, refs []string) float64 {
	b.Helper()
	r, err := pocketsphinx.New(pocketsphinx.Config{Options: sphinxtrain.Options(dir)})
	if err != nil {
		b.Fatal(err)
	}
	defer r.Close()
	var t wer.Tally
	for i, p := range pcm {
		tr, err := r.Transcribe(context.Background(), p)
		if err != nil {
			b.Fatal(err)
		}
		t.Add(refs[i], tr.Text)
	}
	return t.Rate()
}

// BenchmarkEnrolVoices is the measure behind the package comment: each
// flite voice enrols with the 20 sentences; ten answers it did not read
// are decoded without and with the profile. Slow (minutes per voice):
//
//	go test ./speech/sphinxtrain -run '^$' -bench 'EnrolVoices/kal16' -benchtime 1x
//
// It reports the seconds the adaptation took (adapt-s), the word error
// rates (wer-before, wer-after, in %) and the relative gain (gain-%).
func BenchmarkEnrolVoices(b *testing.B) {
	a := &sphinxtrain.Adapter{ModelDir: pocketsphinx.DefaultModelDir, Dict: pocketsphinx.DefaultDict}
	if err := a.Check(); err != nil {
		b.Skip(err)
	}
	ctx := context.Background()
	for k, voice := range []string{"slt", "rms", "awb", "kal16"} {
		b.Run(voice, func(b *testing.B) {
			v, err := flite.New(flite.Config{Voice: voice})
			if err != nil {
				b.Skip(err)
			}
			say := func(texts []string) [][]int16 {
				var out [][]int16
				for _, s := range texts {
					pcm, err := v.Synthesize(ctx, s)
					if err != nil {
						b.Fatal(err)
					}
					out = append(out, pcm)
				}
				return out
			}
			sentences := enrol.Sentences()
			var utts []sphinxtrain.Utterance
			for i, pcm := range say(sentences) {
				utts = append(utts, sphinxtrain.Utterance{Name: sentences[i], PCM: pcm, Text: sentences[i]})
			}
			refs := heldOut(b, k)
			test := say(refs)
			for b.Loop() {
				start := time.Now()
				m, err := a.Adapt(ctx, utts)
				if err != nil {
					b.Fatal(err)
				}
				took := time.Since(start)
				dir := b.TempDir()
				for name, data := range m {
					os.WriteFile(dir+"/"+name, data, 0o600)
				}
				before, after := decodeAll(b, "", test, refs), decodeAll(b, dir, test, refs)
				b.ReportMetric(took.Seconds(), "adapt-s")
				b.ReportMetric(100*before, "wer-before")
				b.ReportMetric(100*after, "wer-after")
				b.ReportMetric(100*(before-after)/before, "gain-%")
			}
		})
	}
}

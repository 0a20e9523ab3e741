package banklm

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"runtime/debug"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/starloop/starloop/audio"
	"github.com/starloop/starloop/prompts"
	"github.com/starloop/starloop/speech/flite"
	"github.com/starloop/starloop/speech/pocketsphinx"
	"github.com/starloop/starloop/stories"
)

// BenchmarkBuild builds the model of the 16-story dev bank from scratch:
// read the stock model, train the domain and personal models, mix, write
// the binary. It reports the peak heap besides time:
//
//	go test -run - -bench 'Build$' -benchtime 1x ./speech/banklm
func BenchmarkBuild(b *testing.B) { benchmarkBuild(b, 16) }

// BenchmarkBuild30 is BenchmarkBuild for a bank of 30 stories (the issue's
// goal: at most 10 s and 1 GB): the 16 of the dev bank, then 14 made from
// them deterministically (bankOf). It reports the process's
// peak resident memory too (run it alone, as below, for that to mean the
// build's):
//
//	go test -run - -bench 'Build30$' -benchtime 1x ./speech/banklm
func BenchmarkBuild30(b *testing.B) { benchmarkBuild(b, 30) }

// bankOf is a bank of n stories: the dev bank's 16, then copies of
// them with another id, a title and a name of their own and each number
// written one higher ("9 s" → "10 s"), so that their notes are new
// n-grams, as another candidate's stories would be.
func bankOf(bank []stories.Story, n int) []stories.Story {
	out := slices.Clone(bank)
	names := []string{"Priya", "Tomasz", "Aiko", "Mateo", "Fatima", "Olu", "Ingrid"}
	for i := 0; len(out) < n; i++ {
		s := bank[i%len(bank)]
		name := names[i%len(names)]
		bump := func(lines []string) []string {
			var res []string
			for _, l := range lines {
				res = append(res, bumpNumbers(l)+" With "+name+".")
			}
			return res
		}
		s.ID = fmt.Sprintf("%s-%d", s.ID, i+2)
		s.Title = s.Title + " again, with " + name
		s.Situation, s.Task, s.Action, s.Result, s.Numbers = bump(s.Situation), bump(s.Task), bump(s.Action), bump(s.Result), bump(s.Numbers)
		out = append(out, s)
	}
	return out[:n]
}

// bumpNumbers adds one to every whole number written in digits in s.
func bumpNumbers(s string) string {
	var b strings.Builder
	for i := 0; i < len(s); {
		j := i
		for j < len(s) && s[j] >= '0' && s[j] <= '9' {
			j++
		}
		if j > i {
			v, _ := strconv.Atoi(s[i:j])
			b.WriteString(strconv.Itoa(v + 1))
			i = j
			continue
		}
		b.WriteByte(s[i])
		i++
	}
	return b.String()
}

func benchmarkBuild(b *testing.B, n int) {
	const stock = "/usr/share/pocketsphinx/model/en-us/en-us.lm.bin"
	if _, err := os.Stat(stock); err != nil {
		b.Skip("no stock model")
	}
	qbank, err := prompts.Load()
	if err != nil {
		b.Fatal(err)
	}
	data, err := os.ReadFile("testdata/dev/bank.yaml")
	if err != nil {
		b.Fatal(err)
	}
	bank := bankOf(stories.Parse("bank.yaml", data, qbank).Stories, n)
	text := StoryText(bank, qbank.Name)
	var peak uint64
	for i := 0; i < b.N; i++ {
		bl := &Builder{StockLM: stock, Dict: "/usr/share/pocketsphinx/model/en-us/cmudict-en-us.dict",
			CacheDir: filepath.Join(b.TempDir(), "lm"), Domain: DomainText() + "\n" + QuestionText(qbank)}
		done := make(chan struct{})
		go func() { // sample the heap while building
			var ms runtime.MemStats
			tick := time.NewTicker(20 * time.Millisecond)
			defer tick.Stop()
			for {
				select {
				case <-done:
					return
				case <-tick.C:
				}
				runtime.ReadMemStats(&ms)
				peak = max(peak, ms.HeapInuse)
			}
		}()
		if _, err := bl.Build(context.Background(), text); err != nil {
			b.Fatal(err)
		}
		close(done)
	}
	b.ReportMetric(float64(peak)/(1<<20), "peak-heap-MB")
	b.ReportMetric(float64(peakRSSKB(b))/1024, "MB-peak-rss")
}

// peakRSSKB is the process's peak resident set (VmHWM), in kB.
func peakRSSKB(b *testing.B) int { return statusKB(b, "VmHWM:") }

// statusKB is a field of /proc/self/status, in kB.
func statusKB(b *testing.B, field string) int {
	data, err := os.ReadFile("/proc/self/status")
	if err != nil {
		b.Skip("no /proc/self/status")
	}
	for line := range strings.Lines(string(data)) {
		if rest, ok := strings.CutPrefix(line, field); ok {
			kb, _ := strconv.Atoi(strings.TrimSuffix(strings.TrimSpace(rest), " kB"))
			return kb
		}
	}
	return 0
}

// BenchmarkSessionDecode is a session's recogniser at work: load the
// model, then stream one answer of the dev set (kestrel, spoken by flite's
// slt voice, about 50 s) in 20 ms frames, as the microphone delivers it,
// and finish it. It reports the real-time factor of the decoding and the
// process's resident memory at the end (VmRSS, the build's heap given
// back to the system first: a session loads a model built before), for
// the stock model and for the dev bank's model (stock + domain +
// personal):
//
//	go test -run - -bench 'SessionDecode/stock' -benchtime 3x ./speech/banklm
//	go test -run - -bench 'SessionDecode/bank' -benchtime 3x ./speech/banklm
func BenchmarkSessionDecode(b *testing.B) {
	const (
		stockLM = "/usr/share/pocketsphinx/model/en-us/en-us.lm.bin"
		dict    = "/usr/share/pocketsphinx/model/en-us/cmudict-en-us.dict"
	)
	if _, err := os.Stat(stockLM); err != nil {
		b.Skip("no stock model")
	}
	ctx := context.Background()
	voice, err := flite.New(flite.Config{Voice: "slt"})
	if err != nil {
		b.Skip(err)
	}
	data, err := os.ReadFile("testdata/dev/answers.jsonl")
	if err != nil {
		b.Fatal(err)
	}
	var text string
	for line := range strings.Lines(string(data)) {
		var a struct {
			Story string `json:"story"`
			N     int    `json:"n"`
			Text  string `json:"text"`
		}
		if err := json.Unmarshal([]byte(line), &a); err == nil && a.Story == "kestrel-cache-stampede" && a.N == 1 {
			text = a.Text
		}
	}
	var pcm []int16
	for _, chunk := range strings.SplitAfter(text, ". ") {
		p, err := voice.Synthesize(ctx, chunk)
		if err != nil {
			b.Fatal(err)
		}
		pcm = append(pcm, p...)
	}
	seconds := float64(len(pcm)) / audio.SampleRate

	run := func(b *testing.B, cfg pocketsphinx.Config) {
		r, err := pocketsphinx.New(cfg)
		if err != nil {
			b.Fatal(err)
		}
		defer r.Close()
		var busy time.Duration
		for b.Loop() {
			start := time.Now()
			s, err := r.Start(ctx)
			if err != nil {
				b.Fatal(err)
			}
			for i := 0; i < len(pcm); i += audio.FrameSize {
				if err := s.Write(pcm[i:min(i+audio.FrameSize, len(pcm))]); err != nil {
					b.Fatal(err)
				}
			}
			if _, err := s.Finish(); err != nil {
				b.Fatal(err)
			}
			busy += time.Since(start)
		}
		b.ReportMetric(busy.Seconds()/float64(b.N)/seconds, "rtf")
		b.ReportMetric(float64(statusKB(b, "VmRSS:"))/1024, "MB-rss")
	}
	b.Run("stock", func(b *testing.B) { run(b, pocketsphinx.Config{}) })
	b.Run("bank", func(b *testing.B) {
		qbank, err := prompts.Load()
		if err != nil {
			b.Fatal(err)
		}
		data, err := os.ReadFile("testdata/dev/bank.yaml")
		if err != nil {
			b.Fatal(err)
		}
		lts, err := flite.NewLetterToSound("")
		if err != nil {
			b.Skip(err)
		}
		bl := &Builder{StockLM: stockLM, Dict: dict, CacheDir: filepath.Join(b.TempDir(), "lm"),
			Domain: DomainText() + "\n" + QuestionText(qbank), Phones: lts}
		m, err := bl.Build(ctx, StoryText(stories.Parse("bank.yaml", data, qbank).Stories, qbank.Name))
		if err != nil {
			b.Fatal(err)
		}
		debug.FreeOSMemory()
		cfg := pocketsphinx.Config{LM: m.LM}
		for _, w := range m.Words {
			cfg.Words = append(cfg.Words, pocketsphinx.Pronunciation{Word: w.Word, Phones: w.Phones})
		}
		run(b, cfg)
	})
}

package banklm

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/starloop/starloop/prompts"
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
func peakRSSKB(b *testing.B) int {
	data, err := os.ReadFile("/proc/self/status")
	if err != nil {
		b.Skip("no /proc/self/status")
	}
	for line := range strings.Lines(string(data)) {
		if rest, ok := strings.CutPrefix(line, "VmHWM:"); ok {
			kb, _ := strconv.Atoi(strings.TrimSuffix(strings.TrimSpace(rest), " kB"))
			return kb
		}
	}
	return 0
}

package banklm

import (
	"context"
	"os"
	"path/filepath"
	"runtime"
	"testing"
	"time"

	"github.com/starloop/starloop/prompts"
	"github.com/starloop/starloop/stories"
)

// BenchmarkBuild builds the model of the 16-story dev bank from scratch:
// read the stock model, train the domain and personal models, mix, write
// the binary. It reports the peak heap besides time:
//
//	go test -run - -bench Build -benchtime 1x ./speech/banklm
func BenchmarkBuild(b *testing.B) {
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
	bank := stories.Parse("bank.yaml", data, qbank).Stories
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
}

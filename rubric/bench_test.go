package rubric

import (
	"os"
	"testing"

	"github.com/starloop/starloop"
)

// BenchmarkAnalyze judges a 446-word answer (wc -w) with a reused Analyzer.
func BenchmarkAnalyze(b *testing.B) {
	text, err := os.ReadFile("testdata/long-answer.txt")
	if err != nil {
		b.Fatal(err)
	}
	a := New()
	tr := starloop.Transcript{Text: string(text)}
	b.ReportAllocs()
	for b.Loop() {
		a.Analyze(tr, Options{LP: "dive-deep"})
	}
}

// BenchmarkNew is the one-off cost of compiling the lexicons.
func BenchmarkNew(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		New()
	}
}

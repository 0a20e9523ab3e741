// Command train rebuilds the LP classifier's weights (whichlp/model/
// weights.txt) from the prompt bank and whichlp/testdata/train.tsv. Run it
// from the whichlp folder: `go generate` there, or `make model` at the top.
package main

import (
	"bytes"
	"fmt"
	"os"

	"github.com/starloop/starloop/prompts"
	"github.com/starloop/starloop/whichlp"
)

func main() {
	if err := run(); err != nil {
		fmt.Fprintln(os.Stderr, "train:", err)
		os.Exit(1)
	}
}

func run() error {
	bank, err := prompts.Load()
	if err != nil {
		return err
	}
	corpus, err := os.Open("testdata/train.tsv")
	if err != nil {
		return err
	}
	defer corpus.Close()
	var out bytes.Buffer
	if err := whichlp.Train(&out, bank.LPs(), corpus); err != nil {
		return fmt.Errorf("testdata/train.tsv: %w", err)
	}
	return os.WriteFile("model/weights.txt", out.Bytes(), 0o644)
}

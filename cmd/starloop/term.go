package main

import (
	"io"
	"os"

	"github.com/starloop/starloop/terminal"
)

// useColor reports whether ANSI colour should be written to w.
func useColor(w io.Writer, noColor bool) bool {
	if noColor || os.Getenv("NO_COLOR") != "" || os.Getenv("TERM") == "dumb" {
		return false
	}
	return terminal.Is(w)
}

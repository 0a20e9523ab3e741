package main

import (
	"embed"
	"strings"
)

// The long descriptions of the commands (`starloop CMD --help`) are text
// files under help/, one a command, read as they will be shown.
//
//go:embed help/*.txt
var helpFiles embed.FS

// help is the description of the command name, help/name.txt without its
// final newline.
func help(name string) string {
	b, err := helpFiles.ReadFile("help/" + name + ".txt")
	if err != nil {
		panic("starloop: no help text for " + name) // a file missing from help/ is a bug
	}
	return strings.TrimSuffix(string(b), "\n")
}

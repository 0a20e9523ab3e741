package main

import (
	"strings"
	"testing"

	"github.com/urfave/cli/v2"
)

// TestEveryCommandHelp runs --help on every command and subcommand: a flag
// defined twice in one command panics only when that command parses its
// flags, which no other test may do.
func TestEveryCommandHelp(t *testing.T) {
	var walk func(path []string, cmds []*cli.Command)
	walk = func(path []string, cmds []*cli.Command) {
		for _, c := range cmds {
			args := append(append([]string(nil), path...), c.Name)
			t.Run(strings.Join(args, " "), func(t *testing.T) {
				out, errOut, err := runCLI(t, append(args, "--help")...)
				if err != nil {
					t.Fatalf("--help: %v\n%s", err, errOut)
				}
				if !strings.Contains(out, c.Name) {
					t.Errorf("--help does not name the command:\n%s", out)
				}
			})
			walk(args, c.Subcommands)
		}
	}
	walk(nil, newApp(&appEnv{}).Commands)
}

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

// TestHelpFiles: each help/NAME.txt is the description of command NAME
// (a misspelt file would be shown nowhere).
func TestHelpFiles(t *testing.T) {
	cmds := map[string]*cli.Command{}
	for _, c := range newApp(&appEnv{}).Commands {
		cmds[c.Name] = c
	}
	files, err := helpFiles.ReadDir("help")
	if err != nil || len(files) == 0 {
		t.Fatalf("help/: %v, %d files", err, len(files))
	}
	for _, f := range files {
		name := strings.TrimSuffix(f.Name(), ".txt")
		c, ok := cmds[name]
		if !ok {
			t.Errorf("help/%s: no command %s", f.Name(), name)
			continue
		}
		first, _, _ := strings.Cut(help(name), "\n")
		first, _, _ = strings.Cut(first, "%") // adapt's says how many answers with Sprintf
		if !strings.HasPrefix(c.Description, first) {
			t.Errorf("%s's description does not begin with help/%s's first line %q", name, f.Name(), first)
		}
	}
}

package main

import (
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/urfave/cli/v2"
)

// flagMeaning is what a flag says it is: its type, usage, default and
// environment variables.
type flagMeaning struct {
	kind, usage, def, env string
}

func meaningOf(f cli.Flag) flagMeaning {
	d := f.(cli.DocGenerationFlag)
	m := flagMeaning{kind: fmt.Sprintf("%T", f), usage: d.GetUsage(), def: d.GetValue()}
	if e, ok := f.(interface{ GetEnvVars() []string }); ok {
		m.env = strings.Join(e.GetEnvVars(), ",")
	}
	return m
}

// everyFlag is every flag of every command and subcommand, by name, then
// by the command ("stories check") that has it.
func everyFlag() map[string]map[string]flagMeaning {
	flags := map[string]map[string]flagMeaning{}
	var walk func(path string, cmds []*cli.Command)
	walk = func(path string, cmds []*cli.Command) {
		for _, c := range cmds {
			name := strings.TrimSpace(path + " " + c.Name)
			for _, f := range c.Flags {
				n := f.Names()[0]
				if flags[n] == nil {
					flags[n] = map[string]flagMeaning{}
				}
				flags[n][name] = meaningOf(f)
			}
			walk(name, c.Subcommands)
		}
	}
	walk("", newApp(&appEnv{}).Commands)
	return flags
}

// TestSameFlagSameMeaning: a flag that several commands take is one flag,
// with one usage, one default and one environment variable, so that
// STARLOOP_RATE or --profile mean the same whichever command reads them.
// Two deliberate exceptions: --json's usage says what that command prints,
// and the demo, a short show, has defaults of its own.
func TestSameFlagSameMeaning(t *testing.T) {
	demoDefaults := []string{"lp", "questions", "follow-ups", "patience", "seed"}
	for name, byCmd := range everyFlag() {
		cmds := slices.Sorted(func(yield func(string) bool) {
			for c := range byCmd {
				if !yield(c) {
					return
				}
			}
		})
		// The first command but the demo is the one the others are held to.
		ref := cmds[0]
		if ref == "demo" && len(cmds) > 1 {
			ref = cmds[1]
		}
		first := byCmd[ref]
		for _, c := range cmds {
			m := byCmd[c]
			if name == "json" {
				m.usage = first.usage
			}
			if c == "demo" && slices.Contains(demoDefaults, name) {
				m.def = first.def
			}
			if m != first {
				t.Errorf("--%s differs:\n  %s: %+v\n  %s: %+v", name, ref, first, c, byCmd[c])
			}
		}
	}
}

// TestSharedFlags pins the four flags that used to differ between
// commands (issue 13) to their one meaning, in every command that has
// them.
func TestSharedFlags(t *testing.T) {
	flags := everyFlag()
	for _, tt := range []struct {
		name, kind, def, env string
		cmds                 []string
	}{
		{"lp", "*cli.StringSliceFlag", "", "STARLOOP_LP", []string{"analyze", "practice", "progress", "questions"}},
		{"rate", "*cli.Float64Flag", "1", "STARLOOP_RATE", []string{"demo", "enrol", "loop", "practice"}},
		{"profile", "*cli.StringFlag", "", "STARLOOP_PROFILE", []string{"adapt", "analyze", "demo", "enrol", "loop", "practice", "rehearse", "transcribe"}},
		{"verbose", "*cli.BoolFlag", "", "", []string{"demo", "devices", "loop", "practice"}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			var got []string
			for c, m := range flags[tt.name] {
				got = append(got, c)
				if c == "demo" && tt.name == "lp" {
					continue // the demo's own default, checked below
				}
				if m.kind != tt.kind || m.def != tt.def || m.env != tt.env {
					t.Errorf("%s --%s: %+v, want kind %s, default %q, env %q", c, tt.name, m, tt.kind, tt.def, tt.env)
				}
			}
			slices.Sort(got)
			want := tt.cmds
			if tt.name == "lp" {
				want = append([]string{"demo"}, want...)
				slices.Sort(want)
			}
			if !slices.Equal(got, want) {
				t.Errorf("--%s is in %v, want %v", tt.name, got, want)
			}
		})
	}
	if got := flags["lp"]["demo"].def; got != `"ownership"` {
		t.Errorf("demo --lp default %s, want \"ownership\"", got)
	}
}

// TestLPFlag: --lp reads the same everywhere (several LPs, repeated or
// with commas); questions lists each named, and a command about one LP
// says so in one line when given two.
func TestLPFlag(t *testing.T) {
	t.Setenv("STARLOOP_LP", "")
	out, _, err := runCLI(t, "questions", "--json", "--lp", "backbone,dive deep", "--lp", "frugal")
	if err != nil {
		t.Fatalf("questions: %v", err)
	}
	var ids []string
	for _, lp := range decodeLPs(t, out) {
		ids = append(ids, lp.ID)
	}
	if want := []string{"have-backbone", "dive-deep", "frugality"}; !slices.Equal(ids, want) {
		t.Errorf("questions --lp backbone,dive deep --lp frugal listed %v, want %v", ids, want)
	}
	// A blank --lp names no LP, as an empty STARLOOP_LP does: all of them.
	if out, _, err := runCLI(t, "questions", "--json", "--lp", "  "); err != nil || len(decodeLPs(t, out)) != 16 {
		t.Errorf("questions --lp '  ': %v, want all 16 LPs", err)
	}
	for _, args := range [][]string{
		{"progress", "--sessions", t.TempDir(), "--lp", "ownership,dive-deep"},
		{"analyze", "--lp", "ownership", "--lp", "dive-deep", "-"},
	} {
		_, _, err := runCLI(t, args...)
		if want := args[0] + ": --lp names one LP here, not 2"; err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("%v: error %v, want %q", args, err, want)
		}
	}
}

// Package cliargs changes two things in how a urfave/cli application reads
// its command line: flags may follow a command's arguments (the parser
// stops at the first argument otherwise), and a flag it cannot read is one
// line of kind starloop.Invalid that names the flag and the form it
// expects, not the command's help.
package cliargs

import (
	"fmt"
	"regexp"
	"strings"

	"github.com/urfave/cli/v2"

	"github.com/starloop/starloop"
)

// FlagsFirst returns args (the program name first) with the flags of the command they name moved
// before its arguments, each with its value, keeping their order. The
// urfave/cli parser stops at the first argument, so without this a flag
// after it would be read as one more argument. Everything from "--" on is
// left as it is, and so is the shell-completion flag, which must stay last.
func FlagsFirst(cmds []*cli.Command, args []string) []string {
	out := append([]string(nil), args...)
	if len(out) < 2 {
		return out
	}
	tail := out[1:]
	if n := len(tail); tail[n-1] == "--generate-bash-completion" {
		tail = tail[:n-1]
	}
	// The application's own flags (--help, --version) take no value.
	i := 0
	for i < len(tail) && isFlag(tail[i]) {
		if tail[i] == "--" {
			return out
		}
		i++
	}
	for i < len(tail) {
		cmd := findCommand(cmds, tail[i])
		if cmd == nil {
			return out
		}
		i++
		// A command with subcommands takes its own flags, then the
		// subcommand's name.
		j := skipFlags(tail, i, cmd.Flags)
		if j < len(tail) && findCommand(cmd.Subcommands, tail[j]) != nil {
			i = j
			cmds = cmd.Subcommands
			continue
		}
		putFlagsFirst(tail[i:], cmd.Flags)
		return out
	}
	return out
}

// putFlagsFirst reorders seg in place: flags with their values first, then
// the arguments.
func putFlagsFirst(seg []string, flags []cli.Flag) {
	var fl, pos []string
	for k := 0; k < len(seg); k++ {
		a := seg[k]
		if a == "--" {
			pos = append(pos, seg[k:]...)
			break
		}
		if !isFlag(a) {
			pos = append(pos, a)
			continue
		}
		fl = append(fl, a)
		if !strings.Contains(a, "=") && takesValue(flags, a) && k+1 < len(seg) {
			k++
			fl = append(fl, seg[k])
		}
	}
	copy(seg, append(fl, pos...))
}

// skipFlags returns the index of the first argument at or after i that is
// not a flag or a flag's value.
func skipFlags(args []string, i int, flags []cli.Flag) int {
	for i < len(args) && isFlag(args[i]) && args[i] != "--" {
		if !strings.Contains(args[i], "=") && takesValue(flags, args[i]) {
			i++
		}
		i++
	}
	return i
}

// isFlag reports whether a looks like a flag; "-" alone is an argument
// (standard input).
func isFlag(a string) bool { return len(a) > 1 && a[0] == '-' }

func flagName(a string) string {
	name, _, _ := strings.Cut(strings.TrimLeft(a, "-"), "=")
	return name
}

// lookupFlag finds the flag that arg (-x, --name or --name=value) names.
func lookupFlag(flags []cli.Flag, arg string) cli.Flag {
	name := flagName(arg)
	for _, f := range flags {
		for _, n := range f.Names() {
			if n == name {
				return f
			}
		}
	}
	return nil
}

// takesValue reports whether the flag arg names is followed by its value
// (an unknown flag is taken to have none: the parser will refuse it).
func takesValue(flags []cli.Flag, arg string) bool {
	f := lookupFlag(flags, arg)
	if f == nil {
		return false
	}
	if d, ok := f.(cli.DocGenerationFlag); ok {
		return d.TakesValue()
	}
	return true
}

func findCommand(cmds []*cli.Command, name string) *cli.Command {
	for _, c := range cmds {
		if c.HasName(name) {
			return c
		}
	}
	return nil
}

// OneLineErrors gives every command of cmds, and their subcommands, the
// one-line usage errors of UsageError.
func OneLineErrors(cmds []*cli.Command) {
	for _, c := range cmds {
		c.OnUsageError = usageErrorOf(c)
		OneLineErrors(c.Subcommands)
	}
}

// The flag package's and urfave/cli's messages for a flag it cannot read.
var (
	badValue   = regexp.MustCompile(`^invalid (?:boolean )?value "(.*)" for (?:flag )?-+([^:]+): `)
	noValue    = regexp.MustCompile(`^flag needs an argument: -+(.+)$`)
	unknown    = regexp.MustCompile(`^flag provided but not defined: -+(.+)$`)
	badFromEnv = regexp.MustCompile(`^could not parse "(.*)" (?:as .* value )?from (.+?) (?:as value )?for flag ([^:]+): `)
	quoted     = regexp.MustCompile(`"([^"]+)"`)
)

func usageErrorOf(cmd *cli.Command) cli.OnUsageErrorFunc {
	return func(_ *cli.Context, err error, _ bool) error {
		return UsageError(cmd, err)
	}
}

// UsageError turns the parser's err for cmd into one line that names the
// flag and the form it expects, of kind Invalid (exit code 2).
func UsageError(cmd *cli.Command, err error) error {
	op := cmd.Name
	if cmd.HelpName != "" {
		op = strings.TrimPrefix(cmd.HelpName, "starloop ")
	}
	msg := err.Error()
	if m := badValue.FindStringSubmatch(msg); m != nil {
		return starloop.Errorf(starloop.Invalid, "%s: --%s %q: expected %s", op, m[2], m[1], expectedForm(lookupFlag(cmd.Flags, m[2])))
	}
	if m := badFromEnv.FindStringSubmatch(msg); m != nil {
		source := m[2]
		if q := quoted.FindStringSubmatch(source); q != nil {
			source = q[1]
		}
		return starloop.Errorf(starloop.Invalid, "%s: %s=%q (for --%s): expected %s", op, source, m[1], m[3], expectedForm(lookupFlag(cmd.Flags, m[3])))
	}
	if m := noValue.FindStringSubmatch(msg); m != nil {
		return starloop.Errorf(starloop.Invalid, "%s: --%s needs a value: %s", op, m[1], expectedForm(lookupFlag(cmd.Flags, m[1])))
	}
	if m := unknown.FindStringSubmatch(msg); m != nil {
		return starloop.Errorf(starloop.Invalid, "%s: no flag --%s (starloop %s --help lists them)", op, m[1], op)
	}
	return starloop.E(op, starloop.Invalid, err)
}

// expectedForm says in words what value a flag of f's type takes.
func expectedForm(f cli.Flag) string {
	switch f.(type) {
	case *cli.DurationFlag:
		return "a duration such as 3s, 90s or 1m30s"
	case *cli.IntFlag, *cli.Int64Flag:
		return "a whole number such as 2"
	case *cli.UintFlag, *cli.Uint64Flag:
		return "a whole number, 0 or more"
	case *cli.Float64Flag:
		return "a number such as 0.8"
	case *cli.BoolFlag:
		return "true or false"
	}
	if f != nil {
		if d, ok := f.(cli.DocGenerationFlag); ok && d.GetUsage() != "" {
			return fmt.Sprintf("a value (%s)", d.GetUsage())
		}
	}
	return "a value"
}

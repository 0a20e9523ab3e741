// Command starloop is a spoken mock interviewer for behavioral "loop"
// interviews: it asks Leadership Principle questions aloud, listens to the
// answer, and judges it against the STAR form.
//
// This package does all the wiring: flags, environment variables, config
// files, devices and backends. Nothing below cmd/ reads the environment.
package main

import (
	"context"
	"embed"
	"errors"
	"fmt"
	"io"
	"os"
	"os/signal"
	"runtime/debug"
	"strings"
	"syscall"

	"github.com/urfave/cli/v2"

	"github.com/starloop/starloop"
	"github.com/starloop/starloop/internal/buildinfo"
	"github.com/starloop/starloop/internal/cliargs"
	"github.com/starloop/starloop/terminal"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	env := &appEnv{stdin: os.Stdin, stdout: os.Stdout, stderr: os.Stderr}
	err := newApp(env).RunContext(ctx, os.Args)
	os.Exit(report(env.stderr, err))
}

// appEnv is what commands read from and write to, so tests can run the CLI
// in-process with buffers.
type appEnv struct {
	stdin  io.Reader
	stdout io.Writer
	stderr io.Writer
}

func newApp(env *appEnv) cliApp {
	cmds := commands(env)
	for _, c := range cmds {
		if c.Description == "" {
			c.Description = help(c.Name)
		}
	}
	cliargs.OneLineErrors(cmds)
	return cliApp{&cli.App{
		Name:                 "starloop",
		Usage:                "rehearse behavioral interviews out loud: STAR answers, Leadership Principles, follow-ups",
		Reader:               env.stdin,
		Writer:               env.stdout,
		ErrWriter:            env.stderr,
		EnableBashCompletion: true,
		Version:              version(),
		// Errors are printed once, by report, with their kind's exit code.
		ExitErrHandler: func(*cli.Context, error) {},
		OnUsageError: func(c *cli.Context, err error, _ bool) error {
			return starloop.E("usage", starloop.Invalid, err)
		},
		Commands: cmds,
	}}
}

// report prints err as one line on w and returns the process exit code.
func report(w io.Writer, err error) int {
	if err == nil {
		return 0
	}
	if errors.Is(err, context.Canceled) {
		return starloop.Canceled.ExitCode()
	}
	var exit cli.ExitCoder
	if errors.As(err, &exit) && starloop.KindOf(err) == starloop.Other {
		if msg := err.Error(); msg != "" {
			fmt.Fprintln(w, "starloop:", msg)
		}
		return exit.ExitCode()
	}
	fmt.Fprintln(w, "starloop:", err)
	return starloop.KindOf(err).ExitCode()
}

// commands lists every subcommand; each is defined in the file of its
// kind (sessions.go: sessions, review, report and progress).
func commands(env *appEnv) []*cli.Command {
	return []*cli.Command{
		questionsCommand(env),
		whichCommand(env),
		storiesCommand(env),
		analyzeCommand(env),
		practiceCommand(env),
		loopCommand(env),
		rehearseCommand(env),
		demoCommand(env),
		devicesCommand(env),
		sessionsCommand(env),
		reviewCommand(env),
		reportCommand(env),
		progressCommand(env),
		configCommand(env),
		transcribeCommand(env),
		enrolCommand(env),
		adaptCommand(env),
	}
}

// cliApp is the cli application with two changes to how it reads its
// command line (package cliargs): flags may follow a command's arguments
// (`starloop review ID --play 1`), and a bad flag is one line that names
// the flag and the form it expects, never the command's help.
type cliApp struct{ *cli.App }

// RunContext runs the command line args (the program name first).
func (a cliApp) RunContext(ctx context.Context, args []string) error {
	return a.App.RunContext(ctx, cliargs.FlagsFirst(a.Commands, args))
}

// The long descriptions of the commands (`starloop CMD --help`) are text
// files under help/, one a command that has one, read as they will be
// shown; newApp gives each command its own.
//
//go:embed help/*.txt
var helpFiles embed.FS

// help is the description of the command name, help/name.txt without its
// final newline; "" when it has none.
func help(name string) string {
	b, _ := helpFiles.ReadFile("help/" + name + ".txt")
	return strings.TrimSuffix(string(b), "\n")
}

// version is what `starloop --version` prints after the name.
func version() string {
	info, _ := debug.ReadBuildInfo() // nil when the binary has none
	return buildinfo.Version(info)
}

// useColor reports whether ANSI colour should be written to w.
func useColor(w io.Writer, noColor bool) bool {
	if noColor || os.Getenv("NO_COLOR") != "" || os.Getenv("TERM") == "dumb" {
		return false
	}
	return terminal.Is(w)
}

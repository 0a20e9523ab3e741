// Command starloop is a spoken mock interviewer for behavioral "loop"
// interviews: it asks Leadership Principle questions aloud, listens to the
// answer, and judges it against the STAR form.
//
// This package does all the wiring: flags, environment variables, config
// files, devices and backends. Nothing below cmd/ reads the environment.
package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/signal"
	"syscall"

	"github.com/urfave/cli/v2"

	"github.com/starloop/starloop"
	"github.com/starloop/starloop/internal/cliargs"
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

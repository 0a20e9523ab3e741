package main

import (
	"context"

	"github.com/urfave/cli/v2"

	"github.com/starloop/starloop/internal/cliargs"
)

// cliApp is the cli application with two changes to how it reads its
// command line (package cliargs): flags may follow a command's arguments
// (`starloop review ID --play 1`), and a bad flag is one line that names
// the flag and the form it expects, never the command's help.
type cliApp struct{ *cli.App }

// RunContext runs the command line args (the program name first).
func (a cliApp) RunContext(ctx context.Context, args []string) error {
	return a.App.RunContext(ctx, cliargs.FlagsFirst(a.Commands, args))
}

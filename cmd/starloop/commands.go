package main

import "github.com/urfave/cli/v2"

// commands lists every subcommand; each lives in a file of its own.
func commands(env *appEnv) []*cli.Command {
	return []*cli.Command{
		questionsCommand(env),
		analyzeCommand(env),
	}
}

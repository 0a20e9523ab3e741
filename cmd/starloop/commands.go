package main

import "github.com/urfave/cli/v2"

// commands lists every subcommand; each lives in a file of its own.
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

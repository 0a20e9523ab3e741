package main

import (
	"os"
	"strings"
	"time"

	"github.com/urfave/cli/v2"

	"github.com/starloop/starloop/backends"
	"github.com/starloop/starloop/candidate"
	"github.com/starloop/starloop/spoken"
)

func demoCommand(env *appEnv) *cli.Command {
	// The demo is short and steady by default: one LP, two questions,
	// a quick turn-taking window.
	flags := sessionFlags(sessionDefaults{lps: []string{"ownership"}, questions: 2, followUps: 1, patience: 1500 * time.Millisecond, seed: 7})
	flags = append(flags, &cli.StringFlag{Name: "candidate-voice", Value: "rms", Usage: "the synthetic candidate's flite voice", EnvVars: []string{"STARLOOP_CANDIDATE_VOICE"}})
	return &cli.Command{
		Name:        "demo",
		Usage:       "watch a whole session on virtual audio devices, answered by a synthetic candidate (no microphone needed)",
		Description: help("demo"),
		Flags:       flags,
		Action:      env.action(0, "", func(c *cli.Context, s *settings) error { return runDemo(c, env, s) }),
	}
}

// runDemo holds a practice session on virtual devices, answered by the
// synthetic candidate.
func runDemo(c *cli.Context, env *appEnv, s *settings) error {
	stage, err := candidate.OpenStage(c.Context)
	if err != nil {
		return err
	}
	defer stage.Stop()
	// The one place starloop changes its own environment, for the demo's
	// run only. PortAudio reaches the devices through ALSA's pulse plugin:
	// ALSA reads ALSA_CONFIG_PATH when PortAudio starts, and libpulse, C
	// code in this process, reads PULSE_SERVER, PULSE_COOKIE and the rest
	// with getenv each time a stream opens (every question played). Neither
	// takes them any other way than the environment or the user's own
	// files (~/.asoundrc, ~/.config/pulse), which starloop must not write,
	// and the session cannot run in a child process given an environment,
	// as the candidate answers from inside its view. So they are set here
	// and the old values put back when the demo ends.
	defer setenv(stage.Env())()

	voice, err := backends.FliteVoice(c.Context, c.String("candidate-voice"), 0)
	if err != nil {
		return err
	}
	if err := stage.Enter(c.Context, voice); err != nil {
		return err
	}
	var sessDir string
	hooks := &spoken.Practice{Watch: stage.Watch, Opened: func(d string) { sessDir = d }}
	runErr := env.onDevices(c, "demo", func(dev devices) error { return runPractice(c, env, s, dev, hooks) })
	return stage.Finish(env.stdout, sessDir, runErr)
}

// setenv sets the variables kv (KEY=VALUE) in this process's environment
// and returns a func that puts back what was there before.
func setenv(kv []string) (restore func()) {
	type old struct {
		key, value string
		ok         bool
	}
	var olds []old
	for _, e := range kv {
		k, v, _ := strings.Cut(e, "=")
		prev, ok := os.LookupEnv(k)
		olds = append(olds, old{k, prev, ok})
		os.Setenv(k, v)
	}
	return func() {
		for _, o := range olds {
			if o.ok {
				os.Setenv(o.key, o.value)
			} else {
				os.Unsetenv(o.key)
			}
		}
	}
}

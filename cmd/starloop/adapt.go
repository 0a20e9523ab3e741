package main

import (
	"cmp"
	"context"
	"fmt"

	"github.com/urfave/cli/v2"

	"github.com/starloop/starloop/backends"
	"github.com/starloop/starloop/enrol"
	"github.com/starloop/starloop/profile"
)

// adaptAnswers is how many of the latest answers starloop adapt hears.
const adaptAnswers = 30

// adaptCommand is `starloop adapt`: a profile refined from past sessions.
func adaptCommand(env *appEnv) *cli.Command {
	return &cli.Command{
		Name:        "adapt",
		Usage:       "refine your speaker profile from your past answers (after starloop enrol)",
		UsageText:   "starloop adapt [--profile NAME] [--sessions DIR]",
		Description: fmt.Sprintf(help("adapt"), adaptAnswers),
		Flags:       append(adaptFlags(), sessionsFlag()),
		Action:      env.action(0, "", func(c *cli.Context, s *settings) error { return runAdapt(c, env, s.sessions) }),
	}
}

// runAdapt refines the profile from the latest answers in the sessions
// folder dir.
func runAdapt(c *cli.Context, env *appEnv, dir string) error {
	store, err := profileStore()
	if err != nil {
		return err
	}
	name := cmp.Or(c.String("profile"), profile.DefaultName)
	if _, err := store.Model(name); err != nil {
		return err
	}
	a, err := adapter(c, env, "adapt")
	if err != nil {
		return err
	}
	ears := &backends.Ears{ModelDir: c.String("model-dir"), Dict: c.String("dict")}
	defer ears.Close()
	fits := func(ctx context.Context, dir string, pcm []int16, words string) (bool, error) {
		_, ok, err := enrol.Fit(ctx, a, dir, pcm, words)
		return ok, err
	}
	r := &enrol.Refine{Adapter: a, Store: store, Name: name, Progress: a.Progress, Hear: ears.Hear, Fits: fits}
	return r.FromSessions(c.Context, env.stdout, dir, adaptAnswers)
}

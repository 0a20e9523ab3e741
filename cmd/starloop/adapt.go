package main

import (
	"context"
	"fmt"

	"github.com/urfave/cli/v2"

	"github.com/starloop/starloop"
	"github.com/starloop/starloop/backends"
	"github.com/starloop/starloop/enrol"
	"github.com/starloop/starloop/profile"
	"github.com/starloop/starloop/session"
	"github.com/starloop/starloop/speech/pocketsphinx"
	"github.com/starloop/starloop/speech/sphinxtrain"
)

// adaptAnswers is how many of the latest answers starloop adapt hears.
const adaptAnswers = 30

// adaptCommand is `starloop adapt`: a profile refined from past sessions.
func adaptCommand(env *appEnv) *cli.Command {
	return &cli.Command{
		Name:      "adapt",
		Usage:     "refine your speaker profile from your past answers (after starloop enrol)",
		UsageText: "starloop adapt [--profile NAME] [--sessions DIR]",
		Description: fmt.Sprintf("Hears your latest %d answers with the profile, keeps the stretches of three or\n"+
			"more words it was sure of, and adapts the model again to them, the\n"+
			"enrolment recordings and the answers you corrected (starloop review --correct).\n"+
			"Answers that do not seem to be in the profile's voice are left out. The new\n"+
			"model replaces the profile's only if it hears the enrolment recordings at\n"+
			"least as well.", adaptAnswers),
		Flags: []cli.Flag{
			&cli.StringFlag{Name: "profile", Value: profile.DefaultName, Usage: "the profile's `NAME`", EnvVars: []string{"STARLOOP_PROFILE"}},
			sessionsFlag(),
			modelDirFlag(),
			&cli.StringFlag{Name: "dict", Usage: "pocketsphinx pronunciation dictionary `FILE`", Value: pocketsphinx.DefaultDict, EnvVars: []string{"STARLOOP_DICT"}},
			&cli.StringFlag{Name: "tools", Usage: "folder of SphinxTrain's bw and map_adapt", Value: sphinxtrain.DefaultToolDir, Hidden: true},
		},
		Action: func(c *cli.Context) error { return runAdapt(c, env) },
	}
}

func runAdapt(c *cli.Context, env *appEnv) error {
	if c.NArg() != 0 {
		return starloop.Errorf(starloop.Invalid, "adapt: takes no arguments")
	}
	store, err := profileStore()
	if err != nil {
		return err
	}
	name := c.String("profile")
	if _, err := store.Model(name); err != nil {
		return err
	}
	progress := func(s string) { fmt.Fprintf(env.stderr, "adapt: %s\n", s) }
	a := &sphinxtrain.Adapter{ModelDir: c.String("model-dir"), Dict: c.String("dict"), ToolDir: c.String("tools"), Progress: progress}
	if err := a.Check(); err != nil {
		return err
	}
	dir, err := sessionsDir(c)
	if err != nil {
		return err
	}
	heard, err := session.LatestRecordings(dir, adaptAnswers)
	if err != nil {
		return err
	}
	answers := make([]enrol.Answer, len(heard))
	for i, h := range heard {
		answers[i] = enrol.Answer{PCM: h.PCM, Corrected: h.Corrected}
	}
	if len(answers) == 0 {
		return starloop.Errorf(starloop.NotFound, "adapt: no recorded answers in %s: practise first", dir)
	}
	ears := &backends.Ears{ModelDir: c.String("model-dir"), Dict: c.String("dict")}
	defer ears.Close()
	fits := func(ctx context.Context, dir string, pcm []int16, words string) (bool, error) {
		_, ok, err := enrol.Fit(ctx, a, dir, pcm, words)
		return ok, err
	}
	r := &enrol.Refine{Adapter: a, Store: store, Name: name, Progress: progress, Hear: ears.Hear, Fits: fits}
	res, err := r.Run(c.Context, answers)
	if err != nil {
		return err
	}
	return res.Write(env.stdout, name, len(answers))
}

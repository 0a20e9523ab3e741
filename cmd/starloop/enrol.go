package main

import (
	"context"
	"fmt"
	"time"

	"github.com/urfave/cli/v2"

	"github.com/starloop/starloop"
	"github.com/starloop/starloop/enrol"
	"github.com/starloop/starloop/profile"
	"github.com/starloop/starloop/speech/flite"
	"github.com/starloop/starloop/speech/pocketsphinx"
	"github.com/starloop/starloop/speech/sphinxtrain"
	"github.com/starloop/starloop/terminal"
)

// enrolCommand is `starloop enrol`: a speaker profile from sentences read
// aloud, or from recordings already made.
func enrolCommand(env *appEnv) *cli.Command {
	return &cli.Command{
		Name:        "enrol",
		Usage:       "adapt the speech recogniser to your voice: read 20 sentences aloud (about two minutes)",
		UsageText:   "starloop enrol [--profile NAME] [--input NAME] [--output NAME] [--voice NAME|none]\nstarloop enrol --from DIR [--profile NAME]",
		Description: help("enrol"),
		Flags: []cli.Flag{
			&cli.StringFlag{Name: "from", Usage: "make the profile from the recordings in `DIR` (X.wav beside X.txt) instead of recording"},
			&cli.StringFlag{Name: "profile", Value: profile.DefaultName, Usage: "the profile's `NAME`", EnvVars: []string{"STARLOOP_PROFILE"}},
			modelDirFlag(),
			&cli.StringFlag{Name: "dict", Usage: "pocketsphinx pronunciation dictionary `FILE`", Value: pocketsphinx.DefaultDict, EnvVars: []string{"STARLOOP_DICT"}},
			&cli.StringFlag{Name: "tools", Usage: "folder of SphinxTrain's bw and map_adapt", Value: sphinxtrain.DefaultToolDir, Hidden: true},
			&cli.StringFlag{Name: "voice", Value: "slt", Usage: "the flite voice that reads each sentence to you first (\"none\": shown only)", EnvVars: []string{"STARLOOP_VOICE"}},
			&cli.Float64Flag{Name: "rate", Value: 0.9, Usage: "that voice's speaking rate", EnvVars: []string{"STARLOOP_RATE"}},
			inputFlag(), outputFlag(),
		},
		Action: func(c *cli.Context) error { return runEnrol(c, env) },
	}
}

func runEnrol(c *cli.Context, env *appEnv) error {
	if c.NArg() != 0 {
		return starloop.Errorf(starloop.Invalid, "enrol: takes no arguments (did you mean --from %s?)", c.Args().First())
	}
	name := c.String("profile")
	if err := profile.CheckName(name); err != nil {
		return err
	}
	store, err := profileStore()
	if err != nil {
		return err
	}
	a := &sphinxtrain.Adapter{ModelDir: c.String("model-dir"), Dict: c.String("dict"), ToolDir: c.String("tools"),
		Progress: func(step string) { fmt.Fprintf(env.stderr, "enrol: %s\n", step) }}
	// The tools are checked before anything is read or recorded.
	if err := a.Check(); err != nil {
		return err
	}
	var recs []profile.Recording
	if dir := c.String("from"); dir != "" {
		recs, err = profile.ReadDir(dir)
	} else {
		recs, err = readAloud(c, env)
	}
	if err != nil {
		return err
	}
	if len(recs) < enrol.MinRecordings {
		return starloop.Errorf(starloop.Invalid, "enrol: %d sentence(s) read; a profile needs at least %d (nothing was saved)", len(recs), enrol.MinRecordings)
	}
	fmt.Fprintf(env.stderr, "enrol: adapting the speech model to %d recordings (a few seconds)\n", len(recs))
	start := time.Now()
	if err := enrol.Save(c.Context, a, store, name, recs); err != nil {
		return err
	}
	return enrol.Saved(env.stdout, name, store.Path(name), len(recs), time.Since(start))
}

// readAloud records the enrolment sentences from the microphone, each
// shown and spoken first, checked with the model as installed.
func readAloud(c *cli.Context, env *appEnv) ([]profile.Recording, error) {
	var recs []profile.Recording
	err := onDevices(c, "enrol", func(dev devices) error {
		base, err := pocketsphinx.New(pocketsphinx.Config{ModelDir: c.String("model-dir"), Dict: c.String("dict")})
		if err != nil {
			return err
		}
		defer base.Close()
		keys, restore := terminal.Keys(c.Context, env.stdin)
		defer restore()
		r := &enrol.Reading{
			Mic: dev.mic, Player: dev.player, Keys: keys, Out: env.stdout,
			Hear: func(ctx context.Context, pcm []int16) (string, error) {
				t, err := base.Transcribe(ctx, pcm)
				return t.Text, err
			},
		}
		if v := c.String("voice"); v != "none" {
			if r.Voice, err = flite.New(flite.Config{Voice: v, Rate: c.Float64("rate")}); err != nil {
				return err
			}
		}
		fmt.Fprintf(env.stdout, "Read each sentence aloud in your normal interview voice, as it comes (about two minutes).\n")
		recs, err = r.Run(c.Context, enrol.Sentences())
		return err
	})
	return recs, err
}

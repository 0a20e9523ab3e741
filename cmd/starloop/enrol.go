package main

import (
	"cmp"

	"github.com/urfave/cli/v2"

	"github.com/starloop/starloop/backends"
	"github.com/starloop/starloop/enrol"
	"github.com/starloop/starloop/profile"
	"github.com/starloop/starloop/spoken"
)

// enrolCommand is `starloop enrol`: a speaker profile from sentences read
// aloud, or from recordings already made.
func enrolCommand(env *appEnv) *cli.Command {
	return &cli.Command{
		Name:      "enrol",
		Usage:     "adapt the speech recogniser to your voice: read 20 sentences aloud (about two minutes)",
		UsageText: "starloop enrol [--profile NAME] [--input NAME] [--output NAME] [--voice NAME|none]\nstarloop enrol --from DIR [--profile NAME]",
		Flags: append([]cli.Flag{
			&cli.StringFlag{Name: "from", Usage: "make the profile from the recordings in `DIR` (X.wav beside X.txt) instead of recording"},
		}, append(adaptFlags(),
			voiceFlag(), rateFlag(),
			inputFlag(), outputFlag(),
		)...),
		Action: env.action(0, " (did you mean --from?)", func(c *cli.Context, _ *settings) error { return runEnrol(c, env) }),
	}
}

// runEnrol makes the profile --profile names, from sentences read aloud
// or the recordings --from names.
func runEnrol(c *cli.Context, env *appEnv) error {
	name := cmp.Or(c.String("profile"), profile.DefaultName)
	if err := profile.CheckName(name); err != nil {
		return err
	}
	store, err := profileStore()
	if err != nil {
		return err
	}
	a, err := adapter(c, env, "enrol")
	if err != nil {
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
	return enrol.Make(c.Context, env.stdout, env.stderr, a, store, name, recs)
}

// readAloud records the enrolment sentences from the microphone (package
// spoken holds the reading); --voice none only shows them.
func readAloud(c *cli.Context, env *appEnv) ([]profile.Recording, error) {
	var recs []profile.Recording
	err := env.onDevices(c, "enrol", func(dev devices) error {
		ears := &backends.Ears{ModelDir: c.String("model-dir"), Dict: c.String("dict")}
		defer ears.Close()
		voice := c.String("voice")
		if voice == "none" {
			voice = ""
		}
		var err error
		recs, err = spoken.ReadAloud(c.Context, env.console(c, dev), ears, voice, c.Float64("rate"))
		return err
	})
	return recs, err
}

package main

import (
	"cmp"
	"fmt"

	"github.com/urfave/cli/v2"

	"github.com/starloop/starloop/backends"
	"github.com/starloop/starloop/enrol"
	"github.com/starloop/starloop/profile"
	"github.com/starloop/starloop/terminal"
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

// readAloud records the enrolment sentences from the microphone, each
// shown and spoken first, checked with the model as installed.
func readAloud(c *cli.Context, env *appEnv) ([]profile.Recording, error) {
	var recs []profile.Recording
	err := env.onDevices(c, "enrol", func(dev devices) error {
		ears := &backends.Ears{ModelDir: c.String("model-dir"), Dict: c.String("dict")}
		defer ears.Close()
		hear, err := ears.Installed()
		if err != nil {
			return err
		}
		keys, restore := terminal.Keys(c.Context, env.stdin)
		defer restore()
		r := &enrol.Reading{Mic: dev.mic, Player: dev.player, Keys: keys, Out: env.stdout, Hear: hear}
		if v := c.String("voice"); v != "none" {
			if r.Voice, err = backends.FliteVoice(c.Context, v, c.Float64("rate")); err != nil {
				return err
			}
		}
		fmt.Fprintf(env.stdout, "Read each sentence aloud in your normal interview voice, as it comes (about two minutes).\n")
		recs, err = r.Run(c.Context, enrol.Sentences())
		return err
	})
	return recs, err
}

package main

import (
	"fmt"
	"io"

	"github.com/urfave/cli/v2"

	"github.com/starloop/starloop/backends"
	"github.com/starloop/starloop/enrol"
	"github.com/starloop/starloop/profile"
	"github.com/starloop/starloop/speech/pocketsphinx"
	"github.com/starloop/starloop/speech/sphinxtrain"
)

// profileFlag and noProfileFlag choose the speaker profile every
// recognition uses: the one named, or "default" when it exists, or none.
func profileFlag() cli.Flag {
	return &cli.StringFlag{Name: "profile", Usage: "speaker profile `NAME` that starloop enrol makes (default: \"default\"; recognising speech, only when it exists)", EnvVars: []string{"STARLOOP_PROFILE"}}
}

func noProfileFlag() cli.Flag {
	return &cli.BoolFlag{Name: "no-profile", Usage: "recognise speech with the model as installed, ignoring any speaker profile"}
}

// profileStore is the folder of speaker profiles, beside the sessions.
func profileStore() (profile.Store, error) {
	dir, err := xdgPath(dataHome, "find sessions folder", "profiles")
	return profile.Store{Dir: dir}, err
}

// speechModel is the pocketsphinx model of c's flags, adapted with the
// speaker profile when there is one: a profile named with --profile must
// exist; the default one is used only if it does.
func speechModel(c *cli.Context) (pocketsphinx.Config, error) {
	if c.Bool("no-profile") {
		return pocketsphinx.Config{ModelDir: c.String("model-dir")}, nil
	}
	store, err := profileStore()
	if err != nil {
		return pocketsphinx.Config{ModelDir: c.String("model-dir")}, err
	}
	return backends.SpeakerModel(store, c.String("profile"), c.String("model-dir"))
}

// dictFlag is --dict: the pronunciation dictionary of the model as
// installed.
func dictFlag() cli.Flag {
	return &cli.StringFlag{Name: "dict", Usage: "pocketsphinx pronunciation dictionary `FILE`", Value: pocketsphinx.DefaultDict, EnvVars: []string{"STARLOOP_DICT"}}
}

// adaptFlags are the flags of the commands that make a profile (enrol,
// adapt): which profile, the model it adapts and SphinxTrain's tools.
func adaptFlags() []cli.Flag {
	return []cli.Flag{
		profileFlag(), modelDirFlag(), dictFlag(),
		&cli.StringFlag{Name: "tools", Usage: "folder of SphinxTrain's bw and map_adapt", Value: sphinxtrain.DefaultToolDir, Hidden: true},
	}
}

// adapter is SphinxTrain's adapter of the model adaptFlags name, its
// progress one line each on env.stderr after op, its tools checked before
// anything is read or recorded.
func adapter(c *cli.Context, env *appEnv, op string) (*sphinxtrain.Adapter, error) {
	a := &sphinxtrain.Adapter{ModelDir: c.String("model-dir"), Dict: c.String("dict"), ToolDir: c.String("tools"),
		Progress: func(step string) { fmt.Fprintf(env.stderr, "%s: %s\n", op, step) }}
	return a, a.Check()
}

// checkProfileFit says on w, in one line, when the speaker profile c's
// flags choose does not fit the voice that fit hears (backends.CheckFit);
// --no-profile checks nothing.
func checkProfileFit(c *cli.Context, w io.Writer, op string, fit func(s enrol.Scorer, dir string) (float64, bool, error)) {
	if store, err := profileStore(); err == nil && !c.Bool("no-profile") {
		backends.CheckFit(w, op, store, c.String("profile"), c.String("model-dir"), c.String("dict"), fit)
	}
}

// checkSessionProfile is checkProfileFit on the first answer of session
// id in the sessions folder dir, said after a practice session so that
// the next one is made with the right profile.
func checkSessionProfile(c *cli.Context, w io.Writer, op, dir, id string) {
	checkProfileFit(c, w, op, func(s enrol.Scorer, pdir string) (float64, bool, error) {
		return enrol.SessionFit(c.Context, s, pdir, dir, id)
	})
}

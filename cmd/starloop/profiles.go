package main

import (
	"cmp"
	"context"
	"fmt"
	"io"
	"slices"

	"github.com/urfave/cli/v2"

	"github.com/starloop/starloop/backends"
	"github.com/starloop/starloop/enrol"
	"github.com/starloop/starloop/profile"
	"github.com/starloop/starloop/speech/pocketsphinx"
	"github.com/starloop/starloop/speech/sphinxtrain"
	"github.com/starloop/starloop/spoken"
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

// profileWork is what enrol and adapt (op) work on, read once from the
// flags adaptFlags define: the profile's name ("default" unless --profile
// names another), the store it is in, and SphinxTrain's adapter of the
// model, its progress one line each on env.stderr after op, its tools
// checked before anything is read or recorded.
func profileWork(c *cli.Context, env *appEnv, op string) (name string, store profile.Store, a *sphinxtrain.Adapter, err error) {
	name = cmp.Or(c.String("profile"), profile.DefaultName)
	if err = profile.CheckName(name); err != nil {
		return "", store, nil, err
	}
	if store, err = profileStore(); err != nil {
		return "", store, nil, err
	}
	a = &sphinxtrain.Adapter{ModelDir: c.String("model-dir"), Dict: c.String("dict"), ToolDir: c.String("tools"),
		Progress: func(step string) { fmt.Fprintf(env.stderr, "%s: %s\n", op, step) }}
	return name, store, a, a.Check()
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

// enrolCommand is `starloop enrol`: a speaker profile from sentences read
// aloud, or from recordings already made.
func enrolCommand(env *appEnv) *cli.Command {
	return &cli.Command{
		Name:      "enrol",
		Usage:     "adapt the speech recogniser to your voice: read 20 sentences aloud (about two minutes)",
		UsageText: "starloop enrol [--profile NAME] [--input NAME] [--output NAME] [--voice NAME|none]\nstarloop enrol --from DIR [--profile NAME]",
		Flags: slices.Concat([]cli.Flag{
			&cli.StringFlag{Name: "from", Usage: "make the profile from the recordings in `DIR` (X.wav beside X.txt) instead of recording"},
		}, adaptFlags(), []cli.Flag{voiceFlag(), rateFlag()}, deviceFlags()),
		Action: env.action(0, " (did you mean --from?)", func(c *cli.Context, _ *settings) error { return runEnrol(c, env) }),
	}
}

// runEnrol makes the profile --profile names, from sentences read aloud
// or the recordings --from names.
func runEnrol(c *cli.Context, env *appEnv) error {
	name, store, a, err := profileWork(c, env, "enrol")
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
	name, store, a, err := profileWork(c, env, "adapt")
	if err != nil {
		return err
	}
	if _, err := store.Model(name); err != nil {
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

package main

import (
	"path/filepath"

	"github.com/urfave/cli/v2"

	"github.com/starloop/starloop/backends"
	"github.com/starloop/starloop/profile"
	"github.com/starloop/starloop/speech/pocketsphinx"
)

// profileFlag and noProfileFlag choose the speaker profile every
// recognition uses: the one named, or "default" when it exists, or none.
func profileFlag() cli.Flag {
	return &cli.StringFlag{Name: "profile", Usage: "speaker profile `NAME` made by starloop enrol (default: \"default\" when it exists)", EnvVars: []string{"STARLOOP_PROFILE"}}
}

func noProfileFlag() cli.Flag {
	return &cli.BoolFlag{Name: "no-profile", Usage: "recognise speech with the model as installed, ignoring any speaker profile"}
}

// profileStore is the folder of speaker profiles:
// $XDG_DATA_HOME/starloop/profiles, or ~/.local/share/starloop/profiles.
func profileStore() (profile.Store, error) {
	sessions, err := defaultSessionsDir()
	if err != nil {
		return profile.Store{}, err
	}
	return profile.Store{Dir: filepath.Join(filepath.Dir(sessions), "profiles")}, nil
}

// profileName is the profile --profile names, or the default one.
func profileName(c *cli.Context) string {
	if n := c.String("profile"); n != "" {
		return n
	}
	return profile.DefaultName
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
	return backends.SpeakerModel(store, profileName(c), c.String("profile") != "", c.String("model-dir"))
}

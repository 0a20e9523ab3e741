package main

import (
	"cmp"
	"fmt"
	"io"
	"path/filepath"
	"time"

	"github.com/urfave/cli/v2"

	"github.com/starloop/starloop"
	"github.com/starloop/starloop/audio"
	"github.com/starloop/starloop/backends"
	"github.com/starloop/starloop/enrol"
	"github.com/starloop/starloop/profile"
	"github.com/starloop/starloop/session"
	"github.com/starloop/starloop/speech/pocketsphinx"
	"github.com/starloop/starloop/speech/sphinxtrain"
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

// checkProfileFit says on w, in one line, when the speaker profile in use
// (if any) does not fit the voice that said words in pcm (enrol.Fit); a
// voice that cannot be checked (no profile, the tools missing, a word the
// dictionary lacks) says nothing.
func checkProfileFit(c *cli.Context, w io.Writer, op string, pcm []int16, words string) {
	if c.Bool("no-profile") {
		return
	}
	store, err := profileStore()
	if err != nil {
		return
	}
	dir, err := store.Model(profileName(c))
	if err != nil {
		return
	}
	a := &sphinxtrain.Adapter{ModelDir: c.String("model-dir"), Dict: cmp.Or(c.String("dict"), pocketsphinx.DefaultDict)}
	fmt.Fprintf(w, "%s: checking that speaker profile %q fits the voice (a few seconds)\n", op, profileName(c))
	if _, ok, err := enrol.Fit(c.Context, a, dir, pcm, words); err == nil && !ok {
		fmt.Fprintf(w, "%s: %s\n", op, enrol.Mismatch)
	}
}

// fitWindow is how much of a session's first answer checkProfileFit hears.
const fitWindow = 30 * time.Second

// checkSessionProfile is checkProfileFit on the first answer of session
// id in dir, its first fitWindow (the words heard in it): said after a
// practice session, so that the next one is made with the right profile.
func checkSessionProfile(c *cli.Context, w io.Writer, op, dir, id string) {
	a, path, err := session.AnswerAudio(dir, id, 1)
	if err != nil {
		return
	}
	pcm, err := audio.ReadWAVFile(path)
	if err != nil {
		return
	}
	var words []starloop.Word
	for _, wd := range a.Transcript.Words {
		if wd.End > fitWindow {
			break
		}
		words = append(words, wd)
	}
	if len(words) == 0 {
		return
	}
	end := min(len(pcm), int((words[len(words)-1].End+200*time.Millisecond)*audio.SampleRate/time.Second))
	checkProfileFit(c, w, op, pcm[:end], starloop.TextFromWords(words))
}

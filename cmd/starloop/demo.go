package main

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/urfave/cli/v2"

	"github.com/starloop/starloop"
	"github.com/starloop/starloop/audio"
	"github.com/starloop/starloop/audio/portaudio"
	"github.com/starloop/starloop/audio/virtual"
	"github.com/starloop/starloop/candidate"
	"github.com/starloop/starloop/interviewer"
	"github.com/starloop/starloop/speech/flite"
)

func demoCommand(env *appEnv) *cli.Command {
	flags := sessionFlags()
	for _, f := range flags {
		// The demo is short and steady by default: one LP, two questions,
		// a quick turn-taking window.
		switch f := f.(type) {
		case *cli.StringSliceFlag:
			f.Value = cli.NewStringSlice("ownership")
		case *cli.IntFlag:
			if f.Name == "questions" {
				f.Value = 2
			}
			if f.Name == "follow-ups" {
				f.Value = 1
			}
		case *cli.DurationFlag:
			if f.Name == "patience" {
				f.Value = 1500 * time.Millisecond
			}
		case *cli.Uint64Flag:
			f.Value = 7
		}
	}
	flags = append(flags, &cli.StringFlag{Name: "candidate-voice", Value: "rms", Usage: "the synthetic candidate's flite voice", EnvVars: []string{"STARLOOP_CANDIDATE_VOICE"}})
	return &cli.Command{
		Name:        "demo",
		Usage:       "watch a whole session on virtual audio devices, answered by a synthetic candidate (no microphone needed)",
		Description: help("demo"),
		Flags:       flags,
		Action: func(c *cli.Context) error {
			if c.NArg() > 0 {
				return starloop.Errorf(starloop.Invalid, "demo: unexpected argument %q", c.Args().First())
			}
			return runDemo(c, env)
		},
	}
}

func runDemo(c *cli.Context, env *appEnv) error {
	ctx := c.Context
	// The devices must exist before PortAudio (through ALSA) looks for them.
	srv, err := virtual.New(ctx, virtual.Options{})
	if err != nil {
		return starloop.E("demo: start virtual devices", starloop.DeviceUnavailable, err)
	}
	defer srv.Stop()
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
	defer setenv(srv.Env())()

	voice, err := flite.New(flite.Config{Voice: c.String("candidate-voice")})
	if err != nil {
		return err
	}
	speaker, err := srv.RecordSpeaker(ctx)
	if err != nil {
		return starloop.E("demo: record the speaker", starloop.DeviceUnavailable, err)
	}
	cand := candidate.New(ctx, srv, voice) // its clips are timed from now

	host, err := portaudio.Open()
	if err != nil {
		return err
	}
	defer host.Close()
	mic, err := host.Capture(ctx, "")
	if err != nil {
		return err
	}
	defer mic.Close()
	player, err := host.Speaker("", portaudio.SpeakerOptions{})
	if err != nil {
		return err
	}

	var sessDir string
	hooks := &sessionHooks{view: func(v interviewer.View) interviewer.View {
		cand.View = v
		return cand
	}, dir: func(d string) { sessDir = d }}
	runErr := runPractice(c, env, devices{mic: mic, player: player}, hooks)
	cand.Wait()

	said, err := speaker.Stop()
	if err != nil {
		return err
	}
	if sessDir == "" {
		return runErr
	}
	conv := cand.Mix(said)
	path := filepath.Join(sessDir, "conversation.wav")
	if err := audio.WriteWAVFile(path, conv); err != nil {
		return err
	}
	fmt.Fprintf(env.stdout, "Both sides of the conversation: %s (%.0f s)\n", path, float64(len(conv))/audio.SampleRate)
	return runErr
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

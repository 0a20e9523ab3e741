package main

import (
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"github.com/urfave/cli/v2"

	"github.com/starloop/starloop"
	"github.com/starloop/starloop/audio/portaudio"
	"github.com/starloop/starloop/backends"
	"github.com/starloop/starloop/candidate"
	"github.com/starloop/starloop/day"
	"github.com/starloop/starloop/interviewer"
	"github.com/starloop/starloop/spoken"
	"github.com/starloop/starloop/terminal"
)

func practiceCommand(env *appEnv) *cli.Command {
	return &cli.Command{
		Name:  "practice",
		Usage: "a spoken practice session: questions aloud, your answer from the microphone, STAR feedback and follow-ups",
		Flags: append(sessionFlags(spokenDefaults()), deviceFlags()...),
		Action: env.action(0, " (flags go after the command name)", func(c *cli.Context, s *settings) error {
			return env.onDevices(c, "practice", func(dev devices) error { return runPractice(c, env, s, dev, nil) })
		}),
	}
}

// onDevices opens the microphone and the speaker that --input and --output
// name, runs fn on them and closes them. Without a usable microphone it
// returns one line that says where to look. With --verbose, what the audio
// libraries said while opening them goes to stderr first.
func (env *appEnv) onDevices(c *cli.Context, op string, fn func(devices) error) error {
	host, err := portaudio.Open()
	if err != nil {
		return err
	}
	defer host.Close()
	if c.Bool("verbose") {
		fmt.Fprint(env.stderr, host.ProbeLog())
	}
	mic, err := host.Capture(c.Context, c.String("input"))
	if err != nil {
		if starloop.KindOf(err) == starloop.DeviceUnavailable {
			return starloop.E(op, starloop.DeviceUnavailable,
				fmt.Errorf("no usable microphone (%w): list devices with `starloop devices`, or watch a session on virtual devices with `starloop demo`", err))
		}
		return err
	}
	defer mic.Close()
	speaker, err := host.Speaker(c.String("output"), portaudio.SpeakerOptions{})
	if err != nil {
		return err
	}
	return fn(devices{mic: mic, player: speaker})
}

// runPractice runs a practice session on dev with the settings in c;
// hooks, if not nil, let the demo watch it.
func runPractice(c *cli.Context, env *appEnv, set *settings, dev devices, hooks *spoken.Practice) error {
	n := c.Int("questions")
	if n < 1 {
		return starloop.Errorf(starloop.Invalid, "practice: --questions must be at least 1")
	}
	s, err := newSpoken(c, env, set, "practice")
	if err != nil {
		return err
	}
	defer s.Close()
	lps, err := s.Backends.Bank.Resolve(c.StringSlice("lp"))
	if err != nil {
		return err
	}
	p := spoken.Practice{LPs: lps, Questions: n, Voice: c.String("voice")}
	if hooks != nil {
		// The story bank is the person's own: the demo's synthetic
		// candidate practises without it.
		p.Watch, p.Opened = hooks.Watch, hooks.Opened
	} else if p.Bank, err = set.storyBank(); err != nil {
		return err
	}
	var opened string
	if p.Opened == nil {
		p.Opened = func(dir string) { opened = dir }
	}
	err = s.Practice(c.Context, env.console(c, dev), p)
	if opened != "" && !s.Backends.Config.Remote() && c.Context.Err() == nil {
		// Said after the session, so that the next is made with the
		// right profile.
		checkSessionProfile(c, env.stdout, "starloop", filepath.Dir(opened), filepath.Base(opened))
	}
	return err
}

// newSpoken is what every spoken session shares, practice, demo and loop
// alike (package spoken holds it): the settings in c that each takes, its
// turn-taking checked, the seed, the backends built once, and the sessions
// folder, recovered from any crash; op names the command in errors. The
// caller must call Close.
func newSpoken(c *cli.Context, env *appEnv, set *settings, op string) (*spoken.Session, error) {
	rec := spoken.Record{Turns: spoken.Turns{
		Patience:  c.Duration("patience"),
		AnswerCap: c.Duration("max-answer"),
		NoSpeech:  c.Duration("no-speech-timeout"),
		FollowUps: c.Int("follow-ups"),
	}, Rate: c.Float64("rate"), Seed: c.Uint64("seed"), Mode: op}
	turns, err := rec.Config(op)
	if err != nil {
		return nil, err
	}
	b, err := newBackends(c, set.bank, env.stdout)
	if err != nil {
		return nil, err
	}
	b.Model = withStoryBank(c, set, b.Model, "", env.stdout, false)
	return spoken.Start(b, set.sessions, rec, turns, env.stderr), nil
}

// console is where a session meets the person: the devices dev, the keys
// and the screen of env, and --verbose and --sessions of c.
func (env *appEnv) console(c *cli.Context, dev devices) spoken.Console {
	out := env.stdout
	return spoken.Console{Mic: dev.mic, Player: dev.player, Keys: env.stdin, Out: out,
		Terminal: terminal.Is(out), Color: useColor(out, false), Verbose: c.Bool("verbose"), Sessions: c.String("sessions")}
}

// devices are the microphone and speaker a session runs on.
type devices struct {
	mic    interviewer.Microphone
	player interviewer.Player
}

// loopFlags are the turn-taking flags (a loop sets LPs, questions and
// voices per round) and the loop's own.
func loopFlags() []cli.Flag {
	return slices.Concat(turnFlags(spokenDefaults()), []cli.Flag{
		&cli.IntFlag{Name: "interviewers", Value: 5, Usage: fmt.Sprintf("interview rounds, 1 to %d", day.MaxInterviewers), EnvVars: []string{"STARLOOP_INTERVIEWERS"}},
		&cli.IntFlag{Name: "questions-per-interviewer", Value: 1, Usage: "main questions each interviewer asks", EnvVars: []string{"STARLOOP_QUESTIONS_PER_INTERVIEWER"}},
		&cli.IntFlag{Name: "english-round", Usage: "hold round `N` in English only: its interviewer asks you to answer in English, for a non-native speaker who practises the other rounds in their own language and must also be ready for an English interview (0: none)"},
		&cli.BoolFlag{Name: "guess-lp", Usage: "after each main question, type which LP you think it probes, then answer; the debrief scores your guesses"},
		&cli.BoolFlag{Name: "no-intro", Usage: "skip the introduction round (\"tell me about yourself\")"},
		storiesFlag(),
		speechBankFlags(false)[0],
	}, remoteFlags(), deviceFlags())
}

func loopCommand(env *appEnv) *cli.Command {
	return &cli.Command{
		Name:  "loop",
		Usage: "a whole loop day, time-compressed: an introduction, then several interviewers, each with a voice and two LPs, and a debrief",
		Flags: loopFlags(),
		Action: env.action(0, " (flags go after the command name)", func(c *cli.Context, s *settings) error {
			// A story bank named but unreadable fails before any device opens.
			sb, err := s.storyBank()
			if err != nil {
				return err
			}
			return env.onDevices(c, "loop", func(dev devices) error { return runLoop(c, env, s, dev, sb) })
		}),
	}
}

// runLoop holds a loop day on dev with the story bank sb (package
// spoken, then day, does the holding).
func runLoop(c *cli.Context, env *appEnv, set *settings, dev devices, sb spoken.StoryBank) error {
	s, err := newSpoken(c, env, set, day.Mode)
	if err != nil {
		return err
	}
	defer s.Close()
	return s.Loop(c.Context, env.console(c, dev), spoken.Loop{
		Interviewers: c.Int("interviewers"), Questions: c.Int("questions-per-interviewer"), EnglishRound: c.Int("english-round"),
		Intro: !c.Bool("no-intro"), GuessLP: c.Bool("guess-lp"), Bank: sb,
	})
}

func demoCommand(env *appEnv) *cli.Command {
	// The demo is short and steady by default: one LP, two questions,
	// a quick turn-taking window.
	flags := sessionFlags(sessionDefaults{lps: []string{"ownership"}, questions: 2, followUps: 1, patience: 1500 * time.Millisecond, seed: 7})
	flags = append(flags, &cli.StringFlag{Name: "candidate-voice", Value: "rms", Usage: "the synthetic candidate's flite voice", EnvVars: []string{"STARLOOP_CANDIDATE_VOICE"}})
	return &cli.Command{
		Name:   "demo",
		Usage:  "watch a whole session on virtual audio devices, answered by a synthetic candidate (no microphone needed)",
		Flags:  flags,
		Action: env.action(0, "", func(c *cli.Context, s *settings) error { return runDemo(c, env, s) }),
	}
}

// runDemo holds a practice session on virtual devices, answered by the
// synthetic candidate.
func runDemo(c *cli.Context, env *appEnv, s *settings) error {
	stage, err := candidate.OpenStage(c.Context)
	if err != nil {
		return err
	}
	defer stage.Stop()
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
	defer setenv(stage.Env())()

	voice, err := backends.FliteVoice(c.Context, c.String("candidate-voice"), 0)
	if err != nil {
		return err
	}
	if err := stage.Enter(c.Context, voice); err != nil {
		return err
	}
	var sessDir string
	hooks := &spoken.Practice{Watch: stage.Watch, Opened: func(d string) { sessDir = d }}
	runErr := env.onDevices(c, "demo", func(dev devices) error { return runPractice(c, env, s, dev, hooks) })
	return stage.Finish(env.stdout, sessDir, runErr)
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

package main

import (
	"fmt"
	"math/rand/v2"
	"strconv"
	"time"

	"github.com/urfave/cli/v2"

	"github.com/starloop/starloop"
	"github.com/starloop/starloop/audio/portaudio"
	"github.com/starloop/starloop/interviewer"
	"github.com/starloop/starloop/prompts"
	"github.com/starloop/starloop/session"
	"github.com/starloop/starloop/speech/pocketsphinx"
)

// Flags shared by the commands that hold a spoken session.
func sessionFlags() []cli.Flag {
	return append([]cli.Flag{
		&cli.StringSliceFlag{Name: "lp", Usage: "Leadership Principle(s) to practise, by name or id; repeat or separate with commas (default: two at random)", EnvVars: []string{"STARLOOP_LP"}},
		&cli.IntFlag{Name: "questions", Aliases: []string{"n"}, Value: 3, Usage: "main questions to ask", EnvVars: []string{"STARLOOP_QUESTIONS"}},
		&cli.IntFlag{Name: "follow-ups", Value: 2, Usage: "most follow-ups per main question (0 for none)", EnvVars: []string{"STARLOOP_FOLLOW_UPS"}},
		&cli.DurationFlag{Name: "patience", Value: 3 * time.Second, Usage: "silence after speech that ends an answer (thinking pauses shorter than this never cut you off)", EnvVars: []string{"STARLOOP_PATIENCE"}},
		&cli.DurationFlag{Name: "no-speech-timeout", Value: time.Minute, Usage: "how long to wait for the first word before a nudge; the session ends after twice this with no speech (exit code 5)", EnvVars: []string{"STARLOOP_NO_SPEECH"}},
		&cli.DurationFlag{Name: "max-answer", Value: 4 * time.Minute, Usage: "longest answer; a spoken warning comes 20 s before", EnvVars: []string{"STARLOOP_MAX_ANSWER"}},
		&cli.StringFlag{Name: "voice", Value: "slt", Usage: "the interviewer's flite voice (slt, kal, kal16, awb, rms)", EnvVars: []string{"STARLOOP_VOICE"}},
		&cli.Float64Flag{Name: "rate", Value: 1.0, Usage: "the interviewer's speaking rate: 1 is normal, 0.8 slower", EnvVars: []string{"STARLOOP_RATE"}},
		&cli.StringFlag{Name: "sessions", Usage: "folder for sessions (default: $XDG_DATA_HOME/starloop/sessions)", EnvVars: []string{"STARLOOP_SESSIONS"}},
		&cli.Uint64Flag{Name: "seed", Usage: "seed for choosing LPs and questions (0: a new choice each time)", EnvVars: []string{"STARLOOP_SEED"}},
		&cli.StringFlag{Name: "model-dir", Usage: "pocketsphinx acoustic model folder", Value: pocketsphinx.DefaultModelDir, EnvVars: []string{"STARLOOP_MODEL_DIR"}},
	}, remoteFlags()...)
}

func deviceFlags() []cli.Flag {
	return []cli.Flag{
		&cli.StringFlag{Name: "input", Usage: "microphone, by `NAME` or part of it (starloop devices lists them; default: the system's)", EnvVars: []string{"STARLOOP_INPUT"}},
		&cli.StringFlag{Name: "output", Usage: "speaker, by name (default: the system's)", EnvVars: []string{"STARLOOP_OUTPUT"}},
	}
}

func practiceCommand(env *appEnv) *cli.Command {
	return &cli.Command{
		Name:  "practice",
		Usage: "a spoken practice session: questions aloud, your answer from the microphone, STAR feedback and follow-ups",
		Description: "Keys while you answer: Enter = done, r = repeat the question, s = skip, q = save and quit.\n" +
			"Without a terminal on stdin the answer ends on silence alone (see --patience).",
		Flags: append(sessionFlags(), deviceFlags()...),
		Action: func(c *cli.Context) error {
			if c.NArg() > 0 {
				return starloop.Errorf(starloop.Invalid, "practice: unexpected argument %q (flags go after the command name)", c.Args().First())
			}
			return onDevices(c, "practice", func(mic *portaudio.Capture, speaker *portaudio.Speaker) error {
				return runSession(c, env, mic, speaker, nil)
			})
		},
	}
}

// onDevices opens the microphone and the speaker that --input and --output
// name, runs fn on them and closes them. Without a usable microphone it
// returns one line that says where to look.
func onDevices(c *cli.Context, op string, fn func(mic *portaudio.Capture, speaker *portaudio.Speaker) error) error {
	host, err := portaudio.Open()
	if err != nil {
		return err
	}
	defer host.Close()
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
	return fn(mic, speaker)
}

// sessionHooks let the demo watch the session it runs.
type sessionHooks struct {
	// view, if set, wraps the view the session shows.
	view func(interviewer.View) interviewer.View
	// dir, if set, is told the session's folder once it exists.
	dir func(string)
}

// runSession runs a spoken session on mic and player with the settings in c.
func runSession(c *cli.Context, env *appEnv, mic interviewer.Microphone, player interviewer.Player, hooks *sessionHooks) error {
	ctx := c.Context
	// The model loads while the first question is synthesized and spoken.
	rec, err := newTranscriber(c, env)
	if err != nil {
		return err
	}
	defer rec.Close()

	bank, err := prompts.Load()
	if err != nil {
		return err
	}
	seed := c.Uint64("seed")
	if seed == 0 {
		seed = rand.Uint64()
	}
	lps, err := resolveLPs(bank, c.StringSlice("lp"), seed)
	if err != nil {
		return err
	}
	n := c.Int("questions")
	if n < 1 {
		return starloop.Errorf(starloop.Invalid, "practice: --questions must be at least 1")
	}
	plan, err := planFor(bank, lps, n, seed)
	if err != nil {
		return err
	}
	cfg := interviewer.Config{
		Patience:     c.Duration("patience"),
		AnswerCap:    c.Duration("max-answer"),
		NoSpeech:     c.Duration("no-speech-timeout"),
		MaxFollowUps: c.Int("follow-ups"),
		Lines:        interviewer.Lines{Warning: bank.WrapUp(), Transitions: bank.Transitions()},
	}
	if cfg.Patience <= 0 || cfg.AnswerCap <= 0 || cfg.NoSpeech <= 0 {
		return starloop.Errorf(starloop.Invalid, "practice: --patience, --max-answer and --no-speech-timeout must be positive")
	}
	if cfg.MaxFollowUps == 0 {
		cfg.MaxFollowUps = -1 // the interviewer's "none"
	}
	m, err := interviewer.NewMachine(plan, cfg)
	if err != nil {
		return err
	}
	voice, err := newVoice(c, env)
	if err != nil {
		return err
	}

	dir := c.String("sessions")
	if dir == "" {
		if dir, err = defaultSessionsDir(); err != nil {
			return err
		}
	}
	stt, tts, coach := backendNames(c)
	recoverSessions(env, dir)
	store, err := session.Open(dir, session.Options{})
	if err != nil {
		return err
	}
	sess, err := store.NewSession(session.Meta{LPs: lps, Settings: map[string]string{
		"questions":  strconv.Itoa(n),
		"follow_ups": strconv.Itoa(c.Int("follow-ups")),
		"patience":   cfg.Patience.String(),
		"max_answer": cfg.AnswerCap.String(),
		"no_speech":  cfg.NoSpeech.String(),
		"voice":      c.String("voice"),
		"rate":       strconv.FormatFloat(c.Float64("rate"), 'g', -1, 64),
		"seed":       strconv.FormatUint(seed, 10),
		"stt":        stt,
		"tts":        tts,
		"coach":      coach,
	}})
	if err != nil {
		return err
	}

	if hooks != nil && hooks.dir != nil {
		hooks.dir(sess.Dir())
	}
	keyCh, restore := keys(ctx, env.stdin)
	defer restore()
	var view interviewer.View = interviewer.NewTextView(env.stdout, isTerminal(env.stdout), 0)
	if hooks != nil && hooks.view != nil {
		view = hooks.view(view)
	}
	names := make([]string, len(lps))
	for i, id := range lps {
		lp, _ := bank.LP(id)
		names[i] = lp.Name
	}
	fmt.Fprintf(env.stdout, "Practising %s: %d main question(s). Enter = done, r = repeat, s = skip, q = save and quit.\n", joinAnd(names), n)

	r := &interviewer.Runner{
		Mic:         mic,
		Keys:        keyCh,
		Transcriber: rec,
		Voice:       voice,
		Player:      player,
		Judge:       newJudge(c, env, bank),
		Store:       interviewer.SessionStore{Session: sess},
		View:        view,
		Clock:       interviewer.SystemClock{},
	}
	runErr := r.Run(ctx, m)
	fmt.Fprintf(env.stdout, "\nSession saved in %s\n", sess.Dir())
	return runErr
}

func joinAnd(s []string) string {
	switch len(s) {
	case 0:
		return ""
	case 1:
		return s[0]
	}
	out := ""
	for i, x := range s[:len(s)-1] {
		if i > 0 {
			out += ", "
		}
		out += x
	}
	return out + " and " + s[len(s)-1]
}

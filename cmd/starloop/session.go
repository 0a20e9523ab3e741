package main

import (
	"math/rand/v2"

	"github.com/urfave/cli/v2"

	"github.com/starloop/starloop/interviewer"
	"github.com/starloop/starloop/spoken"
	"github.com/starloop/starloop/terminal"
)

// spokenSession is what every spoken session shares, practice, demo and
// loop alike (package spoken holds it): its turn-taking settings checked,
// the seed, the backends built once, and the sessions folder, recovered
// from any crash.
type spokenSession struct {
	*spoken.Session
	env *appEnv
}

// newSpoken reads the settings in c that every spoken session takes and
// builds its backends; op names the command in errors. The caller must
// call Close.
func newSpoken(c *cli.Context, env *appEnv, set *settings, op string) (*spokenSession, error) {
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
	if rec.Seed == 0 {
		rec.Seed = rand.Uint64()
	}
	b, err := newBackends(c, set.bank, env.stdout)
	if err != nil {
		return nil, err
	}
	b.Model = withStoryBank(c, set, b.Model, "", env.stdout, false)
	return &spokenSession{Session: spoken.Start(b, set.sessions, rec, turns, env.stderr), env: env}, nil
}

// console is where the session meets the person: the devices dev, the
// keys and the screen of env, and --verbose and --sessions of c.
func (s *spokenSession) console(c *cli.Context, dev devices) spoken.Console {
	out := s.env.stdout
	return spoken.Console{Mic: dev.mic, Player: dev.player, Keys: s.env.stdin, Out: out,
		Terminal: terminal.Is(out), Color: useColor(out, false), Verbose: c.Bool("verbose"), Sessions: c.String("sessions")}
}

// devices are the microphone and speaker a session runs on.
type devices struct {
	mic    interviewer.Microphone
	player interviewer.Player
}

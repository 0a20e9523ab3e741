package main

import (
	"context"
	"math/rand/v2"

	"github.com/urfave/cli/v2"

	"github.com/starloop/starloop/interviewer"
	"github.com/starloop/starloop/session"
	"github.com/starloop/starloop/speech/pocketsphinx"
	"github.com/starloop/starloop/spoken"
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
func newSpoken(c *cli.Context, env *appEnv, op string) (*spokenSession, error) {
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
	dir, err := sessionsDir(c)
	if err != nil {
		return nil, err
	}
	b, err := newBackends(c, env.stdout)
	if err != nil {
		return nil, err
	}
	b.Model = withStoryBank(c, b.Model, b.Bank, "", env.stdout, false)
	return &spokenSession{Session: spoken.Start(b, dir, rec, turns, env.stderr), env: env}, nil
}

// run runs machine m on the devices with voice, saving into sess and
// showing it on view.
func (s *spokenSession) run(c *cli.Context, m *interviewer.Machine, dev devices, voice interviewer.Voice, sess *session.Session, view interviewer.View) error {
	err := spoken.Run{Mic: dev.mic, Player: dev.player, Keys: s.env.stdin, Out: s.env.stdout,
		Transcriber: s.STT, Voice: voice, Judge: s.Backends.Judge(), Session: sess, View: view,
		Next: nextCommands(c, sess.ID()),
	}.Do(c.Context, m)
	if !s.Backends.Config.Remote() && c.Context.Err() == nil {
		checkSessionProfile(c, s.env.stdout, "starloop", s.Dir, sess.ID())
	}
	return err
}

// nextCommands are the commands to run after session id, as lines.
func nextCommands(c *cli.Context, id string) string {
	return spoken.NextCommands(c.String("sessions"), id)
}

// recoverSessions repairs what a crash left in dir and has the takes it
// cut off transcribed and judged offline (pocketsphinx loaded with model,
// the rubric), saying so on stderr.
func recoverSessions(ctx context.Context, env *appEnv, dir string, model pocketsphinx.Config) {
	spoken.RecoverOffline(ctx, env.stderr, dir, model)
}

// devices are the microphone and speaker a session runs on.
type devices struct {
	mic    interviewer.Microphone
	player interviewer.Player
}

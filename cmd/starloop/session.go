package main

import (
	"context"
	"math/rand/v2"

	"github.com/urfave/cli/v2"

	"github.com/starloop/starloop"
	"github.com/starloop/starloop/backends"
	"github.com/starloop/starloop/config"
	"github.com/starloop/starloop/interviewer"
	"github.com/starloop/starloop/judge"
	"github.com/starloop/starloop/prompts"
	"github.com/starloop/starloop/rubric"
	"github.com/starloop/starloop/session"
	"github.com/starloop/starloop/speech/pocketsphinx"
	"github.com/starloop/starloop/spoken"
)

// spokenSession is what every spoken session shares, practice, demo and
// loop alike (package spoken holds the logic): its turn-taking settings
// checked, the seed, the backends built once, and the sessions folder,
// recovered from any crash.
type spokenSession struct {
	env   *appEnv
	b     *backends.Set
	stt   backends.Transcriber
	dir   string
	rec   spoken.Record
	turns interviewer.Config // Patience, AnswerCap, NoSpeech and MaxFollowUps
}

// newSpoken reads the settings in c that every spoken session takes and
// builds its backends; op names the command in errors. The caller must
// call close.
func newSpoken(c *cli.Context, env *appEnv, op string) (*spokenSession, error) {
	s := &spokenSession{env: env, rec: spoken.Record{Turns: spoken.Turns{
		Patience:  c.Duration("patience"),
		AnswerCap: c.Duration("max-answer"),
		NoSpeech:  c.Duration("no-speech-timeout"),
		FollowUps: c.Int("follow-ups"),
	}, Rate: c.Float64("rate"), Seed: c.Uint64("seed"), Mode: op}}
	var err error
	if s.turns, err = s.rec.Config(op); err != nil {
		return nil, err
	}
	if s.rec.Seed == 0 {
		s.rec.Seed = rand.Uint64()
	}
	if s.dir, err = sessionsDir(c); err != nil {
		return nil, err
	}
	if s.b, err = newBackends(c, env.stdout); err != nil {
		return nil, err
	}
	s.b.Model = withStoryBank(c, s.b.Model, s.b.Bank, "", env.stdout, false)
	s.rec.STT, s.rec.TTS, s.rec.Coach = s.b.Names()
	// The model loads while the first question is synthesized and spoken.
	s.stt = s.b.Transcriber()
	return s, nil
}

func (s *spokenSession) close() { s.stt.Close() }

// open starts the session on lps with the command's settings besides
// those every session records.
func (s *spokenSession) open(c *cli.Context, lps []string, settings map[string]string) (*session.Session, error) {
	recoverSessions(c.Context, s.env, s.dir, s.b.Model)
	store, err := session.Open(s.dir, session.Options{})
	if err != nil {
		return nil, err
	}
	return store.NewSession(session.Meta{LPs: lps, Settings: s.rec.Settings(settings)})
}

// plan draws n main questions on the LPs ids from the bank.
func (s *spokenSession) plan(ids []string, n int, seed uint64) ([]interviewer.Question, error) {
	return spoken.Plan(s.b.Bank, ids, n, seed)
}

// run runs machine m on the devices with voice, saving into sess and
// showing it on view.
func (s *spokenSession) run(c *cli.Context, m *interviewer.Machine, dev devices, voice interviewer.Voice, sess *session.Session, view interviewer.View) error {
	return spoken.Run{Mic: dev.mic, Player: dev.player, Keys: s.env.stdin, Out: s.env.stdout,
		Transcriber: s.stt, Voice: voice, Judge: s.b.Judge(), Session: sess, View: view,
		Next: nextCommands(c, sess.ID()),
	}.Do(c.Context, m)
}

// nextCommands are the commands to run after session id, as lines.
func nextCommands(c *cli.Context, id string) string {
	return spoken.NextCommands(c.String("sessions"), id)
}

// recoverSessions repairs what a crash left in dir and has the takes it
// cut off transcribed and judged offline (pocketsphinx loaded with model,
// the rubric), saying so on stderr.
func recoverSessions(ctx context.Context, env *appEnv, dir string, model pocketsphinx.Config) {
	offline, _ := backends.New(ctx, backends.Options{Config: config.Offline()}) // offline: no error
	transcribe := func(ctx context.Context, pcm []int16) (starloop.Transcript, error) {
		return offline.Transcribe(ctx, pcm, model)
	}
	spoken.Recover(ctx, env.stderr, dir, transcribe, func() (interviewer.Judge, error) {
		bank, err := prompts.Load()
		if err != nil {
			return nil, err
		}
		return judge.Rubric(rubric.New(), bank), nil
	})
}

// devices are the microphone and speaker a session runs on.
type devices struct {
	mic    interviewer.Microphone
	player interviewer.Player
}

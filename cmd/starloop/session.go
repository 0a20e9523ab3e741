package main

import (
	"fmt"
	"math/rand/v2"
	"path/filepath"
	"strconv"

	"github.com/urfave/cli/v2"

	"github.com/starloop/starloop"
	"github.com/starloop/starloop/interviewer"
	"github.com/starloop/starloop/judge"
	"github.com/starloop/starloop/session"
	"github.com/starloop/starloop/terminal"
)

// spoken is what every spoken session shares, practice, demo and loop
// alike: its turn-taking settings checked, the seed, the backends built
// once, and the sessions folder, recovered from any crash.
type spoken struct {
	env    *appEnv
	b      *backends
	stt    closingTranscriber
	dir    string
	seed   uint64
	turns  interviewer.Config // Patience, AnswerCap, NoSpeech and MaxFollowUps
	follow int                // --follow-ups as given
	mode   string             // the command: practice or loop, saved as the session's kind
}

// newSpoken reads the settings in c that every spoken session takes and
// builds its backends; op names the command in errors. The caller must
// call close.
func newSpoken(c *cli.Context, env *appEnv, op string) (*spoken, error) {
	s := &spoken{env: env, seed: c.Uint64("seed"), follow: c.Int("follow-ups"), mode: op}
	s.turns = interviewer.Config{
		Patience:     c.Duration("patience"),
		AnswerCap:    c.Duration("max-answer"),
		NoSpeech:     c.Duration("no-speech-timeout"),
		MaxFollowUps: s.follow,
	}
	if s.turns.Patience <= 0 || s.turns.AnswerCap <= 0 || s.turns.NoSpeech <= 0 {
		return nil, starloop.Errorf(starloop.Invalid, "%s: --patience, --max-answer and --no-speech-timeout must be positive", op)
	}
	if s.follow < 0 {
		return nil, starloop.Errorf(starloop.Invalid, "%s: --follow-ups must be 0 or more", op)
	}
	if s.follow == 0 {
		s.turns.MaxFollowUps = -1 // the interviewer's "none"
	}
	if s.seed == 0 {
		s.seed = rand.Uint64()
	}
	var err error
	if s.dir, err = sessionsDir(c); err != nil {
		return nil, err
	}
	if s.b, err = newBackends(c, env.stdout); err != nil {
		return nil, err
	}
	s.b.model = withStoryBank(c, s.b.model, s.b.bank, "", env.stdout, false)
	// The model loads while the first question is synthesized and spoken.
	s.stt = s.b.transcriber()
	return s, nil
}

func (s *spoken) close() { s.stt.Close() }

// open starts the session on lps with the command's settings besides
// those every session records.
func (s *spoken) open(c *cli.Context, lps []string, settings map[string]string) (*session.Session, error) {
	recoverSessions(c.Context, s.env, s.dir, s.b.model)
	store, err := session.Open(s.dir, session.Options{})
	if err != nil {
		return nil, err
	}
	stt, tts, coach := s.b.names()
	all := map[string]string{
		"follow_ups": strconv.Itoa(s.follow),
		"patience":   s.turns.Patience.String(),
		"max_answer": s.turns.AnswerCap.String(),
		"no_speech":  s.turns.NoSpeech.String(),
		"rate":       strconv.FormatFloat(c.Float64("rate"), 'g', -1, 64),
		"seed":       strconv.FormatUint(s.seed, 10),
		"stt":        stt,
		"tts":        tts,
		"coach":      coach,
		"mode":       s.mode,
	}
	for k, v := range settings {
		all[k] = v
	}
	return store.NewSession(session.Meta{LPs: lps, Settings: all})
}

// plan draws n main questions on the LPs ids from the bank.
func (s *spoken) plan(ids []string, n int, seed uint64) ([]interviewer.Question, error) {
	pools := make([]interviewer.Pool, 0, len(ids))
	for _, id := range ids {
		lp, ok := s.b.bank.LP(id)
		if !ok {
			return nil, starloop.Errorf(starloop.Invalid, "plan session: unknown LP %s", id)
		}
		pools = append(pools, interviewer.Pool{LP: lp.ID, Questions: lp.Questions})
	}
	return interviewer.NewPlan(pools, n, seed)
}

// run runs machine m on the devices with voice, saving into sess and
// showing it on view.
func (s *spoken) run(c *cli.Context, m *interviewer.Machine, dev devices, voice interviewer.Voice, sess *session.Session, view interviewer.View) error {
	keyCh, restore := terminal.Keys(c.Context, s.env.stdin)
	defer restore()
	r := &interviewer.Runner{
		Mic:         dev.mic,
		Keys:        keyCh,
		Transcriber: s.stt,
		Voice:       voice,
		Player:      dev.player,
		Judge:       s.b.judge(),
		Store:       interviewer.SessionStore{Session: sess},
		View:        view,
		Clock:       interviewer.SystemClock{},
	}
	err := r.Run(c.Context, m)
	if !m.Began() && discardEmpty(sess) {
		return err
	}
	if _, answers, lerr := session.Load(s.dir, sess.ID()); lerr == nil {
		fmt.Fprintf(s.env.stdout, "\n%s", judge.Summary(answers))
	}
	fmt.Fprintf(s.env.stdout, "Session saved in %s\n%s", sess.Dir(), nextCommands(c, sess.ID()))
	return err
}

// nextCommands are the commands to run after session id, as lines.
func nextCommands(c *cli.Context, id string) string {
	where := ""
	if c.IsSet("sessions") {
		where = "--sessions " + c.String("sessions") + " "
	}
	return fmt.Sprintf("Next: starloop review %s%s   (each answer: transcript, STAR parts, delivery; --play N to listen)\n"+
		"      starloop report %s%s   (a report to keep, with the recordings)\n", where, id, where, id)
}

// discardEmpty deletes sess, closed, when it holds no answer: a session
// that never began (no question was asked) leaves nothing behind. It
// reports whether it did.
func discardEmpty(sess *session.Session) bool {
	if len(sess.Meta().Answers) > 0 {
		return false
	}
	return session.Delete(filepath.Dir(sess.Dir()), sess.ID()) == nil
}

// devices are the microphone and speaker a session runs on.
type devices struct {
	mic    interviewer.Microphone
	player interviewer.Player
}

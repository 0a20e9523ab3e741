package spoken

import (
	"context"
	"io"
	"math/rand/v2"

	"github.com/starloop/starloop"
	"github.com/starloop/starloop/backends"
	"github.com/starloop/starloop/interviewer"
	"github.com/starloop/starloop/judge"
	"github.com/starloop/starloop/prompts"
	"github.com/starloop/starloop/rubric"
	"github.com/starloop/starloop/session"
	"github.com/starloop/starloop/speech/pocketsphinx"
)

// Session is a spoken session being held: its backends, built once, the
// recogniser already loading, its sessions folder and what it records.
type Session struct {
	Backends *backends.Set
	STT      backends.Transcriber
	Dir      string             // the sessions folder
	Record   Record             // with the backends' names filled in
	Turns    interviewer.Config // Record.Turns as the interviewer takes them
	Notices  io.Writer          // recovery of the folder, one line each
}

// Start starts loading b's recogniser (it loads while the first question
// is synthesized and spoken) and fills in rec's backends, and its seed
// when it has none (0: a new choice each time, recorded so that the
// session can be drawn again). turns is rec.Turns checked (Turns.Config).
// The caller must call Close.
func Start(b *backends.Set, dir string, rec Record, turns interviewer.Config, notices io.Writer) *Session {
	rec.STT, rec.TTS, rec.Coach = b.Names()
	for rec.Seed == 0 {
		rec.Seed = rand.Uint64()
	}
	return &Session{Backends: b, STT: b.Transcriber(), Dir: dir, Record: rec, Turns: turns, Notices: notices}
}

// Close frees the recogniser.
func (s *Session) Close() error { return s.STT.Close() }

// Open recovers the sessions folder from any crash and starts a session
// on lps, recording the command's settings besides Record's.
func (s *Session) Open(ctx context.Context, lps []string, settings map[string]string) (*session.Session, error) {
	RecoverOffline(ctx, s.Notices, s.Dir, s.Backends.Model)
	store, err := session.Open(s.Dir, session.Options{})
	if err != nil {
		return nil, err
	}
	return store.NewSession(session.Meta{LPs: lps, Settings: s.Record.Settings(settings)})
}

// RecoverOffline is Recover with the offline backends: pocketsphinx loaded
// with model, and the rubric with the question bank.
func RecoverOffline(ctx context.Context, w io.Writer, dir string, model pocketsphinx.Config) {
	offline, _ := backends.New(ctx, backends.Options{}) // offline: no client, no error
	transcribe := func(ctx context.Context, pcm []int16) (starloop.Transcript, error) {
		return offline.Transcribe(ctx, pcm, model)
	}
	Recover(ctx, w, dir, transcribe, func() (interviewer.Judge, error) {
		bank, err := prompts.Load()
		if err != nil {
			return nil, err
		}
		return judge.Rubric(rubric.New(), bank), nil
	})
}

// Plan draws n main questions on the LPs ids from the backends' bank.
func (s *Session) Plan(ids []string, n int, seed uint64) ([]interviewer.Question, error) {
	return Plan(s.Backends.Bank, ids, n, seed)
}

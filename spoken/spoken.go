// Package spoken is what every spoken session shares, practice, the demo
// and the loop day alike: the turn-taking settings checked, the settings a
// session records, its questions drawn from the bank, the sessions folder
// recovered from a crash, and the run itself, ended with the summary and
// the commands to run next. cmd/starloop reads the flags and builds the
// backends; this package takes their values and the ports they fill.
package spoken

import (
	"context"
	"fmt"
	"io"
	"path/filepath"
	"strconv"
	"time"

	"github.com/starloop/starloop"
	"github.com/starloop/starloop/day"
	"github.com/starloop/starloop/interviewer"
	"github.com/starloop/starloop/judge"
	"github.com/starloop/starloop/prompts"
	"github.com/starloop/starloop/session"
	"github.com/starloop/starloop/stories"
	"github.com/starloop/starloop/terminal"
)

// Turns are the turn-taking settings every spoken session takes.
type Turns struct {
	Patience  time.Duration // silence after speech that ends an answer
	AnswerCap time.Duration // the longest answer
	NoSpeech  time.Duration // silence before anything is said that ends a turn
	FollowUps int           // follow-ups per main question, 0 for none
}

// Config checks t and returns it as the interviewer's settings; op names
// the command in the one-line error.
func (t Turns) Config(op string) (interviewer.Config, error) {
	if t.Patience <= 0 || t.AnswerCap <= 0 || t.NoSpeech <= 0 {
		return interviewer.Config{}, starloop.Errorf(starloop.Invalid, "%s: --patience, --max-answer and --no-speech-timeout must be positive", op)
	}
	if t.FollowUps < 0 {
		return interviewer.Config{}, starloop.Errorf(starloop.Invalid, "%s: --follow-ups must be 0 or more", op)
	}
	cfg := interviewer.Config{Patience: t.Patience, AnswerCap: t.AnswerCap, NoSpeech: t.NoSpeech, MaxFollowUps: t.FollowUps}
	if t.FollowUps == 0 {
		cfg.MaxFollowUps = -1 // the interviewer's "none"
	}
	return cfg, nil
}

// Record is what a session records of how it was held, besides the
// command's own settings.
type Record struct {
	Turns
	Rate            float64 // the voices' speaking rate
	Seed            uint64
	STT, TTS, Coach string // the backends' names, e.g. "pocketsphinx"
	Mode            string // the command: practice or loop
}

// Settings is r as a session's settings map, with extra (the command's own
// settings) added over it.
func (r Record) Settings(extra map[string]string) map[string]string {
	all := map[string]string{
		"follow_ups": strconv.Itoa(r.FollowUps),
		"patience":   r.Patience.String(),
		"max_answer": r.AnswerCap.String(),
		"no_speech":  r.NoSpeech.String(),
		"rate":       strconv.FormatFloat(r.Rate, 'g', -1, 64),
		"seed":       strconv.FormatUint(r.Seed, 10),
		"stt":        r.STT,
		"tts":        r.TTS,
		"coach":      r.Coach,
		"mode":       r.Mode,
	}
	for k, v := range extra {
		all[k] = v
	}
	return all
}

// Plan draws n main questions on the LPs ids from bank.
func Plan(bank *prompts.Bank, ids []string, n int, seed uint64) ([]interviewer.Question, error) {
	pools := make([]interviewer.Pool, 0, len(ids))
	for _, id := range ids {
		lp, ok := bank.LP(id)
		if !ok {
			return nil, starloop.Errorf(starloop.Invalid, "plan session: unknown LP %s", id)
		}
		pools = append(pools, interviewer.Pool{LP: lp.ID, Questions: lp.Questions})
	}
	return interviewer.NewPlan(pools, n, seed)
}

// Practiced counts the main questions answered per LP in the sessions in
// dir; a folder that cannot be read counts nothing.
func Practiced(dir string) map[string]int {
	metas, _ := session.List(dir)
	return day.Practiced(metas)
}

// PracticeLPs are the two LPs a practice session probes when none were
// given (given is returned when it is not empty): with a story bank, the
// two it covers least (practice in dir counted); without one, two drawn
// with seed, as a real interviewer is assigned two.
func PracticeLPs(bank *prompts.Bank, given []string, bankStories []stories.Story, dir string, seed uint64) []string {
	switch {
	case len(given) > 0:
		return given
	case bankStories != nil:
		return day.LPOrder(bank, bankStories, Practiced(dir))[:2]
	default:
		return bank.Draw(2, seed)
	}
}

// Recover repairs what a crash left in dir, transcribes (with transcribe)
// and judges (with the judge newJudge makes, only when needed) the takes
// it cut off, and says so on w, one line each.
func Recover(ctx context.Context, w io.Writer, dir string, transcribe func(context.Context, []int16) (starloop.Transcript, error), newJudge func() (interviewer.Judge, error)) {
	rec, err := session.Recover(dir)
	for _, r := range rec {
		fmt.Fprintf(w, "starloop: recovered session %s, left by a crash: %d recording(s) checked, kept and marked interrupted\n", r.ID, len(r.Repaired))
		if len(r.Orphans) == 0 {
			continue
		}
		j, jerr := newJudge()
		if jerr != nil {
			fmt.Fprintf(w, "starloop: %v\n", jerr)
			continue
		}
		if meta, _, lerr := session.Load(dir, r.ID); lerr == nil && meta.Settings["mode"] == day.Mode {
			// A loop day's introduction is judged as one, as it is live.
			j = day.SalvageJudge(j)
		}
		done, serr := interviewer.Salvage(ctx, dir, r, transcribe, j)
		for _, n := range done {
			fmt.Fprintf(w, "starloop: answer %d of session %s, cut off by the crash, transcribed and judged offline; marked partial\n", n, r.ID)
		}
		if serr != nil {
			fmt.Fprintf(w, "starloop: %v\n", serr)
		}
	}
	if err != nil {
		fmt.Fprintf(w, "starloop: %v\n", err)
	}
}

// Run is one spoken session on its devices and backends.
type Run struct {
	Mic         interviewer.Microphone
	Player      interviewer.Player
	Keys        io.Reader // key presses, read raw when a terminal
	Out         io.Writer // the summary and where the session is saved
	Transcriber interviewer.Transcriber
	Voice       interviewer.Voice
	Judge       interviewer.Judge
	Session     *session.Session
	View        interviewer.View
	Next        string // the commands to run next (NextCommands)
}

// Do runs machine m and, unless it never began (then the empty session is
// deleted), writes the session's summary, where it is saved and what to
// run next.
func (r Run) Do(ctx context.Context, m *interviewer.Machine) error {
	keyCh, restore := terminal.Keys(ctx, r.Keys)
	defer restore()
	runner := &interviewer.Runner{
		Mic:         r.Mic,
		Keys:        keyCh,
		Transcriber: r.Transcriber,
		Voice:       r.Voice,
		Player:      r.Player,
		Judge:       r.Judge,
		Store:       interviewer.SessionStore{Session: r.Session},
		View:        r.View,
		Clock:       interviewer.SystemClock{},
	}
	err := runner.Run(ctx, m)
	if !m.Began() && DiscardEmpty(r.Session) {
		return err
	}
	dir := filepath.Dir(r.Session.Dir())
	if _, answers, lerr := session.Load(dir, r.Session.ID()); lerr == nil {
		fmt.Fprintf(r.Out, "\n%s", judge.Summary(answers))
	}
	fmt.Fprintf(r.Out, "Session saved in %s\n%s", r.Session.Dir(), r.Next)
	return err
}

// NextCommands are the commands to run after session id, as lines;
// sessions is the --sessions folder as given, or "" for the default.
func NextCommands(sessions, id string) string {
	where := ""
	if sessions != "" {
		where = "--sessions " + sessions + " "
	}
	return fmt.Sprintf("Next: starloop review %s%s   (each answer: transcript, STAR parts, delivery; --play N to listen)\n"+
		"      starloop report %s%s   (a report to keep, with the recordings)\n", where, id, where, id)
}

// DiscardEmpty deletes sess, closed, when it holds no answer: a session
// that never began (no question was asked) leaves nothing behind. It
// reports whether it did.
func DiscardEmpty(sess *session.Session) bool {
	if len(sess.Meta().Answers) > 0 {
		return false
	}
	return session.Delete(filepath.Dir(sess.Dir()), sess.ID()) == nil
}

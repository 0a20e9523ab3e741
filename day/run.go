package day

import (
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"github.com/starloop/starloop"
	"github.com/starloop/starloop/interviewer"
	"github.com/starloop/starloop/judge"
	"github.com/starloop/starloop/prompts"
	"github.com/starloop/starloop/rubric"
	"github.com/starloop/starloop/session"
	"github.com/starloop/starloop/stories"
	"github.com/starloop/starloop/whichlp"
)

// Setup is what holding a day takes: its plan, the devices and backends
// it runs on, and the session it is saved in.
type Setup struct {
	Day       Day
	Bank      *prompts.Bank
	Stories   []stories.Story // the story bank, for the reuse check; may be empty
	Questions int             // main questions per interviewer
	FollowUps int             // most follow-ups per main question, the bar raiser's included
	Patience  time.Duration
	AnswerCap time.Duration
	NoSpeech  time.Duration // how long to wait for the first word (interviewer.Config)
	Seed      uint64
	// Plan draws n main questions on the LPs ids from the bank.
	Plan func(ids []string, n int, seed uint64) ([]interviewer.Question, error)

	Mic         interviewer.Microphone
	Player      interviewer.Player
	Keys        <-chan byte // nil without a terminal
	Transcriber interviewer.Transcriber
	Voices      map[string]interviewer.Voice // by Round.Interviewer
	Judge       interviewer.Judge
	Session     *session.Session
	Out         io.Writer
	Terminal    bool     // Out is a terminal: redraw status lines
	Color       bool     // colour on Out (the caller honours NO_COLOR)
	Verbose     bool     // show each reply's latency
	Guesses     *Guesser // nil: no LP guessing
	// Next is what to run afterwards, shown last (lines ending in "\n").
	Next string
}

// header is the day's first line: its size and the keys.
func header(interviewers, questions int) string {
	return fmt.Sprintf("Loop day: %d %s, %d main %s each. %s\n",
		interviewers, starloop.Plural(interviewers, "interviewer", "interviewers"),
		questions, starloop.Plural(questions, "question", "questions"), interviewer.KeysHelp)
}

// Hold holds the day: one interviewer.Machine and Runner per round, all
// saved into one session with answers numbered across rounds; then the
// debrief, shown, spoken and saved as debrief.md and debrief.json. It
// closes the session, complete or interrupted.
func Hold(ctx context.Context, s Setup) error {
	h := &holder{Setup: s, lpName: s.Bank.Name, tracker: NewTracker(background(s.Bank), s.Stories, s.Bank.Name)}
	total := len(s.Day.Interviews())
	fmt.Fprint(s.Out, header(total, s.Questions))
	var (
		offset int
		state  = session.Complete
		runErr error
		last   Round
	)
	for i, r := range s.Day.Rounds {
		last = r
		var ended session.State
		offset, ended, runErr = h.round(ctx, i, r, offset)
		if runErr != nil || ended != session.Complete {
			state = session.Interrupted
			if runErr == nil && ended == session.Stopped {
				state = session.Stopped
			}
			break
		}
	}
	return h.finish(ctx, last, state, runErr)
}

// background are texts of the kind answers hold, which teach the reuse
// detector what is common: every question in the bank.
func background(bank *prompts.Bank) []string {
	var out []string
	for _, lp := range bank.LPs() {
		out = append(out, lp.Questions...)
	}
	return out
}

// holder is a day being held.
type holder struct {
	Setup
	lpName  func(string) string
	tracker *Tracker
	answers []Answer
	mains   []int // the places in answers of the main answers, in the order kept
	began   bool  // a round's first question was asked
}

// round holds round i, r, its answers numbered after offset. It returns
// the last answer number used and the state the round ended in.
func (h *holder) round(ctx context.Context, i int, r Round, offset int) (int, session.State, error) {
	plan, room, err := h.plan(r, h.Seed+uint64(i))
	if err != nil {
		return offset, session.Interrupted, err
	}
	cfg := interviewer.Config{
		Patience:     h.Patience,
		AnswerCap:    h.AnswerCap,
		NoSpeech:     h.NoSpeech,
		MaxFollowUps: room,
		Lines:        interviewer.Lines{Warning: h.Bank.WrapUp(), Transitions: r.Transitions(), Closing: r.Closing(i == len(h.Day.Rounds)-1)},
	}
	if room == 0 {
		cfg.MaxFollowUps = -1 // the interviewer's "none"
	}
	m, err := interviewer.NewMachine(plan, cfg)
	if err != nil {
		return offset, session.Interrupted, err
	}
	total := len(h.Day.Interviews())
	fmt.Fprintf(h.Out, "\n== %s ==\n", r.Title(total))
	text := interviewer.NewTextView(h.Out, h.Terminal, 0).Style(h.Color, h.Verbose)
	voice := h.Voices[r.Interviewer]
	if err := Say(ctx, voice, h.Player, text, r.Greeting(total)); err != nil {
		return offset, session.Interrupted, err
	}
	st := &roundStore{s: h.Session, off: offset, saved: func(a session.Answer) { h.saved(r, a) }}
	runner := &interviewer.Runner{
		Mic:         h.Mic,
		Keys:        h.Keys,
		Transcriber: h.Transcriber,
		Voice:       voice,
		Player:      h.Player,
		Judge:       roundJudge{base: h.Judge, round: r, room: room},
		Store:       st,
		View:        &roundView{View: text, h: h, round: r, off: offset},
		Clock:       interviewer.SystemClock{},
	}
	err = runner.Run(ctx, m)
	h.began = h.began || m.Began()
	return max(offset, st.maxN), st.state, err
}

// plan is round r's main questions and the most follow-ups per question:
// none in the introduction, FollowUps in every other round. The bar
// raiser probes harder within the same number: its last follow-up is
// always its own probe (Round.Probe).
func (h *holder) plan(r Round, seed uint64) ([]interviewer.Question, int, error) {
	if r.Intro {
		return []interviewer.Question{{Text: IntroQuestion}}, 0, nil
	}
	plan, err := h.Plan(r.LPs, h.Questions, seed)
	if err != nil {
		return nil, 0, err
	}
	return plan, h.FollowUps, nil
}

// finish builds the debrief, shows it, saves it, says it (when the day was
// held to the end) and closes the session.
func (h *holder) finish(ctx context.Context, last Round, state session.State, runErr error) error {
	if !h.began && len(h.Session.Meta().Answers) == 0 {
		// The day never began (a failure before the first question was
		// asked): it has no debrief and leaves nothing behind.
		if err := h.Session.Close(state); err != nil && runErr == nil {
			runErr = err
		}
		if err := session.Delete(filepath.Dir(h.Session.Dir()), h.Session.ID()); err != nil && runErr == nil {
			runErr = err
		}
		return runErr
	}
	if h.Guesses != nil {
		for i := range h.answers {
			if g, ok := h.Guesses.result(h.answers[i].N); ok {
				h.answers[i].Guess = &g
			}
		}
	}
	debrief := Build(h.Day, h.answers, h.lpName)
	md := debrief.Markdown()
	fmt.Fprintf(h.Out, "\n%s", md)
	if err := writeDebrief(h.Session.Dir(), debrief, md); err != nil && runErr == nil {
		runErr = err
	}
	if state == session.Complete && runErr == nil {
		view := interviewer.NewTextView(h.Out, false, 0)
		if err := Say(ctx, h.Voices[last.Interviewer], h.Player, view, debrief.Spoken()); err != nil {
			runErr = err
		}
	}
	if err := h.Session.Close(state); err != nil && runErr == nil {
		runErr = err
	}
	if _, answers, err := session.Load(filepath.Dir(h.Session.Dir()), h.Session.ID()); err == nil {
		fmt.Fprintf(h.Out, "\n%s", judge.Summary(answers))
	}
	fmt.Fprintf(h.Out, "Session saved in %s (debrief.md, debrief.json)\n%s", h.Session.Dir(), h.Next)
	return runErr
}

// kept is what the day found in a kept answer besides the judge's verdict.
type kept struct {
	note     Note   // the reuse check, for a main answer
	mismatch string // the answer's LP evidence points elsewhere
	reading  string // the LP the answer gives most evidence of, by name
}

// keep records answer n (numbered across the day) of round r to q, with
// verdict v: a main answer is checked against the stories told and then
// told itself; its LP evidence is set against the LP asked; and the
// answer is kept for the debrief, which takes its judgement from what is
// saved (saved).
func (h *holder) keep(r Round, n int, q interviewer.Question, v interviewer.Verdict) kept {
	var k kept
	if !r.Intro {
		if !q.FollowUp {
			k.note = h.tracker.Check(v.Heard)
		}
		if len(v.LPs) > 0 && v.Words > 0 { // nothing said reads as no LP
			k.reading = v.LPs[0].Name
			if lp, ok := h.Bank.LP(q.LP); ok {
				k.mismatch, _ = whichlp.Mismatch(lp, scores(v.LPs))
			}
		}
	}
	if !r.Intro && !q.FollowUp {
		if e := k.note.Earlier; e >= 1 && e <= len(h.mains) {
			// The earlier telling is the same story: label it too.
			if a := &h.answers[h.mains[e-1]]; a.Story == "" {
				a.Story = k.note.Story
			}
		}
		h.tracker.Commit(r.N, q.LP, k.note)
		h.mains = append(h.mains, len(h.answers))
	}
	a := Answer{
		N: n, Round: r.N, LP: q.LP, Question: q.Text, FollowUp: q.FollowUp,
		Words: v.Words, Length: v.Length,
		Story: k.note.Story, Reuse: k.note.Reuse, Mismatch: k.mismatch,
	}
	if j := judge.Decode(v.Report); j != nil && j.Intro != nil {
		a.Intro = j.Intro // the check saved with the answer (roundJudge)
	}
	h.answers = append(h.answers, a)
	return k
}

// saved takes the judgement of answer a of round r from its record as
// saved, so that the debrief reads what review and the reports read. An
// answer saved without being shown (the session stopped in its turn) is
// kept too.
func (h *holder) saved(r Round, a session.Answer) {
	j := judge.Decode(a.Report)
	words, length := len(strings.Fields(a.Transcript.Text)), a.Transcript.Duration()
	switch {
	case j != nil && j.Intro != nil:
		words, length = j.Intro.Words, j.Intro.Length
	case j != nil && j.Report != nil:
		words, length = j.Words, time.Duration(j.Minutes*float64(time.Minute))
	}
	var intro *judge.IntroCheck
	if j != nil {
		intro = j.Intro
	}
	for i := len(h.answers) - 1; i >= 0; i-- {
		if x := &h.answers[i]; x.N == a.N {
			x.Judged = j
			if intro != nil {
				x.Intro = intro
			}
			if x.Words == 0 && x.Length == 0 {
				x.Words, x.Length = words, length
			}
			return
		}
	}
	h.answers = append(h.answers, Answer{N: a.N, Round: r.N, LP: a.LP, Question: a.Question, FollowUp: a.FollowUp,
		Judged: j, Words: words, Length: length, Intro: intro})
}

// scores is the verdict's LP evidence as whichlp takes it.
func scores(lps []interviewer.LPEvidence) []rubric.LPScore {
	out := make([]rubric.LPScore, len(lps))
	for i, l := range lps {
		out[i] = rubric.LPScore{ID: l.ID, Name: l.Name, Score: l.Score}
	}
	return out
}

// roundJudge judges a round's answers with the session's judge; the
// introduction draws no follow-up, and the bar raiser asks its own probes.
type roundJudge struct {
	base  interviewer.Judge
	round Round
	room  int
}

func (j roundJudge) Judge(ctx context.Context, a interviewer.Answer) (interviewer.Verdict, error) {
	if j.round.Intro {
		return introVerdict(a)
	}
	v, err := j.base.Judge(ctx, a)
	if err != nil {
		return v, err
	}
	if fq, why := j.round.Probe(v.FollowUp.Question, a.Asked, j.room); why != "" {
		v.FollowUp = interviewer.FollowUp{Reason: why, Question: fq}
	}
	return v, nil
}

// introVerdict judges an introduction: no STAR story, but a pitch, saved
// as one (judge.Introduction) so that review, the reports and the debrief
// show the check the terminal shows.
func introVerdict(a interviewer.Answer) (interviewer.Verdict, error) {
	c := judge.CheckIntro(a.Transcript.Text, a.Transcript.Duration())
	rec, err := judge.Encode(judge.Introduction(c))
	if err != nil {
		return interviewer.Verdict{}, err
	}
	return interviewer.Verdict{Words: c.Words, Length: c.Length, Kind: judge.IntroKind, Checks: c.Lines(),
		Report: rec}, nil
}

// SalvageJudge judges the answers of a loop day that a crash cut off as
// the day would have judged them: the introduction (the one answer asked
// for no principle, and no follow-up) as an introduction, every other
// answer by base. interviewer.Salvage takes it for a loop day's session.
func SalvageJudge(base interviewer.Judge) interviewer.Judge {
	return interviewer.JudgeFunc(func(ctx context.Context, a interviewer.Answer) (interviewer.Verdict, error) {
		if a.Question.LP == "" && !a.Question.FollowUp {
			return introVerdict(a)
		}
		return base.Judge(ctx, a)
	})
}

// roundView shows a round: answer numbers counted across the day, reuse
// and LP warnings under each verdict, the LP-guess prompt.
type roundView struct {
	interviewer.View
	h     *holder
	round Round
	off   int
	asked int // the last answer number prompted for a guess
}

func (v *roundView) Status(s interviewer.Status) {
	s.Answer += v.off
	g := v.h.Guesses
	if g != nil && !v.round.Intro && s.State == interviewer.Listening && !s.Question.FollowUp && s.Answer != v.asked {
		v.asked = s.Answer
		v.View.Note("") // ends the status line: the prompt and the guess go below it
		g.expect(v.h.Out, s.Answer, s.Question)
	}
	if g != nil && g.Typing() {
		return // the status line would be drawn over the guess being typed
	}
	v.View.Status(s)
}

func (v *roundView) Verdict(n int, q interviewer.Question, vd interviewer.Verdict) {
	n += v.off
	v.View.Verdict(n, q, vd)
	k := v.h.keep(v.round, n, q, vd)
	out := v.h.Out
	if k.note.Reuse != "" {
		fmt.Fprintf(out, "  Warning: %s\n", k.note.Reuse)
	}
	switch {
	case k.mismatch != "":
		fmt.Fprintf(out, "  LP        %s\n", k.mismatch)
	case k.reading != "":
		fmt.Fprintf(out, "  LP        your answer reads as %s; asked: %s\n", k.reading, v.h.lpName(q.LP))
	}
	if g := v.h.Guesses; g != nil && !q.FollowUp {
		if r, ok := g.result(n); ok {
			fmt.Fprintf(out, "  LP guess  %s\n", r.line(v.h.lpName(q.LP)))
		}
	}
}

func (v *roundView) TurnLatency(n int, d time.Duration) { v.View.TurnLatency(n+v.off, d) }

// roundStore is a round's Store on the day's session: it numbers answers
// after those of earlier rounds, and leaves closing the session to the day.
type roundStore struct {
	s     *session.Session
	off   int
	saved func(session.Answer) // told of each answer saved
	maxN  int
	state session.State
}

var _ interviewer.Store = (*roundStore)(nil)

func (l *roundStore) NewAnswer(n int) (interviewer.Recording, error) {
	r, err := l.s.NewAnswer(n + l.off)
	if err != nil {
		return nil, err
	}
	return r, nil
}

func (l *roundStore) Asked(a session.Answer) error {
	a.N += l.off
	return l.s.Asked(a)
}

func (l *roundStore) SaveAnswer(a session.Answer) error {
	a.N += l.off
	l.maxN = max(l.maxN, a.N)
	if err := l.s.SaveAnswer(a); err != nil {
		return err
	}
	if l.saved != nil {
		l.saved(a)
	}
	return nil
}

// Close records how the round ended; the day closes the session.
func (l *roundStore) Close(state session.State) error {
	l.state = state
	return nil
}

// Say speaks text with voice on player and shows it on view.
func Say(ctx context.Context, voice interviewer.Voice, player interviewer.Player, view interviewer.View, text string) error {
	view.Spoken(text)
	pcm, err := voice.Synthesize(ctx, text)
	if err != nil {
		return err
	}
	if err := player.Play(ctx, pcm); err != nil {
		if ctx.Err() != nil {
			return starloop.E("loop", starloop.Canceled, ctx.Err())
		}
		return starloop.E("loop", starloop.DeviceUnavailable, err)
	}
	return nil
}

// writeDebrief saves debrief.md and debrief.json, private, in dir.
func writeDebrief(dir string, d Debrief, md string) error {
	js, err := d.JSON()
	if err != nil {
		return starloop.E("save debrief", starloop.Other, err)
	}
	for name, data := range map[string][]byte{"debrief.md": []byte(md), "debrief.json": js} {
		if err := os.WriteFile(filepath.Join(dir, name), data, session.FileMode); err != nil {
			return starloop.E("save debrief", starloop.Other, err)
		}
	}
	return nil
}

// Title is the heading shown before round r of a day of total interviews.
func (r Round) Title(total int) string {
	if r.Intro {
		return fmt.Sprintf("Introduction with %s (aim for 60 to 90 seconds)", r.Interviewer)
	}
	s := fmt.Sprintf("Round %d of %d: %s", r.N, total, r.Interviewer)
	if r.BarRaiser {
		s += ", bar raiser"
	}
	if r.English {
		s += ", English round"
	}
	return s
}

// Setting is how round r is recorded in the session's settings.
func (r Round) Setting(remote bool) string {
	voice := "voice " + r.Voice
	if remote && r.RemoteVoice != "" {
		voice = "voice " + r.RemoteVoice + " (offline " + r.Voice + ")"
	}
	parts := []string{r.Interviewer, voice}
	if r.Intro {
		parts = append(parts, "introduction")
	} else {
		parts = append(parts, "LPs "+strings.Join(r.LPs, "+"))
	}
	if r.BarRaiser {
		parts = append(parts, "bar raiser")
	}
	if r.English {
		parts = append(parts, "English round")
	}
	return strings.Join(parts, ", ")
}

// Settings are the rounds as recorded in the session's settings, under
// round_N.
func (d Day) Settings(remote bool) map[string]string {
	out := map[string]string{}
	for _, r := range d.Rounds {
		out["round_"+strconv.Itoa(r.N)] = r.Setting(remote)
	}
	return out
}

// Settings are what a session records of o (besides each round's, which
// Day.Settings gives): the rounds, the questions each and the English
// round.
func (o Options) Settings() map[string]string {
	return map[string]string{
		"interviewers":              strconv.Itoa(o.Interviewers),
		"questions_per_interviewer": strconv.Itoa(o.Questions),
		"english_round":             strconv.Itoa(o.EnglishRound),
	}
}

// LPs are the LPs of every round in order, as the session records them.
func (d Day) LPs() []string {
	var lps []string
	for _, r := range d.Rounds {
		lps = append(lps, r.LPs...)
	}
	return lps
}

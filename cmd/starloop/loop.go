package main

import (
	"bufio"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/urfave/cli/v2"

	"github.com/starloop/starloop"
	"github.com/starloop/starloop/audio/portaudio"
	"github.com/starloop/starloop/interviewer"
	"github.com/starloop/starloop/loop"
	"github.com/starloop/starloop/prompts"
	"github.com/starloop/starloop/rubric"
	"github.com/starloop/starloop/session"
	"github.com/starloop/starloop/speech/flite"
	"github.com/starloop/starloop/stories"
	"github.com/starloop/starloop/whichlp"
)

// loopFlags are the session flags without those a loop sets per round
// (LPs, question count, voice), and the loop's own.
func loopFlags() []cli.Flag {
	var out []cli.Flag
	for _, f := range sessionFlags() {
		switch f.Names()[0] {
		case "lp", "questions", "voice":
			continue
		}
		out = append(out, f)
	}
	out = append(out,
		&cli.IntFlag{Name: "interviewers", Value: 5, Usage: fmt.Sprintf("interview rounds, 1 to %d", loop.MaxInterviewers), EnvVars: []string{"STARLOOP_INTERVIEWERS"}},
		&cli.IntFlag{Name: "questions-per-interviewer", Value: 1, Usage: "main questions each interviewer asks", EnvVars: []string{"STARLOOP_QUESTIONS_PER_INTERVIEWER"}},
		&cli.IntFlag{Name: "english-round", Usage: "the round `N` held in English only (0: none)"},
		&cli.BoolFlag{Name: "guess-lp", Usage: "after each main question, type which LP you think it probes, then answer; the debrief scores your guesses"},
		&cli.BoolFlag{Name: "no-intro", Usage: "skip the introduction round (\"tell me about yourself\")"},
		&cli.StringFlag{Name: "stories", Usage: "the story bank `PATH` (default $XDG_CONFIG_HOME/starloop/stories.yaml when it exists)", EnvVars: []string{"STARLOOP_STORIES"}},
	)
	return append(out, deviceFlags()...)
}

func loopCommand(env *appEnv) *cli.Command {
	return &cli.Command{
		Name:  "loop",
		Usage: "a whole loop day, time-compressed: an introduction, then several interviewers, each with a voice and two LPs, and a debrief",
		Description: "Each interviewer has a name, a voice of their own and two Leadership Principles; one is the bar raiser,\n" +
			"who probes hardest. Every answer is matched against your story bank and your earlier answers: telling\n" +
			"one story twice draws a warning. At the end a debrief per LP, with each interviewer's leaning, is shown,\n" +
			"spoken briefly, and saved as debrief.md and debrief.json in the session folder.\n" +
			"Keys while you answer: Enter = done, r = repeat the question, s = skip, q = save and quit.",
		Flags: loopFlags(),
		Action: func(c *cli.Context) error {
			if c.NArg() > 0 {
				return starloop.Errorf(starloop.Invalid, "loop: unexpected argument %q (flags go after the command name)", c.Args().First())
			}
			return onDevices(c, "loop", func(mic *portaudio.Capture, speaker *portaudio.Speaker) error {
				return runLoop(c, env, mic, speaker)
			})
		},
	}
}

// runLoop holds the loop day on mic and player: one interviewer.Machine and
// Runner per round, all saved into one session, answers numbered across
// rounds.
func runLoop(c *cli.Context, env *appEnv, mic interviewer.Microphone, player interviewer.Player) error {
	const op = "loop"
	ctx := c.Context
	patience, capAt, follow := c.Duration("patience"), c.Duration("max-answer"), c.Int("follow-ups")
	if patience <= 0 || capAt <= 0 {
		return starloop.Errorf(starloop.Invalid, "%s: --patience and --max-answer must be positive", op)
	}
	if follow < 0 {
		return starloop.Errorf(starloop.Invalid, "%s: --follow-ups must be 0 or more", op)
	}
	bank, err := prompts.Load()
	if err != nil {
		return err
	}
	lpName := func(id string) string {
		if lp, ok := bank.LP(id); ok {
			return lp.Name
		}
		return id
	}
	storyPath, bankStories, err := loopStories(c.String("stories"))
	if err != nil {
		return err
	}
	dir := c.String("sessions")
	if dir == "" {
		if dir, err = defaultSessionsDir(); err != nil {
			return err
		}
	}
	recoverSessions(env, dir)
	seed := c.Uint64("seed")
	if seed == 0 {
		seed = rand.Uint64()
	}
	opt := loop.Options{
		Interviewers: c.Int("interviewers"),
		Questions:    c.Int("questions-per-interviewer"),
		EnglishRound: c.Int("english-round"),
		Intro:        !c.Bool("no-intro"),
		Seed:         seed,
	}
	if bankStories != nil {
		// The LPs that lack stories, then practice, come first.
		for _, n := range stories.ByNeed(stories.Cover(bank.LPs(), bankStories), practiced(dir)) {
			opt.LPs = append(opt.LPs, n.ID)
		}
	} else {
		for _, lp := range bank.LPs() {
			opt.LPs = append(opt.LPs, lp.ID)
		}
		opt.Shuffle = true
	}
	day, err := loop.NewDay(opt)
	if err != nil {
		return err
	}
	for _, r := range day.Interviews() {
		if n := questionsFor(bank, r.LPs); n < opt.Questions {
			return starloop.Errorf(starloop.Invalid, "%s: %d questions per interviewer asked for, but %s have %d", op, opt.Questions, joinAnd(namesOf(r.LPs, lpName)), n)
		}
	}

	rec, err := newTranscriber(c, env)
	if err != nil {
		return err
	}
	defer rec.Close()
	voices := map[string]interviewer.Voice{}
	for _, r := range day.Rounds {
		if voices[r.Voice] == nil {
			v, err := flite.New(flite.Config{Voice: r.Voice, Rate: c.Float64("rate")})
			if err != nil {
				return err
			}
			voices[r.Voice] = v
		}
	}

	store, err := session.Open(dir, session.Options{})
	if err != nil {
		return err
	}
	stt, _, coach := backendNames(c)
	settings := map[string]string{
		"mode":                      "loop",
		"interviewers":              strconv.Itoa(opt.Interviewers),
		"questions_per_interviewer": strconv.Itoa(opt.Questions),
		"english_round":             strconv.Itoa(opt.EnglishRound),
		"follow_ups":                strconv.Itoa(follow),
		"patience":                  patience.String(),
		"max_answer":                capAt.String(),
		"rate":                      strconv.FormatFloat(c.Float64("rate"), 'g', -1, 64),
		"seed":                      strconv.FormatUint(seed, 10),
		"guess_lp":                  strconv.FormatBool(c.Bool("guess-lp")),
		"stories":                   storyPath,
		"stt":                       stt,
		"tts":                       "flite",
		"coach":                     coach,
	}
	var allLPs []string
	for _, r := range day.Rounds {
		settings["round_"+strconv.Itoa(r.N)] = roundSetting(r)
		allLPs = append(allLPs, r.LPs...)
	}
	sess, err := store.NewSession(session.Meta{LPs: allLPs, Settings: settings})
	if err != nil {
		return err
	}

	var background []string
	for _, lp := range bank.LPs() {
		background = append(background, lp.Questions...)
	}
	tracker := loop.NewTracker(background, bankStories, lpName)
	keyCh, restore := keys(ctx, env.stdin)
	defer restore()
	var guess *guesser
	if c.Bool("guess-lp") {
		guess = newGuesser(ctx, env, keyCh, bank)
		keyCh = guess.keys
	}
	base := newJudge(c, env, bank)

	total := len(day.Interviews())
	fmt.Fprintf(env.stdout, "Loop day: %d interviewers, %d main question(s) each. Enter = done, r = repeat, s = skip, q = save and quit.\n", total, opt.Questions)
	var (
		answers []loop.Answer
		mains   []int
		offset  int
		state   = session.Complete
		runErr  error
		last    loop.Round
	)
	for i, r := range day.Rounds {
		last = r
		plan, room, err := roundPlan(bank, r, opt.Questions, follow, seed+uint64(i))
		if err != nil {
			runErr = err
			break
		}
		cfg := interviewer.Config{
			Patience:     patience,
			AnswerCap:    capAt,
			MaxFollowUps: room,
			Lines:        interviewer.Lines{Warning: bank.WrapUp(), Transitions: r.Transitions(), Closing: r.Closing(i == len(day.Rounds)-1)},
		}
		if room == 0 {
			cfg.MaxFollowUps = -1
		}
		m, err := interviewer.NewMachine(plan, cfg)
		if err != nil {
			runErr = err
			break
		}
		fmt.Fprintf(env.stdout, "\n== %s ==\n", roundTitle(r, total))
		textView := interviewer.NewTextView(env.stdout, isTerminal(env.stdout), 0)
		voice := voices[r.Voice]
		if err := sayLine(ctx, voice, player, textView, r.Greeting(total)); err != nil {
			runErr = err
			state = session.Interrupted
			break
		}
		st := &loopStore{s: sess, off: offset}
		view := &loopView{View: textView, out: env.stdout, round: r, off: offset, tracker: tracker, guess: guess, lpName: lpName, answers: &answers, mains: &mains}
		runner := &interviewer.Runner{
			Mic:         mic,
			Keys:        keyCh,
			Transcriber: rec,
			Voice:       voice,
			Player:      player,
			Judge:       loopJudge{base: base, round: r, room: room, tracker: tracker, bank: bank},
			Store:       st,
			View:        view,
			Clock:       interviewer.SystemClock{},
		}
		runErr = runner.Run(ctx, m)
		offset = max(offset, st.maxN)
		if runErr != nil || st.state != session.Complete {
			state = session.Interrupted
			break
		}
	}

	if guess != nil {
		for i := range answers {
			if g, ok := guess.result(answers[i].N); ok {
				answers[i].Guess = &g
			}
		}
	}
	debrief := loop.Build(day, answers, lpName)
	md := debrief.Markdown()
	fmt.Fprintf(env.stdout, "\n%s", md)
	if err := writeDebrief(sess.Dir(), debrief, md); err != nil && runErr == nil {
		runErr = err
	}
	if state == session.Complete && runErr == nil {
		spoken := debrief.Spoken()
		if err := sayLine(ctx, voices[last.Voice], player, interviewer.NewTextView(env.stdout, false, 0), spoken); err != nil {
			runErr = err
		}
	}
	if err := sess.Close(state); err != nil && runErr == nil {
		runErr = err
	}
	fmt.Fprintf(env.stdout, "\nSession saved in %s (debrief.md, debrief.json)\n", sess.Dir())
	return runErr
}

// loopStories reads the story bank at path, or at the default path when it
// exists. No bank is not an error unless path was given.
func loopStories(path string) (string, []stories.Story, error) {
	given := path != ""
	if !given {
		var err error
		if path, err = defaultStoriesPath(); err != nil {
			return "", nil, nil
		}
	}
	f, _, err := readStoryBank(path)
	if err != nil {
		if !given && starloop.KindOf(err) == starloop.NotFound {
			return "", nil, nil
		}
		return "", nil, err
	}
	if err := f.Err(); err != nil {
		return "", nil, err
	}
	return path, f.Stories, nil
}

// practiced counts the main questions answered per LP in the sessions in
// dir; a folder that cannot be read counts nothing.
func practiced(dir string) map[string]int {
	metas, _ := session.List(dir)
	out := map[string]int{}
	for _, m := range metas {
		for _, a := range m.Answers {
			if !a.FollowUp && a.LP != "" {
				out[a.LP]++
			}
		}
	}
	return out
}

func questionsFor(bank *prompts.Bank, ids []string) int {
	n := 0
	for _, id := range ids {
		if lp, ok := bank.LP(id); ok {
			n += len(lp.Questions)
		}
	}
	return n
}

func namesOf(ids []string, name func(string) string) []string {
	out := make([]string, len(ids))
	for i, id := range ids {
		out[i] = name(id)
	}
	return out
}

// roundPlan is a round's main questions and the most follow-ups per
// question: none in the introduction, one more for the bar raiser (its
// own probe) when follow-ups are on.
func roundPlan(bank *prompts.Bank, r loop.Round, n, follow int, seed uint64) ([]interviewer.Question, int, error) {
	if r.Intro {
		return []interviewer.Question{{Text: loop.IntroQuestion}}, 0, nil
	}
	plan, err := planFor(bank, r.LPs, n, seed)
	if err != nil {
		return nil, 0, err
	}
	if r.BarRaiser && follow > 0 {
		follow++
	}
	return plan, follow, nil
}

func roundSetting(r loop.Round) string {
	parts := []string{r.Interviewer, "voice " + r.Voice}
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

func roundTitle(r loop.Round, total int) string {
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

// sayLine speaks text with voice on player and shows it.
func sayLine(ctx context.Context, voice interviewer.Voice, player interviewer.Player, view interviewer.View, text string) error {
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
func writeDebrief(dir string, d loop.Debrief, md string) error {
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

// loopStore is the round's Store on the day's session: it numbers answers
// after those of earlier rounds, and leaves closing the session to the day.
type loopStore struct {
	s     *session.Session
	off   int
	maxN  int
	state session.State
}

var _ interviewer.Store = (*loopStore)(nil)

func (l *loopStore) NewAnswer(n int) (interviewer.Recording, error) {
	r, err := l.s.NewAnswer(n + l.off)
	if err != nil {
		return nil, err
	}
	return r, nil
}

func (l *loopStore) SaveAnswer(a session.Answer) error {
	a.N += l.off
	l.maxN = max(l.maxN, a.N)
	return l.s.SaveAnswer(a)
}

// Close records how the round ended; the day closes the session.
func (l *loopStore) Close(state session.State) error {
	l.state = state
	return nil
}

// loopNote rides on a Verdict from loopJudge to loopView: what the loop
// found in the answer besides the rubric's judgement.
type loopNote struct {
	loop.Note
	Mismatch string
	Reading  string // the LP the answer gives most evidence of, by name
}

// notedReport carries a loopNote alongside the judge's report, and saves
// as the report alone.
type notedReport struct {
	inner any
	note  loopNote
}

func (n notedReport) MarshalJSON() ([]byte, error) { return json.Marshal(n.inner) }

// loopJudge judges a round's answers with the session's judge, then: the
// bar raiser's own probes; main answers matched against the stories told
// (loop.Tracker, which only looks here: the view commits what was kept);
// and the answer's LP reading set against the LP asked.
type loopJudge struct {
	base    interviewer.Judge
	round   loop.Round
	room    int
	tracker *loop.Tracker
	bank    *prompts.Bank
}

func (j loopJudge) Judge(ctx context.Context, t starloop.Transcript, q interviewer.Question, asked []string) (interviewer.Verdict, error) {
	v, err := j.base.Judge(ctx, t, q, asked)
	if err != nil {
		return v, err
	}
	var note loopNote
	if j.round.Intro {
		v.FollowUp = interviewer.FollowUp{}
	} else {
		if fq, why := j.round.Probe(v.FollowUp.Question, asked, j.room); why != "" {
			v.FollowUp = interviewer.FollowUp{Reason: why, Question: fq}
		}
		if !q.FollowUp {
			note.Note = j.tracker.Check(t.Text)
		}
		if rep := rubricOf(v.Report); rep != nil && rep.Answer {
			if len(rep.LP) > 0 {
				note.Reading = rep.LP[0].Name
			}
			if lp, ok := j.bank.LP(q.LP); ok {
				note.Mismatch, _ = whichlp.Mismatch(lp, rep.LP)
			}
		}
	}
	v.Report = notedReport{inner: v.Report, note: note}
	return v, nil
}

// rubricOf finds the rubric's report (on the whole thread) in a verdict's
// report, if it holds one.
func rubricOf(r any) *rubric.Report {
	switch r := r.(type) {
	case judged:
		if r.Story != nil {
			return r.Story
		}
		return r.Report
	case *rubric.Report:
		return r
	}
	return nil
}

// loopView shows a round: answer numbers counted across the day, reuse
// and LP warnings under each verdict, the LP-guess prompt; and it records
// each kept answer for the debrief.
type loopView struct {
	interviewer.View
	out     io.Writer
	round   loop.Round
	off     int
	tracker *loop.Tracker
	guess   *guesser
	lpName  func(string) string
	answers *[]loop.Answer
	mains   *[]int // the places in answers of the main answers, in the order committed
	asked   int    // the last answer number prompted for a guess
}

func (v *loopView) Status(s interviewer.Status) {
	s.Answer += v.off
	if v.guess != nil && !v.round.Intro && s.State == interviewer.Listening && !s.Question.FollowUp && s.Answer != v.asked {
		v.asked = s.Answer
		v.View.Status(s)
		v.guess.expect(v.out, s.Answer, s.Question)
		return
	}
	v.View.Status(s)
}

func (v *loopView) Verdict(n int, q interviewer.Question, vd interviewer.Verdict) {
	n += v.off
	var note loopNote
	if nr, ok := vd.Report.(notedReport); ok {
		note, vd.Report = nr.note, nr.inner
	}
	v.View.Verdict(n, q, vd)
	if note.Reuse != "" {
		fmt.Fprintf(v.out, "  Warning: %s\n", note.Reuse)
	}
	switch {
	case note.Mismatch != "":
		fmt.Fprintf(v.out, "  LP        %s\n", note.Mismatch)
	case note.Reading != "":
		fmt.Fprintf(v.out, "  LP        your answer reads as %s; asked: %s\n", note.Reading, v.lpName(q.LP))
	}
	if v.guess != nil && !q.FollowUp {
		if g, ok := v.guess.result(n); ok {
			fmt.Fprintf(v.out, "  LP guess  %s\n", guessLine(g, v.lpName(q.LP)))
		}
	}
	if !v.round.Intro && !q.FollowUp {
		if k := note.Earlier; k >= 1 && k <= len(*v.mains) {
			// The earlier telling is the same story: label it too.
			if e := &(*v.answers)[(*v.mains)[k-1]]; e.Story == "" {
				e.Story = note.Story
			}
		}
		v.tracker.Commit(v.round.N, q.LP, note.Note)
		*v.mains = append(*v.mains, len(*v.answers))
	}
	*v.answers = append(*v.answers, loop.Answer{
		N: n, Round: v.round.N, LP: q.LP, Question: q.Text, FollowUp: q.FollowUp,
		Situation: vd.Situation, Task: vd.Task, Action: vd.Action, Result: vd.Result,
		Measures: vd.Measures, I: vd.I, We: vd.We, Words: vd.Words, Length: vd.Length,
		Story: note.Story, Reuse: note.Reuse, Mismatch: note.Mismatch,
	})
}

func (v *loopView) TurnLatency(n int, d time.Duration) { v.View.TurnLatency(n+v.off, d) }

// guessLine says how a guess of the LP asked fared.
func guessLine(g loop.Guess, asked string) string {
	said := g.LP
	if said == "" {
		said = fmt.Sprintf("%q (no LP)", g.Said)
	}
	word := "wrong"
	switch {
	case g.Score >= 1:
		word = "right"
	case g.Score > 0:
		word = "close"
	}
	return fmt.Sprintf("you guessed %s; the question probed %s: %s", said, asked, word)
}

// guesser collects LP guesses: typed on the terminal (it takes the keys
// while a guess is awaited and passes the rest on), or, when stdin is not
// a terminal, read from stdin one line per guess. Guesses and the main
// questions awaiting one are paired in order.
type guesser struct {
	keys <-chan byte // the keys for the Runner

	bank       *prompts.Bank
	classifier *whichlp.Classifier

	mu      sync.Mutex
	waiting []guessReq
	lines   []string
	got     map[int]loop.Guess
	out     io.Writer
}

type guessReq struct {
	n int
	q interviewer.Question
}

func newGuesser(ctx context.Context, env *appEnv, raw <-chan byte, bank *prompts.Bank) *guesser {
	g := &guesser{bank: bank, classifier: whichlp.New(bank.LPs()), got: map[int]loop.Guess{}, out: env.stdout}
	if raw == nil {
		go g.readLines(env.stdin)
		return g
	}
	fwd := make(chan byte, 8)
	g.keys = fwd
	go func() {
		defer close(fwd)
		var line []byte
		for {
			var b byte
			var ok bool
			select {
			case b, ok = <-raw:
				if !ok {
					return
				}
			case <-ctx.Done():
				return
			}
			g.mu.Lock()
			typing := len(g.waiting) > 0
			g.mu.Unlock()
			if !typing {
				select {
				case fwd <- b:
				case <-ctx.Done():
					return
				}
				continue
			}
			switch b {
			case '\r', '\n':
				fmt.Fprintln(g.out)
				g.add(string(line))
				line = line[:0]
			case 127, '\b':
				if len(line) > 0 {
					line = line[:len(line)-1]
					fmt.Fprint(g.out, "\b \b")
				}
			default:
				line = append(line, b)
				fmt.Fprintf(g.out, "%c", b)
			}
		}
	}()
	return g
}

func (g *guesser) readLines(r io.Reader) {
	sc := bufio.NewScanner(r)
	for sc.Scan() {
		g.add(sc.Text())
	}
}

// expect prompts for a guess at the LP of answer n's question q.
func (g *guesser) expect(w io.Writer, n int, q interviewer.Question) {
	fmt.Fprintf(w, "Which LP does this question probe? Type your guess and press Enter, then answer.\n")
	g.mu.Lock()
	defer g.mu.Unlock()
	g.waiting = append(g.waiting, guessReq{n, q})
	g.pair()
}

func (g *guesser) add(line string) {
	line = strings.TrimSpace(line)
	if line == "" {
		return
	}
	g.mu.Lock()
	defer g.mu.Unlock()
	g.lines = append(g.lines, line)
	g.pair()
}

// pair scores the guesses for the questions awaiting them; g.mu is held.
func (g *guesser) pair() {
	for len(g.waiting) > 0 && len(g.lines) > 0 {
		req, said := g.waiting[0], g.lines[0]
		g.waiting, g.lines = g.waiting[1:], g.lines[1:]
		s := whichlp.ScoreGuess(g.bank, req.q.LP, said, g.classifier.Rank(req.q.Text))
		lg := loop.Guess{Said: said, Score: s.Score}
		if s.Known {
			lg.LP = s.LP.Name
		}
		g.got[req.n] = lg
	}
}

// result is the guess for answer n, if one was made.
func (g *guesser) result(n int) (loop.Guess, bool) {
	g.mu.Lock()
	defer g.mu.Unlock()
	r, ok := g.got[n]
	return r, ok
}

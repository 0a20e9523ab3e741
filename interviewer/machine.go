// Package interviewer runs a spoken practice interview: it asks a question
// aloud, listens to the answer, ends the turn when the person is done, has
// the answer transcribed and judged, and asks the next question aloud.
//
// The loop is a state machine, Machine, in the manner of bubbletea: Update
// takes one Event (a tick of the clock, speech starting or stopping, a key,
// a result of earlier work) and returns the Commands to carry out (speak,
// record, transcribe, judge, save, show), with no I/O of its own. A Runner
// carries the commands out with real implementations behind small
// interfaces (Microphone, Transcriber, Voice, Player, Judge, Store, View,
// Clock) and turns what happens into events.
//
// Data enters as microphone frames, key presses, and the results of the
// transcriber, judge and voice; it leaves as audio to the player, answers to
// the Store (recording, transcript, verdict, timings) and status to the View.
package interviewer

import (
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/starloop/starloop"
	"github.com/starloop/starloop/session"
)

// State is where the interview stands.
type State uint8

// The states of a Machine, in the order of a turn.
const (
	Idle         State = iota // not started
	Asking                    // the question is being spoken (first one, a repeat, or after a skip)
	Listening                 // recording the answer; nothing heard yet, or speech under way
	Pending                   // speech stopped: the patience window runs while the reply is prepared
	Transcribing              // the turn ended before the transcript was ready
	Judging                   // the turn ended before the verdict or the reply's audio was ready
	FollowingUp               // the reply (a follow-up, the next question, or the closing) is being spoken
	Done                      // the session is over
)

var stateNames = [...]string{"idle", "asking", "listening", "pending", "transcribing", "judging", "following up", "done"}

func (s State) String() string {
	if int(s) < len(stateNames) {
		return stateNames[s]
	}
	return fmt.Sprintf("State(%d)", s)
}

// Config tunes the interviewer. A zero duration takes its default; a
// negative one turns the feature off (Patience cannot be turned off).
type Config struct {
	// Patience is how long the silence after speech must last before the
	// turn ends (default 3 s). It counts from the end of the last loud
	// frame, so thinking pauses shorter than this never cut anyone off.
	// The reply is prepared from when the VAD reports the silence (after
	// its hangover, 300 ms by default), so Patience minus the hangover is
	// the time the transcriber, judge and voice have to be ready.
	Patience time.Duration
	// AnswerCap ends an answer that runs this long (default 4 min), and
	// CapWarning is how long before the cap the warning line is spoken
	// (default 20 s).
	AnswerCap, CapWarning time.Duration
	// NoSpeech is how long the interviewer waits for the first word
	// (default 60 s) before nudging, once, with Lines.Nudge. If twice that
	// passes with no speech, the session ends with an error of kind
	// NoSpeech: most likely the microphone is muted.
	NoSpeech time.Duration
	// MaxFollowUps is the most follow-ups asked per main question
	// (default 2; negative for none).
	MaxFollowUps int
	// Lines are what the interviewer says besides the questions.
	Lines Lines
}

// Lines are the interviewer's own lines. Empty ones take defaults.
type Lines struct {
	Warning     string   // spoken CapWarning before the cap
	Nudge       string   // spoken when nothing was heard for NoSpeech
	Transitions []string // one is said before each new main question, in turn
	Closing     string   // said after the last answer
}

// DefaultConfig is Config with every default filled in.
func DefaultConfig() Config { return Config{}.withDefaults() }

func (c Config) withDefaults() Config {
	def := func(d *time.Duration, v time.Duration) {
		if *d == 0 {
			*d = v
		}
	}
	def(&c.Patience, 3*time.Second)
	def(&c.AnswerCap, 4*time.Minute)
	def(&c.CapWarning, 20*time.Second)
	def(&c.NoSpeech, 60*time.Second)
	if c.MaxFollowUps == 0 {
		c.MaxFollowUps = 2
	}
	c.MaxFollowUps = max(c.MaxFollowUps, 0)
	if c.Lines.Warning == "" {
		c.Lines.Warning = "We are almost out of time for this one. Please wrap up."
	}
	if c.Lines.Nudge == "" {
		c.Lines.Nudge = "Take your time. Start whenever you are ready, or press s to skip this question."
	}
	if len(c.Lines.Transitions) == 0 {
		c.Lines.Transitions = []string{"Thank you. Next question."}
	}
	if c.Lines.Closing == "" {
		c.Lines.Closing = "That is all my questions. Thank you for your time."
	}
	return c
}

// Verdict is what the interviewer needs from judging one answer.
type Verdict struct {
	// Which STAR parts the answer has.
	Situation, Task, Action, Result bool
	// Measures are the measurable results heard, e.g. "40 percent".
	Measures []string
	// I and We count first-person singular and plural words.
	I, We int
	// Words and Length say how long the answer was.
	Words  int
	Length time.Duration
	// FollowUp is what the rubric would ask next; empty Question for
	// nothing. The interviewer asks it if the thread has room.
	FollowUp FollowUp
	// LPs are the Leadership Principles the story gives evidence of,
	// best first; empty when it is not a specific story.
	LPs []LPEvidence
	// Leaning is the one-line verdict on the story so far (for a
	// follow-up, the whole thread), in the words review and the reports
	// use for the judgement saved in Report; empty when the judge gives
	// none.
	Leaning string
	// Heard is the text of the transcript judged; the Machine fills it in.
	Heard string
	// Kind is what was judged when it is not a STAR story (e.g.
	// "introduction"), and Checks are then the lines to show in place of
	// the STAR summary; both empty for a story.
	Kind   string
	Checks []string
	// Clauses are the answer's own words, clause by clause, each with the
	// STAR part it plays ("situation"... or "" for none), for the view to
	// show what was heard; empty when the judge gives none.
	Clauses []Clause
	// Report is the judge's full record as saved with the answer
	// (session.Answer.Report), so that the terminal reads what review and
	// the reports read; empty when the judge keeps none.
	Report json.RawMessage
}

// Clause is a stretch of an answer and the STAR part it plays.
type Clause struct {
	Part string // "situation", "task", "action", "result", or "" for none
	Text string
}

// LPEvidence is how strongly an answer shows one LP.
type LPEvidence struct {
	ID, Name string
	Score    float64
}

// FollowUp is a follow-up question and why it is asked.
type FollowUp struct {
	Reason, Question string
}

// Event is something that happened: a tick, a key, a result. The Runner
// makes them; tests feed them to a Machine directly.
type Event interface{ event() }

// Key is a key the person pressed.
type Key uint8

// The keys the interviewer understands.
const (
	KeyEnter  Key = iota + 1 // "I'm done": end the turn now
	KeyRepeat                // r: say the question again and start the answer over
	KeySkip                  // s: skip this question (and its follow-ups)
	KeyQuit                  // q: save the answer so far and end the session
)

// KeysHelp tells the person the keys KeyOf understands, in one line
// for the first screen of every spoken session.
const KeysHelp = "Enter = done, r = repeat, s = skip, q = save and quit."

// KeyOf maps a byte typed on a terminal to a Key.
func KeyOf(b byte) (Key, bool) {
	switch b {
	case '\n', '\r':
		return KeyEnter, true
	case 'r', 'R':
		return KeyRepeat, true
	case 's', 'S':
		return KeySkip, true
	case 'q', 'Q':
		return KeyQuit, true
	}
	return 0, false
}

// The events.
type (
	// Tick brings the time; the Runner sends one per microphone frame.
	Tick struct{ Now time.Time }
	// SpeechStarted and SpeechStopped are the VAD's edges. At is when the
	// speech really began or ended (the VAD decides a little later).
	SpeechStarted struct{ At time.Time }
	SpeechStopped struct{ At time.Time }
	// KeyPressed is a key from the person.
	KeyPressed struct{ Key Key }
	// TranscriptReady answers FinishTranscript. An error of kind NoSpeech
	// counts as an empty transcript.
	TranscriptReady struct {
		Attempt    int
		Transcript starloop.Transcript
		Err        error
	}
	// ReportReady answers JudgeAnswer.
	ReportReady struct {
		Attempt int
		Verdict Verdict
		Err     error
	}
	// ReplyReady answers SynthesizeReply.
	ReplyReady struct {
		Attempt int
		Audio   []int16
		Err     error
	}
	// PlaybackDone answers Say and Play: the audio was played out (Err
	// nil), stopped, or failed.
	PlaybackDone struct {
		ID  int
		Err error
	}
	// InputEnded: the microphone has no more frames (a file ran out). It
	// acts like KeyQuit.
	InputEnded struct{}
	// DeviceError: the microphone, speaker, voice or disk failed; the
	// session ends, keeping what it has. Err keeps its kind (the Runner
	// marks microphone and speaker failures DeviceUnavailable).
	DeviceError struct{ Err error }
	// Canceled: the person pressed Ctrl-C; the session ends at once,
	// keeping what it has.
	Canceled struct{}
)

func (Tick) event()            {}
func (SpeechStarted) event()   {}
func (SpeechStopped) event()   {}
func (KeyPressed) event()      {}
func (TranscriptReady) event() {}
func (ReportReady) event()     {}
func (ReplyReady) event()      {}
func (PlaybackDone) event()    {}
func (InputEnded) event()      {}
func (DeviceError) event()     {}
func (Canceled) event()        {}

// Command is I/O for the Runner to carry out. Commands come in the order
// they must start; the ones that block report back with an event.
type Command interface{ command() }

// The commands.
type (
	// Say synthesizes Text and plays it, then reports PlaybackDone{ID}. Any
	// playback under way is stopped first.
	Say struct {
		ID   int
		Text string
	}
	// Play plays audio synthesized earlier (the reply), then reports
	// PlaybackDone{ID}. Any playback under way is stopped first. The time
	// from the last TurnEnded to this command is the turn latency.
	Play struct {
		ID    int
		Text  string
		Audio []int16
	}
	// StopPlayback stops what is playing, if anything.
	StopPlayback struct{}
	// StartRecording starts answer N: recording, voice activity detection
	// and transcription, from a fresh start.
	StartRecording struct {
		N        int
		Question Question
	}
	// StopRecording stops recording answer N; Keep false deletes it.
	StopRecording struct {
		N    int
		Keep bool
	}
	// ResumeTranscript: speech resumed after FinishTranscript; transcribe
	// on, with the words so far kept.
	ResumeTranscript struct{}
	// FinishTranscript finishes transcribing what was heard so far and
	// reports TranscriptReady{Attempt}. Until is when the patience window
	// of a pause ends, the turn with it: the transcript is wanted by then,
	// and what time is left may go to decoding the answer again (see
	// Redecoder). It is zero when the turn has ended already (Enter, the
	// time cap): then the transcript is wanted at once.
	FinishTranscript struct {
		Attempt int
		Until   time.Time
	}
	// DiscardAttempt: the answer went on, so the speculative work of
	// Attempt is moot; its results will be ignored and may be cut short.
	DiscardAttempt struct{ Attempt int }
	// JudgeAnswer judges the transcript and reports ReportReady{Attempt}.
	JudgeAnswer struct {
		Attempt int
		Answer  Answer
	}
	// SynthesizeReply synthesizes the reply and reports ReplyReady{Attempt}.
	SynthesizeReply struct {
		Attempt int
		Text    string
	}
	// ResetVAD starts voice activity detection afresh (after the nudge,
	// which the microphone heard too).
	ResetVAD struct{}
	// TurnEnded marks the end-of-turn decision for answer N.
	TurnEnded struct {
		N      int
		Reason string
	}
	// ShowVerdict shows the verdict on answer N.
	ShowVerdict struct {
		N        int
		Question Question
		Verdict  Verdict
	}
	// SaveAnswer saves answer N's record. A nil Transcript means "whatever
	// the transcriber has": the session is ending before it reported.
	SaveAnswer struct {
		N          int
		Question   Question
		Transcript *starloop.Transcript
		Verdict    *Verdict
		Timings    session.Timings
	}
	// CloseSession closes the session in its final state.
	CloseSession struct{ State session.State }
	// Note shows a short line acknowledging a key ("Skipped.").
	Note struct{ Text string }
)

func (Say) command()              {}
func (Play) command()             {}
func (StopPlayback) command()     {}
func (StartRecording) command()   {}
func (StopRecording) command()    {}
func (ResumeTranscript) command() {}
func (FinishTranscript) command() {}
func (DiscardAttempt) command()   {}
func (JudgeAnswer) command()      {}
func (SynthesizeReply) command()  {}
func (ResetVAD) command()         {}
func (TurnEnded) command()        {}
func (ShowVerdict) command()      {}
func (SaveAnswer) command()       {}
func (CloseSession) command()     {}
func (Note) command()             {}

// Reasons a turn ends, as TurnEnded and session.Timings give them.
const (
	EndSilence = "silence" // the patience window ran out
	EndEnter   = "enter"   // the person pressed Enter
	EndCap     = "cap"     // the answer reached AnswerCap
	EndQuit    = "quit"    // q, or the input ran out
)

// replyKind is what the reply after an answer is.
type replyKind uint8

const (
	replyFollowUp replyKind = iota + 1
	replyMain
	replyClosing
)

// reply is what the interviewer will say after the answer.
type reply struct {
	kind replyKind
	q    Question // the question asked by a follow-up or main reply
	text string
}

// attempt is the speculative work on one ending of the answer: from the
// moment speech stops, the transcript, the verdict and the reply's audio
// are prepared, and thrown away if speech resumes.
type attempt struct {
	id         int
	transcript *starloop.Transcript
	verdict    *Verdict
	reply      reply
	audio      []int16
	audioReady bool
	err        error
}

// Machine is the interview's state machine. Update has no I/O and starts
// no goroutines: everything it learns comes in events, time included, and
// everything it does goes out as commands. A Machine is not safe for
// concurrent use.
type Machine struct {
	cfg  Config
	plan []Question

	state State
	err   error
	now   time.Time

	next   int      // index in plan of the next main question
	thread Question // the main question of the current thread
	asked  []string // follow-ups asked in this thread
	turns  []Turn   // the answers kept in this thread
	cur    Question // the question being asked or answered
	n      int      // number of the answer being (or next to be) recorded
	final  bool     // the reply being spoken is the closing line
	began  bool     // the first question was asked: listening began

	seq    int // last Say/Play ID
	waitID int // the playback that ends Asking or FollowingUp
	sideID int // a warning or nudge playing while listening; 0 for none

	// The answer being listened to.
	listenAt    time.Time // zero until the first tick of the answer
	heard       bool      // speech was heard
	firstSpeech time.Duration
	silenceAt   time.Time // when speech stopped (Pending)
	warned      bool
	nudged      bool
	nudging     bool // the nudge is playing; speech is its echo
	quitting    bool
	endReason   string
	endAt       time.Time

	attempts int // last attempt ID
	spec     attempt
}

// NewMachine returns a Machine for plan, the main questions in order (see
// NewPlan). Fields of cfg left zero take their defaults. An empty plan or
// a negative Patience is an error of kind Invalid.
func NewMachine(plan []Question, cfg Config) (*Machine, error) {
	const op = "start interview"
	if len(plan) == 0 {
		return nil, starloop.Errorf(starloop.Invalid, "%s: no questions planned", op)
	}
	if cfg.Patience < 0 {
		return nil, starloop.Errorf(starloop.Invalid, "%s: patience %v; it must be positive", op, cfg.Patience)
	}
	for _, q := range plan {
		if strings.TrimSpace(q.Text) == "" {
			return nil, starloop.Errorf(starloop.Invalid, "%s: a planned question is empty", op)
		}
	}
	return &Machine{cfg: cfg.withDefaults(), plan: slices.Clone(plan), n: 1}, nil
}

// State is the current state.
func (m *Machine) State() State { return m.state }

// Question is the question being asked or answered.
func (m *Machine) Question() Question { return m.cur }

// Progress is the number of the current main question (1-based) and how
// many the plan has.
func (m *Machine) Progress() (int, int) { return m.next, len(m.plan) }

// Began reports whether the session began: the first question was asked
// in full and listening started. A session that never began (its first
// question failed to play, or was interrupted) has nothing to keep.
func (m *Machine) Began() bool { return m.began }

// Closing reports whether the reply being spoken is the closing line.
func (m *Machine) Closing() bool { return m.final }

// Answer is the number of the answer being recorded, or of the next one.
func (m *Machine) Answer() int { return m.n }

// Elapsed is how long the answer under way has been listened to, by the
// clock of the events; 0 when not listening.
func (m *Machine) Elapsed() time.Duration {
	if (m.state != Listening && m.state != Pending) || m.listenAt.IsZero() {
		return 0
	}
	return m.now.Sub(m.listenAt)
}

// Config is the configuration in force, defaults filled in.
func (m *Machine) Config() Config { return m.cfg }

// Err is why the session ended early: nil after the plan is done or the
// person quit, an error of kind Canceled, NoSpeech, DeviceUnavailable...
// otherwise.
func (m *Machine) Err() error { return m.err }

// Start asks the first question. It does nothing after the first call.
func (m *Machine) Start() []Command {
	if m.state != Idle {
		return nil
	}
	m.thread, m.cur, m.next = m.plan[0], m.plan[0], 1
	return m.ask(m.cur.Text)
}

// Update applies e and returns the commands to carry out. Events that do
// not apply to the current state, and results of discarded attempts, are
// ignored.
func (m *Machine) Update(e Event) []Command {
	if m.state == Done || m.state == Idle {
		return nil
	}
	switch e := e.(type) {
	case Tick:
		m.see(e.Now)
	case SpeechStarted:
		m.see(e.At)
	case SpeechStopped:
		m.see(e.At)
	case Canceled:
		return m.abort(starloop.E("interview", starloop.Canceled, errors.New("stopped by the user")))
	case DeviceError:
		return m.abort(starloop.E("interview", starloop.Other, e.Err))
	case InputEnded:
		return m.Update(KeyPressed{KeyQuit})
	}
	switch m.state {
	case Asking, FollowingUp:
		return m.updateSpeaking(e)
	case Listening, Pending:
		return m.updateListening(e)
	default: // Transcribing, Judging
		return m.updateFinishing(e)
	}
}

// see moves the clock forward (events may arrive a little out of order)
// and starts the answer's clock with the first time heard in it.
func (m *Machine) see(t time.Time) {
	if t.After(m.now) {
		m.now = t
	}
	if (m.state == Listening || m.state == Pending) && m.listenAt.IsZero() {
		m.listenAt = m.now
	}
}

func (m *Machine) updateSpeaking(e Event) []Command {
	switch e := e.(type) {
	case PlaybackDone:
		if e.ID != m.waitID {
			return nil
		}
		if e.Err != nil {
			return m.abort(starloop.E("speak", starloop.Other, e.Err))
		}
		if m.final {
			m.state = Done
			return []Command{CloseSession{session.Complete}}
		}
		return m.listen()
	case KeyPressed:
		if e.Key == KeyQuit {
			m.state = Done
			return []Command{StopPlayback{}, CloseSession{session.Stopped}}
		}
	}
	return nil
}

// listen starts the answer to m.cur.
func (m *Machine) listen() []Command {
	m.state, m.began = Listening, true
	m.listenAt, m.silenceAt, m.endAt = time.Time{}, time.Time{}, time.Time{}
	m.heard, m.warned, m.nudged, m.nudging, m.quitting = false, false, false, false, false
	m.firstSpeech, m.endReason, m.sideID = 0, "", 0
	m.spec = attempt{}
	return []Command{StartRecording{N: m.n, Question: m.cur}}
}

func (m *Machine) updateListening(e Event) []Command {
	switch e := e.(type) {
	case Tick:
		return m.tick()
	case SpeechStarted:
		if m.nudging {
			return nil
		}
		if !m.heard {
			m.heard, m.firstSpeech = true, max(0, e.At.Sub(m.listenAt))
		}
		if m.state == Pending {
			// The person went on: what was prepared is moot.
			m.state = Listening
			old := m.spec.id
			m.spec = attempt{}
			return []Command{DiscardAttempt{old}, ResumeTranscript{}}
		}
	case SpeechStopped:
		if m.state != Listening || !m.heard || m.nudging {
			return nil
		}
		m.state, m.silenceAt = Pending, e.At
		return m.speculate()
	case KeyPressed:
		return m.key(e.Key)
	case PlaybackDone:
		if e.ID != m.sideID {
			return nil
		}
		m.sideID = 0
		if e.Err != nil {
			return m.abort(starloop.E("speak", starloop.Other, e.Err))
		}
		if m.nudging {
			m.nudging = false
			return []Command{ResetVAD{}}
		}
	case TranscriptReady, ReportReady, ReplyReady:
		return m.result(e)
	}
	return nil
}

// speculate starts a new attempt: the transcript of what was said so far.
// In a pause, the patience window bounds it.
func (m *Machine) speculate() []Command {
	m.attempts++
	m.spec = attempt{id: m.attempts}
	var until time.Time
	if m.state == Pending {
		until = m.silenceAt.Add(m.cfg.Patience)
	}
	return []Command{FinishTranscript{Attempt: m.spec.id, Until: until}}
}

func (m *Machine) tick() []Command {
	c := m.cfg
	elapsed := m.now.Sub(m.listenAt)
	if m.state == Pending && m.now.Sub(m.silenceAt) >= c.Patience {
		return m.endTurn(EndSilence)
	}
	if c.AnswerCap > 0 && elapsed >= c.AnswerCap {
		return m.endTurn(EndCap)
	}
	if c.AnswerCap > 0 && c.CapWarning > 0 && !m.warned && elapsed >= c.AnswerCap-c.CapWarning {
		m.warned = true
		return m.aside(c.Lines.Warning, false)
	}
	if c.NoSpeech > 0 && !m.heard {
		if m.nudged && elapsed >= 2*c.NoSpeech {
			return m.abort(starloop.Errorf(starloop.NoSpeech, "listen: heard no speech for %v; check that the microphone is on and not muted", 2*c.NoSpeech))
		}
		if !m.nudged && elapsed >= c.NoSpeech {
			m.nudged = true
			return m.aside(c.Lines.Nudge, true)
		}
	}
	return nil
}

// aside says text while the answer goes on being recorded.
func (m *Machine) aside(text string, nudge bool) []Command {
	m.seq++
	m.sideID, m.nudging = m.seq, nudge
	return []Command{Say{ID: m.seq, Text: text}}
}

func (m *Machine) key(k Key) []Command {
	switch k {
	case KeyEnter:
		return m.endTurn(EndEnter)
	case KeyQuit:
		if !m.heard {
			return m.abort(nil) // nothing to save
		}
		m.quitting = true
		return m.endTurn(EndQuit)
	case KeyRepeat:
		cmds := m.dropAnswer()
		return append(cmds, m.ask(m.cur.Text)...)
	case KeySkip:
		cmds := append(m.dropAnswer(), Note{"Skipped."})
		r := m.nextMain()
		m.apply(r)
		if r.kind == replyClosing {
			m.seq++
			m.state, m.waitID, m.final = FollowingUp, m.seq, true
			return append(cmds, Say{ID: m.seq, Text: r.text})
		}
		return append(cmds, m.ask(r.text)...)
	}
	return nil
}

// dropAnswer throws the answer being recorded away.
func (m *Machine) dropAnswer() []Command {
	cmds := []Command{StopPlayback{}, StopRecording{N: m.n, Keep: false}}
	if m.spec.id != 0 {
		cmds = append(cmds, DiscardAttempt{m.spec.id})
		m.spec = attempt{}
	}
	return cmds
}

// ask says text and then listens.
func (m *Machine) ask(text string) []Command {
	m.seq++
	m.state, m.waitID = Asking, m.seq
	return []Command{Say{ID: m.seq, Text: text}}
}

// endTurn ends the answer: the recording is kept, and the reply is played
// at once if it is ready.
func (m *Machine) endTurn(reason string) []Command {
	m.endReason, m.endAt = reason, m.now
	var cmds []Command
	if m.sideID != 0 {
		cmds = append(cmds, StopPlayback{})
		m.sideID, m.nudging = 0, false
	}
	cmds = append(cmds, StopRecording{N: m.n, Keep: true})
	if m.state == Listening {
		cmds = append(cmds, m.speculate()...)
	}
	m.state = Transcribing
	cmds = append(cmds, TurnEnded{N: m.n, Reason: reason})
	return append(cmds, m.advance()...)
}

// updateFinishing handles events after the turn ended, while the
// transcript, verdict or reply are still on their way.
func (m *Machine) updateFinishing(e Event) []Command {
	switch e := e.(type) {
	case KeyPressed:
		if e.Key == KeyQuit {
			m.quitting = true
			return m.advance()
		}
	case TranscriptReady, ReportReady, ReplyReady:
		return m.result(e)
	}
	return nil
}

// result takes in one result of the current attempt and starts the next
// step; after the turn ended, it also moves the turn on.
func (m *Machine) result(e Event) []Command {
	var cmds []Command
	switch e := e.(type) {
	case TranscriptReady:
		if e.Attempt != m.spec.id || m.spec.transcript != nil {
			return nil
		}
		t := e.Transcript
		if e.Err != nil && !starloop.IsKind(e.Err, starloop.NoSpeech) {
			m.spec.err = e.Err
			break
		}
		m.spec.transcript = &t
		// Nothing said is judged too, with its thread: the judgement saved
		// with every answer is what every reader shows, and a follow-up
		// left unanswered leaves the story as the answers before it told it.
		cmds = append(cmds, JudgeAnswer{m.spec.id, Answer{Question: m.cur, Transcript: t, Thread: slices.Clone(m.turns), Asked: slices.Clone(m.asked)}})
	case ReportReady:
		if e.Attempt != m.spec.id || m.spec.transcript == nil || m.spec.verdict != nil {
			return nil
		}
		if e.Err != nil {
			m.spec.err = e.Err
			break
		}
		v := e.Verdict
		// The length comes from the transcript when the judge leaves it out.
		if t := m.spec.transcript; v.Words == 0 && v.Length == 0 {
			v.Words, v.Length = len(strings.Fields(t.Text)), t.Duration()
		}
		v.Heard = m.spec.transcript.Text
		m.spec.verdict = &v
		if strings.TrimSpace(m.spec.transcript.Text) == "" {
			// Nothing to follow up on: the next main question.
			m.spec.reply = m.nextMain()
		} else {
			m.spec.reply = m.decide(v)
		}
		if !m.quitting {
			cmds = append(cmds, SynthesizeReply{m.spec.id, m.spec.reply.text})
		}
	case ReplyReady:
		if e.Attempt != m.spec.id || m.spec.verdict == nil || m.spec.audioReady {
			return nil
		}
		if e.Err != nil {
			m.spec.err = e.Err
			break
		}
		m.spec.audio, m.spec.audioReady = e.Audio, true
	}
	if m.state == Transcribing || m.state == Judging {
		cmds = append(cmds, m.advance()...)
	}
	return cmds
}

// advance moves an ended turn on as far as its attempt allows.
func (m *Machine) advance() []Command {
	s := &m.spec
	switch {
	case s.err != nil:
		return m.abort(s.err)
	case s.transcript == nil:
		m.state = Transcribing
		return nil
	case s.verdict == nil:
		m.state = Judging
		return nil
	case m.quitting:
		m.state = Done
		return append(m.keep(), CloseSession{session.Stopped})
	case !s.audioReady:
		m.state = Judging
		return nil
	}
	// The reply starts before the answer is saved: it is what the person
	// is waiting for. The verdict, shown in an instant, comes first so that
	// it reads before the next question.
	m.seq++
	cmds := m.keep()
	cmds = slices.Insert(cmds, 1, Command(Play{ID: m.seq, Text: s.reply.text, Audio: s.audio}))
	m.state, m.waitID = FollowingUp, m.seq
	m.apply(s.reply)
	return cmds
}

// keep shows and saves the ended answer and moves the answer number on.
func (m *Machine) keep() []Command {
	s := m.spec
	if s.transcript != nil {
		m.turns = append(m.turns, Turn{Question: m.cur, Transcript: *s.transcript})
	}
	cmds := []Command{
		ShowVerdict{N: m.n, Question: m.cur, Verdict: *s.verdict},
		SaveAnswer{N: m.n, Question: m.cur, Transcript: s.transcript, Verdict: s.verdict, Timings: m.timings()},
	}
	m.n++
	return cmds
}

func (m *Machine) timings() session.Timings {
	t := session.Timings{Listen: m.listenAt, EndReason: m.endReason}
	if m.listenAt.IsZero() {
		return t // the answer ended before any time was heard in it
	}
	if m.heard {
		t.FirstSpeech = m.firstSpeech
	}
	if !m.endAt.IsZero() {
		t.End = m.endAt.Sub(m.listenAt)
	}
	return t
}

// decide picks the reply to an answer with verdict v: the rubric's
// follow-up while the thread has room for one, else the next main
// question, else the closing line.
func (m *Machine) decide(v Verdict) reply {
	if q := strings.TrimSpace(v.FollowUp.Question); q != "" && len(m.asked) < m.cfg.MaxFollowUps && !slices.Contains(m.asked, q) {
		fq := Question{LP: m.thread.LP, Text: q, FollowUp: true, Reason: v.FollowUp.Reason}
		return reply{kind: replyFollowUp, q: fq, text: q}
	}
	return m.nextMain()
}

func (m *Machine) nextMain() reply {
	if m.next >= len(m.plan) {
		return reply{kind: replyClosing, text: m.cfg.Lines.Closing}
	}
	q := m.plan[m.next]
	tr := m.cfg.Lines.Transitions
	return reply{kind: replyMain, q: q, text: tr[(m.next-1)%len(tr)] + " " + q.Text}
}

// apply makes r the question now asked.
func (m *Machine) apply(r reply) {
	switch r.kind {
	case replyFollowUp:
		m.asked = append(m.asked, r.q.Text)
		m.cur = r.q
	case replyMain:
		m.next++
		m.thread, m.cur, m.asked, m.turns = r.q, r.q, nil, nil
	case replyClosing:
		m.final = true
	}
}

// abort ends the session early, because of err (nil when the person
// quit), keeping what was recorded.
func (m *Machine) abort(err error) []Command {
	cmds := []Command{StopPlayback{}}
	switch m.state {
	case Listening, Pending:
		if !m.heard {
			cmds = append(cmds, StopRecording{N: m.n, Keep: false})
			break
		}
		m.endReason, m.endAt = EndQuit, m.now
		cmds = append(cmds, StopRecording{N: m.n, Keep: true}, m.partial())
	case Transcribing, Judging:
		cmds = append(cmds, m.partial())
	}
	m.state, m.err = Done, err
	if err == nil {
		return append(cmds, CloseSession{session.Stopped})
	}
	return append(cmds, CloseSession{session.Interrupted})
}

// partial saves the ended answer with whatever is known of it.
func (m *Machine) partial() Command {
	s := m.spec
	c := SaveAnswer{N: m.n, Question: m.cur, Transcript: s.transcript, Verdict: s.verdict, Timings: m.timings()}
	m.n++
	return c
}

package interviewer

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"math"
	"strings"
	"sync"
	"time"

	"github.com/starloop/starloop"
	"github.com/starloop/starloop/audio"
	"github.com/starloop/starloop/session"
)

// fakeClock moves only when the candidate's microphone reads a frame, one
// frame (20 ms) per frame, so the tests run at the speed of the CPU and
// always see the same times.
type fakeClock struct {
	mu  sync.Mutex
	now time.Time
}

func (c *fakeClock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.now
}

func (c *fakeClock) advance(d time.Duration) {
	c.mu.Lock()
	c.now = c.now.Add(d)
	c.mu.Unlock()
}

// part is a piece of what the candidate does while answering: sound (a
// tone, which the VAD and the fake transcriber take for a word) or silence
// for a while, a key press, Ctrl-C, or a failure of the microphone.
type part struct {
	tone   bool
	d      time.Duration
	key    byte
	cancel bool
	err    error
}

func silence(s float64) part { return part{d: sec(s)} }
func tone(s float64) part    { return part{tone: true, d: sec(s)} }
func press(k byte) part      { return part{key: k} }

// candidate is a Microphone that behaves like a person: while the
// interviewer speaks it makes no sound (ReadFrame waits), and each time
// listening starts it acts out the next of its answers, then stays silent
// until the interviewer speaks again. It sees what the interviewer is doing
// through the view, as a person sees the screen, and takes its next step
// only once the view shows the outcome of its last: the frame recorded
// (Status.Recorded), or the answer over. So every run of a script goes the
// same way. When its answers run out it acts as a file that has ended
// (io.EOF).
type candidate struct {
	clock   *fakeClock // nil: keep pace with the real clock instead
	keys    chan byte
	cancel  context.CancelFunc
	answers [][]part

	mu       sync.Mutex
	changed  *sync.Cond
	state    State
	listens  int // times listening has started
	answer   int // the answer being acted out, from 1; 0 before the first
	script   []part
	left     int // frames left of script[0]
	phase    float64
	recorded time.Duration // of this answer, as the view last showed it
	sent     time.Duration // of this answer, as the candidate has sent it
}

func newCandidate(clock *fakeClock, answers ...[]part) *candidate {
	c := &candidate{clock: clock, keys: make(chan byte), answers: answers}
	c.changed = sync.NewCond(&c.mu)
	return c
}

// see is called by the view with each status.
func (c *candidate) see(s Status) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if s.State == Listening && c.state != Pending && c.state != Listening {
		c.listens++
	}
	c.state, c.recorded = s.State, s.Recorded
	c.changed.Broadcast()
}

// listening reports whether the interviewer is listening to the answer
// the candidate is giving.
func (c *candidate) listening() bool {
	return (c.state == Listening || c.state == Pending) && c.answer == c.listens
}

// settle waits until the view shows the last frame recorded, or the
// answer over.
func (c *candidate) settle() {
	for c.listening() && c.recorded < c.sent {
		c.changed.Wait()
	}
}

func (c *candidate) ReadFrame(f audio.Frame) error {
	c.mu.Lock()
	c.settle()
	for c.state != Listening && c.state != Pending && c.state != Done {
		c.changed.Wait()
	}
	if c.state == Done {
		c.mu.Unlock()
		return io.EOF
	}
	if c.answer < c.listens {
		// A new answer begins.
		c.answer, c.sent = c.listens, 0
		if c.answer > len(c.answers) {
			c.mu.Unlock()
			return io.EOF
		}
		c.script = append([]part(nil), c.answers[c.answer-1]...)
		c.left = -1
	}
	for len(c.script) > 0 {
		p := c.script[0]
		switch {
		case p.key != 0:
			// Every key in the scripts ends the answer.
			c.script = c.script[1:]
			c.mu.Unlock()
			c.keys <- p.key
			c.mu.Lock()
			for c.listening() {
				c.changed.Wait()
			}
			c.script = nil
			c.mu.Unlock()
			return c.ReadFrame(f)
		case p.cancel:
			c.script = c.script[1:]
			c.cancel()
			continue
		case p.err != nil:
			c.mu.Unlock()
			return p.err
		}
		if c.left < 0 {
			c.left = int(p.d / audio.FrameDuration)
		}
		if c.left == 0 {
			c.script, c.left = c.script[1:], -1
			continue
		}
		break
	}
	clear(f)
	if len(c.script) > 0 {
		c.left--
		if c.script[0].tone {
			// 500 Hz at a quarter of full scale.
			for i := range f {
				f[i] = int16(8192 * math.Sin(c.phase))
				c.phase += 2 * math.Pi * 500 / audio.SampleRate
			}
		}
	}
	c.sent += audio.FrameDuration
	c.mu.Unlock()
	if c.clock == nil {
		time.Sleep(audio.FrameDuration)
	} else {
		c.clock.advance(audio.FrameDuration)
	}
	return nil
}

// burstTranscriber is a speech recognizer for tones: each burst of sound
// is one word, named by the next entry of words (shared by all streams, in
// the order the bursts are heard), timed by the frames it spans.
type burstTranscriber struct {
	mu      sync.Mutex
	words   []string
	next    int
	open    int // streams started and not finished
	maxOpen int
}

func (b *burstTranscriber) Start(ctx context.Context) (Stream, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	b.open++
	b.maxOpen = max(b.maxOpen, b.open)
	return &burstStream{b: b}, nil
}

type burstStream struct {
	b       *burstTranscriber
	samples int
	in      bool // in a burst
	start   time.Duration
	t       starloop.Transcript
}

func (s *burstStream) Write(pcm []int16) error {
	loud := false
	for _, v := range pcm {
		if v > 1000 || v < -1000 {
			loud = true
			break
		}
	}
	at := time.Duration(s.samples) * time.Second / audio.SampleRate
	switch {
	case loud && !s.in:
		s.in, s.start = true, at
	case !loud && s.in:
		s.word(at)
	}
	s.samples += len(pcm)
	return nil
}

func (s *burstStream) word(end time.Duration) {
	s.b.mu.Lock()
	w := fmt.Sprintf("word%d", s.b.next+1)
	if s.b.next < len(s.b.words) {
		w = s.b.words[s.b.next]
	}
	s.b.next++
	s.b.mu.Unlock()
	s.t.Words = append(s.t.Words, starloop.Word{Text: w, Start: s.start, End: end})
	s.in = false
}

func (s *burstStream) Partial() string { return starloop.TextFromWords(s.t.Words) }

func (s *burstStream) Finish() (starloop.Transcript, error) {
	if s.in {
		s.word(time.Duration(s.samples) * time.Second / audio.SampleRate)
	}
	s.t.Text = starloop.TextFromWords(s.t.Words)
	s.b.mu.Lock()
	s.b.open--
	s.b.mu.Unlock()
	return s.t, nil
}

// charVoice "speaks" each character of the text as one sample, so that
// what the player was given can be read back.
type charVoice struct{}

func (charVoice) Synthesize(ctx context.Context, text string) ([]int16, error) {
	pcm := make([]int16, len(text))
	for i := range len(text) {
		pcm[i] = int16(text[i])
	}
	return pcm, nil
}

// tape is a Player that records what it was asked to play, as text.
type tape struct {
	mu     sync.Mutex
	played []string
}

func (p *tape) Play(ctx context.Context, pcm []int16) error {
	var b strings.Builder
	for _, v := range pcm {
		b.WriteByte(byte(v))
	}
	p.mu.Lock()
	p.played = append(p.played, b.String())
	p.mu.Unlock()
	return ctx.Err()
}

func (p *tape) lines() []string {
	p.mu.Lock()
	defer p.mu.Unlock()
	return append([]string(nil), p.played...)
}

// echoJudge finds STAR parts by a keyword each and always asks a follow-up
// that quotes the answer, so a test can tell which transcript a reply came
// from.
type echoJudge struct {
	mu     sync.Mutex
	judged []string
}

func (j *echoJudge) Judge(ctx context.Context, a Answer) (Verdict, error) {
	t := a.Transcript
	j.mu.Lock()
	j.judged = append(j.judged, t.Text)
	j.mu.Unlock()
	has := func(w string) bool { return strings.Contains(" "+t.Text+" ", " "+w+" ") }
	return Verdict{
		Situation: has("situation"), Task: has("task"), Action: has("action"), Result: has("result"),
		FollowUp: FollowUp{Reason: "ladder", Question: fmt.Sprintf("You said %s. Tell me more?", t.Text)},
		Report:   heard(t.Text),
	}, nil
}

// heard is a judge's record of hearing text, as the fakes save it.
func heard(text string) json.RawMessage {
	b, err := json.Marshal(map[string]string{"heard": text})
	if err != nil {
		panic(err)
	}
	return b
}

// memStore keeps a session in memory.
type memStore struct {
	failNew error // NewAnswer's error, if any
	mu      sync.Mutex
	recs    []*memRecording // every recording started, discarded ones too
	answers []session.Answer
	asked   []session.Answer // the questions as they were asked
	closed  session.State
}

func (s *memStore) Asked(a session.Answer) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.asked = append(s.asked, a)
	return nil
}

type memRecording struct {
	n         int
	frames    int
	kept      bool
	discarded bool
}

func (r *memRecording) WriteFrame(f audio.Frame) error { r.frames++; return nil }
func (r *memRecording) Close() error                   { r.kept = true; return nil }
func (r *memRecording) Discard() error                 { r.discarded = true; return nil }

func (s *memStore) NewAnswer(n int) (Recording, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.failNew != nil {
		return nil, s.failNew
	}
	for _, r := range s.recs {
		if r.n == n && !r.discarded {
			return nil, fmt.Errorf("answer %d recorded twice", n)
		}
	}
	r := &memRecording{n: n}
	s.recs = append(s.recs, r)
	return r, nil
}

func (s *memStore) SaveAnswer(a session.Answer) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.answers = append(s.answers, a)
	return nil
}

func (s *memStore) Close(st session.State) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.closed = st
	return nil
}

// screen is a View that keeps what it was shown and lets the candidate
// see the state.
type screen struct {
	c        *candidate
	states   []State
	spoken   []string
	verdicts []int
	latency  map[int]time.Duration
	heard    []string
	notes    []string
}

func (s *screen) Status(st Status) {
	if len(s.states) == 0 || s.states[len(s.states)-1] != st.State {
		s.states = append(s.states, st.State)
	}
	if st.Heard != "" && (len(s.heard) == 0 || s.heard[len(s.heard)-1] != st.Heard) {
		s.heard = append(s.heard, st.Heard)
	}
	s.c.see(st)
}

func (s *screen) Spoken(text string) { s.spoken = append(s.spoken, text) }

func (s *screen) Verdict(n int, q Question, v Verdict) { s.verdicts = append(s.verdicts, n) }

func (s *screen) TurnLatency(n int, d time.Duration) {
	if s.latency == nil {
		s.latency = map[int]time.Duration{}
	}
	s.latency[n] = d
}

func (s *screen) Note(text string) { s.notes = append(s.notes, text) }

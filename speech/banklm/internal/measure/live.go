package main

import (
	"context"
	"log"
	"math"
	"slices"
	"sync"
	"sync/atomic"
	"time"

	"github.com/starloop/starloop/audio"
	"github.com/starloop/starloop/interviewer"
	"github.com/starloop/starloop/session"
	"github.com/starloop/starloop/speech/pocketsphinx"
)

// decodeLive transcribes every utterance as a session does: each is the
// answer to a one-question interview run by interviewer.Runner, its frames
// fed through the VAD and the segments a pause makes, streamed to the
// recognizer, with the default patience. The transcript kept is the one
// the session saves. Each recording gets a fresh recognizer, as the first
// answer of a session does ("cold"): the recordings are of different
// speakers, and carrying one's cepstral mean to the next would be unfair
// to the streams. With redecode, the Runner
// may decode the answer again in the patience window, as sessions do;
// without, it keeps the streams' transcript.
func decodeLive(ctx context.Context, cfg pocketsphinx.Config, utts []utt, workers int, redecode bool, rm roomSpec) []string {
	hyps := make([]string, len(utts))
	next := make(chan int)
	var wg sync.WaitGroup
	for range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range next {
				r := coldRecognizer(cfg)
				var tr interviewer.Transcriber = streamsOnly{r}
				if redecode {
					tr = recognizer{r}
				}
				hyps[i] = liveAnswer(ctx, tr, rm.scene(utts[i].pcm))
				r.Close()
			}
		}()
	}
	for i := range utts {
		next <- i
	}
	close(next)
	wg.Wait()
	return hyps
}

// liveAnswer runs one interview whose answer is sc and returns the
// transcript saved. Time is a frame clock: the microphone moves it 20 ms
// per frame, as fast as the loop takes frames, so the patience window
// passes in frames, not in wall time, and the transcript is the same
// whatever the machine's load.
func liveAnswer(ctx context.Context, tr interviewer.Transcriber, sc scene) string {
	clock := &frameClock{t: time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)}
	view := &stateView{}
	store := &memStore{sc: sc}
	mic := &roomMic{room: sc.room(1), clock: clock}
	m, err := interviewer.NewMachine([]interviewer.Question{{Text: "Tell me about a time."}}, interviewer.Config{MaxFollowUps: -1})
	if err != nil {
		log.Fatal(err)
	}
	run := &interviewer.Runner{
		Mic: mic, Transcriber: tr, Voice: silentVoice{}, Player: instantPlayer{},
		Judge: interviewer.JudgeFunc(func(ctx context.Context, a interviewer.Answer) (interviewer.Verdict, error) {
			return interviewer.Verdict{}, nil
		}),
		Store: store, View: view, Clock: clock,
	}
	if err := run.Run(ctx, m); err != nil {
		log.Fatal(err)
	}
	return store.text
}

// roomSpec says how the measure's sessions hear a recording: after lead of
// the room's noise, in a room as loud as the recording's own background or,
// with faint, a faint hiss.
type roomSpec struct {
	lead  time.Duration
	faint bool
}

func (rm roomSpec) scene(pcm []int16) scene { return newScene(pcm, rm.lead, rm.faint) }

// scene is what the microphone hears in one answer: the room's noise for
// lead samples, the recording, and the room's noise again.
type scene struct {
	pcm   []int16
	lead  int
	level float64 // RMS of the room's noise, in sample units
}

// newScene puts pcm in a room whose noise is as loud as the quietest 20 ms
// of pcm (its own background), or, with faint, a uniform ±10 hiss.
func newScene(pcm []int16, lead time.Duration, faint bool) scene {
	sc := scene{pcm: pcm, lead: int(lead.Seconds() * audio.SampleRate), level: faintLevel}
	if !faint {
		sc.level = quietest(pcm)
	}
	return sc
}

// faintLevel is the RMS of a uniform ±10 hiss.
var faintLevel = math.Sqrt(10 * 11 / 3.0)

// quietest is the RMS of the quietest 20 ms of pcm, at least 1.
func quietest(pcm []int16) float64 {
	best := math.Inf(1)
	for i := 0; i+audio.FrameSize <= len(pcm); i += audio.FrameSize {
		var sum float64
		for _, x := range pcm[i : i+audio.FrameSize] {
			sum += float64(x) * float64(x)
		}
		best = min(best, math.Sqrt(sum/audio.FrameSize))
	}
	return max(1, best)
}

// samples is the scene as one recording, with tail samples of noise after
// the speech.
func (sc scene) samples(tail time.Duration) []int16 {
	room := sc.room(2)
	out := make([]int16, sc.lead+len(sc.pcm)+int(tail.Seconds()*audio.SampleRate))
	room(out[:sc.lead])
	copy(out[sc.lead:], sc.pcm)
	room(out[sc.lead+len(sc.pcm):])
	return out
}

// room returns a source of the room's noise: Gaussian, seeded.
func (sc scene) room(seed uint32) func([]int16) {
	return func(f []int16) {
		for i := range f {
			// Box-Muller from a fixed LCG: the same noise every run.
			seed = seed*1664525 + 1013904223
			u1 := (float64(seed>>8) + 1) / (1 << 24)
			seed = seed*1664525 + 1013904223
			u2 := float64(seed>>8) / (1 << 24)
			f[i] = int16(max(-32768, min(32767, math.Round(sc.level*math.Sqrt(-2*math.Log(u1))*math.Cos(2*math.Pi*u2)))))
		}
	}
}

type frameClock struct {
	mu sync.Mutex
	t  time.Time
}

func (c *frameClock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.t
}

func (c *frameClock) advance() {
	c.mu.Lock()
	c.t = c.t.Add(audio.FrameDuration)
	c.mu.Unlock()
}

// roomMic gives the room's noise for ever. The answer's recording (see
// scriptedRecording) puts the speech in: the microphone reads ahead of the
// Runner's loop, so only the recording knows where the answer starts.
type roomMic struct {
	room  func([]int16)
	clock *frameClock
}

func (m *roomMic) ReadFrame(f audio.Frame) error {
	m.room(f)
	m.clock.advance()
	// Give the loop time to decode, as a real microphone's 20 ms would,
	// without making the measure wait in real time.
	time.Sleep(time.Millisecond)
	return nil
}

type stateView struct{ listening atomic.Bool }

func (v *stateView) Status(s interviewer.Status) {
	if s.State == interviewer.Listening || s.State == interviewer.Pending {
		v.listening.Store(true)
	}
}
func (v *stateView) Spoken(string)                                          {}
func (v *stateView) Verdict(int, interviewer.Question, interviewer.Verdict) {}
func (v *stateView) TurnLatency(int, time.Duration)                         {}
func (v *stateView) Note(string)                                            {}

type silentVoice struct{}

func (silentVoice) Synthesize(ctx context.Context, text string) ([]int16, error) {
	return make([]int16, audio.FrameSize), nil
}

type instantPlayer struct{}

func (instantPlayer) Play(ctx context.Context, pcm []int16) error { return nil }

type memStore struct {
	sc   scene
	text string
}

func (s *memStore) NewAnswer(n int) (interviewer.Recording, error) {
	return &scriptedRecording{sc: s.sc}, nil
}
func (s *memStore) Asked(session.Answer) error { return nil }
func (s *memStore) SaveAnswer(a session.Answer) error {
	s.text = a.Transcript.Text
	return nil
}
func (s *memStore) Close(session.State) error { return nil }

// scriptedRecording puts the scene's speech into the frames the Runner
// records, in place: the Runner writes each frame to the recording before
// it passes it on to the VAD and the transcriber, so they hear the scene,
// the speech starting exactly sc.lead samples into the answer.
type scriptedRecording struct {
	sc  scene
	pos int // samples recorded
}

func (r *scriptedRecording) WriteFrame(f audio.Frame) error {
	for i := range f {
		if j := r.pos + i - r.sc.lead; j >= 0 && j < len(r.sc.pcm) {
			f[i] = r.sc.pcm[j]
		}
	}
	r.pos += len(f)
	return nil
}
func (*scriptedRecording) Close() error   { return nil }
func (*scriptedRecording) Discard() error { return nil }

// decodeStream transcribes every utterance as one stream, written in
// 20 ms frames, with no VAD and no splitting at pauses, on a fresh
// recognizer: what the session's streams would give if a pause did not
// end them.
func decodeStream(ctx context.Context, cfg pocketsphinx.Config, utts []utt, workers int) []string {
	hyps := make([]string, len(utts))
	next := make(chan int)
	var wg sync.WaitGroup
	for range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range next {
				r := coldRecognizer(cfg)
				s, err := r.Start(ctx)
				if err != nil {
					log.Fatal(err)
				}
				pcm := utts[i].pcm
				for j := 0; j < len(pcm); j += audio.FrameSize {
					if err := s.Write(pcm[j:min(j+audio.FrameSize, len(pcm))]); err != nil {
						log.Fatal(err)
					}
				}
				t, err := s.Finish()
				if err != nil {
					log.Fatal(err)
				}
				hyps[i] = t.Text
				r.Close()
			}
		}()
	}
	for i := range utts {
		next <- i
	}
	close(next)
	wg.Wait()
	return hyps
}

// coldRecognizer loads a recognizer for one recording.
func coldRecognizer(cfg pocketsphinx.Config) *pocketsphinx.Recognizer {
	r, err := pocketsphinx.New(cfg)
	if err != nil {
		log.Fatal(err)
	}
	return r
}

// inRoom is utts as a session records them: each recording after the
// room's noise, and followed by 0.5 s of it (the VAD's hangover and
// latency, as a pause's re-decode gets).
func inRoom(utts []utt, rm roomSpec) []utt {
	out := slices.Clone(utts)
	for i := range out {
		out[i].pcm = rm.scene(out[i].pcm).samples(500 * time.Millisecond)
	}
	return out
}

// streamsOnly is a Recognizer as a Transcriber of streams only.
type streamsOnly struct{ r *pocketsphinx.Recognizer }

func (s streamsOnly) Start(ctx context.Context) (interviewer.Stream, error) { return s.r.Start(ctx) }

// recognizer is a Recognizer as a session's Transcriber: streams, and
// whole decodes (interviewer.Redecoder), as pocketsphinx.Lazy offers.
type recognizer struct{ *pocketsphinx.Recognizer }

func (r recognizer) Start(ctx context.Context) (interviewer.Stream, error) {
	return r.Recognizer.Start(ctx)
}

var _ interviewer.Redecoder = recognizer{}

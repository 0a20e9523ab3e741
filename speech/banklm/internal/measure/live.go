package main

import (
	"context"
	"log"
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
func decodeLive(ctx context.Context, cfg pocketsphinx.Config, utts []utt, workers int, redecode bool) []string {
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
				hyps[i] = liveAnswer(ctx, tr, utts[i].pcm)
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

// liveAnswer runs one interview whose answer is pcm and returns the
// transcript saved. Time is a frame clock: the microphone moves it 20 ms
// per frame, as fast as the loop takes frames, so the patience window
// passes in frames, not in wall time, and the transcript is the same
// whatever the machine's load.
func liveAnswer(ctx context.Context, tr interviewer.Transcriber, pcm []int16) string {
	clock := &frameClock{t: time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)}
	view := &stateView{}
	store := &memStore{}
	mic := &fileMic{pcm: pcm, clock: clock, view: view}
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

// fileMic gives faint noise until the view says the interviewer listens,
// then plays pcm once, then faint noise again.
type fileMic struct {
	pcm   []int16
	off   int
	seed  uint32
	clock *frameClock
	view  *stateView
}

func (m *fileMic) ReadFrame(f audio.Frame) error {
	// Between the recording's ends, faint noise: a microphone never gives
	// digital silence, and exact zeros would corrupt a cepstral mean.
	for i := range f {
		m.seed = m.seed*1103515245 + 12345
		f[i] = int16(m.seed>>16)%21 - 10
	}
	if m.view.listening.Load() && m.off < len(m.pcm) {
		m.off += copy(f, m.pcm[m.off:])
	}
	m.clock.advance()
	if m.off < len(m.pcm) {
		return nil
	}
	// Past the answer: give the loop time to finish the transcript, as
	// a real microphone's 20 ms would.
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

type memStore struct{ text string }

func (s *memStore) NewAnswer(n int) (interviewer.Recording, error) { return discard{}, nil }
func (s *memStore) Asked(session.Answer) error                     { return nil }
func (s *memStore) SaveAnswer(a session.Answer) error {
	s.text = a.Transcript.Text
	return nil
}
func (s *memStore) Close(session.State) error { return nil }

type discard struct{}

func (discard) WriteFrame(audio.Frame) error { return nil }
func (discard) Close() error                 { return nil }
func (discard) Discard() error               { return nil }

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

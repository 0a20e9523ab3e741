package interviewer

import (
	"context"
	"encoding/json"
	"errors"
	"math"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/starloop/starloop"
	"github.com/starloop/starloop/audio"
	"github.com/starloop/starloop/session"
)

// rig is a Runner on fakes, for one session.
type rig struct {
	clock  *fakeClock
	cand   *candidate
	tr     *burstTranscriber
	player *tape
	judge  *echoJudge
	store  *memStore
	screen *screen
	runner *Runner
}

func newRig(answers ...[]part) *rig {
	clock := &fakeClock{now: t0}
	r := &rig{
		clock:  clock,
		cand:   newCandidate(clock, answers...),
		tr:     &burstTranscriber{},
		player: &tape{},
		judge:  &echoJudge{},
		store:  &memStore{},
	}
	r.screen = &screen{c: r.cand}
	r.runner = &Runner{
		Mic: r.cand, Keys: r.cand.keys, Transcriber: r.tr, Voice: charVoice{}, Player: r.player,
		Judge: r.judge, Store: r.store, View: r.screen, Clock: clock,
	}
	return r
}

// run runs a session on plan and returns Run's error.
func (r *rig) run(t *testing.T, plan []Question, cfg Config) error {
	t.Helper()
	cfg.Lines = testLines
	m, err := NewMachine(plan, cfg)
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	r.cand.cancel = cancel
	done := make(chan error, 1)
	go func() { done <- r.runner.Run(ctx, m) }()
	select {
	case err := <-done:
		if r.tr.maxOpen > 1 {
			t.Errorf("%d transcription streams were open at once; the recognizer takes one", r.tr.maxOpen)
		}
		return err
	case <-time.After(20 * time.Second):
		t.Fatalf("Run has not returned; the view saw %v", r.screen.states)
		return nil
	}
}

// sec is s seconds, rounded to the nanosecond (4.02*1e9 is not exact).
func sec(s float64) time.Duration { return time.Duration(math.Round(s * float64(time.Second))) }

// answered is what a test expects of a saved answer.
type answered struct {
	n        int
	question string
	words    []starloop.Word
	timings  session.Timings
	frames   int // recorded
}

func (r *rig) checkAnswers(t *testing.T, want []answered) {
	t.Helper()
	if len(r.store.answers) != len(want) {
		t.Fatalf("%d answers saved, want %d: %+v", len(r.store.answers), len(want), r.store.answers)
	}
	for i, w := range want {
		a := r.store.answers[i]
		if a.N != w.n || a.Question != w.question {
			t.Errorf("answer %d: number %d, question %q; want %d, %q", i+1, a.N, a.Question, w.n, w.question)
		}
		if !reflect.DeepEqual(a.Transcript.Words, w.words) || a.Transcript.Text != starloop.TextFromWords(w.words) {
			t.Errorf("answer %d: transcript %+v, want words %+v", i+1, a.Transcript, w.words)
		}
		got := a.Timings
		got.TurnLatency = 0 // measured in real work, not fake time
		if !got.Listen.Equal(w.timings.Listen) {
			t.Errorf("answer %d: listening began at %v, want %v", i+1, got.Listen, w.timings.Listen)
		}
		got.Listen = w.timings.Listen
		if got != w.timings {
			t.Errorf("answer %d: timings %+v, want %+v", i+1, got, w.timings)
		}
		var rec *memRecording
		for _, rr := range r.store.recs {
			if rr.n == w.n && !rr.discarded {
				rec = rr
			}
		}
		if rec == nil || !rec.kept || rec.frames != w.frames {
			t.Errorf("answer %d: recording %+v, want %d frames, kept", i+1, rec, w.frames)
		}
	}
}

// In the scripts below an answer starts when listening starts; frame k of
// it begins at k*20 ms. Each answer starts with silence, as the VAD needs
// (its noise floor starts at the first frame). The VAD (audio.NewVAD
// defaults) hears a tone in frames 50-99 (1 s to 2 s) as speech from 1 s to
// 2.02 s: its high-pass filter rings into frame 100 (the frame's first
// samples carry the tone's last value, decaying by 0.97 a sample, an RMS of
// about a quarter of it, far above the floor of digital silence). So the
// turn ends on the first frame that begins 3 s after 2.02 s, frame 251,
// which is the last recorded: 252 frames.

func TestRunSession(t *testing.T) {
	one := []part{silence(1), tone(1)}
	r := newRig(one, one, one, one)
	if err := r.run(t, []Question{q1, q2}, Config{MaxFollowUps: 1}); err != nil {
		t.Fatal(err)
	}
	wantPlayed := []string{
		q1.Text,
		"You said word1. Tell me more?",
		"Next. " + q2.Text,
		"You said word3. Tell me more?",
		"Goodbye.",
	}
	if got := r.player.lines(); !reflect.DeepEqual(got, wantPlayed) {
		t.Errorf("played %q\nwant %q", got, wantPlayed)
	}
	if !reflect.DeepEqual(r.screen.spoken, wantPlayed) {
		t.Errorf("view showed %q as spoken, want %q", r.screen.spoken, wantPlayed)
	}
	// Each answer starts right after the last frame of the one before:
	// 252 frames later, at 5.04 s, 10.08 s, 15.12 s.
	var want []answered
	for i, q := range []string{q1.Text, "You said word1. Tell me more?", q2.Text, "You said word3. Tell me more?"} {
		listen := t0.Add(time.Duration(i) * 252 * audio.FrameDuration)
		want = append(want, answered{
			n: i + 1, question: q, frames: 252,
			words:   []starloop.Word{{Text: "word" + string(rune('1'+i)), Start: sec(1), End: sec(2)}},
			timings: session.Timings{Listen: listen, FirstSpeech: sec(1), End: sec(5.02), EndReason: EndSilence},
		})
	}
	r.checkAnswers(t, want)
	if r.store.answers[1].Reason != "ladder" || !r.store.answers[1].FollowUp || r.store.answers[2].FollowUp {
		t.Errorf("follow-up flags: %+v", r.store.answers)
	}
	if r.store.closed != session.Complete {
		t.Errorf("session closed %q, want complete", r.store.closed)
	}
	if !reflect.DeepEqual(r.screen.verdicts, []int{1, 2, 3, 4}) {
		t.Errorf("verdicts shown for answers %v, want 1 to 4", r.screen.verdicts)
	}
	if len(r.screen.latency) != 4 {
		t.Errorf("turn latency reported for %v, want all 4 answers", r.screen.latency)
	}
	var report map[string]string
	if err := json.Unmarshal(r.store.answers[0].Report, &report); err != nil || report["heard"] != "word1" {
		t.Errorf("saved report %s (err %v), want the judge's report on word1", r.store.answers[0].Report, err)
	}
}

func TestRunThinkingPause(t *testing.T) {
	// 50 s of silence before the answer: still listening. The turn ends 3 s
	// after the speech, at 54.02 s: frame 2701, the 2702nd.
	r := newRig([]part{silence(50), tone(1)})
	if err := r.run(t, []Question{q1}, Config{MaxFollowUps: -1}); err != nil {
		t.Fatal(err)
	}
	r.checkAnswers(t, []answered{{
		n: 1, question: q1.Text, frames: 2702,
		words:   []starloop.Word{{Text: "word1", Start: sec(50), End: sec(51)}},
		timings: session.Timings{Listen: t0, FirstSpeech: sec(50), End: sec(54.02), EndReason: EndSilence},
	}})
	if got := r.player.lines(); !reflect.DeepEqual(got, []string{q1.Text, "Goodbye."}) {
		t.Errorf("played %q", got)
	}
}

func TestRunSpeechResumes(t *testing.T) {
	// Tone A in frames 50-74 (1.0-1.5 s); the VAD's speech ends at 1.52 s
	// (see above) and it reports so on frame 91, after 15 frames of
	// hangover: the transcript of A is prepared. Tone B in frames 150-174
	// (3.0-3.5 s), within the 3 s after 1.52 s: speech starts again on
	// frame 154, after 100 ms, and transcription goes on from 15 frames
	// (300 ms) before that, frame 140 (2.8 s). B's speech ends at 3.52 s; the
	// turn at 6.52 s, frame 326: 327 frames.
	r := newRig([]part{silence(1), tone(0.5), silence(1.5), tone(0.5)}, []part{press('q')})
	if err := r.run(t, []Question{q1}, Config{}); err != nil {
		t.Fatal(err)
	}
	both := []starloop.Word{{Text: "word1", Start: sec(1), End: sec(1.5)}, {Text: "word2", Start: sec(3), End: sec(3.5)}}
	r.checkAnswers(t, []answered{{
		n: 1, question: q1.Text, frames: 327, words: both,
		timings: session.Timings{Listen: t0, FirstSpeech: sec(1), End: sec(6.52), EndReason: EndSilence},
	}})
	// The reply prepared after A was thrown away: the one played is on A and B.
	if got, want := r.player.lines(), []string{q1.Text, "You said word1 word2. Tell me more?"}; !reflect.DeepEqual(got, want) {
		t.Errorf("played %q, want %q", got, want)
	}
	if last := r.judge.judged[len(r.judge.judged)-1]; last != "word1 word2" {
		t.Errorf("last judged %q, want \"word1 word2\"", last)
	}
	if r.store.closed != session.Stopped {
		t.Errorf("closed %q, want stopped (q)", r.store.closed)
	}
	// The view shows words as the transcriber has them, which in fake time
	// may be late; whatever it showed was the start of the answer.
	for _, h := range r.screen.heard {
		if !strings.HasPrefix("word1 word2", h) {
			t.Errorf("view showed %q as heard", h)
		}
	}
}

func TestRunKeys(t *testing.T) {
	tests := []struct {
		name    string
		answers [][]part
		plan    []Question
		played  []string
		want    []answered
		discard int // recordings thrown away
		closed  session.State
	}{
		{
			// Enter after frame 99 (1.98 s): 100 frames; the word is cut at 2 s.
			name:    "Enter ends the answer",
			answers: [][]part{{silence(1), tone(1), press('\n')}},
			plan:    []Question{q1},
			played:  []string{q1.Text, "Goodbye."},
			want: []answered{{n: 1, question: q1.Text, frames: 100,
				words:   []starloop.Word{{Text: "word1", Start: sec(1), End: sec(2)}},
				timings: session.Timings{Listen: t0, FirstSpeech: sec(1), End: sec(1.98), EndReason: EndEnter}}},
			closed: session.Complete,
		},
		{
			// The first try (40 frames) is discarded; the second starts at
			// 0.8 s, after it.
			name:    "r asks again and starts over",
			answers: [][]part{{tone(0.5), silence(0.3), press('r')}, {silence(0.5), tone(0.5)}},
			plan:    []Question{q1},
			played:  []string{q1.Text, q1.Text, "Goodbye."},
			want: []answered{{n: 1, question: q1.Text, frames: 202,
				words:   []starloop.Word{{Text: "word2", Start: sec(0.5), End: sec(1)}},
				timings: session.Timings{Listen: t0.Add(sec(0.8)), FirstSpeech: sec(0.5), End: sec(4.02), EndReason: EndSilence}}},
			discard: 1,
			closed:  session.Complete,
		},
		{
			name:    "s skips to the next question",
			answers: [][]part{{silence(0.5), press('s')}, {silence(0.5), tone(0.5)}},
			plan:    []Question{q1, q2},
			played:  []string{q1.Text, "Next. " + q2.Text, "Goodbye."},
			want: []answered{{n: 1, question: q2.Text, frames: 202,
				words:   []starloop.Word{{Text: "word1", Start: sec(0.5), End: sec(1)}},
				timings: session.Timings{Listen: t0.Add(sec(0.5)), FirstSpeech: sec(0.5), End: sec(4.02), EndReason: EndSilence}}},
			discard: 1,
			closed:  session.Complete,
		},
		{
			// q after frame 99 (1.98 s), in the patience window.
			name:    "q saves and quits",
			answers: [][]part{{silence(0.5), tone(1), silence(0.5), press('q')}},
			plan:    []Question{q1, q2},
			played:  []string{q1.Text},
			want: []answered{{n: 1, question: q1.Text, frames: 100,
				words:   []starloop.Word{{Text: "word1", Start: sec(0.5), End: sec(1.5)}},
				timings: session.Timings{Listen: t0, FirstSpeech: sec(0.5), End: sec(1.98), EndReason: EndQuit}}},
			closed: session.Stopped,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := newRig(tt.answers...)
			if err := r.run(t, tt.plan, Config{MaxFollowUps: -1}); err != nil {
				t.Fatal(err)
			}
			if got := r.player.lines(); !reflect.DeepEqual(got, tt.played) {
				t.Errorf("played %q, want %q", got, tt.played)
			}
			r.checkAnswers(t, tt.want)
			discarded := 0
			for _, rec := range r.store.recs {
				if rec.discarded {
					discarded++
				}
			}
			if discarded != tt.discard {
				t.Errorf("%d recordings discarded, want %d", discarded, tt.discard)
			}
			if r.store.closed != tt.closed {
				t.Errorf("closed %q, want %q", r.store.closed, tt.closed)
			}
		})
	}
}

func TestRunEndsEarly(t *testing.T) {
	tests := []struct {
		name   string
		answer []part
		kind   starloop.Kind
	}{
		{"Ctrl-C", []part{silence(0.5), tone(1), {cancel: true}, tone(1)}, starloop.Canceled},
		{"microphone failure", []part{silence(0.5), tone(1), {err: errors.New("device unplugged")}}, starloop.DeviceUnavailable},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := newRig(tt.answer)
			err := r.run(t, []Question{q1, q2}, Config{})
			if !starloop.IsKind(err, tt.kind) || strings.Contains(err.Error(), "\n") {
				t.Fatalf("Run: %v, want one line of kind %v", err, tt.kind)
			}
			// What was said is kept: the recording, and the transcript the
			// transcriber had.
			if len(r.store.answers) != 1 {
				t.Fatalf("saved %+v, want the answer under way", r.store.answers)
			}
			a := r.store.answers[0]
			if a.N != 1 || !strings.HasPrefix(a.Transcript.Text, "word1") || a.Transcript.Words[0].Start != sec(0.5) {
				t.Errorf("saved answer %+v, want answer 1 starting with word1 at 0.5 s", a)
			}
			if len(r.store.recs) != 1 || !r.store.recs[0].kept {
				t.Errorf("recordings %+v, want one, kept", r.store.recs)
			}
			if r.store.closed != session.Interrupted {
				t.Errorf("closed %q, want interrupted", r.store.closed)
			}
		})
	}
}

func TestRunWithSessionStore(t *testing.T) {
	dir := t.TempDir()
	st, err := session.Open(dir, session.Options{Now: func() time.Time { return t0 }})
	if err != nil {
		t.Fatal(err)
	}
	s, err := st.NewSession(session.Meta{LPs: []string{"ownership"}})
	if err != nil {
		t.Fatal(err)
	}
	r := newRig([]part{silence(1), tone(1)})
	r.runner.Store = SessionStore{s}
	if err := r.run(t, []Question{q1}, Config{MaxFollowUps: -1}); err != nil {
		t.Fatal(err)
	}
	meta, answers, err := session.Load(dir, s.ID())
	if err != nil {
		t.Fatal(err)
	}
	if meta.State != session.Complete || len(answers) != 1 || answers[0].Transcript.Text != "word1" {
		t.Fatalf("loaded %+v, %+v; want a complete session with word1", meta, answers)
	}
	pcm, err := audio.ReadWAVFile(s.Dir() + "/answer-01.wav")
	if err != nil {
		t.Fatal(err)
	}
	// 252 frames of 320 samples, as in TestRunSession.
	if len(pcm) != 252*320 {
		t.Errorf("answer-01.wav has %d samples, want %d", len(pcm), 252*320)
	}
}

func TestRunRejects(t *testing.T) {
	r := newRig()
	m, err := NewMachine([]Question{q1}, Config{})
	if err != nil {
		t.Fatal(err)
	}
	missing := *r.runner
	missing.Judge = nil
	if err := missing.Run(context.Background(), m); !starloop.IsKind(err, starloop.Invalid) {
		t.Errorf("Run without a judge: %v, want kind Invalid", err)
	}
	m.Start()
	if err := r.runner.Run(context.Background(), m); !starloop.IsKind(err, starloop.Invalid) {
		t.Errorf("Run of a started machine: %v, want kind Invalid", err)
	}
}

func TestRunTimeLimits(t *testing.T) {
	t.Run("a nudge, then no speech", func(t *testing.T) {
		r := newRig([]part{silence(10)})
		err := r.run(t, []Question{q1}, Config{NoSpeech: 2 * time.Second})
		if !starloop.IsKind(err, starloop.NoSpeech) {
			t.Errorf("Run: %v, want kind NoSpeech", err)
		}
		if got, want := r.player.lines(), []string{q1.Text, "Take your time."}; !reflect.DeepEqual(got, want) {
			t.Errorf("played %q, want %q", got, want)
		}
		if len(r.store.answers) != 0 || len(r.store.recs) != 1 || !r.store.recs[0].discarded || r.store.closed != session.Interrupted {
			t.Errorf("store: answers %+v, recordings %+v, closed %q; want the silent recording discarded, interrupted",
				r.store.answers, r.store.recs, r.store.closed)
		}
	})
	t.Run("the cap warning, then the cap", func(t *testing.T) {
		// Cap 3 s, warned 1 s before. The tone goes on past the cap: the
		// turn ends on the frame that begins at 3 s, frame 150, recorded;
		// the word is cut where the audio ends, 151 frames: 3.02 s.
		r := newRig([]part{silence(0.5), tone(5)})
		err := r.run(t, []Question{q1}, Config{AnswerCap: 3 * time.Second, CapWarning: time.Second, MaxFollowUps: -1})
		if err != nil {
			t.Fatal(err)
		}
		if got, want := r.player.lines(), []string{q1.Text, "Please wrap up.", "Goodbye."}; !reflect.DeepEqual(got, want) {
			t.Errorf("played %q, want %q", got, want)
		}
		r.checkAnswers(t, []answered{{n: 1, question: q1.Text, frames: 151,
			words:   []starloop.Word{{Text: "word1", Start: sec(0.5), End: sec(3.02)}},
			timings: session.Timings{Listen: t0, FirstSpeech: sec(0.5), End: sec(3), EndReason: EndCap}}})
	})
}

func TestRunStoreFailure(t *testing.T) {
	r := newRig([]part{silence(1)})
	r.store.failNew = starloop.Errorf(starloop.Invalid, "create answer-01.wav: disk full")
	err := r.run(t, []Question{q1}, Config{})
	if err == nil || !strings.Contains(err.Error(), "disk full") || !starloop.IsKind(err, starloop.Invalid) {
		t.Errorf("Run: %v, want the store's error, kind kept", err)
	}
	if r.store.closed != session.Interrupted {
		t.Errorf("closed %q, want interrupted", r.store.closed)
	}
}

func TestTranscriberOf(t *testing.T) {
	b := &burstTranscriber{}
	start := func(ctx context.Context) (*burstStream, error) {
		if ctx.Err() != nil {
			return nil, ctx.Err()
		}
		return &burstStream{b: b}, nil
	}
	tr := TranscriberOf(start)
	s, err := tr.Start(context.Background())
	if err != nil || s == nil {
		t.Fatalf("Start: %v, %v", s, err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	// A failed start gives a nil Stream, not a Stream holding a nil pointer.
	if s, err := tr.Start(ctx); s != nil || err == nil {
		t.Errorf("Start on a canceled context: %v, %v; want nil and an error", s, err)
	}
}

// stallTranscriber's streams hang at Finish until their context ends, as
// a stalled remote server does.
type stallTranscriber struct{}

func (stallTranscriber) Start(ctx context.Context) (Stream, error) { return stallStream{ctx}, nil }

type stallStream struct{ ctx context.Context }

func (stallStream) Write([]int16) error { return nil }
func (stallStream) Partial() string     { return "" }
func (s stallStream) Finish() (starloop.Transcript, error) {
	<-s.ctx.Done()
	return starloop.Transcript{}, starloop.E("transcribe", starloop.Canceled, s.ctx.Err())
}

// TestRunCtrlCWithStalledTranscriber: Ctrl-C during an answer whose
// transcription hangs ends the run within CancelGrace and a little, not
// when the transcriber gives up; the recording is kept.
func TestRunCtrlCWithStalledTranscriber(t *testing.T) {
	r := newRig([]part{silence(0.5), tone(1), {cancel: true}, tone(1)})
	r.runner.Transcriber = stallTranscriber{}
	start := time.Now()
	err := r.run(t, []Question{q1, q2}, Config{})
	took := time.Since(start)
	if !starloop.IsKind(err, starloop.Canceled) {
		t.Fatalf("Run: %v, want Canceled", err)
	}
	if took > CancelGrace+time.Second {
		t.Errorf("Run took %v after Ctrl-C, want at most %v", took, CancelGrace+time.Second)
	}
	if len(r.store.answers) != 1 || len(r.store.recs) != 1 || !r.store.recs[0].kept || r.store.closed != session.Interrupted {
		t.Errorf("saved %+v, recordings %+v, closed %q; want the answer under way kept and the session interrupted", r.store.answers, r.store.recs, r.store.closed)
	}
}

package interviewer

import (
	"context"
	"fmt"
	"testing"
	"time"
)

// BenchmarkUpdate is the cost of the machine's busiest event: a tick
// while listening.
func BenchmarkUpdate(b *testing.B) {
	m, err := NewMachine([]Question{q1}, Config{})
	if err != nil {
		b.Fatal(err)
	}
	m.Start()
	m.Update(PlaybackDone{ID: 1})
	m.Update(SpeechStarted{At: t0})
	now := t0
	b.ReportAllocs()
	for b.Loop() {
		now = now.Add(20 * time.Millisecond)
		m.Update(Tick{Now: now})
	}
}

// slowVoice takes as long as flite takes for a two-sentence reply on this
// machine (`time flite -t "You said you led the migration. How did you
// measure the result of that project?" -o x.wav`: 26 ms).
type slowVoice struct{ charVoice }

func (v slowVoice) Synthesize(ctx context.Context, text string) ([]int16, error) {
	select {
	case <-time.After(26 * time.Millisecond):
	case <-ctx.Done():
		return nil, ctx.Err()
	}
	return v.charVoice.Synthesize(ctx, text)
}

// BenchmarkTurnLatency runs sessions in real time (a candidate speaking
// at 50 frames a second, the system clock) and reports the mean time from
// the end-of-turn decision to the reply's Play call. Each iteration is one
// answer of 0.4 s of tone: "silence" ends it by a 600 ms patience window,
// of which the 300 ms after the VAD's hangover are left to prepare the
// reply; "enter" ends it by Enter while the
// person still speaks, so everything is done after the turn ends. Run with
// -benchtime=Nx: an iteration takes about a second.
func BenchmarkTurnLatency(b *testing.B) {
	for _, end := range []string{"silence", "enter"} {
		b.Run(end, func(b *testing.B) {
			answer := []part{silence(0.2), tone(0.4)}
			if end == "enter" {
				answer = append(answer, press('\n'))
			}
			answers := make([][]part, b.N)
			plan := make([]Question, b.N)
			for i := range b.N {
				answers[i] = answer
				plan[i] = Question{LP: "ownership", Text: fmt.Sprintf("Question %d?", i+1)}
			}
			r := newRig(answers...)
			r.cand.clock = nil
			r.runner.Clock = SystemClock{}
			r.runner.Voice = slowVoice{}
			cfg := Config{Patience: 600 * time.Millisecond, MaxFollowUps: -1, Lines: testLines}
			m, err := NewMachine(plan, cfg)
			if err != nil {
				b.Fatal(err)
			}
			b.ResetTimer()
			if err := r.runner.Run(context.Background(), m); err != nil {
				b.Fatal(err)
			}
			b.StopTimer()
			if len(r.screen.latency) != b.N {
				b.Fatalf("latency reported for %d turns, want %d", len(r.screen.latency), b.N)
			}
			var sum, worst time.Duration
			for _, d := range r.screen.latency {
				sum += d
				worst = max(worst, d)
			}
			b.ReportMetric(float64(sum.Microseconds())/float64(b.N), "µs/turn")
			b.ReportMetric(float64(worst.Microseconds()), "µs-worst")
		})
	}
}

package main

import (
	"bufio"
	"context"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/urfave/cli/v2"

	"github.com/starloop/starloop/audio"
	"github.com/starloop/starloop/audio/portaudio"
	"github.com/starloop/starloop/audio/pulsetest"
	"github.com/starloop/starloop/candidate"
	"github.com/starloop/starloop/interviewer"
	"github.com/starloop/starloop/speech/flite"
	"github.com/starloop/starloop/speech/pocketsphinx"
	"github.com/starloop/starloop/spoken"
)

// The figures of issue 3. Each benchmark runs real sessions or processes,
// so run them one at a time with a fixed count, e.g.
//
//	go test ./cmd/starloop -run '^$' -bench BenchmarkTurnLatency -benchtime 2x
//
// and read the custom metrics (the ns/op of a whole session means little).

// median is the middle of ds (the mean of the two middle values for an even
// count), 0 for none.
func median(ds []time.Duration) time.Duration {
	if len(ds) == 0 {
		return 0
	}
	s := slices.Clone(ds)
	slices.Sort(s)
	if len(s)%2 == 1 {
		return s[len(s)/2]
	}
	return (s[len(s)/2-1] + s[len(s)/2]) / 2
}

func TestMedian(t *testing.T) {
	ms := time.Millisecond
	tests := []struct {
		in   []time.Duration
		want time.Duration
	}{
		{nil, 0},
		{[]time.Duration{5 * ms}, 5 * ms},
		{[]time.Duration{9 * ms, 1 * ms, 5 * ms}, 5 * ms},
		{[]time.Duration{4 * ms, 1 * ms, 3 * ms, 2 * ms}, 2500 * time.Microsecond}, // (2+3)/2
	}
	for _, tt := range tests {
		if got := median(tt.in); got != tt.want {
			t.Errorf("median(%v) = %v, want %v", tt.in, got, tt.want)
		}
	}
}

func msOf(d time.Duration) float64 { return float64(d.Microseconds()) / 1000 }

// turnTimer is a View that times each reply: the runner's figure (end of
// turn to the reply's Play command, View.TurnLatency) and the device's (to
// the first sample PortAudio took, SpeakerOptions.Started).
type turnTimer struct {
	interviewer.View
	mu      sync.Mutex
	replyAt time.Time       // when the runner reported the last turn latency; zero once paired
	pending time.Duration   // that latency
	runner  []time.Duration // end of turn -> Play command
	device  []time.Duration // end of turn -> first sample handed to the speaker
}

func (v *turnTimer) TurnLatency(n int, d time.Duration) {
	v.View.TurnLatency(n, d)
	v.mu.Lock()
	defer v.mu.Unlock()
	v.runner = append(v.runner, d)
	// The runner reports the latency just before it starts playing: the
	// reply's Play call follows at once on the same goroutine.
	v.replyAt, v.pending = time.Now(), d
}

// started is the speaker's Started hook.
func (v *turnTimer) started(at time.Time) {
	v.mu.Lock()
	defer v.mu.Unlock()
	if v.replyAt.IsZero() {
		return // a line that is not a reply to an answer
	}
	v.device = append(v.device, v.pending+at.Sub(v.replyAt))
	v.replyAt = time.Time{}
}

// BenchmarkTurnLatency runs whole practice sessions on the virtual devices
// with the real backends (pocketsphinx, flite, the rubric), answered by the
// demo's synthetic candidate, and reports the median time from the
// end-of-turn decision to the reply: to the Play command (the runner's
// TurnLatency) and to the first sample handed to the speaker (PortAudio's
// Started hook). One iteration is a session of 2 main questions with up to
// 1 follow-up each: about a minute.
func BenchmarkTurnLatency(b *testing.B) {
	srv := pulsetest.Start(b)
	ctx := context.Background()
	voice, err := flite.New(flite.Config{Voice: "rms"})
	if err != nil {
		b.Fatal(err)
	}
	var timers []*turnTimer
	for b.Loop() {
		timer := &turnTimer{}
		env := &appEnv{stdin: strings.NewReader(""), stdout: io.Discard, stderr: io.Discard}
		app := &cli.App{
			Name:   "bench",
			Writer: io.Discard, ErrWriter: io.Discard,
			Flags: sessionFlags(spokenDefaults()),
			Action: env.action(-1, "", func(c *cli.Context, s *settings) error {
				host, err := portaudio.Open()
				if err != nil {
					return err
				}
				defer host.Close()
				mic, err := host.Capture(c.Context, "")
				if err != nil {
					return err
				}
				defer mic.Close()
				speaker, err := host.Speaker("", portaudio.SpeakerOptions{Started: timer.started})
				if err != nil {
					return err
				}
				cand := candidate.New(c.Context, srv, voice)
				hooks := &spoken.Practice{Watch: func(v interviewer.View) interviewer.View {
					cand.View = v
					timer.View = cand
					return timer
				}}
				err = runPractice(c, env, s, devices{mic: mic, player: speaker}, hooks)
				cand.Wait()
				return err
			}),
		}
		err := app.RunContext(ctx, []string{"bench", "--lp", "ownership", "--questions", "2", "--follow-ups", "1",
			"--patience", "1500ms", "--seed", "7", "--sessions", b.TempDir()})
		if err != nil {
			b.Fatal(err)
		}
		timers = append(timers, timer)
	}
	var runner, device []time.Duration
	for _, t := range timers {
		runner = append(runner, t.runner...)
		device = append(device, t.device...)
	}
	if len(device) == 0 {
		b.Fatal("no reply was timed")
	}
	b.ReportMetric(float64(len(device)), "turns")
	b.ReportMetric(msOf(median(runner)), "ms-median-to-play")
	b.ReportMetric(msOf(median(device)), "ms-median-to-first-sample")
	b.ReportMetric(msOf(slices.Max(device)), "ms-max-to-first-sample")
	b.Logf("end of turn to first sample: %v; to Play: %v", device, runner)
}

// BenchmarkTranscriptReady measures how long the streaming recognizer takes
// to return the transcript once the answer has ended: the whole answer
// (and the VAD's 300 ms of hangover silence after it) is written first, as
// it would be while the person speaks, and only Finish is timed. After the
// end of speech the transcript is ready in 300 ms (the hangover, before
// the runner asks for it) plus this figure. Run with -benchtime 3x: each
// iteration decodes the whole answer untimed.
func BenchmarkTranscriptReady(b *testing.B) {
	rec, err := pocketsphinx.New(pocketsphinx.Config{})
	if err != nil {
		b.Fatal(err)
	}
	defer rec.Close()
	voice, err := flite.New(flite.Config{Voice: "rms"})
	if err != nil {
		b.Fatal(err)
	}
	story, err := voice.Synthesize(context.Background(), faultStory)
	if err != nil {
		b.Fatal(err)
	}
	speech := sharedSpeech(b)
	answers := []struct {
		name string
		pcm  func() ([]int16, error)
	}{
		{"flite-story", func() ([]int16, error) { return story, nil }},
		{"LJ001-0001", func() ([]int16, error) { return audio.ReadWAVFile(filepath.Join(speech, "LJ001-0001.wav")) }},
		{"2412-153948-0000", func() ([]int16, error) { return audio.ReadWAVFile(filepath.Join(speech, "2412-153948-0000.wav")) }},
	}
	for _, a := range answers {
		b.Run(a.name, func(b *testing.B) {
			pcm, err := a.pcm()
			if err != nil {
				b.Skip(err)
			}
			pcm = append(slices.Clone(pcm), make([]int16, audio.SampleRate*3/10)...)
			var total time.Duration
			for b.Loop() {
				b.StopTimer()
				st, err := rec.Start(context.Background())
				if err != nil {
					b.Fatal(err)
				}
				for i := 0; i < len(pcm); i += audio.FrameSize {
					if err := st.Write(pcm[i:min(i+audio.FrameSize, len(pcm))]); err != nil {
						b.Fatal(err)
					}
				}
				b.StartTimer()
				start := time.Now()
				tr, err := st.Finish()
				total += time.Since(start)
				if err != nil {
					b.Fatal(err)
				}
				if tr.Text == "" {
					b.Fatal("empty transcript")
				}
			}
			b.ReportMetric(msOf(total)/float64(b.N), "ms-finish")
			b.ReportMetric(float64(len(pcm))/audio.SampleRate, "s-of-audio")
		})
	}
}

// firstSound is the index of the first sample of pcm louder than -40 dBFS
// (328 of 32768), or -1.
func firstSound(pcm []int16) int {
	for i, s := range pcm {
		if s > 328 || s < -328 {
			return i
		}
	}
	return -1
}

func TestFirstSound(t *testing.T) {
	tests := []struct {
		pcm  []int16
		want int
	}{
		{nil, -1},
		{[]int16{0, 10, -300, 328, -328}, -1}, // at most -40 dBFS: silence
		{[]int16{0, 0, 329}, 2},
		{[]int16{5, -1000, 2000}, 1},
	}
	for _, tt := range tests {
		if got := firstSound(tt.pcm); got != tt.want {
			t.Errorf("firstSound(%v) = %d, want %d", tt.pcm, got, tt.want)
		}
	}
}

// BenchmarkStartToQuestion starts the starloop binary (`practice`) on the
// virtual devices and measures the time from starting the process to the
// first sound of the question on the speaker. The speaker's monitor is
// recorded throughout; the wall time of a sample in that recording is taken
// from its end (the recording runs on the sink's clock, in step with the
// wall clock, and ends when Stop returns, give or take parec's 10 ms of
// latency). Run with -benchtime 5x.
func BenchmarkStartToQuestion(b *testing.B) {
	bin := buildStarloop(b)
	srv := pulsetest.Start(b)
	var got []time.Duration
	for b.Loop() {
		ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
		rec, err := srv.RecordSpeaker(ctx)
		if err != nil {
			b.Fatal(err)
		}
		time.Sleep(300 * time.Millisecond) // the recording is flowing
		out := &syncBuffer{}
		cmd := exec.CommandContext(ctx, bin, "practice", "--lp", "ownership", "--questions", "1", "--seed", "7",
			"--sessions", b.TempDir())
		cmd.Env = append(os.Environ(), srv.Env()...)
		cmd.Stdout, cmd.Stderr = out, out
		start := time.Now()
		if err := cmd.Start(); err != nil {
			b.Fatal(err)
		}
		done := make(chan error, 1)
		go func() { done <- cmd.Wait() }()
		for !strings.Contains(out.String(), "listening") {
			select {
			case err := <-done:
				b.Fatalf("practice ended (%v):\n%s", err, out.String())
			case <-time.After(10 * time.Millisecond):
			}
		}
		pcm, err := rec.Stop()
		stopped := time.Now()
		cmd.Process.Signal(os.Interrupt)
		<-done
		cancel()
		if err != nil {
			b.Fatal(err)
		}
		i := firstSound(pcm)
		if i < 0 {
			b.Fatal("the speaker stayed silent")
		}
		at := stopped.Add(-time.Duration(len(pcm)-i) * time.Second / audio.SampleRate)
		got = append(got, at.Sub(start))
	}
	b.ReportMetric(msOf(median(got)), "ms-median-start-to-question")
	b.ReportMetric(msOf(slices.Max(got)), "ms-max")
	b.Logf("start to first sound of the question: %v", got)
}

// vmHWM reads the peak resident set size (VmHWM) of process pid, in kB.
func vmHWM(pid int) (int, error) {
	f, err := os.Open(filepath.Join("/proc", strconv.Itoa(pid), "status"))
	if err != nil {
		return 0, err
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		if v, ok := strings.CutPrefix(sc.Text(), "VmHWM:"); ok {
			return strconv.Atoi(strings.TrimSuffix(strings.TrimSpace(v), " kB"))
		}
	}
	return 0, fmt.Errorf("no VmHWM in /proc/%d/status", pid)
}

// BenchmarkPeakMemory runs a whole `starloop demo` (its default session: 2
// main questions, up to 1 follow-up each, answered by the synthetic
// candidate) as a child process and reports its peak resident memory: the
// last VmHWM read from /proc while it ran (every 100 ms) and the maximum
// RSS the kernel reports when it exits (the larger of the process and the
// children it waited for, such as its PulseAudio daemon). Run with
// -benchtime 1x: a demo takes a minute or two.
func BenchmarkPeakMemory(b *testing.B) {
	bin := buildStarloop(b)
	var hwm, maxRSS int
	for b.Loop() {
		ctx, cancel := context.WithTimeout(context.Background(), 5*time.Minute)
		cmd := exec.CommandContext(ctx, bin, "demo", "--sessions", b.TempDir())
		cmd.Stdout, cmd.Stderr = io.Discard, io.Discard
		if err := cmd.Start(); err != nil {
			b.Fatal(err)
		}
		done := make(chan error, 1)
		go func() { done <- cmd.Wait() }()
		tick := time.NewTicker(100 * time.Millisecond)
	poll:
		for {
			select {
			case err := <-done:
				if err != nil {
					b.Fatalf("demo: %v", err)
				}
				break poll
			case <-tick.C:
				if kb, err := vmHWM(cmd.Process.Pid); err == nil {
					hwm = max(hwm, kb)
				}
			}
		}
		tick.Stop()
		cancel()
		if ru, ok := cmd.ProcessState.SysUsage().(*syscall.Rusage); ok {
			maxRSS = max(maxRSS, int(ru.Maxrss))
		}
	}
	b.ReportMetric(float64(hwm)/1024, "MB-VmHWM")
	b.ReportMetric(float64(maxRSS)/1024, "MB-maxrss")
}

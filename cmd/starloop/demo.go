package main

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"sync"
	"time"

	"github.com/urfave/cli/v2"

	"github.com/starloop/starloop"
	"github.com/starloop/starloop/audio"
	"github.com/starloop/starloop/audio/portaudio"
	"github.com/starloop/starloop/audio/pulsetest"
	"github.com/starloop/starloop/interviewer"
	"github.com/starloop/starloop/speech/flite"
)

func demoCommand(env *appEnv) *cli.Command {
	flags := sessionFlags()
	for _, f := range flags {
		// The demo is short and steady by default: one LP, two questions,
		// a quick turn-taking window.
		switch f := f.(type) {
		case *cli.StringSliceFlag:
			f.Value = cli.NewStringSlice("ownership")
		case *cli.IntFlag:
			if f.Name == "questions" {
				f.Value = 2
			}
			if f.Name == "follow-ups" {
				f.Value = 1
			}
		case *cli.DurationFlag:
			if f.Name == "patience" {
				f.Value = 1500 * time.Millisecond
			}
		case *cli.Uint64Flag:
			f.Value = 7
		}
	}
	flags = append(flags, &cli.StringFlag{Name: "candidate-voice", Value: "rms", Usage: "the synthetic candidate's flite voice", EnvVars: []string{"STARLOOP_CANDIDATE_VOICE"}})
	return &cli.Command{
		Name:  "demo",
		Usage: "watch a whole session on virtual audio devices, answered by a synthetic candidate (no microphone needed)",
		Description: "Starts a private PulseAudio server with a virtual microphone and speaker, runs a practice\n" +
			"session on them, and has a synthetic candidate (a second flite voice) answer. The session is\n" +
			"saved like any other, with conversation.wav: both sides of the conversation.",
		Flags: flags,
		Action: func(c *cli.Context) error {
			if c.NArg() > 0 {
				return starloop.Errorf(starloop.Invalid, "demo: unexpected argument %q", c.Args().First())
			}
			return runDemo(c, env)
		},
	}
}

func runDemo(c *cli.Context, env *appEnv) error {
	ctx := c.Context
	// The devices must exist before PortAudio (through ALSA) looks for them.
	srv, err := pulsetest.New(ctx, pulsetest.Options{})
	if err != nil {
		return starloop.E("demo: start virtual devices", starloop.DeviceUnavailable, err)
	}
	defer srv.Stop()
	srv.Setenv(func(k, v string) { os.Setenv(k, v) })

	candidate, err := flite.New(flite.Config{Voice: c.String("candidate-voice")})
	if err != nil {
		return err
	}
	speaker, err := srv.RecordSpeaker(ctx)
	if err != nil {
		return starloop.E("demo: record the speaker", starloop.DeviceUnavailable, err)
	}
	start := time.Now()

	host, err := portaudio.Open()
	if err != nil {
		return err
	}
	defer host.Close()
	mic, err := host.Capture(ctx, "")
	if err != nil {
		return err
	}
	defer mic.Close()
	player, err := host.Speaker("", portaudio.SpeakerOptions{})
	if err != nil {
		return err
	}

	cand := &demoCandidate{ctx: ctx, srv: srv, voice: candidate, start: start}
	var sessDir string
	hooks := &sessionHooks{view: func(v interviewer.View) interviewer.View {
		cand.View = v
		return cand
	}, dir: func(d string) { sessDir = d }}
	runErr := runSession(c, env, mic, player, hooks)
	cand.wait()

	said, err := speaker.Stop()
	if err != nil {
		return err
	}
	if sessDir == "" {
		return runErr
	}
	conv := cand.mix(said)
	path := filepath.Join(sessDir, "conversation.wav")
	if err := writeWAV(path, conv); err != nil {
		return err
	}
	fmt.Fprintf(env.stdout, "Both sides of the conversation: %s (%.0f s)\n", path, float64(len(conv))/audio.SampleRate)
	return runErr
}

// writeWAV saves a whole clip as a private file.
func writeWAV(path string, pcm []int16) error {
	w, err := audio.CreateWAV(path)
	if err != nil {
		return err
	}
	if err := w.WritePCM(pcm); err != nil {
		w.Close()
		return err
	}
	return w.Close()
}

// demoCandidate is a synthetic candidate: a View that, each time the
// interviewer starts listening, speaks an answer into the virtual
// microphone, chosen by what was asked.
type demoCandidate struct {
	interviewer.View
	ctx   context.Context
	srv   *pulsetest.Server
	voice *flite.Voice
	start time.Time

	answered int // the last answer number spoken for
	mu       sync.Mutex
	wg       sync.WaitGroup
	clips    []timedClip
}

type timedClip struct {
	at  time.Duration // since the speaker recording began
	pcm []int16
}

func (d *demoCandidate) Status(s interviewer.Status) {
	d.View.Status(s)
	if s.State != interviewer.Listening || s.Answer == d.answered {
		return
	}
	d.answered = s.Answer
	text := demoAnswer(s.Question)
	d.wg.Add(1)
	go func() {
		defer d.wg.Done()
		pcm, err := d.voice.Synthesize(d.ctx, text)
		if err != nil {
			return
		}
		// A short thinking pause, as a person takes.
		select {
		case <-time.After(800 * time.Millisecond):
		case <-d.ctx.Done():
			return
		}
		d.mu.Lock()
		d.clips = append(d.clips, timedClip{at: time.Since(d.start), pcm: pcm})
		d.mu.Unlock()
		d.srv.Speak(d.ctx, pcm)
	}()
}

func (d *demoCandidate) wait() { d.wg.Wait() }

// mix lays the candidate's clips over the speaker's recording.
func (d *demoCandidate) mix(said []int16) []int16 {
	d.mu.Lock()
	defer d.mu.Unlock()
	out := append([]int16(nil), said...)
	for _, c := range d.clips {
		at := int(c.at.Seconds() * audio.SampleRate)
		if need := at + len(c.pcm); need > len(out) {
			out = append(out, make([]int16, need-len(out))...)
		}
		for i, s := range c.pcm {
			v := int32(out[at+i]) + int32(s)
			out[at+i] = int16(max(-32768, min(32767, v)))
		}
	}
	return out
}

// demoAnswer is what the synthetic candidate says to q: a main story
// without numbers (so the rubric asks for a measure), and follow-up answers
// that fill the gap the interviewer asked about.
func demoAnswer(q interviewer.Question) string {
	if !q.FollowUp {
		return demoStories[len(q.Text)%len(demoStories)]
	}
	switch q.Reason {
	case "no_measure", "missing_result":
		return "In the end it worked. Failed deploys dropped from thirty percent to five percent, and we went from releasing every two weeks to releasing every day."
	case "mostly_we", "missing_action":
		return "I personally wrote the new test harness, and I reviewed every change to the pipeline myself for two months."
	case "missing_situation", "missing_task":
		return "It was at a payments company, and I owned the release pipeline. My goal was to make releases boring again."
	}
	return "I would start with the data sooner. I learned to measure the problem first, and then I would ask the other teams for help earlier."
}

var demoStories = []string{
	"At my last job our deploys kept failing and releases slipped. " +
		"I was responsible for the release pipeline, although nobody had asked me to fix it. " +
		"I dug into the logs, found that flaky tests caused most of the failures, and I rewrote them. " +
		"In the end the deploys became reliable and the team trusted the pipeline again.",
	"In my previous team the on call rotation was burning people out. " +
		"My goal was to cut the pages that nobody needed to act on. " +
		"I went through every alert from the last quarter, deleted the noisy ones, and I wrote runbooks for the rest. " +
		"As a result the team slept better and fewer people left.",
}

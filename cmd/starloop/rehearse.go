package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"sync"
	"time"

	"github.com/urfave/cli/v2"

	"github.com/starloop/starloop"
	"github.com/starloop/starloop/audio"
	"github.com/starloop/starloop/audio/portaudio"
	"github.com/starloop/starloop/interviewer"
	"github.com/starloop/starloop/rehearse"
	"github.com/starloop/starloop/session"
	"github.com/starloop/starloop/speech/flite"
	"github.com/starloop/starloop/speech/pocketsphinx"
)

// historyName is the rehearsal history, one JSON line per run, kept next to
// the sessions folder.
const historyName = "rehearse-history.jsonl"

func rehearseCommand(env *appEnv) *cli.Command {
	return &cli.Command{
		Name:      "rehearse",
		Usage:     "speak a prepared self-introduction or story and see which key points you said, and where you stalled",
		UsageText: "starloop rehearse [--wav FILE] [--cues [--speak-cues]] SCRIPT\nstarloop rehearse --history SCRIPT",
		Description: "SCRIPT is a text or Markdown file: its bullets (- ...) are the key points, or its sentences when it has\n" +
			"none. Speak it into the microphone (Enter or q ends the run; so does a long silence), or give a recording\n" +
			"with --wav. Each run is added to the history; --history shows recall run by run.",
		Flags: append([]cli.Flag{
			&cli.StringFlag{Name: "wav", Usage: "judge this recording (16 kHz mono WAV) instead of the microphone"},
			&cli.BoolFlag{Name: "cues", Usage: "after a stall, show the next key point not yet said"},
			&cli.BoolFlag{Name: "speak-cues", Usage: "with --cues, also say the cue quietly"},
			&cli.BoolFlag{Name: "history", Usage: "show the recall of earlier runs of SCRIPT and stop"},
			&cli.DurationFlag{Name: "stall", Value: 2500 * time.Millisecond, Usage: "a pause between words this long counts as a stall"},
			&cli.DurationFlag{Name: "cue-after", Value: 4 * time.Second, Usage: "with --cues, the pause before a cue"},
			&cli.DurationFlag{Name: "end-silence", Value: 10 * time.Second, Usage: "silence after speech that ends a live run"},
			&cli.DurationFlag{Name: "max", Value: 5 * time.Minute, Usage: "longest live run"},
			&cli.StringFlag{Name: "voice", Value: "slt", Usage: "the flite voice of spoken cues"},
			&cli.StringFlag{Name: "sessions", Usage: "sessions folder; the history is kept next to it (default: $XDG_DATA_HOME/starloop/sessions)", EnvVars: []string{"STARLOOP_SESSIONS"}},
			&cli.StringFlag{Name: "model-dir", Usage: "pocketsphinx acoustic model folder", Value: pocketsphinx.DefaultModelDir, EnvVars: []string{"STARLOOP_MODEL_DIR"}},
		}, deviceFlags()...),
		Action: func(c *cli.Context) error { return runRehearse(c, env) },
	}
}

func runRehearse(c *cli.Context, env *appEnv) error {
	const op = "rehearse"
	if c.NArg() != 1 {
		return starloop.Errorf(starloop.Invalid, "%s: give one SCRIPT: a text or Markdown file of key points (see starloop rehearse --help)", op)
	}
	script, err := filepath.Abs(c.Args().First())
	if err != nil {
		return starloop.E(op, starloop.Invalid, err)
	}
	dir, err := sessionsDir(c)
	if err != nil {
		return err
	}
	histPath := filepath.Join(filepath.Dir(filepath.Clean(dir)), historyName)
	if c.Bool("history") {
		runs, err := readHistory(histPath, script)
		if err != nil {
			return err
		}
		fmt.Fprintf(env.stdout, "Rehearsals of %s:\n%s", script, rehearse.Trend(runs, time.Local))
		return nil
	}
	data, err := os.ReadFile(script)
	if errors.Is(err, fs.ErrNotExist) {
		return starloop.Errorf(starloop.NotFound, "%s: no script at %s", op, script)
	}
	if err != nil {
		return starloop.E(op, starloop.Invalid, err)
	}
	points, err := rehearse.ParseScript(string(data))
	if err != nil {
		return err
	}
	opt := rehearse.Options{Stall: c.Duration("stall"), Cue: c.Duration("cue-after")}
	if !c.Bool("cues") {
		opt.Cue = time.Duration(1<<63 - 1) // no cues in the report
	}

	var (
		tr     starloop.Transcript
		source string
	)
	if wav := c.String("wav"); wav != "" {
		pcm, err := audio.ReadWAVFile(wav)
		if err != nil {
			return err
		}
		rec, err := pocketsphinx.New(pocketsphinx.Config{ModelDir: c.String("model-dir")})
		if err != nil {
			return err
		}
		defer rec.Close()
		fmt.Fprintf(env.stdout, "Transcribing %s (%.0f s)...\n", wav, float64(len(pcm))/audio.SampleRate)
		if tr, err = rec.Transcribe(c.Context, pcm); err != nil {
			return err
		}
		source = wav
	} else {
		if tr, err = rehearseLive(c, env, points, opt); err != nil {
			return err
		}
		source = "microphone"
	}

	res := rehearse.Measure(points, tr, opt)
	fmt.Fprintf(env.stdout, "\nHeard: %s\n\n%s", tr.Text, res.Report())
	if err := appendHistory(histPath, rehearse.RunOf(res, script, time.Now(), source)); err != nil {
		return err
	}
	runs, err := readHistory(histPath, script)
	if err == nil && len(runs) > 1 {
		fmt.Fprintf(env.stdout, "\n%s", rehearse.Trend(runs[max(0, len(runs)-5):], time.Local))
	}
	return nil
}

func readHistory(path, script string) ([]rehearse.Run, error) {
	f, err := os.Open(path)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, starloop.E("read rehearsal history", starloop.Other, err)
	}
	defer f.Close()
	return rehearse.ReadHistory(f, path, script)
}

// appendHistory adds run to the history file, creating it (0600) and its
// folder (0700) as needed.
func appendHistory(path string, run rehearse.Run) error {
	line, err := run.Line()
	if err != nil {
		return err
	}
	if err := os.MkdirAll(filepath.Dir(path), session.DirMode); err != nil {
		return starloop.E("save rehearsal", starloop.Other, err)
	}
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_APPEND|os.O_CREATE, session.FileMode)
	if err != nil {
		return starloop.E("save rehearsal", starloop.Other, err)
	}
	if _, err := f.Write(line); err != nil {
		f.Close()
		return starloop.E("save rehearsal", starloop.Other, err)
	}
	if err := f.Close(); err != nil {
		return starloop.E("save rehearsal", starloop.Other, err)
	}
	return nil
}

// rehearseLive records one run from the microphone and transcribes it as
// it goes. It ends on Enter or q, after --end-silence of silence following
// speech, or at --max. With --cues, a pause of --cue-after shows the next
// key point not yet said (and says it quietly with --speak-cues).
func rehearseLive(c *cli.Context, env *appEnv, points []rehearse.Point, opt rehearse.Options) (starloop.Transcript, error) {
	ctx := c.Context
	host, err := portaudio.Open()
	if err != nil {
		return starloop.Transcript{}, err
	}
	defer host.Close()
	mic, err := host.Capture(ctx, c.String("input"))
	if err != nil {
		return starloop.Transcript{}, err
	}
	defer mic.Close()
	var player interviewer.Player
	var voice interviewer.Voice
	if c.Bool("cues") && c.Bool("speak-cues") {
		if player, err = host.Speaker(c.String("output"), portaudio.SpeakerOptions{}); err != nil {
			return starloop.Transcript{}, err
		}
		if voice, err = flite.New(flite.Config{Voice: c.String("voice")}); err != nil {
			return starloop.Transcript{}, err
		}
	}
	rec, err := pocketsphinx.New(pocketsphinx.Config{ModelDir: c.String("model-dir")})
	if err != nil {
		return starloop.Transcript{}, err
	}
	defer rec.Close()
	keyCh, restore := keys(ctx, env.stdin)
	defer restore()
	live := liveRun{
		mic: mic, player: player, voice: voice, start: rec.Start, keys: keyCh,
		points: points, cues: c.Bool("cues"), cueAfter: opt.Cue,
		endSilence: c.Duration("end-silence"), max: c.Duration("max"),
	}
	fmt.Fprintf(env.stdout, "Speak your script now (%d key points). Enter or q ends the run.\n", len(points))
	return live.run(ctx, env)
}

// liveRun is one live rehearsal.
type liveRun struct {
	mic        interviewer.Microphone
	player     interviewer.Player // nil: cues are not spoken
	voice      interviewer.Voice
	start      func(context.Context) (*pocketsphinx.Stream, error)
	keys       <-chan byte
	points     []rehearse.Point
	cues       bool
	cueAfter   time.Duration
	endSilence time.Duration
	max        time.Duration
}

// cueGain is how much quieter than the voice's normal level a cue is said
// (-10 dB: a prompt in the ear, not a second speaker).
const cueGain = -10

func (l liveRun) run(ctx context.Context, env *appEnv) (starloop.Transcript, error) {
	stream, err := l.start(ctx)
	if err != nil {
		return starloop.Transcript{}, err
	}
	defer stream.Close()
	frames := make(chan audio.Frame, 50)
	done := make(chan struct{})
	micErr := make(chan error, 1)
	go func() {
		for {
			f := audio.NewFrame()
			if err := l.mic.ReadFrame(f); err != nil {
				micErr <- err
				return
			}
			select {
			case frames <- f:
			case <-done:
				return
			}
		}
	}()
	defer close(done)
	var wg sync.WaitGroup
	defer wg.Wait()
	cueCtx, stopCues := context.WithCancel(ctx)
	defer stopCues()

	vad := audio.NewVAD(audio.VADConfig{})
	var (
		heard     bool
		lastSpeak time.Duration
		now       time.Duration
		cued      bool
	)
loop:
	for {
		select {
		case <-ctx.Done():
			return starloop.Transcript{}, starloop.E("rehearse", starloop.Canceled, ctx.Err())
		case err := <-micErr:
			if errors.Is(err, io.EOF) {
				break loop // a recording played as a microphone ran out
			}
			if errors.Is(err, context.Canceled) || ctx.Err() != nil {
				continue
			}
			return starloop.Transcript{}, starloop.E("rehearse", starloop.DeviceUnavailable, err)
		case b, ok := <-l.keys:
			if !ok {
				l.keys = nil
				continue
			}
			if k, ok := interviewer.KeyOf(b); ok && (k == interviewer.KeyEnter || k == interviewer.KeyQuit) {
				break loop
			}
		case f := <-frames:
			if err := stream.Write(f); err != nil {
				return starloop.Transcript{}, err
			}
			ev := vad.Push(f)
			now = ev.At + audio.FrameDuration
			if ev.Speech {
				heard, lastSpeak, cued = true, now, false
			}
			silence := now - lastSpeak
			if heard && l.cues && !cued && silence >= l.cueAfter {
				cued = true
				if p, ok := rehearse.NextCue(l.points, stream.Partial(), 0); ok {
					fmt.Fprintf(env.stdout, "  Cue (%d): %s\n", p.N, p.Text)
					if l.player != nil {
						wg.Add(1)
						go func() {
							defer wg.Done()
							l.sayQuietly(cueCtx, p.Text)
						}()
					}
				}
			}
			if heard && silence >= l.endSilence || now >= l.max {
				break loop
			}
		}
	}
	stopCues()
	return stream.Finish()
}

// sayQuietly says a cue at cueGain; a failure only loses the cue.
func (l liveRun) sayQuietly(ctx context.Context, text string) {
	pcm, err := l.voice.Synthesize(ctx, text)
	if err != nil {
		return
	}
	quiet, err := audio.ReadAll(audio.Gain(cueGain)(audio.NewSliceReader(pcm)))
	if err != nil {
		return
	}
	_ = l.player.Play(ctx, quiet)
}

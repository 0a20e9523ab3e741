package main

import (
	"context"
	"path/filepath"
	"slices"
	"time"

	"github.com/urfave/cli/v2"

	"github.com/starloop/starloop"
	"github.com/starloop/starloop/backends"
	"github.com/starloop/starloop/rehearse"
	"github.com/starloop/starloop/spoken"
)

func rehearseCommand(env *appEnv) *cli.Command {
	return &cli.Command{
		Name:      "rehearse",
		Usage:     "speak a prepared self-introduction or story and see which key points you said, and where you stalled",
		UsageText: "starloop rehearse [--wav FILE] [--cues [--speak-cues]] SCRIPT\nstarloop rehearse --history SCRIPT",
		Flags: slices.Concat([]cli.Flag{
			&cli.StringFlag{Name: "wav", Usage: "judge this recording (16 kHz mono WAV) instead of the microphone"},
			&cli.BoolFlag{Name: "cues", Usage: "after a stall, show the next key point not yet said"},
			&cli.BoolFlag{Name: "speak-cues", Usage: "with --cues, also say the cue quietly"},
			&cli.BoolFlag{Name: "history", Usage: "show the recall of earlier runs of SCRIPT and stop"},
			&cli.DurationFlag{Name: "stall", Value: 2500 * time.Millisecond, Usage: "a pause between words this long counts as a stall"},
			&cli.DurationFlag{Name: "cue-after", Value: 4 * time.Second, Usage: "with --cues, the pause before a cue"},
			&cli.DurationFlag{Name: "end-silence", Value: 10 * time.Second, Usage: "silence after speech that ends a live run"},
			&cli.DurationFlag{Name: "max", Value: 5 * time.Minute, Usage: "longest live run"},
			voiceFlag(),
			sessionsFlag(),
		}, recogniserFlags(), deviceFlags(), speechBankFlags(true)),
		Action: env.action(-1, "", func(c *cli.Context, s *settings) error { return runRehearse(c, env, s) }),
	}
}

// runRehearse judges a run of the script the one argument names.
func runRehearse(c *cli.Context, env *appEnv, s *settings) error {
	const op = "rehearse"
	if c.NArg() != 1 {
		return starloop.Errorf(starloop.Invalid, "%s: give one SCRIPT: a text or Markdown file of key points (see starloop rehearse --help)", op)
	}
	script, err := filepath.Abs(c.Args().First())
	if err != nil {
		return starloop.E(op, starloop.Invalid, err)
	}
	histPath := rehearse.HistoryFile(s.sessions)
	if c.Bool("history") {
		return rehearse.WriteHistory(env.stdout, histPath, script, time.Local)
	}
	points, err := rehearse.ReadScript(script)
	if err != nil {
		return err
	}
	opt := rehearse.Options{Stall: c.Duration("stall"), Cue: c.Duration("cue-after")}
	if !c.Bool("cues") {
		opt.Cue = time.Duration(1<<63 - 1) // no cues in the report
	}

	b, err := newBackends(c, s.bank, env.stderr)
	if err != nil {
		return err
	}
	tk, source, err := rehearseRun(c, env, s, b, points, opt)
	if err != nil {
		return err
	}
	return rehearse.Finish(env.stdout, histPath, script, source, points, tk, opt, time.Now())
}

// rehearseRun transcribes the run: the recording --wav names, or one live
// from the microphone. It returns the take and where it came from.
func rehearseRun(c *cli.Context, env *appEnv, s *settings, b *backends.Set, points []rehearse.Point, opt rehearse.Options) (rehearse.Take, string, error) {
	if wav := c.String("wav"); wav != "" {
		tk, err := rehearse.Recorded(c.Context, env.stdout, wav, func(ctx context.Context, pcm []int16) (starloop.Transcript, error) {
			return b.Transcribe(ctx, pcm, withStoryBank(c, s, b.Model, rehearse.Text(points), env.stderr, true))
		})
		return tk, wav, err
	}
	var tk rehearse.Take
	err := env.onDevices(c, "rehearse", func(dev devices) error {
		b.Model = withStoryBank(c, s, b.Model, rehearse.Text(points), env.stderr, false)
		r := spoken.Rehearsal{Live: rehearse.Live{Points: points, Cues: c.Bool("cues"), CueAfter: opt.Cue,
			EndSilence: c.Duration("end-silence"), Max: c.Duration("max")}}
		if c.Bool("cues") && c.Bool("speak-cues") {
			r.Voice = c.String("voice")
		}
		var err error
		tk, err = spoken.Rehearse(c.Context, env.console(c, dev), b, r)
		return err
	})
	return tk, "microphone", err
}

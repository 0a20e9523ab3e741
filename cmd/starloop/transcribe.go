package main

import (
	"fmt"

	"github.com/urfave/cli/v2"

	"github.com/starloop/starloop"
	"github.com/starloop/starloop/audio"
	"github.com/starloop/starloop/enrol"
	sessreport "github.com/starloop/starloop/report"
	"github.com/starloop/starloop/speech/pocketsphinx"
)

// transcribeCommand is `starloop transcribe`: one WAV file to text.
func transcribeCommand(env *appEnv) *cli.Command {
	return &cli.Command{
		Name:        "transcribe",
		Usage:       "turn a recorded answer (WAV) into text, offline or with --stt openai",
		UsageText:   "starloop transcribe [--json] [--stt openai] [--model-dir DIR] [--lm FILE] [--dict FILE] [--stories FILE | --no-stories] [--profile NAME | --no-profile] FILE.wav",
		Description: help("transcribe"),
		Flags: append([]cli.Flag{
			jsonFlag("print the transcript with word times as one JSON object"),
			modelDirFlag(), profileFlag(), noProfileFlag(),
			&cli.StringFlag{Name: "lm", Usage: "pocketsphinx language model `FILE`", Value: pocketsphinx.DefaultLM, EnvVars: []string{"STARLOOP_LM"}},
			dictFlag(),
		}, append(remoteFlags(), speechBankFlags(true)...)...),
		Action: env.action(-1, "", func(c *cli.Context, s *settings) error {
			if c.NArg() != 1 {
				return starloop.Errorf(starloop.Invalid, "transcribe: give exactly one WAV file")
			}
			name := c.Args().First()
			rec, err := audio.ReadRecordingFile(name)
			if err != nil {
				return err
			}
			b, err := newBackends(c, s.bank, env.stderr)
			if err != nil {
				return err
			}
			model := b.Model // with the speaker profile, if any
			model.LM, model.Dict = c.String("lm"), c.String("dict")
			model = withStoryBank(c, s, model, "", env.stderr, true)
			t, err := b.TranscribeRecording(c.Context, env.stderr, name, rec, model)
			if starloop.IsKind(err, starloop.NotFound) {
				return starloop.E("", starloop.NotFound, fmt.Errorf(
					"%w (the model's paths: --model-dir, --lm, --dict or STARLOOP_MODEL_DIR, STARLOOP_LM, STARLOOP_DICT)", err))
			}
			if err != nil {
				return err
			}
			if !b.Config.Remote() {
				checkProfileFit(c, env.stderr, "transcribe", func(s enrol.Scorer, dir string) (float64, bool, error) {
					return enrol.Fit(c.Context, s, dir, rec.PCM, t.Text)
				})
			}
			if c.Bool("json") {
				return sessreport.TranscriptJSON(env.stdout, t, rec.Duration())
			}
			_, err = fmt.Fprintln(env.stdout, t.Text)
			return err
		}),
	}
}

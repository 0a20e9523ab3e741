package main

import (
	"fmt"
	"slices"

	"github.com/urfave/cli/v2"

	"github.com/starloop/starloop"
	"github.com/starloop/starloop/analysis"
	"github.com/starloop/starloop/audio"
	"github.com/starloop/starloop/enrol"
	"github.com/starloop/starloop/interviewer"
	sessreport "github.com/starloop/starloop/report"
	"github.com/starloop/starloop/speech/pocketsphinx"
)

// transcribeCommand is `starloop transcribe`: one WAV file to text.
func transcribeCommand(env *appEnv) *cli.Command {
	return &cli.Command{
		Name:      "transcribe",
		Usage:     "turn a recorded answer (WAV) into text, offline or with --stt openai",
		UsageText: "starloop transcribe [--json] [--stt openai] [--model-dir DIR] [--lm FILE] [--dict FILE] [--stories FILE | --no-stories] [--profile NAME | --no-profile] FILE.wav",
		Flags: slices.Concat([]cli.Flag{jsonFlag("print the transcript with word times as one JSON object")}, recogniserFlags(), []cli.Flag{
			&cli.StringFlag{Name: "lm", Usage: "pocketsphinx language model `FILE`", Value: pocketsphinx.DefaultLM, EnvVars: []string{"STARLOOP_LM"}},
			dictFlag(),
		}, remoteFlags(), speechBankFlags(true)),
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

// analyzeCommand is `starloop analyze`: judge one answer given as text.
func analyzeCommand(env *appEnv) *cli.Command {
	return &cli.Command{
		Name:      "analyze",
		Usage:     "judge one written or transcribed answer against STAR",
		UsageText: "starloop analyze [--json] [--lp NAME] [--question TEXT] [--stories FILE] [--no-color] FILE|-",
		Flags: slices.Concat([]cli.Flag{
			jsonFlag("print the report as one JSON object"),
			lpFlag(),
			&cli.StringFlag{Name: "question", Usage: "the question that was asked, for the record"},
			&cli.BoolFlag{Name: "no-color", Usage: "no ANSI colour, even on a terminal (NO_COLOR does the same)"},
			storiesFlag(),
		}, recogniserFlags(), remoteFlags(), speechBankFlags(false)),
		Action: env.action(-1, "", func(c *cli.Context, s *settings) error { return runAnalyze(c, env, s) }),
	}
}

// runAnalyze judges the answer the one argument names.
func runAnalyze(c *cli.Context, env *appEnv, s *settings) error {
	if c.NArg() != 1 {
		return starloop.Errorf(starloop.Invalid, "analyze: give exactly one answer file, or - for standard input")
	}
	name := c.Args().First()
	data, rec, err := analysis.Read(env.stdin, name)
	if err != nil {
		return err
	}
	b, err := newBackends(c, s.bank, env.stderr)
	if err != nil {
		return err
	}
	lp, err := lpArg(c, b.Bank, "analyze")
	if err != nil {
		return err
	}
	var t starloop.Transcript
	if rec.PCM != nil {
		t, err = b.TranscribeRecording(c.Context, env.stderr, name, rec, withStoryBank(c, s, b.Model, "", env.stderr, true))
	} else {
		t, err = analysis.Transcript(name, data)
	}
	if err != nil {
		return err
	}
	q := interviewer.Question{Text: c.String("question"), LP: lp}
	res, err := analysis.Judge(c.Context, b.Judge(), q, t, c.String("stories"), b.Bank)
	if err != nil {
		return err
	}
	return res.Write(env.stdout, c.Bool("json"), useColor(env.stdout, c.Bool("no-color")))
}

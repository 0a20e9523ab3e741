package main

import (
	"github.com/urfave/cli/v2"

	"github.com/starloop/starloop"
	"github.com/starloop/starloop/analysis"
	"github.com/starloop/starloop/interviewer"
)

// analyzeCommand is `starloop analyze`: judge one answer given as text.
func analyzeCommand(env *appEnv) *cli.Command {
	return &cli.Command{
		Name:        "analyze",
		Usage:       "judge one written or transcribed answer against STAR",
		UsageText:   "starloop analyze [--json] [--lp NAME] [--question TEXT] [--stories FILE] [--no-color] FILE|-",
		Description: help("analyze"),
		Flags: append([]cli.Flag{
			jsonFlag("print the report as one JSON object"),
			lpFlag(),
			&cli.StringFlag{Name: "question", Usage: "the question that was asked, for the record"},
			&cli.BoolFlag{Name: "no-color", Usage: "no ANSI colour, even on a terminal (NO_COLOR does the same)"},
			storiesFlag(),
			modelDirFlag(), profileFlag(), noProfileFlag(),
		}, append(remoteFlags(), speechBankFlags(false)...)...),
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

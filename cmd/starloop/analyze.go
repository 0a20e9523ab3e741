package main

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"time"
	"unicode/utf8"

	"github.com/urfave/cli/v2"

	"github.com/starloop/starloop"
	"github.com/starloop/starloop/audio"
	"github.com/starloop/starloop/interviewer"
	"github.com/starloop/starloop/judge"
	sessreport "github.com/starloop/starloop/report"
	"github.com/starloop/starloop/rubric"
	"github.com/starloop/starloop/speech/openai"
)

// maxAnswerBytes caps the text analyze reads: a three-minute answer is
// about 3 KB of text, so 1 MiB is far beyond any answer and still cheap.
// A recording is capped by its length instead: maxAnswerAudio is well
// beyond the longest answer a session allows (--max-answer, 4 minutes).
const (
	maxAnswerBytes = 1 << 20
	maxAnswerAudio = 15 * time.Minute
)

// analyzeCommand is `starloop analyze`: judge one answer given as text.
func analyzeCommand(env *appEnv) *cli.Command {
	return &cli.Command{
		Name:      "analyze",
		Usage:     "judge one written or transcribed answer against STAR",
		UsageText: "starloop analyze [--json] [--lp NAME] [--question TEXT] [--stories FILE] [--no-color] FILE|-",
		Description: "Reads an answer (a text file, or - for standard input) and reports which STAR\n" +
			"parts it tells and where, the measures it gives and whether the result has\n" +
			"one, I against we, the Leadership Principles it shows, length and fillers,\n" +
			"and the follow-up an interviewer would ask next, with the reason. With --stories,\n" +
			"also which story of that story bank the answer tells, if any.",
		Flags: append([]cli.Flag{
			jsonFlag("print the report as one JSON object"),
			lpFlag("the `LP` the question was about (id, name, or a unique part): chooses the follow-up ladder"),
			&cli.StringFlag{Name: "question", Usage: "the question that was asked, for the record"},
			&cli.BoolFlag{Name: "no-color", Usage: "no ANSI colour, even on a terminal (NO_COLOR does the same)"},
			storiesFlag("stories"),
			modelDirFlag(), profileFlag(), noProfileFlag(),
		}, append(remoteFlags(), speechBankFlags(false)...)...),
		Action: func(c *cli.Context) error { return runAnalyze(c, env) },
	}
}

func runAnalyze(c *cli.Context, env *appEnv) error {
	if c.NArg() != 1 {
		return starloop.Errorf(starloop.Invalid, "analyze: give exactly one answer file, or - for standard input")
	}
	name := c.Args().First()
	data, rec, err := readAnswer(env.stdin, name)
	if err != nil {
		return err
	}
	b, err := newBackends(c, env.stderr)
	if err != nil {
		return err
	}
	q := interviewer.Question{Text: c.String("question")}
	if n := c.String("lp"); n != "" {
		lp, err := b.bank.Lookup(n)
		if err != nil {
			return err
		}
		q.LP = lp.ID
	}
	var t starloop.Transcript
	if rec.PCM != nil {
		t, err = transcribeRecording(c.Context, env.stderr, b, name, rec, withStoryBank(c, b.model, b.bank, "", env.stderr, true))
	} else {
		t, err = transcriptOf(name, data)
	}
	if err != nil {
		return err
	}
	v, err := b.judge().Judge(c.Context, interviewer.Answer{Question: q, Transcript: t})
	if err != nil {
		return err
	}
	// The report is the rubric's, with the coach's view when it had one.
	var r *rubric.Report
	var coached *openai.CoachedReport
	switch rep := v.Report.(type) {
	case judge.Judged:
		r = rep.Report
	case openai.CoachedReport:
		j, _ := rep.Rubric.(judge.Judged)
		r, coached = j.Report, &rep
	}
	if r == nil {
		return starloop.Errorf(starloop.Other, "analyze: the judge's report is a %T", v.Report)
	}
	var story *storyCheck
	if path := c.String("stories"); path != "" {
		sc, err := checkStory(path, b.bank, t.Text)
		if err != nil {
			return err
		}
		story = &sc
	}
	w := bufio.NewWriter(env.stdout)
	switch {
	case c.Bool("json") && story != nil:
		var out []byte
		if out, err = withStory(v.Report, story.told); err == nil {
			_, err = w.Write(out)
		}
	case c.Bool("json"):
		enc := json.NewEncoder(w)
		enc.SetIndent("", "  ")
		err = enc.Encode(v.Report)
	default:
		sessreport.Analysis(w, r, useColor(env.stdout, c.Bool("no-color")))
		if story != nil {
			story.write(w)
		}
		writeCoach(w, coached)
	}
	if err == nil {
		err = w.Flush()
	}
	if err != nil {
		return starloop.E("write report", starloop.Other, err)
	}
	return nil
}

// readAnswer reads the answer from the file name, or from stdin for "-":
// a WAV recording of at most maxAnswerAudio (rec.PCM set), else text of at
// most maxAnswerBytes.
func readAnswer(stdin io.Reader, name string) (text []byte, rec audio.Recording, err error) {
	op := "read " + name
	var r io.Reader = stdin
	if name == "-" {
		op = "read standard input"
	} else {
		f, err := os.Open(name)
		if err != nil {
			if errors.Is(err, fs.ErrNotExist) {
				return nil, rec, starloop.E(op, starloop.NotFound, errors.New("no such file"))
			}
			return nil, rec, starloop.E(op, starloop.Invalid, err)
		}
		defer f.Close()
		r = f
	}
	br := bufio.NewReader(r)
	if head, _ := br.Peek(12); isWAV(head) {
		rec, err := audio.ReadRecording(br, maxAnswerAudio)
		if err != nil {
			return nil, rec, starloop.E(op, starloop.Other, err)
		}
		return nil, rec, nil
	}
	data, err := io.ReadAll(io.LimitReader(br, maxAnswerBytes+1))
	if err != nil {
		return nil, rec, starloop.E(op, starloop.Invalid, err)
	}
	if len(data) > maxAnswerBytes {
		return nil, rec, starloop.Errorf(starloop.Invalid, "%s: over 1 MiB of text; an answer is a few kilobytes (a recording is read as WAV, up to %.0f minutes)", op, maxAnswerAudio.Minutes())
	}
	return data, rec, nil
}

// transcriptOf turns a written answer into the transcript the rubric
// judges. Text must be UTF-8 without NUL bytes and not blank.
func transcriptOf(name string, data []byte) (starloop.Transcript, error) {
	op := "analyze " + name
	if name == "-" {
		op = "analyze standard input"
	}
	switch {
	case bytes.IndexByte(data, 0) >= 0 || !utf8.Valid(data):
		return starloop.Transcript{}, starloop.Errorf(starloop.Invalid, "%s: not a text file (binary data or not UTF-8)", op)
	case len(bytes.TrimSpace(data)) == 0:
		return starloop.Transcript{}, starloop.Errorf(starloop.Invalid, "%s: the answer is empty", op)
	}
	return starloop.Transcript{Text: string(data)}, nil
}

// isWAV reports whether data starts like a WAV file.
func isWAV(data []byte) bool {
	return bytes.HasPrefix(data, []byte("RIFF")) && len(data) >= 12 && string(data[8:12]) == "WAVE"
}

// writeCoach adds the coach's view to the human report, where there is one.
func writeCoach(w *bufio.Writer, r *openai.CoachedReport) {
	if r == nil {
		return
	}
	fmt.Fprintf(w, "\nCoach: %s\n", r.Coach.Feedback)
	if r.Coach.FollowUp != "" {
		fmt.Fprintf(w, "  would ask: %s (%s)\n", r.Coach.FollowUp, r.Coach.Reason)
	}
	for _, d := range r.Disagree {
		fmt.Fprintf(w, "  disagrees: %s\n", d)
	}
}

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
	"sort"
	"strings"
	"unicode/utf8"

	"github.com/urfave/cli/v2"

	"github.com/starloop/starloop"
	"github.com/starloop/starloop/prompts"
	"github.com/starloop/starloop/rubric"
	"github.com/starloop/starloop/speech/pocketsphinx"
)

// maxAnswerBytes caps what analyze reads: a three-minute answer is about
// 3 KB of text, so 1 MiB is far beyond any answer and still cheap.
const maxAnswerBytes = 1 << 20

// analyzeCommand is `starloop analyze`: judge one answer given as text.
func analyzeCommand(env *appEnv) *cli.Command {
	return &cli.Command{
		Name:      "analyze",
		Usage:     "judge one written or transcribed answer against STAR",
		UsageText: "starloop analyze [--json] [--lp NAME] [--question TEXT] [--no-color] FILE|-",
		Description: "Reads an answer (a text file, or - for standard input) and reports which STAR\n" +
			"parts it tells and where, the measures it gives and whether the result has\n" +
			"one, I against we, the Leadership Principles it shows, length and fillers,\n" +
			"and the follow-up an interviewer would ask next, with the reason.",
		Flags: append([]cli.Flag{
			&cli.BoolFlag{Name: "json", Usage: "print the report as one JSON object"},
			&cli.StringFlag{
				Name:    "lp",
				Usage:   "the `LP` the question was about (id, name, or a unique part): chooses the follow-up ladder",
				EnvVars: []string{"STARLOOP_LP"},
			},
			&cli.StringFlag{Name: "question", Usage: "the question that was asked, for the record"},
			&cli.BoolFlag{Name: "no-color", Usage: "no ANSI colour, even on a terminal (NO_COLOR does the same)"},
			&cli.StringFlag{Name: "model-dir", Usage: "pocketsphinx acoustic model folder, for a WAV answer", Value: pocketsphinx.DefaultModelDir, EnvVars: []string{"STARLOOP_MODEL_DIR"}},
		}, remoteFlags()...),
		Action: func(c *cli.Context) error {
			if c.NArg() != 1 {
				return starloop.Errorf(starloop.Invalid, "analyze: give exactly one answer file, or - for standard input")
			}
			name := c.Args().First()
			data, err := readAnswer(env.stdin, name)
			if err != nil {
				return err
			}
			t, err := transcriptOf(name, data)
			if isWAV(data) {
				t, err = analyzeAudio(c, env, name, data)
			}
			if err != nil {
				return err
			}
			bank, err := prompts.Load()
			if err != nil {
				return err
			}
			opt := rubric.Options{Question: c.String("question"), Questions: bankQuestions{bank}}
			if n := c.String("lp"); n != "" {
				lp, err := bank.Lookup(n)
				if err != nil {
					return err
				}
				opt.LP = lp.ID
			}
			r := rubric.New().Analyze(t, opt)
			coached, err := analyzeCoach(c, env, bank, opt.LP, opt.Question, t, r)
			if err != nil {
				return err
			}
			w := bufio.NewWriter(env.stdout)
			if c.Bool("json") {
				enc := json.NewEncoder(w)
				enc.SetIndent("", "  ")
				if coached != nil {
					err = enc.Encode(coached)
				} else {
					err = enc.Encode(r)
				}
			} else {
				writeReport(w, r, useColor(env.stdout, c.Bool("no-color")))
				writeCoach(w, coached)
			}
			if err == nil {
				err = w.Flush()
			}
			if err != nil {
				return starloop.E("write report", starloop.Other, err)
			}
			return nil
		},
	}
}

// readAnswer reads the answer from the file name, or from stdin for "-",
// refusing anything over maxAnswerBytes.
func readAnswer(stdin io.Reader, name string) ([]byte, error) {
	op := "read " + name
	var r io.Reader = stdin
	if name == "-" {
		op = "read standard input"
	} else {
		f, err := os.Open(name)
		if err != nil {
			if errors.Is(err, fs.ErrNotExist) {
				return nil, starloop.E(op, starloop.NotFound, errors.New("no such file"))
			}
			return nil, starloop.E(op, starloop.Invalid, err)
		}
		defer f.Close()
		r = f
	}
	data, err := io.ReadAll(io.LimitReader(r, maxAnswerBytes+1))
	if err != nil {
		return nil, starloop.E(op, starloop.Invalid, err)
	}
	if len(data) > maxAnswerBytes {
		return nil, starloop.Errorf(starloop.Invalid, "%s: over 1 MiB; an answer is a few kilobytes of text", op)
	}
	return data, nil
}

// transcriptOf turns what was read into the transcript the rubric judges.
// This is the seam for audio: a WAV file (RIFF header) will be transcribed
// here once a transcriber is wired in; until then it is refused with a
// clear message. Text must be UTF-8 without NUL bytes and not blank.
func transcriptOf(name string, data []byte) (starloop.Transcript, error) {
	op := "analyze " + name
	if name == "-" {
		op = "analyze standard input"
	}
	switch {
	case bytes.HasPrefix(data, []byte("RIFF")) && len(data) >= 12 && string(data[8:12]) == "WAVE":
		return starloop.Transcript{}, starloop.Errorf(starloop.Invalid, "%s: audio files are not read by analyze yet; give a text transcript", op)
	case bytes.IndexByte(data, 0) >= 0 || !utf8.Valid(data):
		return starloop.Transcript{}, starloop.Errorf(starloop.Invalid, "%s: not a text file (binary data or not UTF-8)", op)
	case len(bytes.TrimSpace(data)) == 0:
		return starloop.Transcript{}, starloop.Errorf(starloop.Invalid, "%s: the answer is empty", op)
	}
	return starloop.Transcript{Text: string(data)}, nil
}

// ANSI styles for the human report, one per STAR part.
const (
	ansiReset = "\x1b[0m"
	ansiBold  = "\x1b[1m"
	ansiDim   = "\x1b[2m"
)

var partStyle = map[string]string{
	"situation": "\x1b[36m", // cyan
	"task":      "\x1b[35m", // magenta
	"action":    "\x1b[32m", // green
	"result":    "\x1b[33m", // yellow
}

var partTag = map[string]string{"situation": "S", "task": "T", "action": "A", "result": "R", "": "-"}

// writeReport prints r for a person. Errors are sticky in a bufio.Writer,
// so the caller checks once, at Flush.
func writeReport(w *bufio.Writer, r *rubric.Report, color bool) {
	style := func(s, code string) string {
		if !color || code == "" {
			return s
		}
		return code + s + ansiReset
	}
	yes := func(b bool) string {
		if b {
			return "yes"
		}
		return "no"
	}
	if r.Answer {
		fmt.Fprintf(w, "%s a specific story", style("Answer:", ansiBold))
	} else {
		fmt.Fprintf(w, "%s not a specific story", style("Answer:", ansiBold))
	}
	fmt.Fprintf(w, ", %d words", r.Words)
	if r.Minutes > 0 {
		fmt.Fprintf(w, ", %.1f min", r.Minutes)
	}
	if r.TooLong {
		w.WriteString(" (too long)")
	}
	w.WriteString("\n")

	parts := []struct {
		name string
		p    rubric.Part
	}{{"situation", r.STAR.Situation}, {"task", r.STAR.Task}, {"action", r.STAR.Action}, {"result", r.STAR.Result}}
	fmt.Fprintf(w, "%s ", style("STAR:", ansiBold))
	for _, p := range parts {
		fmt.Fprintf(w, " %s %s (%.0f%%)", style(p.name, partStyle[p.name]), yes(p.p.Present), p.p.Share*100)
	}
	if r.Complete {
		w.WriteString("  complete")
	}
	w.WriteString("\n\n")

	// The answer, clause by clause, runs of one label joined.
	for i := 0; i < len(r.Clauses); {
		j := i
		var text []string
		for j < len(r.Clauses) && r.Clauses[j].Label == r.Clauses[i].Label {
			text = append(text, r.Clauses[j].Text)
			j++
		}
		label := r.Clauses[i].Label
		line := strings.Join(text, " ")
		if label == "" {
			fmt.Fprintf(w, "  %s  %s\n", style("-", ansiDim), style(line, ansiDim))
		} else {
			fmt.Fprintf(w, "  %s  %s\n", style(partTag[label], partStyle[label]+ansiBold), style(line, partStyle[label]))
		}
		i = j
	}
	w.WriteString("\n")

	fmt.Fprintf(w, "%s %d", style("Measures:", ansiBold), len(r.Metrics))
	if r.MeasurableResult {
		w.WriteString("; the result carries one\n")
	} else {
		w.WriteString("; none in the result\n")
	}
	for _, m := range r.Metrics {
		where := ""
		if m.InResult {
			where = ", in the result"
		}
		change := ""
		if m.From != nil && m.To != nil {
			change = fmt.Sprintf(", %s -> %s", amount(m.From.Value, m.From.Unit), amount(m.To.Value, m.To.Unit))
			if m.ChangePct != nil {
				change += fmt.Sprintf(" (%+.1f%%)", *m.ChangePct)
			}
		}
		fmt.Fprintf(w, "  - %q: %s%s%s\n", m.Text, m.Kind, change, where)
	}

	o := r.Ownership
	fmt.Fprintf(w, "%s I %d, we %d; in what was done I %d, we %d", style("I / we:", ansiBold), o.I, o.We, o.IAction, o.WeAction)
	if o.MostlyWe {
		w.WriteString(" (mostly we)")
	}
	w.WriteString("\n")

	fmt.Fprintf(w, "%s", style("LPs:", ansiBold))
	if len(r.LP) == 0 {
		w.WriteString(" no clear evidence")
	}
	for i, l := range r.LP {
		if i == 3 {
			break
		}
		sep := ";"
		if i == 0 {
			sep = ""
		}
		fmt.Fprintf(w, "%s %s %.2f", sep, l.Name, l.Score)
		if len(l.Cues) > 0 {
			fmt.Fprintf(w, " (%s)", strings.Join(l.Cues, ", "))
		}
	}
	w.WriteString("\n")

	f := r.Fillers
	fmt.Fprintf(w, "%s %d", style("Fillers:", ansiBold), f.Count)
	if f.Count > 0 {
		est := ""
		if f.Estimated {
			est = ", estimated at 150 words a minute"
		}
		words := make([]string, 0, len(f.Words))
		for k := range f.Words {
			words = append(words, k)
		}
		sort.Slice(words, func(i, j int) bool {
			if f.Words[words[i]] != f.Words[words[j]] {
				return f.Words[words[i]] > f.Words[words[j]]
			}
			return words[i] < words[j]
		})
		for i, k := range words {
			words[i] = fmt.Sprintf("%s %d", k, f.Words[k])
		}
		fmt.Fprintf(w, " (%.1f a minute%s): %s", f.PerMinute, est, strings.Join(words, ", "))
	}
	w.WriteString("\n\n")

	fu := r.FollowUp
	if fu.Question == "" {
		fmt.Fprintf(w, "%s none left to ask. %s\n", style("Follow-up:", ansiBold), fu.Why)
		return
	}
	fmt.Fprintf(w, "%s %s\n", style("Follow-up:", ansiBold), fu.Question)
	fmt.Fprintf(w, "  why (%s): %s\n", fu.Reason, fu.Why)
}

// amount prints a value with its unit: "30%", "4 h", "$2000000".
func amount(v float64, unit string) string {
	s := fmt.Sprintf("%g", v)
	switch unit {
	case "":
		return s
	case "%", "x":
		return s + unit
	}
	return s + " " + unit
}

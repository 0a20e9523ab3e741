// Package analysis is one answer judged on its own, as `starloop analyze`
// does it: reading the answer (text, or a WAV recording), matching it
// against a story bank, and writing the judgement for a person or as JSON.
package analysis

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

	"github.com/starloop/starloop"
	"github.com/starloop/starloop/audio"
	"github.com/starloop/starloop/interviewer"
	"github.com/starloop/starloop/judge"
	"github.com/starloop/starloop/report"
	"github.com/starloop/starloop/rubric"
	"github.com/starloop/starloop/speech/openai"
)

// MaxAnswerBytes caps the text Read reads: a three-minute answer is about
// 3 KB of text, so 1 MiB is far beyond any answer and still cheap. A
// recording is capped by its length instead: MaxAnswerAudio is well beyond
// the longest answer a session allows (--max-answer, 4 minutes).
const (
	MaxAnswerBytes = 1 << 20
	MaxAnswerAudio = 15 * time.Minute
)

// Read reads the answer from the file name, or from stdin for "-": a WAV
// recording of at most MaxAnswerAudio (rec.PCM set), else text of at most
// MaxAnswerBytes.
func Read(stdin io.Reader, name string) (text []byte, rec audio.Recording, err error) {
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
	if head, _ := br.Peek(12); IsWAV(head) {
		rec, err := audio.ReadRecording(br, MaxAnswerAudio)
		if err != nil {
			return nil, rec, starloop.E(op, starloop.Other, err)
		}
		return nil, rec, nil
	}
	data, err := io.ReadAll(io.LimitReader(br, MaxAnswerBytes+1))
	if err != nil {
		return nil, rec, starloop.E(op, starloop.Invalid, err)
	}
	if len(data) > MaxAnswerBytes {
		return nil, rec, starloop.Errorf(starloop.Invalid, "%s: over 1 MiB of text; an answer is a few kilobytes (a recording is read as WAV, up to %.0f minutes)", op, MaxAnswerAudio.Minutes())
	}
	return data, rec, nil
}

// Transcript turns a written answer, read from name ("-" for standard
// input), into the transcript the rubric judges. Text must be UTF-8
// without NUL bytes and not blank.
func Transcript(name string, data []byte) (starloop.Transcript, error) {
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

// IsWAV reports whether data starts like a WAV file.
func IsWAV(data []byte) bool {
	return bytes.HasPrefix(data, []byte("RIFF")) && len(data) >= 12 && string(data[8:12]) == "WAVE"
}

// Result is an answer's judgement as analyze shows it: the rubric's
// report, with the coach's view when it had one, and the story told.
type Result struct {
	// Saved is the judge's report as the JSON output carries it.
	Saved   json.RawMessage
	Rubric  *rubric.Report
	Coached *openai.CoachedReport // nil without a coach
	Story   *StoryCheck           // nil without a story bank
}

// Of is the result of verdict v, from the offline judge or the coach, read
// from its record as a session saves it (judge.Decode, openai.Coached).
func Of(v interviewer.Verdict) (Result, error) {
	res := Result{Saved: v.Report, Coached: openai.Coached(v.Report)}
	if j := judge.Decode(v.Report); j != nil {
		res.Rubric = j.Report
	}
	if res.Rubric == nil {
		return res, starloop.Errorf(starloop.Other, "analyze: the judge's report is no rubric report")
	}
	return res, nil
}

// WriteText writes the result for a person, in colour if color.
func (res Result) WriteText(w *bufio.Writer, color bool) {
	report.Analysis(w, res.Rubric, color)
	if res.Story != nil {
		res.Story.Write(w)
	}
	writeCoach(w, res.Coached)
}

// WriteJSON writes the saved report as one JSON object, with the field
// "story" added last when the answer was checked against a story bank.
func (res Result) WriteJSON(w io.Writer) error {
	if res.Story != nil {
		out, err := withStory(res.Saved, res.Story.Told)
		if err != nil {
			return err
		}
		_, err = w.Write(out)
		return err
	}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(res.Saved)
}

// writeCoach adds the coach's view to the human report, where there is one.
func writeCoach(w io.Writer, r *openai.CoachedReport) {
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

// Package corpus reads the rubric's labelled answers (testdata/corpus of
// package rubric) and their spoken forms, and turns them into training and
// test examples.
//
// An answer is a list of segments, each with the STAR part it plays, and
// answer-level labels (see testdata/corpus/README.md for the definitions).
// Its spoken form is what pocketsphinx heard when a flite voice read it
// (written by rubric/internal/speak); the parts are carried across to the
// recognised words by aligning them with the written words.
package corpus

import (
	"bufio"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"time"

	"github.com/starloop/starloop"
	"github.com/starloop/starloop/prompts"
	"github.com/starloop/starloop/rubric"
	"github.com/starloop/starloop/speech/wer"
)

// Answer is one labelled answer.
type Answer struct {
	ID             string    `json:"id"`
	Writer         string    `json:"writer"`
	Style          string    `json:"style"`
	Domain         string    `json:"domain"`
	LP             string    `json:"lp"`
	Question       string    `json:"question"`
	Segments       []Segment `json:"segments"`
	Labels         Labels    `json:"labels"`
	ResultMeasures []string  `json:"result_measures"`

	// Spoken is the recognised form, when it has been made.
	Spoken *Spoken `json:"-"`
}

// Segment is a clause or sentence of an answer and the part it plays: S,
// T, A, R or O (none).
type Segment struct {
	Role string `json:"role"`
	Text string `json:"text"`
}

// Labels are what a person said of the whole answer.
type Labels struct {
	Answer           bool `json:"answer"`
	Specific         bool `json:"specific"`
	Situation        bool `json:"situation"`
	Task             bool `json:"task"`
	Action           bool `json:"action"`
	Result           bool `json:"result"`
	MeasurableResult bool `json:"measurable_result"`
	MostlyWe         bool `json:"mostly_we"`
}

// Spoken is an answer as the recogniser heard it.
type Spoken struct {
	Voice string
	Words []starloop.Word
}

// Text is the answer as written: its segments joined with spaces.
func (a Answer) Text() string {
	parts := make([]string, len(a.Segments))
	for i, s := range a.Segments {
		parts[i] = s.Text
	}
	return strings.Join(parts, " ")
}

// Load reads every *.jsonl file in dir, and the spoken forms in
// dir/spoken/ where there are any, in file and line order.
func Load(dir string) ([]Answer, error) {
	files, err := filepath.Glob(filepath.Join(dir, "*.jsonl"))
	if err != nil {
		return nil, err
	}
	sort.Strings(files)
	var out []Answer
	ids := map[string]bool{}
	for _, f := range files {
		as, err := ReadAnswers(f)
		if err != nil {
			return nil, err
		}
		spoken, err := readSpoken(filepath.Join(dir, "spoken", filepath.Base(f)))
		if err != nil {
			return nil, err
		}
		for _, a := range as {
			if ids[a.ID] {
				return nil, fmt.Errorf("%s: id %s is used twice", f, a.ID)
			}
			ids[a.ID] = true
			if s, ok := spoken[a.ID]; ok {
				a.Spoken = s
			}
			out = append(out, a)
		}
	}
	return out, nil
}

// ReadAnswers reads one file of answers, checking each.
func ReadAnswers(path string) ([]Answer, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	var out []Answer
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<20), 1<<20)
	for n := 1; sc.Scan(); n++ {
		line := strings.TrimSpace(sc.Text())
		if line == "" {
			continue
		}
		var a Answer
		if err := json.Unmarshal([]byte(line), &a); err != nil {
			return nil, fmt.Errorf("%s:%d: %w", path, n, err)
		}
		if err := a.check(); err != nil {
			return nil, fmt.Errorf("%s:%d: %s: %w", path, n, a.ID, err)
		}
		out = append(out, a)
	}
	return out, sc.Err()
}

// check holds an answer to the corpus's own rules: the part labels agree
// with the segments, a measurable result has a result.
func (a Answer) check() error {
	var has = map[string]bool{}
	for _, s := range a.Segments {
		switch s.Role {
		case "S", "T", "A", "R", "O":
			has[s.Role] = true
		default:
			return fmt.Errorf("segment role %q is not S, T, A, R or O", s.Role)
		}
	}
	l := a.Labels
	for _, c := range []struct {
		role  string
		label bool
	}{{"S", l.Situation}, {"T", l.Task}, {"A", l.Action}, {"R", l.Result}} {
		if has[c.role] != c.label {
			return fmt.Errorf("label for %s is %v but the segments say %v", c.role, c.label, has[c.role])
		}
	}
	if l.MeasurableResult && !l.Result {
		return fmt.Errorf("measurable_result without a result")
	}
	return nil
}

type spokenLine struct {
	ID    string   `json:"id"`
	Voice string   `json:"voice"`
	Words [][3]any `json:"words"`
}

func readSpoken(path string) (map[string]*Spoken, error) {
	out := map[string]*Spoken{}
	f, err := os.Open(path)
	if os.IsNotExist(err) {
		return out, nil
	}
	if err != nil {
		return nil, err
	}
	defer f.Close()
	dec := json.NewDecoder(f)
	for {
		var l spokenLine
		if err := dec.Decode(&l); err != nil {
			if err.Error() == "EOF" {
				return out, nil
			}
			return nil, fmt.Errorf("%s: %w", path, err)
		}
		s := &Spoken{Voice: l.Voice}
		for _, w := range l.Words {
			text, _ := w[0].(string)
			t0, _ := w[1].(float64)
			t1, _ := w[2].(float64)
			s.Words = append(s.Words, starloop.Word{Text: text, Start: secs(t0), End: secs(t1)})
		}
		out[l.ID] = s
	}
}

func secs(s float64) time.Duration { return time.Duration(s * float64(time.Second)) }

// TextExample is the answer as written, for training or testing.
func (a Answer) TextExample() rubric.Example {
	ex := a.example()
	var b strings.Builder
	for i, s := range a.Segments {
		if i > 0 {
			b.WriteByte(' ')
		}
		start := b.Len()
		b.WriteString(s.Text)
		ex.Spans = append(ex.Spans, rubric.LabelledSpan{Start: start, End: b.Len(), Role: s.Role, Segment: i})
	}
	ex.Transcript = starloop.Transcript{Text: b.String()}
	return ex
}

func (a Answer) example() rubric.Example {
	return rubric.Example{Answer: a.Labels.Answer, Specific: a.Labels.Specific, MeasurableResult: a.Labels.MeasurableResult, LP: a.LP}
}

// SpokenExample is the answer as recognised, with each recognised word
// given the part of the written word it aligns with; false when there is
// no spoken form.
func (a Answer) SpokenExample() (rubric.Example, bool) {
	if a.Spoken == nil {
		return rubric.Example{}, false
	}
	ex := a.example()
	var ref []string
	var refSeg []int
	for i, s := range a.Segments {
		for _, w := range wer.Normalize(s.Text) {
			ref = append(ref, w)
			refSeg = append(refSeg, i)
		}
	}
	hyp := make([]string, len(a.Spoken.Words))
	for i, w := range a.Spoken.Words {
		hyp[i] = strings.ToLower(w.Text)
	}
	seg := Align(ref, refSeg, hyp)
	var b strings.Builder
	for i, w := range hyp {
		if i > 0 {
			b.WriteByte(' ')
		}
		start := b.Len()
		b.WriteString(w)
		ex.Spans = append(ex.Spans, rubric.LabelledSpan{Start: start, End: b.Len(), Role: a.Segments[seg[i]].Role, Segment: seg[i]})
	}
	ex.Transcript = starloop.Transcript{Text: b.String(), Words: a.Spoken.Words}
	return ex, true
}

// Align gives each hypothesis word the label of the reference word it is
// aligned with by the minimum edit distance (substitutions, insertions and
// deletions all cost 1; ties prefer a match or substitution). A word the
// recogniser inserted takes the label of the reference word before it (or
// after it, at the start).
func Align(ref []string, refLabel []int, hyp []string) []int {
	n, m := len(ref), len(hyp)
	out := make([]int, m)
	if n == 0 {
		return out
	}
	d := make([][]int32, n+1)
	for i := range d {
		d[i] = make([]int32, m+1)
		d[i][0] = int32(i)
	}
	for j := 0; j <= m; j++ {
		d[0][j] = int32(j)
	}
	for i := 1; i <= n; i++ {
		for j := 1; j <= m; j++ {
			c := int32(1)
			if ref[i-1] == hyp[j-1] {
				c = 0
			}
			d[i][j] = min(d[i-1][j-1]+c, d[i-1][j]+1, d[i][j-1]+1)
		}
	}
	for j := range out {
		out[j] = -1
	}
	i, j := n, m
	for i > 0 && j > 0 {
		c := int32(1)
		if ref[i-1] == hyp[j-1] {
			c = 0
		}
		switch {
		case d[i][j] == d[i-1][j-1]+c:
			out[j-1] = refLabel[i-1]
			i, j = i-1, j-1
		case d[i][j] == d[i][j-1]+1:
			j-- // inserted; labelled below
		default:
			i--
		}
	}
	// Inserted words: the label of the nearest aligned word before, else
	// after.
	last := -1
	for j := range out {
		if out[j] >= 0 {
			last = out[j]
		} else if last >= 0 {
			out[j] = last
		}
	}
	next := refLabel[0]
	for j := m - 1; j >= 0; j-- {
		if out[j] >= 0 {
			next = out[j]
		} else {
			out[j] = next
		}
	}
	return out
}

// BankExamples teach the LP model what each principle is about in the
// question bank's words: its meaning and what interviewers listen for, and
// each of its questions and probes.
func BankExamples() []rubric.Example {
	bank, err := prompts.Load()
	if err != nil {
		panic("the embedded question bank does not load: " + err.Error())
	}
	var out []rubric.Example
	for _, lp := range bank.LPs() {
		texts := append([]string{lp.Meaning + " " + strings.Join(lp.Signals, ". ")}, lp.Questions...)
		texts = append(texts, lp.FollowUps...)
		for _, t := range texts {
			out = append(out, rubric.Example{Transcript: starloop.Transcript{Text: t}, LP: lp.ID, LPOnly: true})
		}
	}
	return out
}

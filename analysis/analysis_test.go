package analysis

import (
	"bufio"
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/starloop/starloop"
	"github.com/starloop/starloop/interviewer"
	"github.com/starloop/starloop/judge"
	"github.com/starloop/starloop/prompts"
	"github.com/starloop/starloop/rubric"
	"github.com/starloop/starloop/speech/openai"
	"github.com/starloop/starloop/stories"
)

func TestIsWAV(t *testing.T) {
	for data, want := range map[string]bool{
		"RIFF\x24\x00\x00\x00WAVEfmt ": true,
		"RIFF\x24\x00\x00\x00AVI LIST": false,
		"RIFF\x24\x00\x00\x00WAV":      false, // 11 bytes
		"I led the migration.":         false,
	} {
		if got := IsWAV([]byte(data)); got != want {
			t.Errorf("IsWAV(%q) = %v, want %v", data, got, want)
		}
	}
}

func TestReadText(t *testing.T) {
	dir := t.TempDir()
	name := filepath.Join(dir, "answer.txt")
	if err := os.WriteFile(name, []byte("I led it."), 0o600); err != nil {
		t.Fatal(err)
	}
	text, rec, err := Read(nil, name)
	if err != nil || string(text) != "I led it." || rec.PCM != nil {
		t.Errorf("Read(file) = %q, %d samples, %v", text, len(rec.PCM), err)
	}
	text, _, err = Read(strings.NewReader("We shipped."), "-")
	if err != nil || string(text) != "We shipped." {
		t.Errorf("Read(stdin) = %q, %v", text, err)
	}
	_, _, err = Read(nil, filepath.Join(dir, "none.txt"))
	if !starloop.IsKind(err, starloop.NotFound) || !strings.Contains(err.Error(), "no such file") {
		t.Errorf("missing file: %v, want NotFound", err)
	}
	_, _, err = Read(strings.NewReader(strings.Repeat("x", MaxAnswerBytes+1)), "-")
	if !starloop.IsKind(err, starloop.Invalid) || !strings.Contains(err.Error(), "read standard input: over 1 MiB of text") {
		t.Errorf("too big: %v", err)
	}
	if _, _, err = Read(strings.NewReader(strings.Repeat("x", MaxAnswerBytes)), "-"); err != nil {
		t.Errorf("exactly 1 MiB: %v", err)
	}
}

func TestTranscript(t *testing.T) {
	if tr, err := Transcript("a.txt", []byte("I did it.\n")); err != nil || tr.Text != "I did it.\n" {
		t.Errorf("Transcript = %+v, %v", tr, err)
	}
	for _, tt := range []struct{ name, data, want string }{
		{"a.txt", "caf\xe9", "analyze a.txt: not a text file"},
		{"a.txt", "a\x00b", "analyze a.txt: not a text file"},
		{"-", " \n\t", "analyze standard input: the answer is empty"},
	} {
		_, err := Transcript(tt.name, []byte(tt.data))
		if !starloop.IsKind(err, starloop.Invalid) || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("Transcript(%q, %q) = %v, want %q", tt.name, tt.data, err, tt.want)
		}
	}
}

// TestWithStory: the story field goes last, null when none was told, and
// an empty object takes no comma.
func TestWithStory(t *testing.T) {
	got, err := withStory(json.RawMessage(`{"words": 3}`), &ToldStory{ID: "billing", Title: "Billing", Score: 0.5})
	want := "{\n  \"words\": 3,\n  \"story\": {\n    \"id\": \"billing\",\n    \"title\": \"Billing\",\n    \"score\": 0.5\n  }\n}\n"
	if err != nil || string(got) != want {
		t.Errorf("withStory = %q, %v; want %q", got, err, want)
	}
	got, err = withStory(json.RawMessage(`{}`), nil)
	if err != nil || string(got) != "{\n  \"story\": null\n}\n" {
		t.Errorf("withStory(empty, nil) = %q, %v", got, err)
	}
	if _, err := withStory(json.RawMessage(`[1]`), nil); err == nil {
		t.Error("withStory of an array: no error")
	}
}

// TestOf: the result reads the rubric's report from the record the judge
// saves, on its own or inside the coach's.
func TestOf(t *testing.T) {
	r := rubric.Report{Answer: true, Specific: true, Words: 3}
	rec, err := judge.Encode(judge.Judged{Report: &r})
	if err != nil {
		t.Fatal(err)
	}
	res, err := Of(interviewer.Verdict{Report: rec})
	if err != nil || res.Rubric == nil || !reflect.DeepEqual(*res.Rubric, r) || res.Coached != nil || string(res.Saved) != string(rec) {
		t.Errorf("Of(judged) = %+v, %v", res, err)
	}
	coached, err := json.Marshal(openai.CoachedReport{Rubric: rec, Coach: openai.CoachReply{Feedback: "Fine."}})
	if err != nil {
		t.Fatal(err)
	}
	res, err = Of(interviewer.Verdict{Report: coached})
	if err != nil || res.Rubric == nil || !reflect.DeepEqual(*res.Rubric, r) || res.Coached == nil || res.Coached.Coach.Feedback != "Fine." {
		t.Errorf("Of(coached) = %+v, %v", res, err)
	}
	for _, bad := range []string{`"text"`, ``} {
		if _, err := Of(interviewer.Verdict{Report: json.RawMessage(bad)}); !starloop.IsKind(err, starloop.Other) || !strings.Contains(err.Error(), "the judge's report is no rubric report") {
			t.Errorf("Of(%s) error %v", bad, err)
		}
	}
}

func TestWriteCoach(t *testing.T) {
	var b bytes.Buffer
	w := bufio.NewWriter(&b)
	writeCoach(w, nil)
	writeCoach(w, &openai.CoachedReport{
		Coach:    openai.CoachReply{Feedback: "Say what you did.", FollowUp: "What did you change?", Reason: "the action is vague"},
		Disagree: []string{"result: rubric yes, coach no"},
	})
	w.Flush()
	want := "\nCoach: Say what you did.\n  would ask: What did you change? (the action is vague)\n  disagrees: result: rubric yes, coach no\n"
	if b.String() != want {
		t.Errorf("writeCoach wrote %q, want %q", b.String(), want)
	}
}

func TestCheckStoryEmptyBank(t *testing.T) {
	bank, err := prompts.Load()
	if err != nil {
		t.Fatal(err)
	}
	f := stories.Parse("s.yaml", []byte("stories: []\n"), bank)
	if f.Err() != nil {
		t.Skipf("the parser rejects an empty list: %v", f.Err())
	}
	_, err = CheckStory(f, "s.yaml", bank, "I did it.")
	if !starloop.IsKind(err, starloop.Invalid) || !strings.Contains(err.Error(), "the story bank s.yaml holds no story") {
		t.Errorf("CheckStory(empty) = %v", err)
	}
}

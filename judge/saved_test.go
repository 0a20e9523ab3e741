package judge

import (
	"context"
	"encoding/json"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/starloop/starloop/interviewer"
	"github.com/starloop/starloop/rubric"
)

// TestEmptyFollowUpKeepsStory is issue 9 at the judge: a follow-up where
// nothing was said is judged with its thread, and the story it saves is
// the main answer's, not "no answer".
func TestEmptyFollowUpKeepsStory(t *testing.T) {
	j, main, story := deployStory(t)
	ctx := context.Background()
	first, err := j.Judge(ctx, interviewer.Answer{Question: main, Transcript: story})
	if err != nil {
		t.Fatal(err)
	}
	fq := interviewer.Question{LP: "ownership", Text: "How did you measure it?", FollowUp: true}
	v, err := j.Judge(ctx, interviewer.Answer{Question: fq, Thread: []interviewer.Turn{{Question: main, Transcript: story}}, Asked: []string{fq.Text}})
	if err != nil {
		t.Fatal(err)
	}
	saved, before := Decode(v.Report), Decode(first.Report)
	if v.Words != 0 || saved.Report.Answer || saved.Story == nil {
		t.Fatalf("empty follow-up: words %d, own answer %v, story %v; want 0 words, no answer of its own, the thread's story", v.Words, saved.Report.Answer, saved.Story)
	}
	if got, want := saved.Verdict(), before.Verdict(); got != want || !got.Inclined() || v.Leaning != string(want) {
		t.Errorf("empty follow-up: verdict %q (shown %q), want the story's %q", got, v.Leaning, want)
	}
}

func TestDecode(t *testing.T) {
	tests := []struct {
		name         string
		raw          string
		answer, spec bool
		story        *bool // the story's Specific; nil for no story
		verdict      Verdict
	}{
		{"empty", ``, false, false, nil, Unknown},
		{"damaged", `{"answer": tru`, false, false, nil, Unknown},
		// Every part, but no one specific time: no story to weigh (and
		// "parts of STAR are missing" would be untrue).
		{"today", `{"answer": true, "specific": false, "complete": true}`, true, false, nil, NoAnswer},
		// Saved before "specific": then "answer" meant one specific story.
		{"older", `{"answer": true, "complete": true}`, true, true, nil, Weak},
		{"older story", `{"answer": false, "story": {"answer": true}}`, false, false, ptr(true), Weak},
		// The coach's record holds the rubric's judgement under "rubric".
		{"coached", `{"rubric": {"answer": true, "specific": true, "story": {"answer": false, "specific": false}}, "coach": {"result": true}}`, true, true, ptr(false), NoAnswer},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			j := Decode(json.RawMessage(tt.raw))
			if got := j.Verdict(); got != tt.verdict {
				t.Errorf("verdict %q, want %q", got, tt.verdict)
			}
			if j == nil {
				if tt.answer || tt.story != nil {
					t.Fatalf("nil, want a judgement")
				}
				return
			}
			if j.Answer != tt.answer || j.Specific != tt.spec {
				t.Errorf("answer %v specific %v, want %v %v", j.Answer, j.Specific, tt.answer, tt.spec)
			}
			if (j.Story == nil) != (tt.story == nil) || (j.Story != nil && j.Story.Specific != *tt.story) {
				t.Errorf("story %+v, want specific %v", j.Story, tt.story)
			}
		})
	}
}

func ptr[T any](v T) *T { return &v }

// TestDecodeIntroduction: an introduction is saved as one, with its own
// check and no rubric report, and read back as exactly that: no STAR
// report to show, so no STAR verdict. A record written by hand in the
// saved form decodes to the check it spells out.
func TestDecodeIntroduction(t *testing.T) {
	raw := `{"kind": "introduction", "intro": {"length_ns": 75000000000, "words": 180, "now": true, "before": true, "next": false,
		"role": true, "experience": true, "highlight": false, "why": true}}`
	j := Decode(json.RawMessage(raw))
	want := IntroCheck{Length: 75 * time.Second, Words: 180, Now: true, Before: true, Role: true, Experience: true, Why: true}
	if j == nil || j.Kind != IntroKind || j.Intro == nil || *j.Intro != want {
		t.Fatalf("decoded %+v, want the introduction %+v", j, want)
	}
	if j.Report != nil || j.Story != nil || j.Thread() != nil || j.Verdict() != Unknown {
		t.Errorf("an introduction decoded with a STAR report: %+v, verdict %q", j.Report, j.Verdict())
	}
	// What is saved is what is read.
	b, err := Encode(Introduction(want))
	if err != nil {
		t.Fatal(err)
	}
	if back := Decode(b); back == nil || back.Intro == nil || *back.Intro != want || back.Report != nil {
		t.Errorf("round trip of %s: %+v", b, back)
	}
	if strings.Contains(string(b), `"star"`) || strings.Contains(string(b), `"answer"`) {
		t.Errorf("the saved introduction carries a STAR report: %s", b)
	}
}

// TestEncode: a story's judgement, as the judge carries it in the
// verdict, reads back whole, the thread's report and the verdict with it.
func TestEncode(t *testing.T) {
	own := &rubric.Report{Answer: true, Specific: true, Words: 12, Minutes: 0.5,
		STAR: rubric.STAR{Result: rubric.Part{Present: true, Share: 0.25, Spans: []rubric.Span{{Start: 3, End: 12, Text: "costs fell by forty percent"}}}}}
	story := &rubric.Report{Answer: true, Specific: true, Complete: true, MeasurableResult: true, Words: 40,
		Ownership: rubric.Ownership{I: 4}, Metrics: []rubric.Metric{{Text: "forty percent", InResult: true}}}
	saved := Judged{Report: own, Story: story}
	b, err := Encode(saved)
	if err != nil {
		t.Fatal(err)
	}
	back := Decode(b)
	if back == nil || !reflect.DeepEqual(*back, saved) {
		t.Fatalf("Decode(Encode(%+v)) = %+v", saved, back)
	}
	if back.Verdict() != Strong {
		t.Errorf("verdict %q, want %q: the thread's story is complete, measured and told as I", back.Verdict(), Strong)
	}
}

// TestVerdictOf: each verdict from the labels that make it, worked by hand
// from the rules in VerdictOf's comment.
func TestVerdictOf(t *testing.T) {
	full := func() *rubric.Report {
		r := &rubric.Report{Answer: true, Specific: true, Complete: true, MeasurableResult: true}
		r.STAR.Situation.Present, r.STAR.Task.Present, r.STAR.Action.Present, r.STAR.Result.Present = true, true, true, true
		return r
	}
	habit := full()
	habit.Specific = false // all four parts, but what I usually do
	none := &rubric.Report{}
	weare := full()
	weare.Ownership.MostlyWe = true
	noResult := full()
	noResult.STAR.Result.Present, noResult.Complete, noResult.MeasurableResult = false, false, false
	for name, tt := range map[string]struct {
		r    *rubric.Report
		want Verdict
	}{
		"nil":                 {nil, Unknown},
		"no attempt":          {none, NoAnswer},
		"a habit, four parts": {habit, NoAnswer},
		"whole story":         {full(), Strong},
		"mostly we":           {weare, Good},
		"no result":           {noResult, Weak},
	} {
		if got := VerdictOf(tt.r); got != tt.want {
			t.Errorf("%s: %q, want %q", name, got, tt.want)
		}
	}
}

package judge

import (
	"context"
	"testing"
	"time"

	"github.com/starloop/starloop"
	"github.com/starloop/starloop/interviewer"
	"github.com/starloop/starloop/prompts"
	"github.com/starloop/starloop/rubric"
)

func TestJoinTranscripts(t *testing.T) {
	s := time.Second
	w := func(text string, start, end time.Duration) starloop.Word {
		return starloop.Word{Text: text, Start: start, End: end}
	}
	a := starloop.Transcript{Text: "i fixed it", Words: []starloop.Word{w("i", 0, s/2), w("fixed", s/2, s), w("it", s, 2*s)}}
	b := starloop.Transcript{Text: "errors fell", Words: []starloop.Word{w("errors", s, 2*s), w("fell", 2*s, 3*s)}}
	got := Join([]starloop.Transcript{a, b})
	if got.Text != "i fixed it errors fell" {
		t.Errorf("text %q", got.Text)
	}
	// b starts where a ended (2 s): its words move by 2 s.
	want := []starloop.Word{w("i", 0, s/2), w("fixed", s/2, s), w("it", s, 2*s), w("errors", 3*s, 4*s), w("fell", 4*s, 5*s)}
	if len(got.Words) != len(want) {
		t.Fatalf("words %v", got.Words)
	}
	for i := range want {
		if got.Words[i] != want[i] {
			t.Errorf("word %d = %v, want %v", i, got.Words[i], want[i])
		}
	}
	untimed := Join([]starloop.Transcript{a, {Text: "and then more"}})
	if untimed.Timed() || untimed.Text != "i fixed it and then more" {
		t.Errorf("with an untimed part: %+v", untimed)
	}
}

// TestRubricThreads checks that a follow-up answer completes the
// story it follows instead of being judged alone.
func TestRubricThreads(t *testing.T) {
	judge, main, story := deployStory(t)
	ctx := context.Background()
	v, err := judge.Judge(ctx, interviewer.Answer{Question: main, Transcript: story})
	if err != nil {
		t.Fatal(err)
	}
	if !v.Situation || !v.Task || !v.Action || !v.Result || len(v.Measures) != 0 {
		t.Fatalf("story verdict %+v: want all four parts and no measure", v)
	}
	if v.FollowUp.Reason != string(rubric.ReasonNoMeasure) {
		t.Fatalf("follow-up %+v, want no_measure", v.FollowUp)
	}

	// 12 words: too short to be a story on its own, but it gives the measure.
	follow := interviewer.Question{LP: "ownership", Text: v.FollowUp.Question, FollowUp: true, Reason: v.FollowUp.Reason}
	reply := starloop.Transcript{Text: "failed deploys dropped from thirty percent to five percent within two months"}
	thread := []interviewer.Turn{{Question: main, Transcript: story}}
	v2, err := judge.Judge(ctx, interviewer.Answer{Question: follow, Transcript: reply, Thread: thread, Asked: []string{follow.Text}})
	if err != nil {
		t.Fatal(err)
	}
	if len(v2.Measures) == 0 || !v2.Action {
		t.Errorf("thread verdict %+v: want the story's action and the reply's measure", v2)
	}
	if v2.Words != 12 {
		t.Errorf("words %d, want the reply's own 12", v2.Words)
	}
	saved := Decode(v2.Report)
	if saved == nil || saved.Story == nil || saved.Report.Words != 12 {
		t.Fatalf("saved report %+v: want the reply's own report and the story's", v2.Report)
	}
	if v2.FollowUp.Reason == string(rubric.ReasonNoMeasure) {
		t.Errorf("the measure was given, yet the next follow-up asks for one again")
	}

	// The reply alone, outside the thread, is no story and has no action.
	alone, err := judge.Judge(ctx, interviewer.Answer{Question: follow, Transcript: reply, Asked: []string{follow.Text}})
	if err != nil {
		t.Fatal(err)
	}
	if alone.Action {
		t.Errorf("the reply judged alone has an action: %+v", alone)
	}

	// A new main question starts a new thread: the old measure is gone.
	next := interviewer.Question{LP: "ownership", Text: "Tell me about a time you fixed something nobody owned."}
	v3, err := judge.Judge(ctx, interviewer.Answer{Question: next, Transcript: story})
	if err != nil {
		t.Fatal(err)
	}
	if len(v3.Measures) != 0 {
		t.Errorf("new thread carries measures %v from the old one", v3.Measures)
	}
}

// deployStory is the offline judge, an Ownership question and a story with
// all four STAR parts and no measure.
func deployStory(t *testing.T) (interviewer.Judge, interviewer.Question, starloop.Transcript) {
	t.Helper()
	bank, err := prompts.Load()
	if err != nil {
		t.Fatal(err)
	}
	main := interviewer.Question{LP: "ownership", Text: "Tell me about a time you took on something outside your role."}
	story := starloop.Transcript{Text: "At my last job our deploys kept failing and releases slipped by weeks. " +
		"I was responsible for the release pipeline. I dug into the logs, found that flaky tests caused most " +
		"failures, and I rewrote them. As a result the deploys became reliable again."}
	return Rubric(rubric.New(), bank), main, story
}

package day

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/starloop/starloop"
	"github.com/starloop/starloop/interviewer"
	"github.com/starloop/starloop/judge"
	"github.com/starloop/starloop/prompts"
	"github.com/starloop/starloop/report"
	"github.com/starloop/starloop/rubric"
	"github.com/starloop/starloop/session"
)

// TestOneVerdictEverywhere holds a round through the day's own view and
// store (as the Runner does), judged by the offline judge, and reads the
// saved session back through every place that states a verdict: the live
// summary, review, the Markdown, JSON and HTML reports, the debrief and
// the sessions list. Issue 9 is answer 2: Enter on the follow-up without a
// word must leave the story of answer 1 as it was, everywhere.
func TestOneVerdictEverywhere(t *testing.T) {
	bank, err := prompts.Load()
	if err != nil {
		t.Fatal(err)
	}
	j := judge.Rubric(rubric.New(), bank)
	dir := t.TempDir()
	store, err := session.Open(dir, session.Options{
		Now: func() time.Time { return time.Date(2026, 12, 7, 9, 0, 0, 0, time.UTC) },
	})
	if err != nil {
		t.Fatal(err)
	}
	sess, err := store.NewSession(session.Meta{LPs: []string{"ownership", "dive-deep"}})
	if err != nil {
		t.Fatal(err)
	}
	round := Round{N: 1, Interviewer: "Priya", LPs: []string{"ownership", "dive-deep"}}
	var live bytes.Buffer
	h := &holder{Setup: Setup{Bank: bank, Session: sess, Out: &live}, lpName: bank.Name, tracker: NewTracker(background(bank), nil, bank.Name)}
	view := &roundView{View: interviewer.NewTextView(&live, false, 0), h: h, round: round}
	st := &roundStore{s: sess, saved: func(a session.Answer) { h.saved(round, a) }}

	own := interviewer.Question{LP: "ownership", Text: "Tell me about a time you took on something outside your role."}
	deep := interviewer.Question{LP: "dive-deep", Text: "Tell me about a time you dug into data to find a problem."}
	script := []struct {
		q    interviewer.Question
		text string
	}{
		// A whole story: situation, task, what I did, a measured result.
		{own, "Last year our billing job failed every night and invoices went out late. " +
			"I was responsible for fixing it before the quarter closed. I traced the failures to lock timeouts, " +
			"I rewrote the job to work in batches and I added alerts. As a result failures fell from twenty percent to one percent."},
		// Enter on the follow-up without a word (issue 9).
		{interviewer.Question{LP: "ownership", Text: "How did you measure it?", FollowUp: true, Reason: "no_measure"}, ""},
		// No story at all: what one would do.
		{deep, "I would probably look at the dashboards and talk to the team."},
	}
	var thread []interviewer.Turn
	for i, s := range script {
		if !s.q.FollowUp {
			thread = nil
		}
		tr := starloop.Transcript{Text: s.text}
		v, err := j.Judge(context.Background(), interviewer.Answer{Question: s.q, Transcript: tr, Thread: thread})
		if err != nil {
			t.Fatal(err)
		}
		v.Heard = s.text
		n := i + 1
		view.Verdict(n, s.q, v)
		b, err := json.Marshal(v.Report)
		if err != nil {
			t.Fatal(err)
		}
		if err := st.SaveAnswer(session.Answer{N: n, LP: s.q.LP, Question: s.q.Text, FollowUp: s.q.FollowUp, Reason: s.q.Reason,
			Audio: session.AudioName(n), Transcript: tr, Report: b}); err != nil {
			t.Fatal(err)
		}
		thread = append(thread, interviewer.Turn{Question: s.q, Transcript: tr})
	}
	if err := sess.Close(session.Complete); err != nil {
		t.Fatal(err)
	}
	debrief := Build(Day{Rounds: []Round{round}}, h.answers, h.lpName)

	rs, err := report.Load(dir, sess.ID(), report.Options{LPName: bank.Name, NoAudio: true})
	if err != nil {
		t.Fatal(err)
	}
	// The verdicts, by hand: answer 1 tells a whole story (an interviewer
	// is inclined to it); answer 2 adds nothing, so the story stands as
	// answer 1 told it; answer 3 is a hypothetical, no story.
	want := []judge.Verdict{rs.Answers[0].Verdict, rs.Answers[0].Verdict, judge.NoAnswer}
	if !want[0].Inclined() {
		t.Fatalf("answer 1: verdict %q, want strong or inclined", want[0])
	}
	for i, a := range rs.Answers {
		if a.Verdict != want[i] {
			t.Errorf("report, answer %d: verdict %q, want %q", a.N, a.Verdict, want[i])
		}
	}

	// Each rendering states the verdicts of the answers in order.
	verdicts := func(name, text, pattern string) {
		t.Helper()
		var got []judge.Verdict
		for _, m := range regexp.MustCompile(pattern).FindAllStringSubmatch(text, -1) {
			got = append(got, judge.Verdict(m[1]))
		}
		if fmt.Sprint(got) != fmt.Sprint(want) {
			t.Errorf("%s states verdicts\n%q\nwant\n%q", name, got, want)
		}
	}
	verdicts("the live summary", live.String(), `(?m)^  Verdict   (.*?)(?: \(the story as told before\))?$`)
	var b bytes.Buffer
	if err := report.Text(&b, rs); err != nil {
		t.Fatal(err)
	}
	verdicts("review", b.String(), `(?m)^  Verdict   (.*)$`)
	b.Reset()
	if err := report.Markdown(&b, rs); err != nil {
		t.Fatal(err)
	}
	verdicts("the Markdown report", b.String(), `(?m)^\| Verdict \| (.*) \|$`)
	b.Reset()
	if err := report.JSON(&b, rs); err != nil {
		t.Fatal(err)
	}
	verdicts("the JSON report", b.String(), `"verdict": "(.*)"`)
	b.Reset()
	if err := report.HTML(&b, rs, report.HTMLOptions{}); err != nil {
		t.Fatal(err)
	}
	verdicts("the HTML report", b.String(), `<td>Verdict</td><td>(.*?)</td>`)

	// The debrief states one verdict a story: the verdict of its last
	// answer, as review shows it.
	iv := debrief.Interviewers[0]
	ownName, deepName := bank.Name("ownership"), bank.Name("dive-deep")
	wantLines := []string{ownName + " (answers 1, 2): " + string(want[1]), deepName + " (answer 3): " + string(want[2])}
	if fmt.Sprint(iv.Verdicts) != fmt.Sprint(wantLines) {
		t.Errorf("debrief verdicts\n%q\nwant\n%q", iv.Verdicts, wantLines)
	}
	md := debrief.Markdown()
	for _, l := range wantLines {
		if !strings.Contains(md, "  - "+l+"\n") {
			t.Errorf("debrief.md lacks %q:\n%s", l, md)
		}
	}
	if strings.Contains(md, "no answer heard") {
		t.Errorf("debrief.md says \"no answer heard\" after an empty follow-up:\n%s", md)
	}
	for _, m := range debrief.Mismatches {
		if strings.HasPrefix(m, "answer 2 ") {
			t.Errorf("debrief: %q; nothing was said in answer 2", m)
		}
	}
	// Not inclined: one of the two stories is not a story.
	if iv.Leaning != NotInclined {
		t.Errorf("leaning %q, want %q", iv.Leaning, NotInclined)
	}
	for _, lp := range debrief.LPs {
		if lp.ID == "ownership" && !strings.Contains(strings.Join(lp.Evidence, "; "), "Action and Result heard") {
			t.Errorf("debrief on %s: evidence %q, want the story's parts", lp.Name, lp.Evidence)
		}
	}

	// The sessions list counts the stories an interviewer is inclined to:
	// one of two.
	metas, err := session.List(dir)
	if err != nil {
		t.Fatal(err)
	}
	b.Reset()
	if err := report.List(&b, dir, metas, report.Options{LPName: bank.Name, NoAudio: true}); err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(strings.TrimSpace(b.String()), "\n")
	head, row := lines[0], lines[len(lines)-1]
	col := strings.Index(head, "INCLINED")
	if col < 0 || len(row) <= col || !strings.HasPrefix(row[col:], "1/2 ") {
		t.Errorf("sessions list:\n%s\nwant 1/2 under INCLINED", b.String())
	}
}

package interviewer

import (
	"bytes"
	"encoding/json"
	"fmt"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/starloop/starloop"
	"github.com/starloop/starloop/session"
)

// t0 is when listening to the first answer begins in these tests.
var t0 = time.Date(2026, 11, 27, 15, 0, 0, 0, time.UTC)

// at is t0 plus s seconds.
func at(s float64) time.Time { return t0.Add(sec(s)) }

var (
	q1 = Question{LP: "ownership", Text: "Tell me about a time you took ownership."}
	q2 = Question{LP: "dive-deep", Text: "Tell me about a time you dug into data."}
	q3 = Question{LP: "ownership", Text: "Tell me about a time you went beyond your role."}
)

var testLines = Lines{Warning: "Please wrap up.", Nudge: "Take your time.", Transitions: []string{"Next."}, Closing: "Goodbye."}

// step feeds one event and says what must come out. cmds nil means no
// command; state is checked after the event.
type step struct {
	ev    Event
	cmds  []Command
	state State
}

func feed(t *testing.T, m *Machine, steps []step) {
	t.Helper()
	for i, s := range steps {
		got := m.Update(s.ev)
		if !reflect.DeepEqual(got, s.cmds) {
			t.Fatalf("step %d, %#v:\n got %s\nwant %s", i, s.ev, show(got), show(s.cmds))
		}
		if m.State() != s.state {
			t.Fatalf("step %d, %#v: state %v, want %v", i, s.ev, m.State(), s.state)
		}
	}
}

func show(cmds []Command) string {
	var parts []string
	for _, c := range cmds {
		parts = append(parts, fmt.Sprintf("%+v", c))
	}
	return "[" + strings.Join(parts, ", ") + "]"
}

// listening returns a machine on plan that has asked its first question
// (Say 1) and is listening since t0.
func listening(t *testing.T, plan []Question, cfg Config) *Machine {
	t.Helper()
	cfg.Lines = testLines
	m, err := NewMachine(plan, cfg)
	if err != nil {
		t.Fatal(err)
	}
	if got, want := m.Start(), []Command{Say{ID: 1, Text: plan[0].Text}}; !reflect.DeepEqual(got, want) {
		t.Fatalf("Start: %s, want %s", show(got), show(want))
	}
	feed(t, m, []step{
		{PlaybackDone{ID: 1}, []Command{StartRecording{N: 1, Question: plan[0]}}, Listening},
		{Tick{t0}, nil, Listening},
	})
	return m
}

// words makes a transcript of text, one word a second from `from`.
func words(text string, from time.Duration) starloop.Transcript {
	t := starloop.Transcript{Text: text}
	for i, w := range strings.Fields(text) {
		s := from + time.Duration(i)*time.Second
		t.Words = append(t.Words, starloop.Word{Text: w, Start: s, End: s + time.Second})
	}
	return t
}

func verdictAsking(reason, q string) Verdict {
	return Verdict{Situation: true, Action: true, Words: 3, Length: 3 * time.Second, FollowUp: FollowUp{Reason: reason, Question: q}}
}

func TestTurnTaking(t *testing.T) {
	tr := words("I fixed it", 5*time.Second)
	v := verdictAsking("no-measure", "How did you measure it?")
	kept := v // as shown and saved: with the text judged
	kept.Heard = "I fixed it"
	fq := Question{LP: "ownership", Text: "How did you measure it?", FollowUp: true, Reason: "no-measure"}
	audio := []int16{1, 2, 3}
	// The answer: speech from 5 s to 10 s, then silence.
	spoke := []step{
		{SpeechStarted{at(5)}, nil, Listening},
		{Tick{at(5)}, nil, Listening},
		{SpeechStopped{at(10)}, []Command{FinishTranscript{Attempt: 1, Until: at(13)}}, Pending},
	}
	ready := []step{
		{TranscriptReady{Attempt: 1, Transcript: tr}, []Command{JudgeAnswer{1, Answer{Question: q1, Transcript: tr}}}, Pending},
		{ReportReady{Attempt: 1, Verdict: v}, []Command{SynthesizeReply{1, fq.Text}}, Pending},
		{ReplyReady{Attempt: 1, Audio: audio}, nil, Pending},
	}
	// The turn ends at 13 s: 3 s of patience after speech stopped at 10 s.
	timings := session.Timings{Listen: t0, FirstSpeech: 5 * time.Second, End: 13 * time.Second, EndReason: EndSilence}
	ended := []Command{
		StopRecording{N: 1, Keep: true},
		TurnEnded{N: 1, Reason: EndSilence},
		ShowVerdict{N: 1, Question: q1, Verdict: kept},
		Play{ID: 2, Text: fq.Text, Audio: audio},
		SaveAnswer{N: 1, Question: q1, Transcript: &tr, Verdict: &kept, Timings: timings},
	}

	tests := []struct {
		name  string
		steps [][]step
	}{
		{"a thinking pause before speech does not end the turn", [][]step{{
			{Tick{at(3)}, nil, Listening},
			{Tick{at(30)}, nil, Listening},
			{Tick{at(59.98)}, nil, Listening},
		}}},
		{"3 s of silence after speech ends it, the reply ready", [][]step{spoke, ready, {
			{Tick{at(12.98)}, nil, Pending},
			{Tick{at(13)}, ended, FollowingUp},
			{PlaybackDone{ID: 2}, []Command{StartRecording{N: 2, Question: fq}}, Listening},
		}}},
		{"a pause shorter than the patience does not end it", [][]step{spoke, {
			{Tick{at(12.5)}, nil, Pending},
			{SpeechStarted{at(12.6)}, []Command{DiscardAttempt{1}, ResumeTranscript{}}, Listening},
			{Tick{at(13)}, nil, Listening},
			{Tick{at(20)}, nil, Listening},
		}}},
		{"speech resuming throws the prepared reply away", [][]step{spoke, ready, {
			{SpeechStarted{at(11)}, []Command{DiscardAttempt{1}, ResumeTranscript{}}, Listening},
			// Late results of the discarded attempt change nothing.
			{ReplyReady{Attempt: 1, Audio: audio}, nil, Listening},
			{Tick{at(14)}, nil, Listening},
			{SpeechStopped{at(15)}, []Command{FinishTranscript{Attempt: 2, Until: at(18)}}, Pending},
			{ReportReady{Attempt: 1, Verdict: v}, nil, Pending},
			// 3 s after 15 s: the turn ends with nothing ready.
			{Tick{at(18)}, []Command{StopRecording{N: 1, Keep: true}, TurnEnded{N: 1, Reason: EndSilence}}, Transcribing},
			{TranscriptReady{Attempt: 2, Transcript: tr}, []Command{JudgeAnswer{2, Answer{Question: q1, Transcript: tr}}}, Judging},
			{ReportReady{Attempt: 2, Verdict: v}, []Command{SynthesizeReply{2, fq.Text}}, Judging},
			{ReplyReady{Attempt: 2, Audio: audio}, []Command{
				ShowVerdict{N: 1, Question: q1, Verdict: kept},
				Play{ID: 2, Text: fq.Text, Audio: audio},
				SaveAnswer{N: 1, Question: q1, Transcript: &tr, Verdict: &kept,
					Timings: session.Timings{Listen: t0, FirstSpeech: 5 * time.Second, End: 18 * time.Second, EndReason: EndSilence}},
			}, FollowingUp},
		}}},
		{"Enter ends the turn at once", [][]step{{
			{SpeechStarted{at(5)}, nil, Listening},
			{Tick{at(9)}, nil, Listening},
			{KeyPressed{KeyEnter}, []Command{StopRecording{N: 1, Keep: true}, FinishTranscript{Attempt: 1}, TurnEnded{N: 1, Reason: EndEnter}}, Transcribing},
			{TranscriptReady{Attempt: 1, Transcript: tr}, []Command{JudgeAnswer{1, Answer{Question: q1, Transcript: tr}}}, Judging},
			{ReportReady{Attempt: 1, Verdict: v}, []Command{SynthesizeReply{1, fq.Text}}, Judging},
			{ReplyReady{Attempt: 1, Audio: audio}, []Command{
				ShowVerdict{N: 1, Question: q1, Verdict: kept},
				Play{ID: 2, Text: fq.Text, Audio: audio},
				SaveAnswer{N: 1, Question: q1, Transcript: &tr, Verdict: &kept,
					Timings: session.Timings{Listen: t0, FirstSpeech: 5 * time.Second, End: 9 * time.Second, EndReason: EndEnter}},
			}, FollowingUp},
		}}},
		{"r repeats the question and starts the answer over", [][]step{spoke, {
			{KeyPressed{KeyRepeat}, []Command{StopPlayback{}, StopRecording{N: 1, Keep: false}, DiscardAttempt{1}, Say{ID: 2, Text: q1.Text}}, Asking},
			{TranscriptReady{Attempt: 1, Transcript: tr}, nil, Asking},
			{PlaybackDone{ID: 2}, []Command{StartRecording{N: 1, Question: q1}}, Listening},
		}}},
		{"s skips to the next main question, and says so", [][]step{{
			{KeyPressed{KeySkip}, []Command{StopPlayback{}, StopRecording{N: 1, Keep: false}, Note{"Skipped."}, Say{ID: 2, Text: "Next. " + q2.Text}}, Asking},
			{PlaybackDone{ID: 2}, []Command{StartRecording{N: 1, Question: q2}}, Listening},
		}}},
		{"q saves the answer and quits", [][]step{spoke, {
			{Tick{at(11)}, nil, Pending},
			{KeyPressed{KeyQuit}, []Command{StopRecording{N: 1, Keep: true}, TurnEnded{N: 1, Reason: EndQuit}}, Transcribing},
			{TranscriptReady{Attempt: 1, Transcript: tr}, []Command{JudgeAnswer{1, Answer{Question: q1, Transcript: tr}}}, Judging},
			{ReportReady{Attempt: 1, Verdict: v}, []Command{
				ShowVerdict{N: 1, Question: q1, Verdict: kept},
				SaveAnswer{N: 1, Question: q1, Transcript: &tr, Verdict: &kept,
					Timings: session.Timings{Listen: t0, FirstSpeech: 5 * time.Second, End: 11 * time.Second, EndReason: EndQuit}},
				CloseSession{session.Stopped},
			}, Done},
		}}},
		{"q before any speech quits without saving", [][]step{{
			{KeyPressed{KeyQuit}, []Command{StopPlayback{}, StopRecording{N: 1, Keep: false}, CloseSession{session.Stopped}}, Done},
		}}},
		{"the cap warning, then the cap", [][]step{{
			// Cap 4 min, warning 20 s before: at 220 s.
			{SpeechStarted{at(2)}, nil, Listening},
			{Tick{at(219.98)}, nil, Listening},
			{Tick{at(220)}, []Command{Say{ID: 2, Text: "Please wrap up."}}, Listening},
			{Tick{at(225)}, nil, Listening},
			{PlaybackDone{ID: 2}, nil, Listening},
			{Tick{at(239.98)}, nil, Listening},
			{Tick{at(240)}, []Command{StopRecording{N: 1, Keep: true}, FinishTranscript{Attempt: 1}, TurnEnded{N: 1, Reason: EndCap}}, Transcribing},
		}}},
		{"the cap cuts the warning short if it is still playing", [][]step{{
			{SpeechStarted{at(2)}, nil, Listening},
			{Tick{at(220)}, []Command{Say{ID: 2, Text: "Please wrap up."}}, Listening},
			{Tick{at(240)}, []Command{StopPlayback{}, StopRecording{N: 1, Keep: true}, FinishTranscript{Attempt: 1}, TurnEnded{N: 1, Reason: EndCap}}, Transcribing},
			{PlaybackDone{ID: 2, Err: fmt.Errorf("stopped")}, nil, Transcribing},
		}}},
		{"no speech: a nudge at 60 s, whose echo is not speech, then NoSpeech at 120 s", [][]step{{
			{Tick{at(60)}, []Command{Say{ID: 2, Text: "Take your time."}}, Listening},
			{SpeechStarted{at(60.5)}, nil, Listening},
			{SpeechStopped{at(61.5)}, nil, Listening},
			{PlaybackDone{ID: 2}, []Command{ResetVAD{}}, Listening},
			{Tick{at(119.98)}, nil, Listening},
			{Tick{at(120)}, []Command{StopPlayback{}, StopRecording{N: 1, Keep: false}, CloseSession{session.Interrupted}}, Done},
		}}},
		{"Ctrl-C keeps the answer under way", [][]step{spoke, {
			{Tick{at(11)}, nil, Pending},
			{Canceled{}, []Command{StopPlayback{}, StopRecording{N: 1, Keep: true},
				SaveAnswer{N: 1, Question: q1, Timings: session.Timings{Listen: t0, FirstSpeech: 5 * time.Second, End: 11 * time.Second, EndReason: EndQuit}},
				CloseSession{session.Interrupted}}, Done},
			{Tick{at(14)}, nil, Done},
		}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			m := listening(t, []Question{q1, q2}, Config{})
			for _, steps := range tt.steps {
				feed(t, m, steps)
			}
		})
	}
}

func TestEndErrors(t *testing.T) {
	tests := []struct {
		name  string
		steps []step
		kind  starloop.Kind
	}{
		{"no speech", []step{
			{Tick{at(60)}, []Command{Say{ID: 2, Text: "Take your time."}}, Listening},
			{Tick{at(120)}, []Command{StopPlayback{}, StopRecording{N: 1, Keep: false}, CloseSession{session.Interrupted}}, Done},
		}, starloop.NoSpeech},
		{"Ctrl-C", []step{
			{Canceled{}, []Command{StopPlayback{}, StopRecording{N: 1, Keep: false}, CloseSession{session.Interrupted}}, Done},
		}, starloop.Canceled},
		{"microphone failure", []step{
			{DeviceError{starloop.Errorf(starloop.DeviceUnavailable, "read microphone: unplugged")}, []Command{StopPlayback{}, StopRecording{N: 1, Keep: false}, CloseSession{session.Interrupted}}, Done},
		}, starloop.DeviceUnavailable},
		{"judge failure", []step{
			{SpeechStarted{at(1)}, nil, Listening},
			{KeyPressed{KeyEnter}, []Command{StopRecording{N: 1, Keep: true}, FinishTranscript{Attempt: 1}, TurnEnded{N: 1, Reason: EndEnter}}, Transcribing},
			{TranscriptReady{Attempt: 1, Transcript: words("so", 0)}, []Command{JudgeAnswer{1, Answer{Question: q1, Transcript: words("so", 0)}}}, Judging},
			{ReportReady{Attempt: 1, Err: starloop.Errorf(starloop.Transient, "judge: busy")}, []Command{StopPlayback{},
				SaveAnswer{N: 1, Question: q1, Transcript: ptr(words("so", 0)), Timings: session.Timings{Listen: t0, FirstSpeech: time.Second, End: time.Second, EndReason: EndEnter}},
				CloseSession{session.Interrupted}}, Done},
		}, starloop.Transient},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			m := listening(t, []Question{q1}, Config{})
			feed(t, m, tt.steps)
			if err := m.Err(); !starloop.IsKind(err, tt.kind) || strings.Contains(err.Error(), "\n") {
				t.Errorf("Err() = %v, want one line of kind %v", err, tt.kind)
			}
		})
	}
}

func ptr[T any](v T) *T { return &v }

// answerTurn has the person answer for a second and the turn end by
// Enter, the transcript and verdict arriving after it; it checks the
// question judged and the follow-ups passed as asked, and returns the
// reply's Play and the machine's state.
func answerTurn(t *testing.T, m *Machine, attempt int, start float64, judged Question, asked []string, v Verdict) Play {
	t.Helper()
	tr := words("we did it", 0)
	m.Update(Tick{at(start)})
	m.Update(SpeechStarted{at(start)})
	m.Update(Tick{at(start + 1)})
	m.Update(KeyPressed{KeyEnter})
	got := m.Update(TranscriptReady{Attempt: attempt, Transcript: tr})
	if len(got) != 1 {
		t.Fatalf("judging: %s, want one JudgeAnswer", show(got))
	}
	ja, ok := got[0].(JudgeAnswer)
	if a := ja.Answer; !ok || ja.Attempt != attempt || a.Question != judged || !reflect.DeepEqual(a.Transcript, tr) || !reflect.DeepEqual(a.Asked, asked) {
		t.Fatalf("judging: %s, want JudgeAnswer{%d} on %+v with asked %q", show(got), attempt, judged, asked)
	}
	// Every follow-up asked was answered: the thread holds the main answer
	// and the answers to the follow-ups before this one.
	th := ja.Answer.Thread
	if len(th) != len(asked) {
		t.Fatalf("judging %q: a thread of %d answers, want %d", judged.Text, len(th), len(asked))
	}
	for i, turn := range th {
		if turn.Question.FollowUp != (i > 0) || (i > 0 && turn.Question.Text != asked[i-1]) || turn.Transcript.Text != "we did it" {
			t.Errorf("judging %q: thread[%d] = %+v", judged.Text, i, turn)
		}
	}
	got = m.Update(ReportReady{Attempt: attempt, Verdict: v})
	if len(got) != 1 {
		t.Fatalf("after the report: %s, want one SynthesizeReply", show(got))
	}
	syn := got[0].(SynthesizeReply)
	var play Play
	for _, c := range m.Update(ReplyReady{Attempt: attempt, Audio: []int16{int16(attempt)}}) {
		if p, ok := c.(Play); ok {
			play = p
		}
	}
	if play.Text != syn.Text {
		t.Fatalf("played %q, synthesized %q", play.Text, syn.Text)
	}
	return play
}

func TestFollowUpsThenNextQuestion(t *testing.T) {
	// K = 2: the rubric always has a follow-up, but the third answer in a
	// thread gets the next main question.
	m := listening(t, []Question{q1, q2}, Config{})
	f := func(i int) string { return fmt.Sprintf("Follow-up %d?", i) }
	replies := []struct {
		judged Question
		asked  []string
		want   string
		state  State
	}{
		{q1, nil, f(1), FollowingUp},
		{Question{LP: "ownership", Text: f(1), FollowUp: true, Reason: "ladder"}, []string{f(1)}, f(2), FollowingUp},
		{Question{LP: "ownership", Text: f(2), FollowUp: true, Reason: "ladder"}, []string{f(1), f(2)}, "Next. " + q2.Text, FollowingUp},
		{q2, nil, f(4), FollowingUp},
		{Question{LP: "dive-deep", Text: f(4), FollowUp: true, Reason: "ladder"}, []string{f(4)}, f(5), FollowingUp},
		{Question{LP: "dive-deep", Text: f(5), FollowUp: true, Reason: "ladder"}, []string{f(4), f(5)}, "Goodbye.", FollowingUp},
	}
	for i, r := range replies {
		p := answerTurn(t, m, i+1, float64(10*i), r.judged, r.asked, verdictAsking("ladder", f(i+1)))
		if p.Text != r.want || m.State() != r.state {
			t.Fatalf("answer %d: reply %q in state %v, want %q in %v", i+1, p.Text, m.State(), r.want, r.state)
		}
		got := m.Update(PlaybackDone{ID: p.ID})
		if i == len(replies)-1 {
			// Done after the plan, the closing line spoken.
			if want := []Command{CloseSession{session.Complete}}; !reflect.DeepEqual(got, want) || m.State() != Done || m.Err() != nil {
				t.Fatalf("after the closing: %s in %v (err %v), want %s in done", show(got), m.State(), m.Err(), show(want))
			}
			return
		}
		want := []Command{StartRecording{N: i + 2, Question: m.Question()}}
		if !reflect.DeepEqual(got, want) || m.Question().Text != strings.TrimPrefix(r.want, "Next. ") {
			t.Fatalf("after reply %d: %s, question %q; want %s", i+1, show(got), m.Question().Text, show(want))
		}
	}
}

func TestNoFollowUpTwiceOrForNothing(t *testing.T) {
	m := listening(t, []Question{q1, q2, q3}, Config{MaxFollowUps: 3})
	// The rubric asks the same follow-up twice: the second time, the
	// interviewer moves on.
	p := answerTurn(t, m, 1, 0, q1, nil, verdictAsking("no-measure", "How did you measure it?"))
	m.Update(PlaybackDone{ID: p.ID})
	fq := Question{LP: "ownership", Text: "How did you measure it?", FollowUp: true, Reason: "no-measure"}
	p = answerTurn(t, m, 2, 10, fq, []string{fq.Text}, verdictAsking("no-measure", "How did you measure it?"))
	if p.Text != "Next. "+q2.Text {
		t.Errorf("reply %q, want the next main question", p.Text)
	}
	m.Update(PlaybackDone{ID: p.ID})
	// An empty transcript is judged too (the rubric would ask for an
	// answer), but the next main question follows.
	m.Update(KeyPressed{KeyEnter})
	got := m.Update(TranscriptReady{Attempt: 3, Transcript: starloop.Transcript{}})
	if ja, ok := first[JudgeAnswer](got); !ok || ja.Answer.Question != q2 {
		t.Fatalf("after an empty transcript: %s, want a JudgeAnswer on %q", show(got), q2.Text)
	}
	got = m.Update(ReportReady{Attempt: 3, Verdict: verdictAsking("no_answer", "Can you give me an example?")})
	if want := []Command{SynthesizeReply{3, "Next. " + q3.Text}}; !reflect.DeepEqual(got, want) {
		t.Errorf("after judging an empty transcript: %s, want %s", show(got), show(want))
	}
}

// first is the first command of type C in cmds.
func first[C Command](cmds []Command) (C, bool) {
	for _, c := range cmds {
		if c, ok := c.(C); ok {
			return c, true
		}
	}
	var zero C
	return zero, false
}

// TestEmptyFollowUpJudgedWithThread is issue 9: Enter on a follow-up
// without speaking. The empty answer is judged with its thread, so the
// judgement saved with it (and shown) is the story's, not "no answer
// heard"; and the interviewer moves on to the next main question.
func TestEmptyFollowUpJudgedWithThread(t *testing.T) {
	m := listening(t, []Question{q1, q2}, Config{})
	story := Verdict{Situation: true, Task: true, Action: true, Result: true, Words: 3, FollowUp: FollowUp{Reason: "no_measure", Question: "How did you measure it?"}, Report: json.RawMessage(`"the main answer's story"`)}
	p := answerTurn(t, m, 1, 0, q1, nil, story)
	if p.Text != "How did you measure it?" {
		t.Fatalf("reply %q, want the follow-up", p.Text)
	}
	m.Update(PlaybackDone{ID: p.ID})
	fq := m.Question()
	m.Update(Tick{at(10)})
	m.Update(KeyPressed{KeyEnter}) // nothing said
	got := m.Update(TranscriptReady{Attempt: 2})
	if len(got) != 1 {
		t.Fatalf("after an empty follow-up: %s, want one JudgeAnswer", show(got))
	}
	ja, ok := got[0].(JudgeAnswer)
	if !ok || ja.Answer.Question != fq || len(ja.Answer.Thread) != 1 || ja.Answer.Thread[0].Question != q1 || ja.Answer.Thread[0].Transcript.Text != "we did it" {
		t.Fatalf("after an empty follow-up: %s, want the follow-up judged with the main answer as its thread", show(got))
	}
	// The judge says the story stands, and would ask again: the interviewer
	// moves on all the same.
	thread := story
	thread.Words, thread.Report = 0, json.RawMessage(`"the story, with nothing added"`)
	got = m.Update(ReportReady{Attempt: 2, Verdict: thread})
	if want := []Command{SynthesizeReply{2, "Next. " + q2.Text}}; !reflect.DeepEqual(got, want) {
		t.Fatalf("after judging it: %s, want %s", show(got), show(want))
	}
	var shown, saved *Verdict
	for _, c := range m.Update(ReplyReady{Attempt: 2, Audio: []int16{2}}) {
		switch c := c.(type) {
		case ShowVerdict:
			shown = &c.Verdict
		case SaveAnswer:
			saved = c.Verdict
		}
	}
	if shown == nil || saved == nil || !bytes.Equal(shown.Report, thread.Report) || !bytes.Equal(saved.Report, thread.Report) || !saved.Result {
		t.Errorf("shown %+v, saved %+v; want both the thread's judgement", shown, saved)
	}
}

// TestKeysHelp checks that the help line names every key KeyOf
// understands, by the byte typed, and nothing it does not.
func TestKeysHelp(t *testing.T) {
	for _, k := range []struct {
		name string // as the help line shows it
		b    byte
		key  Key
	}{
		{"Enter = done", '\r', KeyEnter},
		{"r = repeat", 'r', KeyRepeat},
		{"s = skip", 's', KeySkip},
		{"q = save and quit", 'q', KeyQuit},
	} {
		if !strings.Contains(KeysHelp, k.name) {
			t.Errorf("KeysHelp %q does not show %q", KeysHelp, k.name)
		}
		if got, ok := KeyOf(k.b); !ok || got != k.key {
			t.Errorf("KeyOf(%q) = %v, %v; want %v (%s)", k.b, got, ok, k.key, k.name)
		}
	}
	if n := strings.Count(KeysHelp, " = "); n != 4 {
		t.Errorf("KeysHelp %q names %d keys, want the 4 KeyOf knows", KeysHelp, n)
	}
}

package fallback_test

import (
	"context"
	"encoding/json"
	"errors"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/starloop/starloop"
	"github.com/starloop/starloop/interviewer"
	"github.com/starloop/starloop/speech/fallback"
	"github.com/starloop/starloop/speech/openai"
	"github.com/starloop/starloop/speech/openaitest"
)

const testKey = "sk-test-fallback-0123456789"

// offlineRec is an offline recognizer that "hears" a fixed text and keeps
// the audio it was fed.
type offlineRec struct {
	text string
	fed  []int16
	err  error
}

func (o *offlineRec) Start(context.Context) (interviewer.Stream, error) { o.fed = nil; return o, nil }
func (o *offlineRec) Write(pcm []int16) error                           { o.fed = append(o.fed, pcm...); return nil }
func (o *offlineRec) Partial() string                                   { return "partial " + o.text }
func (o *offlineRec) Finish() (starloop.Transcript, error) {
	return starloop.Transcript{Text: o.text}, o.err
}

// lines collects what Notify was told.
type lines []string

func (l *lines) notify(s string) { *l = append(*l, s) }

func client(t testing.TB, srv *openaitest.Server) *openai.Client {
	t.Helper()
	c, err := openai.New(openai.Config{BaseURL: srv.URL, APIKey: testKey, Timeout: 200 * time.Millisecond,
		Retry: openai.Retry{Sleep: func(ctx context.Context, d time.Duration) error { return ctx.Err() }}})
	if err != nil {
		t.Fatal(err)
	}
	return c
}

// TestTranscriberFaults: each server fault, what the answer's transcript
// is, and the line the person sees.
func TestTranscriberFaults(t *testing.T) {
	tests := []struct {
		name   string
		faults []openaitest.Fault
		text   string
		line   string // "" for none
	}{
		{"ok", nil, "remote words", ""},
		{"one 429 is retried", []openaitest.Fault{openaitest.RateLimited}, "remote words", ""},
		{"429 three times", []openaitest.Fault{openaitest.RateLimited, openaitest.RateLimited, openaitest.RateLimited}, "offline words",
			"remote transcription failed (HTTP 429); using offline for this answer"},
		{"500 three times", []openaitest.Fault{openaitest.ServerError, openaitest.ServerError, openaitest.ServerError}, "offline words",
			"remote transcription failed (HTTP 500); using offline for this answer"},
		{"503 three times", []openaitest.Fault{openaitest.Unavailable, openaitest.Unavailable, openaitest.Unavailable}, "offline words",
			"remote transcription failed (HTTP 503); using offline for this answer"},
		{"hang", []openaitest.Fault{openaitest.Hang}, "offline words",
			"remote transcription failed (timed out after 200ms); using offline for this answer"},
		{"truncated", []openaitest.Fault{openaitest.Truncated}, "offline words",
			"remote transcription failed (malformed response); using offline for this answer"},
		{"malformed", []openaitest.Fault{openaitest.Malformed}, "offline words",
			"remote transcription failed (malformed response); using offline for this answer"},
		{"401 mid-session", []openaitest.Fault{openaitest.Unauthorized}, "offline words",
			"remote transcription failed (HTTP 401); using offline for this answer"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			srv := openaitest.New(t, testKey)
			srv.Transcribe = func([]int16) openaitest.Transcription { return openaitest.Transcription{Text: "remote words"} }
			srv.Fail(openaitest.PathTranscriptions, tt.faults...)
			off := &offlineRec{text: "offline words"}
			var got lines
			tr := &fallback.Transcriber{Remote: client(t, srv), Offline: off, Notify: got.notify}
			s, err := tr.Start(context.Background())
			if err != nil {
				t.Fatal(err)
			}
			sent := make([]int16, 3*320)
			for i := range sent {
				sent[i] = int16(i - 480)
			}
			for i := 0; i < 3; i++ {
				s.Write(sent[i*320 : (i+1)*320])
			}
			if p := s.Partial(); p != "partial offline words" {
				t.Errorf("partial %q: the live view comes from the offline stream", p)
			}
			tx, err := s.Finish()
			if err != nil {
				t.Fatal(err)
			}
			if tx.Text != tt.text {
				t.Errorf("transcript %q, want %q", tx.Text, tt.text)
			}
			var want lines
			if tt.line != "" {
				want = lines{tt.line}
			}
			if !slices.Equal(got, want) {
				t.Errorf("lines %q, want %q", got, want)
			}
			if !slices.Equal(off.fed, sent) {
				t.Errorf("the offline stream was fed %d samples, want the %d written", len(off.fed), len(sent))
			}
			for _, r := range srv.Requests(openaitest.PathTranscriptions) {
				if !slices.Equal(r.Audio, sent) {
					t.Errorf("the remote got %d samples that are not the answer", len(r.Audio))
				}
			}
		})
	}
}

func TestTranscriberBothFail(t *testing.T) {
	srv := openaitest.New(t, testKey)
	srv.FailAll(openaitest.PathTranscriptions, openaitest.Malformed)
	offErr := starloop.Errorf(starloop.Other, "decode: decoder broke")
	var got lines
	tr := &fallback.Transcriber{Remote: client(t, srv), Offline: &offlineRec{err: offErr}, Notify: got.notify}
	s, _ := tr.Start(context.Background())
	s.Write(make([]int16, 320))
	if _, err := s.Finish(); !errors.Is(err, offErr) || len(got) != 0 {
		t.Errorf("got %v and lines %q; want both errors and no line", err, got)
	}
}

func TestTranscriberCanceled(t *testing.T) {
	srv := openaitest.New(t, testKey)
	srv.FailAll(openaitest.PathTranscriptions, openaitest.Hang)
	ctx, cancel := context.WithCancel(context.Background())
	var got lines
	tr := &fallback.Transcriber{Remote: client(t, srv), Offline: &offlineRec{text: "x"}, Notify: got.notify}
	s, _ := tr.Start(ctx)
	s.Write(make([]int16, 320))
	go func() { time.Sleep(20 * time.Millisecond); cancel() }()
	// Ctrl-C cuts the remote short: what the offline stream heard is kept,
	// and no line says that anything fell back.
	if tx, err := s.Finish(); err != nil || tx.Text != "x" || len(got) != 0 {
		t.Errorf("got %q, %v and lines %q; want the offline words, no error and no line", tx.Text, err, got)
	}
}

// voiceFunc is a Voice from a function.
type voiceFunc func(context.Context, string) ([]int16, error)

func (f voiceFunc) Synthesize(ctx context.Context, s string) ([]int16, error) { return f(ctx, s) }

func TestVoice(t *testing.T) {
	for _, tt := range []struct {
		name  string
		fault openaitest.Fault
		want  int // samples: 8000 remote (0.5 s tone), 3 offline
		line  string
	}{
		{"ok", openaitest.OK, 8000, ""},
		{"500", openaitest.ServerError, 3, "remote voice failed (HTTP 500); using offline for this line"},
		{"malformed", openaitest.Hang, 3, "remote voice failed (timed out after 200ms); using offline for this line"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			srv := openaitest.New(t, testKey)
			srv.FailAll(openaitest.PathSpeech, tt.fault)
			var got lines
			v := &fallback.Voice{Remote: client(t, srv), Offline: voiceFunc(func(context.Context, string) ([]int16, error) { return []int16{1, 2, 3}, nil }), Notify: got.notify}
			pcm, err := v.Synthesize(context.Background(), "Hello.")
			if err != nil || len(pcm) != tt.want {
				t.Fatalf("got %d samples, %v; want %d", len(pcm), err, tt.want)
			}
			if strings.Join(got, "|") != tt.line {
				t.Errorf("lines %q, want %q", got, tt.line)
			}
		})
	}
}

func TestJudge(t *testing.T) {
	offline := interviewer.JudgeFunc(func(_ context.Context, a interviewer.Answer) (interviewer.Verdict, error) {
		tx := a.Transcript
		return interviewer.Verdict{Action: true, Result: true, Words: len(strings.Fields(tx.Text)),
			FollowUp: interviewer.FollowUp{Reason: "no_measure", Question: "How did you measure it?"}, Report: json.RawMessage(`{"words":4}`)}, nil
	})
	q := interviewer.Question{LP: "ownership", Text: "Tell me about a time you owned something."}
	tx := starloop.Transcript{Text: "I fixed the pipeline"}
	for _, tt := range []struct {
		name     string
		fault    openaitest.Fault
		followUp string
		coached  bool
		line     string
	}{
		{"ok", openaitest.OK, "What changed, in numbers, once you had fixed it?", true, ""},
		{"truncated", openaitest.Truncated, "How did you measure it?", false, "remote coach failed (malformed response); using offline for this answer"},
		{"503", openaitest.Unavailable, "How did you measure it?", false, "remote coach failed (HTTP 503); using offline for this answer"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			srv := openaitest.New(t, testKey)
			srv.FailAll(openaitest.PathChat, tt.fault)
			var got lines
			j := &fallback.Judge{Remote: client(t, srv).Judge(offline, func(string) string { return "Ownership" }), Offline: offline, Notify: got.notify}
			v, err := j.Judge(context.Background(), interviewer.Answer{Question: q, Transcript: tx})
			if err != nil {
				t.Fatal(err)
			}
			// The figures are the rubric's either way.
			if !v.Action || !v.Result || v.Situation || v.Words != 4 || v.FollowUp.Reason != "no_measure" {
				t.Errorf("verdict %+v", v)
			}
			if v.FollowUp.Question != tt.followUp {
				t.Errorf("follow-up %q, want %q", v.FollowUp.Question, tt.followUp)
			}
			r := openai.Coached(v.Report)
			coached := r != nil
			if coached != tt.coached {
				t.Fatalf("report %s", v.Report)
			}
			if coached {
				// The coach says all four parts and no measure; the rubric
				// found action and result only, and no measure.
				want := []string{"situation: rubric no, coach yes", "task: rubric no, coach yes"}
				if !slices.Equal(r.Disagree, want) {
					t.Errorf("disagree %q, want %q", r.Disagree, want)
				}
				if string(r.Rubric) != `{"words":4}` {
					t.Errorf("the coached record keeps the rubric's as %s, want the offline judge's own", r.Rubric)
				}
			} else if string(v.Report) != `{"words":4}` {
				t.Errorf("report %s, want the offline judge's own", v.Report)
			}
			if strings.Join(got, "|") != tt.line {
				t.Errorf("lines %q, want %q", got, tt.line)
			}
		})
	}
}

// TestSaidOnce: a remote that keeps failing the same way is reported once;
// after a call that works, a new failure is reported again.
func TestSaidOnce(t *testing.T) {
	srv := openaitest.New(t, testKey)
	var got lines
	v := &fallback.Voice{Remote: client(t, srv), Offline: voiceFunc(func(context.Context, string) ([]int16, error) { return []int16{1}, nil }), Notify: got.notify}
	for _, f := range []openaitest.Fault{openaitest.Malformed, openaitest.Malformed, openaitest.OK, openaitest.Malformed, openaitest.Unauthorized, openaitest.Unauthorized} {
		srv.FailAll(openaitest.PathSpeech, f)
		if _, err := v.Synthesize(context.Background(), "Hello."); err != nil {
			t.Fatal(err)
		}
	}
	want := lines{
		"remote voice failed (malformed response); using offline for this line",
		"remote voice failed (malformed response); using offline for this line",
		"remote voice failed (HTTP 401); using offline for this line",
	}
	if !slices.Equal(got, want) {
		t.Errorf("lines %q, want %q", got, want)
	}
}

// TestRecordings: a whole recording goes to the remote; the offline
// recognizer is asked only when the remote fails, and the line says so.
func TestRecordings(t *testing.T) {
	tests := []struct {
		name     string
		faults   []openaitest.Fault
		text     string
		offlines int
		line     string
	}{
		{"ok", nil, "remote words", 0, ""},
		{"503 three times", []openaitest.Fault{openaitest.Unavailable, openaitest.Unavailable, openaitest.Unavailable}, "offline words", 1,
			"remote transcription failed (HTTP 503); using offline for this answer"},
		{"hang", []openaitest.Fault{openaitest.Hang}, "offline words", 1,
			"remote transcription failed (timed out after 200ms); using offline for this answer"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			srv := openaitest.New(t, testKey)
			srv.Transcribe = func([]int16) openaitest.Transcription { return openaitest.Transcription{Text: "remote words"} }
			srv.Fail(openaitest.PathTranscriptions, tt.faults...)
			offlines := 0
			offline := fallback.TranscribeFunc(func(_ context.Context, pcm []int16) (starloop.Transcript, error) {
				offlines++
				return starloop.Transcript{Text: "offline words"}, nil
			})
			var got lines
			r := &fallback.Recordings{Remote: client(t, srv), Offline: offline, Notify: got.notify}
			tx, err := r.Transcribe(context.Background(), make([]int16, 1600))
			if err != nil {
				t.Fatal(err)
			}
			var want lines
			if tt.line != "" {
				want = lines{tt.line}
			}
			if tx.Text != tt.text || offlines != tt.offlines || !slices.Equal(got, want) {
				t.Errorf("transcript %q, offline asked %d times, lines %q; want %q, %d, %q", tx.Text, offlines, got, tt.text, tt.offlines, want)
			}
		})
	}
}

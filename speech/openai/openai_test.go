package openai_test

import (
	"context"
	"encoding/json"
	"math"
	"net"
	"net/http"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/starloop/starloop"
	"github.com/starloop/starloop/interviewer"
	"github.com/starloop/starloop/prompts"
	"github.com/starloop/starloop/speech/openai"
	"github.com/starloop/starloop/speech/openaitest"
)

const testKey = "sk-test-0123456789abcdef"

// sleeper records the waits asked of it and returns at once.
type sleeper struct {
	mu    sync.Mutex
	waits []time.Duration
}

func (s *sleeper) Sleep(ctx context.Context, d time.Duration) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.waits = append(s.waits, d)
	return ctx.Err()
}

func newClient(t *testing.T, srv *openaitest.Server, mod func(*openai.Config)) (*openai.Client, *sleeper) {
	t.Helper()
	sl := &sleeper{}
	cfg := openai.Config{BaseURL: srv.URL, APIKey: testKey, Timeout: 2 * time.Second,
		Retry: openai.Retry{Sleep: sl.Sleep}}
	if mod != nil {
		mod(&cfg)
	}
	c, err := openai.New(cfg)
	if err != nil {
		t.Fatal(err)
	}
	return c, sl
}

// ramp is n samples that differ from one another, so that a lossy or
// shifted copy would not compare equal.
func ramp(n int) []int16 {
	pcm := make([]int16, n)
	for i := range pcm {
		pcm[i] = int16(i*37%20000 - 10000)
	}
	return pcm
}

func TestTranscribeSends(t *testing.T) {
	tests := []struct {
		name, model, lang string
		noVerbose         bool
		wantFormats       []string // one per request
		wantPrompt        string
		wantWords         bool
	}{
		{"whisper english", "", "", false, []string{"verbose_json"}, "Um, uh, like, you know, so, I mean.", true},
		{"whisper korean", "whisper-1", "ko", false, []string{"verbose_json"}, "음, 어, 그, 저기, 뭐랄까, 그러니까.", true},
		{"gpt-4o-transcribe takes json only", "gpt-4o-transcribe", "en", false, []string{"json"}, "Um, uh, like, you know, so, I mean.", false},
		{"server refuses verbose_json", "local-whisper", "en", true, []string{"verbose_json", "json"}, "Um, uh, like, you know, so, I mean.", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			srv := openaitest.New(t, testKey)
			srv.NoVerboseJSON = tt.noVerbose
			// 1.5 s of audio; three words over it by the server's even spread:
			// 0-0.5, 0.5-1.0, 1.0-1.5 s.
			srv.Transcribe = func([]int16) openaitest.Transcription {
				return openaitest.Transcription{Text: "Um, I led"}
			}
			c, _ := newClient(t, srv, func(cfg *openai.Config) { cfg.STTModel, cfg.Language = tt.model, tt.lang })
			sent := ramp(24000)
			got, err := c.Transcribe(context.Background(), sent)
			if err != nil {
				t.Fatal(err)
			}
			reqs := srv.Requests(openaitest.PathTranscriptions)
			if len(reqs) != len(tt.wantFormats) {
				t.Fatalf("%d requests, want %d", len(reqs), len(tt.wantFormats))
			}
			wantModel, wantLang := tt.model, tt.lang
			if wantModel == "" {
				wantModel = "whisper-1"
			}
			if wantLang == "" {
				wantLang = "en"
			}
			for i, r := range reqs {
				if r.Model != wantModel || r.Language != wantLang || r.Prompt != tt.wantPrompt || r.FileName != "answer.wav" || r.Format != tt.wantFormats[i] {
					t.Errorf("request %d: model %q language %q prompt %q file %q format %q", i, r.Model, r.Language, r.Prompt, r.FileName, r.Format)
				}
				if wantG := r.Format == "verbose_json"; wantG != slices.Equal(r.Granularities, []string{"word"}) {
					t.Errorf("request %d: granularities %q with format %s", i, r.Granularities, r.Format)
				}
				if r.Auth != "Bearer "+testKey {
					t.Errorf("request %d: Authorization %q", i, r.Auth)
				}
				if !slices.Equal(r.Audio, sent) {
					t.Errorf("request %d: the server decoded %d samples that differ from the %d sent", i, len(r.Audio), len(sent))
				}
			}
			if got.Text != "Um, I led" {
				t.Errorf("text %q", got.Text)
			}
			var want []starloop.Word
			if tt.wantWords {
				want = []starloop.Word{{Text: "Um", Start: 0, End: 500 * time.Millisecond}, {Text: "I", Start: 500 * time.Millisecond, End: time.Second}, {Text: "led", Start: time.Second, End: 1500 * time.Millisecond}}
			}
			if !slices.Equal(got.Words, want) {
				t.Errorf("words %v, want %v", got.Words, want)
			}
		})
	}
}

func TestTranscribeNothing(t *testing.T) {
	srv := openaitest.New(t, testKey)
	c, _ := newClient(t, srv, nil)
	got, err := c.Transcribe(context.Background(), nil)
	if err != nil || got.Text != "" || len(srv.Requests("")) != 0 {
		t.Errorf("no audio: %+v, %v, %d requests", got, err, len(srv.Requests("")))
	}
}

// TestFaults runs each scripted fault against each endpoint: the error's
// kind, its short reason, how many requests were made and the waits.
func TestFaults(t *testing.T) {
	tests := []struct {
		name     string
		faults   []openaitest.Fault
		wantKind starloop.Kind // Other: success
		brief    string
		requests int
		waits    []time.Duration
	}{
		{"429 then ok: waits Retry-After", []openaitest.Fault{openaitest.RateLimited}, starloop.Other, "", 2, []time.Duration{time.Second}},
		{"500 twice then ok: backoff 0.5 s, 1 s", []openaitest.Fault{openaitest.ServerError, openaitest.ServerError}, starloop.Other, "", 3, []time.Duration{500 * time.Millisecond, time.Second}},
		{"503 three times: gives up", []openaitest.Fault{openaitest.Unavailable, openaitest.Unavailable, openaitest.Unavailable}, starloop.Transient, "HTTP 503", 3, []time.Duration{500 * time.Millisecond, time.Second}},
		{"429 three times", []openaitest.Fault{openaitest.RateLimited, openaitest.RateLimited, openaitest.RateLimited}, starloop.Transient, "HTTP 429", 3, []time.Duration{time.Second, time.Second}},
		{"hang past the deadline", []openaitest.Fault{openaitest.Hang}, starloop.Transient, "timed out after 150ms", 1, nil},
		{"truncated JSON", []openaitest.Fault{openaitest.Truncated}, starloop.Transient, "malformed response", 1, nil},
		{"malformed JSON", []openaitest.Fault{openaitest.Malformed}, starloop.Transient, "malformed response", 1, nil},
		{"401", []openaitest.Fault{openaitest.Unauthorized}, starloop.Unauthorized, "HTTP 401", 1, nil},
	}
	calls := []struct {
		path string
		call func(*openai.Client) error
	}{
		{openaitest.PathTranscriptions, func(c *openai.Client) error {
			_, err := c.Transcribe(context.Background(), ramp(1600))
			return err
		}},
		{openaitest.PathChat, func(c *openai.Client) error {
			_, err := c.Coach(context.Background(), openai.CoachRequest{LPName: "Ownership", Question: "Q?", Thread: []prompts.Exchange{{Question: "Q?", Answer: "A."}}})
			return err
		}},
		{openaitest.PathSpeech, func(c *openai.Client) error {
			_, err := c.Synthesize(context.Background(), "Tell me about a time.")
			return err
		}},
	}
	for _, call := range calls {
		for _, tt := range tests {
			if call.path == openaitest.PathSpeech && (tt.faults[0] == openaitest.Truncated) {
				continue // raw audio cut short is still audio
			}
			t.Run(strings.TrimPrefix(call.path, "/v1/")+"/"+tt.name, func(t *testing.T) {
				srv := openaitest.New(t, testKey)
				srv.Fail(call.path, tt.faults...)
				c, sl := newClient(t, srv, func(cfg *openai.Config) { cfg.Timeout = 150 * time.Millisecond })
				err := call.call(c)
				if tt.wantKind == starloop.Other {
					if err != nil {
						t.Fatalf("got %v, want success", err)
					}
				} else {
					if starloop.KindOf(err) != tt.wantKind {
						t.Fatalf("got %v (kind %v), want kind %v", err, starloop.KindOf(err), tt.wantKind)
					}
					var f *openai.Failure
					if !asFailure(err, &f) || f.Brief() != tt.brief {
						t.Errorf("got %v, want reason %q", err, tt.brief)
					}
					if strings.Contains(err.Error(), testKey) {
						t.Errorf("the error shows the key: %v", err)
					}
				}
				if n := len(srv.Requests(call.path)); n != tt.requests {
					t.Errorf("%d requests, want %d", n, tt.requests)
				}
				if !slices.Equal(sl.waits, tt.waits) {
					t.Errorf("waits %v, want %v", sl.waits, tt.waits)
				}
			})
		}
	}
}

func asFailure(err error, f **openai.Failure) bool {
	for err != nil {
		if x, ok := err.(*openai.Failure); ok {
			*f = x
			return true
		}
		u, ok := err.(interface{ Unwrap() error })
		if !ok {
			return false
		}
		err = u.Unwrap()
	}
	return false
}

func TestRetryAfterTooLong(t *testing.T) {
	srv := openaitest.New(t, testKey)
	srv.RetryAfter = 30 // over Max (4 s): no point waiting in silence
	srv.Fail(openaitest.PathTranscriptions, openaitest.RateLimited)
	c, sl := newClient(t, srv, nil)
	_, err := c.Transcribe(context.Background(), ramp(1600))
	if starloop.KindOf(err) != starloop.Transient || len(srv.Requests("")) != 1 || len(sl.waits) != 0 {
		t.Errorf("got %v after %d requests and waits %v; want a Transient error at once", err, len(srv.Requests("")), sl.waits)
	}
}

func TestSynthesize(t *testing.T) {
	for _, wav := range []bool{false, true} {
		srv := openaitest.New(t, testKey)
		srv.SpeechWAV = wav
		// 0.75 s at 24 kHz (18000 samples) is 12000 samples at 16 kHz.
		srv.Speak = func(string) []int16 { return openaitest.Tone(440, 750*time.Millisecond, 24000) }
		c, _ := newClient(t, srv, func(cfg *openai.Config) { cfg.TTSModel, cfg.TTSVoice, cfg.TTSSpeed = "tts-1-hd", "nova", 0.9 })
		pcm, err := c.Synthesize(context.Background(), "  Tell me about a time you disagreed.  ")
		if err != nil {
			t.Fatal(err)
		}
		if len(pcm) != 12000 {
			t.Errorf("wav=%v: %d samples, want 12000", wav, len(pcm))
		}
		// The tone survives: peak near 16384, not silence or noise.
		peak := 0
		for _, s := range pcm[1000:11000] {
			peak = max(peak, int(math.Abs(float64(s))))
		}
		if peak < 15000 || peak > 17500 {
			t.Errorf("wav=%v: peak %d, want about 16384", wav, peak)
		}
		var req openaitest.SpeechRequest
		r := srv.Requests(openaitest.PathSpeech)
		if len(r) != 1 || json.Unmarshal(r[0].Body, &req) != nil {
			t.Fatalf("requests %v", r)
		}
		want := openaitest.SpeechRequest{Model: "tts-1-hd", Input: "Tell me about a time you disagreed.", Voice: "nova", ResponseFormat: "pcm", Speed: 0.9}
		if req != want {
			t.Errorf("sent %+v, want %+v", req, want)
		}
	}
}

func TestCoach(t *testing.T) {
	for _, noSchema := range []bool{false, true} {
		srv := openaitest.New(t, testKey)
		srv.NoJSONSchema = noSchema
		c, _ := newClient(t, srv, func(cfg *openai.Config) { cfg.CoachModel = "llama-3-8b" })
		reply, err := c.Coach(context.Background(), openai.CoachRequest{
			LPName: "Deliver Results", Question: "Tell me about a deadline.",
			Thread: []prompts.Exchange{{Question: "Tell me about a deadline.", Answer: "we shipped it"}},
			Rubric: json.RawMessage(`{"answer":true}`),
		})
		if err != nil {
			t.Fatal(err)
		}
		want := openai.CoachReply{Situation: true, Task: true, Action: true, Result: true,
			Feedback: "A clear story; the result needs a number.", FollowUp: "What changed, in numbers, once you had fixed it?", Reason: "no_measure"}
		if reply != want {
			t.Errorf("noSchema=%v: reply %+v", noSchema, reply)
		}
		var types []string
		for _, r := range srv.Requests(openaitest.PathChat) {
			var req openaitest.ChatRequest
			if err := json.Unmarshal(r.Body, &req); err != nil {
				t.Fatal(err)
			}
			types = append(types, req.ResponseFormat.Type)
			if req.Model != "llama-3-8b" || len(req.Messages) != 2 || !strings.Contains(req.Messages[0].Content, `"Deliver Results"`) ||
				!strings.Contains(req.Messages[1].Content, "Answer: we shipped it") {
				t.Errorf("request %+v", req)
			}
			if req.ResponseFormat.Type == "json_schema" && (req.ResponseFormat.JSONSchema == nil || !req.ResponseFormat.JSONSchema.Strict) {
				t.Errorf("json_schema without a strict schema")
			}
		}
		want2 := []string{"json_schema"}
		if noSchema {
			want2 = []string{"json_schema", "json_object"}
		}
		if !slices.Equal(types, want2) {
			t.Errorf("noSchema=%v: response formats %v, want %v", noSchema, types, want2)
		}
	}
}

// TestCoachSkipsNothingSaid: an answer where nothing was said is judged
// offline alone, with no call to the coach.
func TestCoachSkipsNothingSaid(t *testing.T) {
	srv := openaitest.New(t, testKey)
	c, _ := newClient(t, srv, nil)
	offline := interviewer.JudgeFunc(func(context.Context, interviewer.Answer) (interviewer.Verdict, error) {
		return interviewer.Verdict{Result: true, Report: json.RawMessage(`"the story so far"`)}, nil
	})
	v, err := c.Judge(offline, nil).Judge(context.Background(), interviewer.Answer{Question: interviewer.Question{Text: "How did you measure it?", FollowUp: true}})
	if err != nil || string(v.Report) != `"the story so far"` || !v.Result {
		t.Errorf("verdict %+v, err %v; want the offline one", v, err)
	}
	if r := srv.Requests(openaitest.PathChat); len(r) != 0 {
		t.Errorf("%d calls to the coach, want none", len(r))
	}
}

func TestCoachNotJSON(t *testing.T) {
	srv := openaitest.New(t, testKey)
	srv.Coach = func(_, _ string) string { return "Sure! Here is my judgement: good story." }
	c, _ := newClient(t, srv, nil)
	_, err := c.Coach(context.Background(), openai.CoachRequest{Question: "Q?"})
	var f *openai.Failure
	if starloop.KindOf(err) != starloop.Transient || !asFailure(err, &f) || f.Brief() != "malformed response" {
		t.Errorf("got %v", err)
	}
}

func TestPreflight(t *testing.T) {
	srv := openaitest.New(t, testKey)
	// A port nothing listens on: listen, note it, close.
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	dead := "http://" + l.Addr().String() + "/v1"
	l.Close()
	tests := []struct {
		name, url, key string
		kind           starloop.Kind // Other: no error
		msg            string
	}{
		{"ok", srv.URL, testKey, starloop.Other, ""},
		{"wrong key", srv.URL, "sk-wrong-key-000000000000", starloop.Unauthorized, "the server refused the API key (HTTP 401); check OPENAI_API_KEY"},
		{"nothing listening", dead, testKey, starloop.Invalid, "cannot connect; check --base-url, or use --offline"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c, err := openai.New(openai.Config{BaseURL: tt.url, APIKey: tt.key})
			if err != nil {
				t.Fatal(err)
			}
			err = c.Preflight(context.Background())
			if tt.kind == starloop.Other {
				if err != nil {
					t.Fatal(err)
				}
				return
			}
			if starloop.KindOf(err) != tt.kind || !strings.HasSuffix(err.Error(), tt.msg) {
				t.Errorf("got %v (%v), want %v ending %q", err, starloop.KindOf(err), tt.kind, tt.msg)
			}
			if strings.Contains(err.Error(), tt.key) {
				t.Errorf("the error shows the key: %v", err)
			}
		})
	}
}

// TestPreflightNoModels: a server that serves no /models (404, 405 or 501
// there, as whisper.cpp's) passes the preflight after one request: its key
// and URL are tried by the first real request.
func TestPreflightNoModels(t *testing.T) {
	for _, status := range []int{404, 405, 501} {
		srv := openaitest.New(t, testKey)
		srv.ModelsStatus = status
		c, err := openai.New(openai.Config{BaseURL: srv.URL, APIKey: testKey})
		if err != nil {
			t.Fatal(err)
		}
		if err := c.Preflight(context.Background()); err != nil {
			t.Errorf("HTTP %d on /models: %v, want no error", status, err)
		}
		if n := len(srv.Requests(openaitest.PathModels)); n != 1 {
			t.Errorf("HTTP %d on /models: %d requests, want 1 (no retry)", status, n)
		}
	}
}

func TestNew(t *testing.T) {
	tests := []struct {
		name string
		cfg  openai.Config
		kind starloop.Kind
	}{
		{"no key for OpenAI", openai.Config{}, starloop.Unauthorized},
		{"no key for a local server", openai.Config{BaseURL: "http://localhost:8080/v1"}, starloop.Other},
		{"not a URL", openai.Config{BaseURL: "localhost:8080", APIKey: "k"}, starloop.Invalid},
		{"ftp", openai.Config{BaseURL: "ftp://x/v1", APIKey: "k"}, starloop.Invalid},
		{"key with a newline", openai.Config{APIKey: "sk-abc\n"}, starloop.Invalid},
		{"speed out of range", openai.Config{APIKey: "k", TTSSpeed: 5}, starloop.Invalid},
	}
	for _, tt := range tests {
		_, err := openai.New(tt.cfg)
		if starloop.KindOf(err) != tt.kind || (tt.kind != starloop.Other) != (err != nil) {
			t.Errorf("%s: got %v, want kind %v", tt.name, err, tt.kind)
		}
	}
}

func TestMaskKey(t *testing.T) {
	tests := []struct{ key, want string }{
		{"sk-proj-abcdefghijklmnop1234", "sk-...1234"},
		{"sk-0123456789abcd", "sk-...abcd"},
		{"short", "****"},
		{"", ""},
	}
	for _, tt := range tests {
		if got := openai.MaskKey(tt.key); got != tt.want {
			t.Errorf("MaskKey(%q) = %q, want %q", tt.key, got, tt.want)
		}
	}
}

// A transport that refuses to dial: proof that a client makes no call
// until asked.
type noDial struct{ t *testing.T }

func (n noDial) RoundTrip(*http.Request) (*http.Response, error) {
	n.t.Error("a request was made")
	return nil, http.ErrUseLastResponse
}

func TestNewMakesNoConnection(t *testing.T) {
	if _, err := openai.New(openai.Config{APIKey: testKey, HTTPClient: &http.Client{Transport: noDial{t}}}); err != nil {
		t.Fatal(err)
	}
}

// TestCoached: the coach's record is read back from its JSON; the offline
// judge's own record, or none, is no coached one.
func TestCoached(t *testing.T) {
	c := openai.Coached(json.RawMessage(`{"rubric":{"answer":true},"coach":{"feedback":"Say what you did."},"disagree":["result: rubric yes, coach no"]}`))
	if c == nil || string(c.Rubric) != `{"answer":true}` || c.Coach.Feedback != "Say what you did." || len(c.Disagree) != 1 {
		t.Errorf("coached record read as %+v", c)
	}
	for _, rec := range []string{`{"answer":true,"specific":true}`, `{"rubric":null}`, `"text"`, ``} {
		if c := openai.Coached(json.RawMessage(rec)); c != nil {
			t.Errorf("Coached(%s) = %+v, want nil", rec, c)
		}
	}
}

// Package openaitest is an in-process server that speaks enough of the
// OpenAI API for starloop's tests: /v1/audio/transcriptions (multipart in;
// json, text or verbose_json out), /v1/audio/speech (audio bytes out),
// /v1/chat/completions and /v1/models, in the shapes the API reference
// documents. It records what it was sent (the audio decoded back to 16 kHz
// samples) and can be scripted to fail: 429 with Retry-After, 500, 503, a
// hang until the client gives up, a truncated or malformed JSON body, 401.
//
// Requests enter over HTTP from the code under test; what the server saw
// leaves through Requests. Answers come from the Server's fields, which a
// test sets before the first request.
package openaitest

import (
	"bytes"
	"encoding/binary"
	"encoding/json"
	"fmt"
	"io"
	"math"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/starloop/starloop/audio"
)

// The endpoints, as paths on the server.
const (
	PathTranscriptions = "/v1/audio/transcriptions"
	PathSpeech         = "/v1/audio/speech"
	PathChat           = "/v1/chat/completions"
	PathModels         = "/v1/models"
)

// Fault is a scripted failure for one request.
type Fault int

const (
	OK           Fault = iota // answer normally
	RateLimited               // 429 with a Retry-After header (Server.RetryAfter seconds)
	ServerError               // 500
	Unavailable               // 503
	Hang                      // never answer; return when the client gives up
	Truncated                 // 200 with the JSON body cut off halfway
	Malformed                 // 200 with a body that is not JSON
	Unauthorized              // 401, the message echoing the key sent, as OpenAI's does
)

func (f Fault) String() string {
	return [...]string{"ok", "429", "500", "503", "hang", "truncated JSON", "malformed JSON", "401"}[f]
}

// Transcription is what the server answers for one audio file.
type Transcription struct {
	Text string
	// Words with their times in seconds. When nil, verbose_json answers
	// spread Text's words evenly over the audio.
	Words []Word
}

// Word is a word of a verbose_json answer.
type Word struct {
	Word       string
	Start, End float64
}

// Request is what the server saw of one request.
type Request struct {
	Path  string
	Auth  string // the Authorization header
	Fault Fault  // what the server did with it

	// Transcriptions: the form fields, the file's name and its audio as
	// 16 kHz mono.
	Model, Language, Prompt, Format, FileName string
	Granularities                             []string
	Audio                                     []int16

	// Speech and chat: the JSON body.
	Body []byte
}

// Server is a fake OpenAI API. Set its fields before the first request.
type Server struct {
	// URL is the base URL to give a client, ending in /v1.
	URL string
	// Key is the API key the server accepts; others get a 401.
	Key string

	// Transcribe answers a transcription of 16 kHz mono audio; nil answers
	// "Um, I led the migration." with no words.
	Transcribe func(pcm []int16) Transcription
	// Speak answers a speech request with 24 kHz mono samples; nil answers
	// 0.5 s of a 440 Hz tone.
	Speak func(text string) []int16
	// SpeechWAV sends speech as a WAV file rather than raw PCM, as some
	// compatible servers do whatever was asked.
	SpeechWAV bool
	// Coach answers a chat completion with the assistant message's content;
	// nil answers CoachJSON.
	Coach func(system, user string) string
	// NoVerboseJSON refuses verbose_json with a 400, as gpt-4o-transcribe does.
	NoVerboseJSON bool
	// NoJSONSchema refuses response_format json_schema with a 400, as
	// servers without structured outputs do.
	NoJSONSchema bool
	// RetryAfter is the Retry-After of a RateLimited answer, in seconds.
	RetryAfter int
	// ModelsStatus, when not 0, is the HTTP status of every GET /models,
	// with a plain-text body: servers that serve only some endpoints
	// (whisper.cpp's serves /audio/transcriptions alone) answer 404, 405 or
	// 501 there.
	ModelsStatus int

	srv  *httptest.Server
	hang chan struct{}

	mu     sync.Mutex
	queued map[string][]Fault
	always map[string]Fault
	reqs   []Request
}

// CoachJSON is the default coach answer: all four parts, no measure.
const CoachJSON = `{"situation":true,"task":true,"action":true,"result":true,"measurable_result":false,` +
	`"feedback":"A clear story; the result needs a number.","follow_up":"What changed, in numbers, once you had fixed it?","reason":"no_measure"}`

// New starts a server that accepts key, closed when the test ends.
func New(t testing.TB, key string) *Server {
	t.Helper()
	s := &Server{Key: key, RetryAfter: 1, hang: make(chan struct{}),
		queued: map[string][]Fault{}, always: map[string]Fault{}}
	s.srv = httptest.NewServer(http.HandlerFunc(s.serve))
	s.URL = s.srv.URL + "/v1"
	t.Cleanup(s.Close)
	return s
}

// Close releases hung requests and stops the server. It is idempotent.
func (s *Server) Close() {
	s.mu.Lock()
	select {
	case <-s.hang:
	default:
		close(s.hang)
	}
	s.mu.Unlock()
	s.srv.Close()
}

// Fail makes the next requests to path fail with faults, one each, in order.
func (s *Server) Fail(path string, faults ...Fault) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.queued[path] = append(s.queued[path], faults...)
}

// FailAll makes every request to path fail with f (OK to stop).
func (s *Server) FailAll(path string, f Fault) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.always[path] = f
}

// Requests returns what was sent to path ("" for every path), in order.
func (s *Server) Requests(path string) []Request {
	s.mu.Lock()
	defer s.mu.Unlock()
	var out []Request
	for _, r := range s.reqs {
		if path == "" || r.Path == path {
			out = append(out, r)
		}
	}
	return out
}

func (s *Server) fault(path string) Fault {
	s.mu.Lock()
	defer s.mu.Unlock()
	if q := s.queued[path]; len(q) > 0 {
		s.queued[path] = q[1:]
		return q[0]
	}
	return s.always[path]
}

func (s *Server) record(r Request) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.reqs = append(s.reqs, r)
}

// apiError writes an error in the API's shape.
func apiError(w http.ResponseWriter, status int, typ, code, msg string) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	json.NewEncoder(w).Encode(map[string]any{"error": map[string]any{
		"message": msg, "type": typ, "param": nil, "code": code,
	}})
}

func (s *Server) serve(w http.ResponseWriter, r *http.Request) {
	rec := Request{Path: r.URL.Path, Auth: r.Header.Get("Authorization")}
	var err error
	switch rec.Path {
	case PathTranscriptions:
		err = readForm(r, &rec)
	case PathSpeech, PathChat:
		rec.Body, err = io.ReadAll(io.LimitReader(r.Body, 1<<20))
	case PathModels:
		if s.ModelsStatus != 0 {
			s.record(rec)
			http.Error(w, http.StatusText(s.ModelsStatus), s.ModelsStatus)
			return
		}
	default:
		s.record(rec)
		apiError(w, http.StatusNotFound, "invalid_request_error", "unknown_url", "Unknown request URL: "+r.Method+" "+r.URL.Path)
		return
	}
	if err != nil {
		s.record(rec)
		apiError(w, http.StatusBadRequest, "invalid_request_error", "", err.Error())
		return
	}
	rec.Fault = s.fault(rec.Path)
	if s.Key != "" && rec.Auth != "Bearer "+s.Key && rec.Fault == OK {
		rec.Fault = Unauthorized
	}
	s.record(rec)
	switch rec.Fault {
	case RateLimited:
		w.Header().Set("Retry-After", fmt.Sprint(s.RetryAfter))
		apiError(w, http.StatusTooManyRequests, "requests", "rate_limit_exceeded", "Rate limit reached. Please try again later.")
		return
	case ServerError:
		apiError(w, http.StatusInternalServerError, "server_error", "", "The server had an error while processing your request.")
		return
	case Unavailable:
		apiError(w, http.StatusServiceUnavailable, "server_error", "", "The engine is currently overloaded, please try again later.")
		return
	case Unauthorized:
		sent := strings.TrimPrefix(rec.Auth, "Bearer ")
		apiError(w, http.StatusUnauthorized, "invalid_request_error", "invalid_api_key",
			"Incorrect API key provided: "+sent+". You can find your API key in your account settings.")
		return
	case Hang:
		select {
		case <-r.Context().Done():
		case <-s.hang:
		}
		return
	}
	var (
		body  []byte
		ctype = "application/json"
	)
	switch rec.Path {
	case PathModels:
		body = modelsJSON
	case PathTranscriptions:
		body, ctype, err = s.transcription(rec)
	case PathSpeech:
		body, ctype, err = s.speech(rec)
	case PathChat:
		body, err = s.chat(rec)
	}
	if err != nil {
		apiError(w, http.StatusBadRequest, "invalid_request_error", "", err.Error())
		return
	}
	switch rec.Fault {
	case Truncated:
		body = body[:len(body)/2]
	case Malformed:
		body, ctype = []byte("<html><body>502 Bad Gateway</body></html>"), "application/json"
	}
	w.Header().Set("Content-Type", ctype)
	w.Write(body)
}

var modelsJSON = []byte(`{"object":"list","data":[` +
	`{"id":"whisper-1","object":"model","created":1677532384,"owned_by":"openai-internal"},` +
	`{"id":"tts-1","object":"model","created":1681940951,"owned_by":"openai-internal"},` +
	`{"id":"gpt-4o-mini","object":"model","created":1721172741,"owned_by":"system"}]}`)

func readForm(r *http.Request, rec *Request) error {
	if err := r.ParseMultipartForm(32 << 20); err != nil {
		return fmt.Errorf("not a multipart form: %v", err)
	}
	rec.Model = r.FormValue("model")
	rec.Language = r.FormValue("language")
	rec.Prompt = r.FormValue("prompt")
	rec.Format = r.FormValue("response_format")
	rec.Granularities = r.MultipartForm.Value["timestamp_granularities[]"]
	f, h, err := r.FormFile("file")
	if err != nil {
		return fmt.Errorf("'file' is a required property")
	}
	defer f.Close()
	rec.FileName = h.Filename
	data, err := io.ReadAll(f)
	if err != nil {
		return err
	}
	if rec.Audio, err = audio.DecodeWAV(bytes.NewReader(data)); err != nil {
		//lint:ignore ST1005 the wording is OpenAI's, as clients see it
		return fmt.Errorf("Invalid file format: %v", err)
	}
	if rec.Model == "" {
		return fmt.Errorf("'model' is a required property")
	}
	return nil
}

func (s *Server) transcription(rec Request) ([]byte, string, error) {
	tr := Transcription{Text: "Um, I led the migration."}
	if s.Transcribe != nil {
		tr = s.Transcribe(rec.Audio)
	}
	dur := float64(len(rec.Audio)) / audio.SampleRate
	switch rec.Format {
	case "", "json":
		b, err := json.Marshal(map[string]any{"text": tr.Text})
		return b, "application/json", err
	case "text":
		return []byte(tr.Text + "\n"), "text/plain; charset=utf-8", nil
	case "verbose_json":
		if s.NoVerboseJSON {
			return nil, "", fmt.Errorf("response_format 'verbose_json' is not compatible with model '%s'", rec.Model)
		}
		words := tr.Words
		if words == nil {
			f := strings.Fields(tr.Text)
			for i, w := range f {
				words = append(words, Word{strings.Trim(w, ".,?!"), dur * float64(i) / float64(len(f)), dur * float64(i+1) / float64(len(f))})
			}
		}
		type word struct {
			Word  string  `json:"word"`
			Start float64 `json:"start"`
			End   float64 `json:"end"`
		}
		out := struct {
			Task     string  `json:"task"`
			Language string  `json:"language"`
			Duration float64 `json:"duration"`
			Text     string  `json:"text"`
			Words    []word  `json:"words,omitempty"`
			Segments []any   `json:"segments"`
		}{Task: "transcribe", Language: languageName(rec.Language), Duration: dur, Text: tr.Text, Segments: []any{}}
		for _, w := range words {
			out.Words = append(out.Words, word(w))
		}
		if !contains(rec.Granularities, "word") {
			out.Words = nil
		}
		b, err := json.Marshal(out)
		return b, "application/json", err
	}
	return nil, "", fmt.Errorf("unsupported response_format %q", rec.Format)
}

func languageName(code string) string {
	switch code {
	case "ko":
		return "korean"
	case "", "en":
		return "english"
	}
	return code
}

func contains(s []string, x string) bool {
	for _, v := range s {
		if v == x {
			return true
		}
	}
	return false
}

// SpeechRequest is the JSON body of a speech request.
type SpeechRequest struct {
	Model          string  `json:"model"`
	Input          string  `json:"input"`
	Voice          string  `json:"voice"`
	ResponseFormat string  `json:"response_format"`
	Speed          float64 `json:"speed"`
}

func (s *Server) speech(rec Request) ([]byte, string, error) {
	var req SpeechRequest
	if err := json.Unmarshal(rec.Body, &req); err != nil {
		//lint:ignore ST1005 the wording is OpenAI's, as clients see it
		return nil, "", fmt.Errorf("We could not parse the JSON body of your request.")
	}
	if req.Input == "" || req.Model == "" || req.Voice == "" {
		return nil, "", fmt.Errorf("model, input and voice are required")
	}
	pcm := Tone(440, 500*time.Millisecond, 24000)
	if s.Speak != nil {
		pcm = s.Speak(req.Input)
	}
	if s.SpeechWAV {
		var b bytes.Buffer
		if err := encodeWAV24k(&b, pcm); err != nil {
			return nil, "", err
		}
		return b.Bytes(), "audio/wav", nil
	}
	switch req.ResponseFormat {
	case "pcm":
	case "wav":
		var b bytes.Buffer
		err := encodeWAV24k(&b, pcm)
		return b.Bytes(), "audio/wav", err
	default:
		return nil, "", fmt.Errorf("this fake serves only pcm and wav, not %q", req.ResponseFormat)
	}
	b := make([]byte, 2*len(pcm))
	for i, v := range pcm {
		binary.LittleEndian.PutUint16(b[2*i:], uint16(v))
	}
	return b, "audio/pcm", nil
}

// encodeWAV24k writes 24 kHz mono 16-bit PCM as a WAV file.
func encodeWAV24k(w io.Writer, pcm []int16) error {
	const rate = 24000
	n := uint32(2 * len(pcm))
	h := []any{[4]byte{'R', 'I', 'F', 'F'}, 36 + n, [4]byte{'W', 'A', 'V', 'E'},
		[4]byte{'f', 'm', 't', ' '}, uint32(16), uint16(1), uint16(1), uint32(rate), uint32(2 * rate), uint16(2), uint16(16),
		[4]byte{'d', 'a', 't', 'a'}, n, pcm}
	for _, v := range h {
		if err := binary.Write(w, binary.LittleEndian, v); err != nil {
			return err
		}
	}
	return nil
}

// Tone is d of a sine at hz, at rate samples a second, half full scale.
func Tone(hz float64, d time.Duration, rate int) []int16 {
	n := int(d.Seconds() * float64(rate))
	out := make([]int16, n)
	for i := range out {
		out[i] = int16(16384 * math.Sin(2*math.Pi*hz*float64(i)/float64(rate)))
	}
	return out
}

// ChatRequest is the part of a chat completion request the fake reads.
type ChatRequest struct {
	Model    string `json:"model"`
	Messages []struct {
		Role    string `json:"role"`
		Content string `json:"content"`
	} `json:"messages"`
	ResponseFormat *struct {
		Type       string `json:"type"`
		JSONSchema *struct {
			Name   string          `json:"name"`
			Strict bool            `json:"strict"`
			Schema json.RawMessage `json:"schema"`
		} `json:"json_schema"`
	} `json:"response_format"`
}

func (s *Server) chat(rec Request) ([]byte, error) {
	var req ChatRequest
	if err := json.Unmarshal(rec.Body, &req); err != nil {
		//lint:ignore ST1005 the wording is OpenAI's, as clients see it
		return nil, fmt.Errorf("We could not parse the JSON body of your request.")
	}
	if req.Model == "" || len(req.Messages) == 0 {
		return nil, fmt.Errorf("model and messages are required")
	}
	if s.NoJSONSchema && req.ResponseFormat != nil && req.ResponseFormat.Type == "json_schema" {
		//lint:ignore ST1005 the wording is OpenAI's, as clients see it
		return nil, fmt.Errorf("Invalid parameter: 'response_format' of type 'json_schema' is not supported with this model.")
	}
	var system, user string
	for _, m := range req.Messages {
		switch m.Role {
		case "system":
			system += m.Content
		case "user":
			user += m.Content
		}
	}
	content := CoachJSON
	if s.Coach != nil {
		content = s.Coach(system, user)
	}
	return json.Marshal(map[string]any{
		"id": "chatcmpl-openaitest", "object": "chat.completion", "created": 1700000000, "model": req.Model,
		"choices": []any{map[string]any{
			"index": 0, "finish_reason": "stop",
			"message": map[string]any{"role": "assistant", "content": content},
		}},
		"usage": map[string]int{"prompt_tokens": len(strings.Fields(system + user)), "completion_tokens": len(strings.Fields(content)), "total_tokens": len(strings.Fields(system+user)) + len(strings.Fields(content))},
	})
}

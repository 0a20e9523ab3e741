// Package openai is starloop's adapter over github.com/sashabaranov/go-openai:
// speech to text, text to speech and a coach (a chat model that judges an
// answer and asks the next follow-up), from OpenAI or from any server that
// speaks its API (a local whisper or LLM server, a team's inference server).
//
// Audio enters as 16 kHz mono samples (Client.Transcribe, sent as an
// in-memory WAV) and leaves as 16 kHz mono samples (Client.Synthesize);
// text leaves as a starloop.Transcript; the coach takes the thread so far
// and the offline rubric's report and returns a CoachReply. Nothing here
// reads the environment or writes files: cmd/ passes the key and settings.
//
// Every call has a deadline (Config.Timeout, retries included); 429 and 5xx
// answers are retried with backoff that honours Retry-After (Config.Retry).
// Errors are *starloop.Error values of kind Unauthorized (a refused key),
// Invalid (a wrong base URL or model), Transient (a timeout, an overloaded
// or failing server, a malformed answer) or Canceled, wrapping a *Failure
// whose Brief is short enough for one line. The API key never appears in an
// error: any echo of it from the server is masked.
package openai

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"

	goopenai "github.com/sashabaranov/go-openai"

	"github.com/starloop/starloop"
)

// DefaultBaseURL is OpenAI's API.
const DefaultBaseURL = "https://api.openai.com/v1"

// Defaults for Config's zero fields.
const (
	DefaultSTTModel   = "whisper-1"
	DefaultCoachModel = "gpt-4o-mini"
	DefaultTTSModel   = "tts-1"
	DefaultTTSVoice   = "alloy"
	DefaultLanguage   = "en"
	DefaultTimeout    = 30 * time.Second
	// PreflightTimeout bounds Preflight: it runs before the first question,
	// so a dead server must not hold the person up for long.
	PreflightTimeout = 5 * time.Second
)

// Config says where the server is and what to ask it for. Zero fields take
// the defaults above.
type Config struct {
	BaseURL string // e.g. "http://localhost:8080/v1"; default DefaultBaseURL
	// APIKey is sent as a bearer token. It is required for DefaultBaseURL;
	// other servers may not need one.
	APIKey     string
	STTModel   string
	Language   string // ISO-639-1 code of the answers, e.g. "en", "ko"
	CoachModel string
	TTSModel   string
	TTSVoice   string
	TTSSpeed   float64 // 0.25 to 4; 0 means 1
	// Timeout bounds each call, its retries included.
	Timeout time.Duration
	// HTTPClient makes the requests; nil means a new http.Client. Tests
	// inject one whose transport refuses to dial.
	HTTPClient *http.Client
	Retry      Retry
}

// Retry is the policy for 429 and 5xx answers.
type Retry struct {
	// Attempts is how many times a call is made in all; 0 means 3.
	Attempts int
	// Base is the wait before the first retry, doubled for each next one;
	// 0 means 500 ms.
	Base time.Duration
	// Max caps one wait. A server asking (with Retry-After) to wait longer
	// than Max is not retried at all: the caller falls back at once rather
	// than leave the person in silence. 0 means 4 s.
	Max time.Duration
	// Sleep waits d or until ctx is done; nil means a timer. Tests inject a
	// sleeper that records the waits.
	Sleep func(ctx context.Context, d time.Duration) error
	// Now is the clock for Retry-After dates; nil means time.Now.
	Now func() time.Time
}

func (r Retry) withDefaults() Retry {
	if r.Attempts <= 0 {
		r.Attempts = 3
	}
	if r.Base <= 0 {
		r.Base = 500 * time.Millisecond
	}
	if r.Max <= 0 {
		r.Max = 4 * time.Second
	}
	if r.Sleep == nil {
		r.Sleep = sleep
	}
	if r.Now == nil {
		r.Now = time.Now
	}
	return r
}

func sleep(ctx context.Context, d time.Duration) error {
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-t.C:
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}

// Client calls one OpenAI-compatible server. It is safe for concurrent use.
type Client struct {
	cfg Config
	api *goopenai.Client
}

// New checks cfg and builds a client. It makes no connection: call
// Preflight for that. A missing key for OpenAI's own API is an Unauthorized
// error, a base URL that is not http(s) an Invalid one.
func New(cfg Config) (*Client, error) {
	const op = "openai"
	if cfg.BaseURL == "" {
		cfg.BaseURL = DefaultBaseURL
	}
	cfg.BaseURL = strings.TrimRight(cfg.BaseURL, "/")
	u, err := url.Parse(cfg.BaseURL)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return nil, starloop.Errorf(starloop.Invalid, "%s: base URL %q is not an http(s) URL (e.g. https://api.openai.com/v1)", op, cfg.BaseURL)
	}
	if cfg.APIKey == "" && cfg.BaseURL == DefaultBaseURL {
		return nil, starloop.Errorf(starloop.Unauthorized, "%s: no API key: set OPENAI_API_KEY, or use --offline", op)
	}
	if strings.ContainsAny(cfg.APIKey, " \t\r\n") {
		return nil, starloop.Errorf(starloop.Invalid, "%s: the API key holds spaces or line breaks", op)
	}
	if cfg.STTModel == "" {
		cfg.STTModel = DefaultSTTModel
	}
	if cfg.CoachModel == "" {
		cfg.CoachModel = DefaultCoachModel
	}
	if cfg.TTSModel == "" {
		cfg.TTSModel = DefaultTTSModel
	}
	if cfg.TTSVoice == "" {
		cfg.TTSVoice = DefaultTTSVoice
	}
	if cfg.Language == "" {
		cfg.Language = DefaultLanguage
	}
	if cfg.TTSSpeed == 0 {
		cfg.TTSSpeed = 1
	}
	if cfg.TTSSpeed < 0.25 || cfg.TTSSpeed > 4 {
		return nil, starloop.Errorf(starloop.Invalid, "%s: TTS speed must be from 0.25 to 4", op)
	}
	if cfg.Timeout <= 0 {
		cfg.Timeout = DefaultTimeout
	}
	if cfg.HTTPClient == nil {
		cfg.HTTPClient = &http.Client{}
	}
	cfg.Retry = cfg.Retry.withDefaults()
	gc := goopenai.DefaultConfig(cfg.APIKey)
	gc.BaseURL = cfg.BaseURL
	gc.HTTPClient = &retryDoer{client: cfg.HTTPClient, retry: cfg.Retry}
	return &Client{cfg: cfg, api: goopenai.NewClientWithConfig(gc)}, nil
}

// BaseURL is the server the client calls.
func (c *Client) BaseURL() string { return c.cfg.BaseURL }

// Preflight checks, within PreflightTimeout, that the server answers and
// takes the key (GET /models), so that a wrong key or base URL is an error
// before the first question rather than a fallback on every answer. A
// server without /models (HTTP 404, 405 or 501 there, as whisper.cpp's
// server, which serves /audio/transcriptions alone) passes: its key and
// URL are tried by the first real request, which falls back if they fail.
func (c *Client) Preflight(ctx context.Context) error {
	ctx, cancel := context.WithTimeout(ctx, PreflightTimeout)
	defer cancel()
	_, err := c.api.ListModels(ctx)
	if err == nil {
		return nil
	}
	err = c.fail("connect to "+c.cfg.BaseURL, err, PreflightTimeout)
	switch f := failureOf(err); {
	case f == nil:
	case f.Status == http.StatusUnauthorized || f.Status == http.StatusForbidden:
		return starloop.E("connect to "+c.cfg.BaseURL, starloop.Unauthorized,
			fmt.Errorf("the server refused the API key (%s); check OPENAI_API_KEY", f.Reason))
	case f.Status == http.StatusNotFound || f.Status == http.StatusMethodNotAllowed || f.Status == http.StatusNotImplemented:
		return nil
	case f.Status == 0 && starloop.KindOf(err) != starloop.Canceled:
		return starloop.E("connect to "+c.cfg.BaseURL, starloop.Invalid,
			fmt.Errorf("%s; check --base-url, or use --offline", f.Reason))
	}
	return err
}

// Failure is what went wrong with one remote call.
type Failure struct {
	// Status is the HTTP status, or 0 when none came back.
	Status int
	// Reason is short, for one line: "HTTP 503", "timed out after 20s",
	// "malformed response", "cannot connect".
	Reason string
	// Detail is the server's message or the transport's error, key masked.
	Detail string
}

func (f *Failure) Error() string {
	if f.Detail == "" {
		return f.Reason
	}
	return f.Reason + ": " + f.Detail
}

// Brief is the failure in a few words, as Reason.
func (f *Failure) Brief() string { return f.Reason }

func failureOf(err error) *Failure {
	var f *Failure
	if errors.As(err, &f) {
		return f
	}
	return nil
}

// fail turns an error from go-openai or the transport into a starloop
// error of the right kind, with the key masked.
func (c *Client) fail(op string, err error, timeout time.Duration) error {
	f := &Failure{Detail: c.mask(err.Error())}
	kind := starloop.Transient
	var (
		apiErr *goopenai.APIError
		reqErr *goopenai.RequestError
		synErr *json.SyntaxError
		typErr *json.UnmarshalTypeError
		netErr net.Error
	)
	switch {
	case errors.As(err, &apiErr):
		f.Status, f.Detail = apiErr.HTTPStatusCode, c.mask(apiErr.Message)
	case errors.As(err, &reqErr):
		f.Status, f.Detail = reqErr.HTTPStatusCode, c.mask(strings.TrimSpace(string(reqErr.Body)))
		if len(f.Detail) > 200 {
			f.Detail = f.Detail[:200] + "..."
		}
	}
	switch {
	case f.Status != 0:
		f.Reason = "HTTP " + strconv.Itoa(f.Status)
		switch {
		case f.Status == http.StatusUnauthorized || f.Status == http.StatusForbidden:
			kind = starloop.Unauthorized
		case f.Status == http.StatusTooManyRequests || f.Status >= 500:
			kind = starloop.Transient
		case f.Status >= 400:
			kind = starloop.Invalid
		}
	case errors.Is(err, context.DeadlineExceeded):
		f.Reason, f.Detail = "timed out after "+timeout.String(), ""
	case errors.Is(err, context.Canceled):
		return starloop.E(op, starloop.Canceled, context.Canceled)
	case errors.As(err, &synErr), errors.As(err, &typErr), errors.Is(err, io.ErrUnexpectedEOF), errors.Is(err, errMalformed):
		f.Reason = "malformed response"
	case errors.As(err, &netErr):
		f.Reason = "cannot connect"
		if netErr.Timeout() {
			f.Reason = "timed out after " + timeout.String()
		}
	default:
		f.Reason = "request failed"
	}
	return starloop.E(op, kind, f)
}

var errMalformed = errors.New("malformed response")

// mask hides the key wherever it appears in s.
func (c *Client) mask(s string) string {
	if c.cfg.APIKey == "" {
		return s
	}
	return strings.ReplaceAll(s, c.cfg.APIKey, MaskKey(c.cfg.APIKey))
}

// MaskKey shows enough of a key to tell keys apart and no more: its first
// three characters and last four ("sk-...abcd"); a short key is all stars.
func MaskKey(key string) string {
	if key == "" {
		return ""
	}
	if len(key) < 12 {
		return "****"
	}
	return key[:3] + "..." + key[len(key)-4:]
}

// retryDoer retries 429 and 5xx answers with backoff. It sits under
// go-openai, where the Retry-After header is still at hand.
type retryDoer struct {
	client *http.Client
	retry  Retry
}

func (d *retryDoer) Do(req *http.Request) (*http.Response, error) {
	for attempt := 1; ; attempt++ {
		resp, err := d.client.Do(req)
		if err != nil {
			return nil, err
		}
		if !retryable(resp.StatusCode) || attempt >= d.retry.Attempts {
			return resp, nil
		}
		wait, ok := d.wait(attempt, resp.Header)
		if !ok || (req.Body != nil && req.GetBody == nil) {
			return resp, nil
		}
		io.Copy(io.Discard, io.LimitReader(resp.Body, 1<<16))
		resp.Body.Close()
		if err := d.retry.Sleep(req.Context(), wait); err != nil {
			return nil, err
		}
		if req.GetBody != nil {
			body, err := req.GetBody()
			if err != nil {
				return nil, err
			}
			req = req.Clone(req.Context())
			req.Body = body
		}
	}
}

// retryable: 429 and 5xx, except the two that say the server will never
// do it (501 Not Implemented, 505 HTTP Version Not Supported).
func retryable(status int) bool {
	switch status {
	case http.StatusNotImplemented, http.StatusHTTPVersionNotSupported:
		return false
	}
	return status == http.StatusTooManyRequests || status >= 500
}

// wait is how long to wait before retry number attempt: what the server
// asked for (retry-after-ms, then Retry-After in seconds or as a date), or
// else Base doubled per attempt, capped at Max. ok is false when the
// server asks for more than Max.
func (d *retryDoer) wait(attempt int, h http.Header) (time.Duration, bool) {
	if ms, err := strconv.ParseFloat(h.Get("Retry-After-Ms"), 64); err == nil && ms >= 0 {
		w := time.Duration(ms * float64(time.Millisecond))
		return w, w <= d.retry.Max
	}
	if ra := strings.TrimSpace(h.Get("Retry-After")); ra != "" {
		if s, err := strconv.Atoi(ra); err == nil && s >= 0 {
			w := time.Duration(s) * time.Second
			return w, w <= d.retry.Max
		}
		if t, err := http.ParseTime(ra); err == nil {
			w := max(t.Sub(d.retry.Now()), 0)
			return w, w <= d.retry.Max
		}
	}
	w := d.retry.Base << (attempt - 1)
	if w > d.retry.Max || w <= 0 {
		w = d.retry.Max
	}
	return w, true
}

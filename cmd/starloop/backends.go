package main

import (
	"context"

	"github.com/urfave/cli/v2"

	"github.com/starloop/starloop"
	"github.com/starloop/starloop/interviewer"
	"github.com/starloop/starloop/prompts"
	"github.com/starloop/starloop/rubric"
	"github.com/starloop/starloop/speech/fallback"
	"github.com/starloop/starloop/speech/flite"
	"github.com/starloop/starloop/speech/openai"
	"github.com/starloop/starloop/speech/pocketsphinx"
)

// The speech and judging backends a spoken session uses, chosen from the
// command's flags, the environment and the config file (see remote.go).
// Offline is the default; a remote backend always has the offline one
// behind it (package fallback), and --offline builds no client at all.

// closingTranscriber is a Transcriber that holds resources until Close.
type closingTranscriber interface {
	interviewer.Transcriber
	Close() error
}

// remoteClient builds the OpenAI client when any backend is remote, or
// returns nil. preflight checks the key and base URL before the session
// starts, so that a wrong one is a one-line error before the first question.
func remoteClient(c *cli.Context, preflight bool) (*openai.Client, *remoteConfig, error) {
	rc, err := loadRemoteConfig(c)
	if err != nil {
		return nil, nil, err
	}
	if rc.offline || !rc.remote() {
		return nil, rc, nil
	}
	client, err := openai.New(rc.openaiConfig())
	if err != nil {
		return nil, nil, err
	}
	if preflight {
		if err := client.Preflight(c.Context); err != nil {
			return nil, nil, err
		}
	}
	return client, rc, nil
}

// notices is where a fallen-back remote call is reported: on the terminal,
// one line for each.
func notices(env *appEnv) fallback.Notify { return fallback.Writer(env.stdout) }

// newTranscriber starts loading the offline recognizer in the background
// and, with --stt openai, puts the remote in front of it. It checks the
// remote server first when any backend is remote.
func newTranscriber(c *cli.Context, env *appEnv) (closingTranscriber, error) {
	client, rc, err := remoteClient(c, true)
	if err != nil {
		return nil, err
	}
	offline := loadRecognizer(pocketsphinx.Config{ModelDir: c.String("model-dir")})
	if client == nil || rc.get("stt") != "openai" {
		return offline, nil
	}
	return remoteTranscriber{
		Transcriber: &fallback.Transcriber{Remote: client, Offline: offline, Notify: notices(env)},
		offline:     offline,
	}, nil
}

type remoteTranscriber struct {
	*fallback.Transcriber
	offline *lazyRecognizer
}

func (r remoteTranscriber) Close() error { return r.offline.Close() }

// newVoice is the interviewer's voice.
func newVoice(c *cli.Context, env *appEnv) (interviewer.Voice, error) {
	offline, err := flite.New(flite.Config{Voice: c.String("voice"), Rate: c.Float64("rate")})
	if err != nil {
		return nil, err
	}
	client, rc, err := remoteClient(c, false)
	if err != nil {
		return nil, err
	}
	if client == nil || rc.get("tts") != "openai" {
		return offline, nil
	}
	return &fallback.Voice{Remote: client, Offline: offline, Notify: notices(env)}, nil
}

// newJudge judges answers and picks follow-ups: the rubric, and with
// --coach openai a chat model given the rubric's report.
func newJudge(c *cli.Context, env *appEnv, bank *prompts.Bank) interviewer.Judge {
	offline := rubricJudge(rubric.New(), bank)
	// newTranscriber has already checked the settings and the server.
	client, rc, err := remoteClient(c, false)
	if err != nil || client == nil || rc.get("coach") != "openai" {
		return offline
	}
	lpName := func(id string) string {
		if lp, ok := bank.LP(id); ok {
			return lp.Name
		}
		return id
	}
	return &fallback.Judge{Remote: client.Judge(offline, lpName), Offline: offline, Notify: notices(env)}
}

// backendNames is what the session records of its backends, e.g.
// "openai whisper-1" or "pocketsphinx".
func backendNames(c *cli.Context) (stt, tts, coach string) {
	stt, tts, coach = "pocketsphinx", "flite", "rubric"
	rc, err := loadRemoteConfig(c)
	if err != nil || rc.offline {
		return
	}
	if rc.get("stt") == "openai" {
		stt = "openai " + rc.get("stt-model")
	}
	if rc.get("tts") == "openai" {
		tts = "openai " + rc.get("tts-model") + " " + rc.get("tts-voice")
	}
	if rc.get("coach") == "openai" {
		coach = "rubric + openai " + rc.get("coach-model")
	}
	return
}

// lazyRecognizer loads a pocketsphinx model in the background and hands out
// streams once it is ready, so the first question is spoken without waiting
// for the model.
type lazyRecognizer struct {
	done chan struct{}
	rec  *pocketsphinx.Recognizer
	err  error
}

var _ interviewer.Transcriber = (*lazyRecognizer)(nil)

func loadRecognizer(cfg pocketsphinx.Config) *lazyRecognizer {
	l := &lazyRecognizer{done: make(chan struct{})}
	go func() {
		defer close(l.done)
		l.rec, l.err = pocketsphinx.New(cfg)
	}()
	return l
}

// Start waits for the model and starts a stream.
func (l *lazyRecognizer) Start(ctx context.Context) (interviewer.Stream, error) {
	select {
	case <-l.done:
	case <-ctx.Done():
		return nil, starloop.E("start transcription", starloop.Canceled, ctx.Err())
	}
	if l.err != nil {
		return nil, l.err
	}
	s, err := l.rec.Start(ctx)
	if err != nil {
		return nil, err // not a typed nil *Stream inside the interface
	}
	return s, nil
}

// Close waits for the load to end and frees the model.
func (l *lazyRecognizer) Close() error {
	<-l.done
	if l.rec != nil {
		return l.rec.Close()
	}
	return nil
}

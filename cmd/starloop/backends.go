package main

import (
	"context"
	"io"

	"github.com/urfave/cli/v2"

	"github.com/starloop/starloop"
	"github.com/starloop/starloop/config"
	"github.com/starloop/starloop/interviewer"
	"github.com/starloop/starloop/judge"
	"github.com/starloop/starloop/prompts"
	"github.com/starloop/starloop/rubric"
	"github.com/starloop/starloop/speech/fallback"
	"github.com/starloop/starloop/speech/flite"
	"github.com/starloop/starloop/speech/openai"
	"github.com/starloop/starloop/speech/pocketsphinx"
)

// backends are the speech and judging backends of one command, chosen from
// its flags, the environment and the config file, loaded once. Offline is
// the default; a remote backend always has the offline one behind it
// (package fallback), and --offline builds no client at all. This is the
// one place that builds them: a new engine is wired in here.
type backends struct {
	cfg    *config.Config
	client *openai.Client // nil when every backend is offline
	notify fallback.Notify
	bank   *prompts.Bank
	rate   float64 // the voices' speaking rate; 0 for flite's own
	model  pocketsphinx.Config
}

// newBackends loads the settings for c and, when a backend is remote,
// builds the client and checks the key and base URL, so that a wrong one
// is a one-line error before the first question. Fallbacks are reported
// on notices, one line each.
func newBackends(c *cli.Context, notices io.Writer) (*backends, error) {
	cfg, err := loadRemoteConfig(c)
	if err != nil {
		return nil, err
	}
	bank, err := prompts.Load()
	if err != nil {
		return nil, err
	}
	model, err := speechModel(c)
	if err != nil {
		return nil, err
	}
	b := &backends{cfg: cfg, notify: fallback.Writer(notices), bank: bank, rate: c.Float64("rate"), model: model}
	if !cfg.Remote() {
		return b, nil
	}
	if b.client, err = openai.New(cfg.OpenAI()); err != nil {
		return nil, err
	}
	if err := b.client.Preflight(c.Context); err != nil {
		return nil, err
	}
	return b, nil
}

// closingTranscriber is a Transcriber that holds resources until Close.
type closingTranscriber interface {
	interviewer.Transcriber
	Close() error
}

// transcriber starts loading the offline recognizer in the background and,
// with --stt openai, puts the remote in front of it.
func (b *backends) transcriber() closingTranscriber {
	offline := pocketsphinx.Load(b.model)
	if !b.cfg.Uses("stt") {
		return offline
	}
	return remoteTranscriber{
		Transcriber: &fallback.Transcriber{Remote: b.client, Offline: offline, Notify: b.notify},
		offline:     offline,
	}
}

type remoteTranscriber struct {
	*fallback.Transcriber
	offline *pocketsphinx.Lazy
}

func (r remoteTranscriber) Close() error { return r.offline.Close() }

// transcribe transcribes a whole recording: remotely with --stt openai,
// falling back to pocketsphinx loaded with model; offline otherwise.
func (b *backends) transcribe(ctx context.Context, pcm []int16, model pocketsphinx.Config) (starloop.Transcript, error) {
	offline := fallback.TranscribeFunc(func(ctx context.Context, pcm []int16) (starloop.Transcript, error) {
		rec, err := pocketsphinx.New(model)
		if err != nil {
			return starloop.Transcript{}, err
		}
		defer rec.Close()
		return rec.Transcribe(ctx, pcm)
	})
	if !b.cfg.Uses("stt") {
		return offline(ctx, pcm)
	}
	r := &fallback.Recordings{Remote: b.client, Offline: offline, Notify: b.notify}
	return r.Transcribe(ctx, pcm)
}

// voice is an interviewer's voice: the flite voice name, with the remote
// voice in front of it with --tts openai. A name flite does not have is
// an error before anything is said.
func (b *backends) voice(ctx context.Context, name string) (interviewer.Voice, error) {
	return b.voiceAs(ctx, name, "")
}

// voiceAs is voice with remote, when not empty, the remote voice instead
// of --tts-voice: each interviewer of a loop has one of their own.
func (b *backends) voiceAs(ctx context.Context, name, remote string) (interviewer.Voice, error) {
	offline, err := b.flite(ctx, name)
	if err != nil || !b.cfg.Uses("tts") {
		return offline, err
	}
	client := b.client
	if remote != "" {
		client = client.WithVoice(remote)
	}
	return &fallback.Voice{Remote: client, Offline: offline, Notify: b.notify}, nil
}

// flite is the offline voice name, whatever the settings, checked to be
// one flite has.
func (b *backends) flite(ctx context.Context, name string) (*flite.Voice, error) {
	v, err := flite.New(flite.Config{Voice: name, Rate: b.rate})
	if err != nil {
		return nil, err
	}
	if err := v.Check(ctx); err != nil {
		return nil, err
	}
	return v, nil
}

// judge judges answers and picks follow-ups: the rubric, and with
// --coach openai a chat model given the rubric's report.
func (b *backends) judge() interviewer.Judge {
	offline := judge.Rubric(rubric.New(), b.bank)
	if !b.cfg.Uses("coach") {
		return offline
	}
	return &fallback.Judge{Remote: b.client.Judge(offline, b.bank.Name), Offline: offline, Notify: b.notify}
}

// names is what a session records of its backends, e.g.
// "openai whisper-1" or "pocketsphinx".
func (b *backends) names() (stt, tts, coach string) {
	stt, tts, coach = "pocketsphinx", "flite", "rubric"
	if b.cfg.Uses("stt") {
		stt = "openai " + b.cfg.Get("stt-model")
	}
	if b.cfg.Uses("tts") {
		tts = "openai " + b.cfg.Get("tts-model") + " " + b.cfg.Get("tts-voice")
	}
	if b.cfg.Uses("coach") {
		coach = "rubric + openai " + b.cfg.Get("coach-model")
	}
	return
}

// offlineBackends are the offline backends alone, for a command that has
// no remote flags (rehearse): the environment's remote settings do not
// apply to it.
func offlineBackends(c *cli.Context) (*backends, error) {
	model, err := speechModel(c)
	if err != nil {
		return nil, err
	}
	return &backends{cfg: config.Offline(), rate: c.Float64("rate"), model: model}, nil
}

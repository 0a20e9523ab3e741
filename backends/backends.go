// Package backends builds the speech and judging backends of one command
// (STT, a TTS per voice, the judge with its coach) from its effective
// settings, loaded once by cmd/starloop: offline is the default, a remote
// backend always has the offline one behind it (package fallback), and an
// offline Config builds no client at all. It is the one place that builds
// them: a new engine is wired in here.
package backends

import (
	"context"
	"fmt"
	"io"
	"strings"

	"github.com/starloop/starloop"
	"github.com/starloop/starloop/audio"
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

// Set is the backends of one command.
type Set struct {
	Config *config.Config
	Bank   *prompts.Bank
	// Model is the recogniser's model; the caller may add a speaker
	// profile or a story bank's language model before Transcriber.
	Model  pocketsphinx.Config
	client *openai.Client // nil when every backend is offline
	notify fallback.Notify
	rate   float64 // the voices' speaking rate; 0 for flite's own
}

// Options are what New builds from.
type Options struct {
	Config  *config.Config // the effective settings; nil is offline
	Bank    *prompts.Bank
	Model   pocketsphinx.Config
	Rate    float64   // the voices' speaking rate; 0 for flite's own
	Notices io.Writer // a line for each fallback to the offline backend
}

// New builds the backends of opt and, when one is remote, the client, and
// checks the key and base URL with ctx, so that a wrong one is a one-line
// error before the first question.
func New(ctx context.Context, opt Options) (*Set, error) {
	if opt.Config == nil {
		opt.Config = config.Offline()
	}
	s := &Set{Config: opt.Config, Bank: opt.Bank, Model: opt.Model, rate: opt.Rate}
	if opt.Notices != nil {
		s.notify = fallback.Writer(opt.Notices)
	}
	if !s.Config.Remote() {
		return s, nil
	}
	var err error
	if s.client, err = openai.New(s.Config.OpenAI()); err != nil {
		return nil, err
	}
	if err := s.client.Preflight(ctx); err != nil {
		return nil, err
	}
	return s, nil
}

// Transcriber is an interviewer.Transcriber that holds resources until
// Close.
type Transcriber interface {
	interviewer.Transcriber
	Close() error
}

// Transcriber starts loading the offline recognizer (Model) in the
// background and, with stt openai, puts the remote in front of it.
func (s *Set) Transcriber() Transcriber {
	offline := pocketsphinx.Load(s.Model)
	if !s.Config.Uses("stt") {
		return offline
	}
	return remoteTranscriber{
		Transcriber: &fallback.Transcriber{Remote: s.client, Offline: offline, Notify: s.notify},
		offline:     offline,
	}
}

type remoteTranscriber struct {
	*fallback.Transcriber
	offline *pocketsphinx.Lazy
}

func (r remoteTranscriber) Close() error { return r.offline.Close() }

// Transcribe transcribes a whole recording: remotely with stt openai,
// falling back to pocketsphinx loaded with model; offline otherwise.
func (s *Set) Transcribe(ctx context.Context, pcm []int16, model pocketsphinx.Config) (starloop.Transcript, error) {
	offline := fallback.TranscribeFunc(func(ctx context.Context, pcm []int16) (starloop.Transcript, error) {
		rec, err := pocketsphinx.New(model)
		if err != nil {
			return starloop.Transcript{}, err
		}
		defer rec.Close()
		return rec.Transcribe(ctx, pcm)
	})
	if !s.Config.Uses("stt") {
		return offline(ctx, pcm)
	}
	r := &fallback.Recordings{Remote: s.client, Offline: offline, Notify: s.notify}
	return r.Transcribe(ctx, pcm)
}

// Voice is an interviewer's voice: the flite voice name, with the remote
// voice in front of it with tts openai: remote when not empty (each
// interviewer of a loop has one of their own), else the tts-voice setting.
// A name flite does not have is an error before anything is said.
func (s *Set) Voice(ctx context.Context, name, remote string) (interviewer.Voice, error) {
	offline, err := s.Flite(ctx, name)
	if err != nil || !s.Config.Uses("tts") {
		return offline, err
	}
	client := s.client
	if remote != "" {
		client = client.WithVoice(remote)
	}
	return &fallback.Voice{Remote: client, Offline: offline, Notify: s.notify}, nil
}

// Flite is the offline voice name, whatever the settings, checked to be
// one flite has.
func (s *Set) Flite(ctx context.Context, name string) (*flite.Voice, error) {
	return FliteVoice(ctx, name, s.rate)
}

// FliteVoice is flite's voice name at rate (0 for flite's own), checked
// to be one flite has: every flite voice starloop speaks with is made
// here.
func FliteVoice(ctx context.Context, name string, rate float64) (*flite.Voice, error) {
	v, err := flite.New(flite.Config{Voice: name, Rate: rate})
	if err != nil {
		return nil, err
	}
	if err := v.Check(ctx); err != nil {
		return nil, err
	}
	return v, nil
}

// Judge judges answers and picks follow-ups: the rubric, and with coach
// openai a chat model given the rubric's report.
func (s *Set) Judge() interviewer.Judge {
	offline := judge.Rubric(rubric.New(), s.Bank)
	if !s.Config.Uses("coach") {
		return offline
	}
	return &fallback.Judge{Remote: s.client.Judge(offline, s.Bank.Name), Offline: offline, Notify: s.notify}
}

// Names is what a session records of its backends, e.g.
// "openai whisper-1" or "pocketsphinx".
func (s *Set) Names() (stt, tts, coach string) {
	stt, tts, coach = "pocketsphinx", "flite", "rubric"
	if s.Config.Uses("stt") {
		stt = "openai " + s.Config.Get("stt-model")
	}
	if s.Config.Uses("tts") {
		tts = "openai " + s.Config.Get("tts-model") + " " + s.Config.Get("tts-voice")
	}
	if s.Config.Uses("coach") {
		coach = "rubric + openai " + s.Config.Get("coach-model")
	}
	return
}

// TranscribeRecording is the one rule of transcribe and analyze for a
// recording read from the file name: what was wrong with the file is one
// line on notices, and a recording with no recognised words is an error
// of kind NoSpeech.
func (s *Set) TranscribeRecording(ctx context.Context, notices io.Writer, name string, rec audio.Recording, model pocketsphinx.Config) (starloop.Transcript, error) {
	op := "transcribe " + name
	if p := rec.Problem(); p != "" {
		fmt.Fprintf(notices, "starloop: %s: %s\n", name, p)
	}
	t, err := s.Transcribe(ctx, rec.PCM, model)
	if err != nil {
		return t, starloop.E(op, starloop.Other, err)
	}
	if strings.TrimSpace(t.Text) == "" {
		return t, starloop.Errorf(starloop.NoSpeech, "%s: no words recognised", op)
	}
	return t, nil
}

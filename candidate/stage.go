package candidate

import (
	"context"
	"fmt"
	"io"
	"path/filepath"

	"github.com/starloop/starloop"
	"github.com/starloop/starloop/audio"
	"github.com/starloop/starloop/audio/virtual"
	"github.com/starloop/starloop/interviewer"
)

// Stage is where starloop demo plays: a private PulseAudio server with a
// virtual microphone and speaker (package virtual), the speaker recorded
// from the moment the candidate enters, and the candidate answering into
// the microphone. Open it, point the process's audio at Env, Enter, run
// the session on the devices, then Finish; Stop in any case.
type Stage struct {
	srv     *virtual.Server
	speaker *virtual.Recording
	cand    *Candidate
}

// OpenStage starts the virtual devices. They must exist before PortAudio
// (through ALSA) looks for them.
func OpenStage(ctx context.Context) (*Stage, error) {
	srv, err := virtual.New(ctx, virtual.Options{})
	if err != nil {
		return nil, starloop.E("demo: start virtual devices", starloop.DeviceUnavailable, err)
	}
	return &Stage{srv: srv}, nil
}

// Env is what a client of the devices needs in its environment
// (virtual.Server.Env).
func (s *Stage) Env() []string { return s.srv.Env() }

// Enter starts recording the speaker and brings in a candidate that
// answers with voice; its clips are timed from now. The candidate hears
// the session through Watch.
func (s *Stage) Enter(ctx context.Context, voice interviewer.Voice) error {
	var err error
	if s.speaker, err = s.srv.RecordSpeaker(ctx); err != nil {
		return starloop.E("demo: record the speaker", starloop.DeviceUnavailable, err)
	}
	s.cand = New(ctx, s.srv, voice)
	return nil
}

// Watch is the view v with the candidate listening in: it answers each
// time the interviewer starts listening.
func (s *Stage) Watch(v interviewer.View) interviewer.View {
	s.cand.View = v
	return s.cand
}

// Finish waits for the candidate's last answer, stops the recording and,
// when the session has a folder (sessDir not empty), saves both sides of
// the conversation there as conversation.wav (0600), saying so on w. It
// returns runErr, the session's own outcome, unless finishing failed.
func (s *Stage) Finish(w io.Writer, sessDir string, runErr error) error {
	s.cand.Wait()
	said, err := s.speaker.Stop()
	if err != nil {
		return err
	}
	if sessDir == "" {
		return runErr
	}
	conv := s.cand.Mix(said)
	path := filepath.Join(sessDir, "conversation.wav")
	if err := audio.WriteWAVFile(path, conv); err != nil {
		return err
	}
	fmt.Fprintf(w, "Both sides of the conversation: %s (%.0f s)\n", path, float64(len(conv))/audio.SampleRate)
	return runErr
}

// Stop stops the devices.
func (s *Stage) Stop() error { return s.srv.Stop() }

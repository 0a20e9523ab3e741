// Package pulsetest gives a test a private PulseAudio daemon with virtual
// devices (package virtual) for its duration, with the test process's
// environment pointed at it.
//
// Start the server before the code under test first loads ALSA (for
// PortAudio, before Open): ALSA decides whether "default" means PulseAudio
// when it reads its configuration.
package pulsetest

import (
	"context"
	"testing"

	"github.com/starloop/starloop/audio/virtual"
)

// Server, Options and Recording are package virtual's.
type (
	Server    = virtual.Server
	Options   = virtual.Options
	Recording = virtual.Recording
)

// The devices' names, as package virtual names them.
const (
	Speaker = virtual.Speaker
	Mic     = virtual.Mic
	MicFeed = virtual.MicFeed
)

// New starts a server that the caller must Stop (see virtual.New).
func New(ctx context.Context, opts Options) (*Server, error) { return virtual.New(ctx, opts) }

// Start starts a server with both virtual devices for the duration of a
// test: it points the test process's environment at it with tb.Setenv (so
// the test must not be parallel), and stops it in tb.Cleanup, logging the
// daemon's output if the test failed. A failure to start is fatal to the
// test.
func Start(tb testing.TB) *Server {
	tb.Helper()
	return StartWith(tb, Options{})
}

// StartWith is Start with a choice of devices.
func StartWith(tb testing.TB, opts Options) *Server {
	tb.Helper()
	s, err := virtual.New(context.Background(), opts)
	if err != nil {
		tb.Fatalf("pulsetest: %v", err)
	}
	tb.Cleanup(func() {
		if tb.Failed() {
			tb.Logf("pulseaudio log:\n%s", s.Log())
		}
		if err := s.Stop(); err != nil {
			tb.Errorf("pulsetest: %v", err)
		}
	})
	s.Setenv(tb.Setenv)
	return s
}

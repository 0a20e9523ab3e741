package starloop

import (
	"context"
	"errors"
	"fmt"
	"testing"
)

func TestKindSurvivesWrapping(t *testing.T) {
	base := E("open mic", DeviceUnavailable, errors.New("no default input device"))
	wrapped := fmt.Errorf("practice: %w", E("record answer", Other, base))
	if got := KindOf(wrapped); got != DeviceUnavailable {
		t.Fatalf("KindOf = %v, want %v", got, DeviceUnavailable)
	}
	if !errors.Is(wrapped, &Error{Kind: DeviceUnavailable}) {
		t.Fatal("errors.Is by kind failed")
	}
	if errors.Is(wrapped, &Error{Kind: Invalid}) {
		t.Fatal("errors.Is matched the wrong kind")
	}
	if want := "practice: record answer: open mic: no default input device"; wrapped.Error() != want {
		t.Fatalf("message = %q, want %q", wrapped.Error(), want)
	}
}

func TestExitCodes(t *testing.T) {
	tests := []struct {
		err  error
		want int
	}{
		{E("read answer", Invalid, errors.New("empty")), 2},
		{E("load session", NotFound, nil), 3},
		{E("open mic", DeviceUnavailable, nil), 4},
		{E("transcribe", NoSpeech, nil), 5},
		{E("call server", Transient, context.DeadlineExceeded), 6},
		{errors.New("plain"), 1},
	}
	for _, tt := range tests {
		if got := KindOf(tt.err).ExitCode(); got != tt.want {
			t.Errorf("%v: exit code %d, want %d", tt.err, got, tt.want)
		}
	}
}

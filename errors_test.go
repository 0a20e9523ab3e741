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

func TestKindOfSeesJoinedErrors(t *testing.T) {
	tests := []struct {
		name string
		err  error
		want Kind
	}{
		{"join, kind second", errors.Join(errors.New("close file"), E("record", DeviceUnavailable, nil)), DeviceUnavailable},
		{"join, outer kind first", errors.Join(Errorf(NoSpeech, "listen: silence"), Errorf(Invalid, "bad flag")), NoSpeech},
		{"join inside wrap", fmt.Errorf("session: %w", errors.Join(errors.New("a"), Errorf(NotFound, "no file"))), NotFound},
		{"Other skipped for the inner kind", E("save", Other, errors.Join(errors.New("x"), Errorf(Transient, "busy"))), Transient},
		{"an Other *Error in a join", errors.Join(&Error{Op: "x"}, Errorf(Canceled, "stop")), Canceled},
		{"no kind anywhere", errors.Join(errors.New("a"), errors.New("b")), Other},
		{"nil", nil, Other},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := KindOf(tt.err); got != tt.want {
				t.Errorf("KindOf(%v) = %v, want %v", tt.err, got, tt.want)
			}
		})
	}
}

func TestErrorfFormatsAndWraps(t *testing.T) {
	cause := E("open mic", DeviceUnavailable, errors.New("unplugged"))
	err := Errorf(Invalid, "practice: %d questions: %w", 0, cause)
	if want := "practice: 0 questions: open mic: unplugged"; err.Error() != want {
		t.Errorf("message = %q, want %q", err.Error(), want)
	}
	if KindOf(err) != Invalid {
		t.Errorf("KindOf = %v, want the outer kind %v", KindOf(err), Invalid)
	}
	if !errors.Is(err, cause) {
		t.Error("%w did not wrap the cause")
	}
}

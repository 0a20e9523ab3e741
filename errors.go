// Package starloop holds the few domain types that every layer shares: the
// error kinds that cmd/ maps to exit codes and one-line messages.
//
// Errors carry a Kind (what went wrong, in terms a user can act on) and an Op
// (what starloop was doing). Wrap with E, test with Is or KindOf.
package starloop

import (
	"errors"
	"strings"
)

// Kind classifies an error by what the user can do about it.
type Kind uint8

// The kinds are few and stable; cmd/ maps each to an exit code.
const (
	Other             Kind = iota // unclassified: a bug or an unexpected failure
	Invalid                       // bad input from the user: a flag, a file, a value
	NoSpeech                      // audio held no speech to work with
	DeviceUnavailable             // no microphone or speaker, or it failed
	Transient                     // a remote call failed in a way that may pass
	Unauthorized                  // a remote server refused the credentials
	NotFound                      // a named thing (file, session, LP) does not exist
	Canceled                      // the user stopped the operation
)

var kindNames = [...]string{
	Other:             "error",
	Invalid:           "invalid input",
	NoSpeech:          "no speech",
	DeviceUnavailable: "audio device unavailable",
	Transient:         "temporary failure",
	Unauthorized:      "unauthorized",
	NotFound:          "not found",
	Canceled:          "canceled",
}

func (k Kind) String() string {
	if int(k) < len(kindNames) {
		return kindNames[k]
	}
	return "error"
}

// ExitCode is the process exit status for an error of this kind. 0 is never
// returned: 1 is a generic failure, 2 bad usage or input, the rest specific.
func (k Kind) ExitCode() int {
	switch k {
	case Invalid:
		return 2
	case NotFound:
		return 3
	case DeviceUnavailable:
		return 4
	case NoSpeech:
		return 5
	case Transient, Unauthorized:
		return 6
	case Canceled:
		return 130
	}
	return 1
}

// Error is an error with a kind and the operation that failed.
type Error struct {
	Op   string // what was being done, e.g. "transcribe answer-01.wav"
	Kind Kind
	Err  error // the underlying cause; may be nil
}

// E builds an *Error. When err is already an *Error with a kind and kind is
// Other, the inner kind is kept, so wrapping never loses classification.
func E(op string, kind Kind, err error) error {
	if kind == Other {
		kind = KindOf(err)
	}
	return &Error{Op: op, Kind: kind, Err: err}
}

// Errorf is a convenience for an *Error whose cause is a new message.
func Errorf(op string, kind Kind, msg string) error {
	return &Error{Op: op, Kind: kind, Err: errors.New(msg)}
}

func (e *Error) Error() string {
	var b strings.Builder
	b.WriteString(e.Op)
	if e.Err != nil {
		if b.Len() > 0 {
			b.WriteString(": ")
		}
		b.WriteString(e.Err.Error())
	} else if e.Kind != Other {
		if b.Len() > 0 {
			b.WriteString(": ")
		}
		b.WriteString(e.Kind.String())
	}
	return b.String()
}

func (e *Error) Unwrap() error { return e.Err }

// Is reports whether target is an *Error of the same kind, so that
// errors.Is(err, &starloop.Error{Kind: starloop.NoSpeech}) works.
func (e *Error) Is(target error) bool {
	t, ok := target.(*Error)
	return ok && t.Op == "" && t.Err == nil && t.Kind == e.Kind
}

// KindOf returns the outermost non-Other kind in err's chain, or Other.
func KindOf(err error) Kind {
	for err != nil {
		if e, ok := err.(*Error); ok && e.Kind != Other {
			return e.Kind
		}
		err = errors.Unwrap(err)
	}
	return Other
}

// IsKind reports whether err carries kind k.
func IsKind(err error, k Kind) bool { return err != nil && KindOf(err) == k }

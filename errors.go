// Package starloop holds the few domain types that every layer shares: the
// error kinds that cmd/ maps to exit codes and one-line messages.
//
// Errors carry a Kind (what went wrong, in terms a user can act on) and an Op
// (what starloop was doing). Wrap with E, test with Is or KindOf.
package starloop

import (
	"errors"
	"fmt"
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

// Errorf is an *Error of kind whose cause is fmt.Errorf(format, args...):
// the operation, if any, goes at the start of the message ("practice:
// unexpected argument %q"), and %w wraps as it does in fmt.Errorf. go vet
// checks the format against the arguments.
func Errorf(kind Kind, format string, args ...any) error {
	return &Error{Kind: kind, Err: fmt.Errorf(format, args...)}
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

// KindOf returns the outermost non-Other kind in err's tree, or Other. It
// looks where errors.As looks: through Unwrap() error and through
// Unwrap() []error (errors.Join, fmt.Errorf with several %w), depth first.
func KindOf(err error) Kind {
	var k kinded
	if errors.As(err, &k) {
		return k.kind
	}
	return Other
}

// kinded is the target with which KindOf asks errors.As for the first
// *Error that has a kind.
type kinded struct{ kind Kind }

func (k kinded) Error() string { return k.kind.String() }

// As lets errors.As find e as a kinded when e has a kind other than Other.
func (e *Error) As(target any) bool {
	if k, ok := target.(*kinded); ok && e.Kind != Other {
		k.kind = e.Kind
		return true
	}
	return false
}

// IsKind reports whether err carries kind k.
func IsKind(err error, k Kind) bool { return err != nil && KindOf(err) == k }

package flite

import (
	"context"
	"slices"
	"testing"

	"github.com/starloop/starloop"
)

// The expected phones are what `t2p timeouts` prints on Debian 12 (flite
// 2.2), pauses left out.
func TestLetterToSound(t *testing.T) {
	l, err := NewLetterToSound("")
	if err != nil {
		t.Skip(err)
	}
	got, err := l.Phones(context.Background(), "timeouts")
	if err != nil {
		t.Fatal(err)
	}
	if want := []string{"t", "ih1", "m", "aw1", "t", "s"}; !slices.Equal(got, want) {
		t.Errorf("Phones(timeouts) = %q, want %q", got, want)
	}
	for _, bad := range []string{"", "  ", "-h"} {
		if _, err := l.Phones(context.Background(), bad); !starloop.IsKind(err, starloop.Invalid) {
			t.Errorf("Phones(%q): %v, want Invalid", bad, err)
		}
	}
	if _, err := NewLetterToSound("no-such-t2p"); !starloop.IsKind(err, starloop.NotFound) {
		t.Errorf("a missing t2p: %v, want NotFound", err)
	}
}

package flite

import (
	"context"
	"os/exec"
	"strings"

	"github.com/starloop/starloop"
)

// LetterToSound guesses how words are pronounced with flite's t2p program
// (in the Debian package flite): its lexicon first, its letter-to-sound
// rules for words the lexicon lacks. It is safe for concurrent use.
type LetterToSound struct {
	bin string
}

// NewLetterToSound finds t2p: binary is a name looked up on $PATH or a
// path; "" means "t2p". A missing program is a NotFound error that names
// the Debian package.
func NewLetterToSound(binary string) (*LetterToSound, error) {
	if binary == "" {
		binary = "t2p"
	}
	path, err := exec.LookPath(binary)
	if err != nil {
		return nil, starloop.Errorf(starloop.NotFound, "find letter-to-sound: %s not found: install the Debian package flite (sudo apt-get install flite)", binary)
	}
	return &LetterToSound{bin: path}, nil
}

// Phones returns flite's phones for words (one or more, separated by
// spaces), in flite's own phone set: lower case, vowels with a stress digit
// ("t ih1 m aw1 t s"), with "ax" and "axr" for the unstressed schwa; the
// pauses around the words are left out.
func (l *LetterToSound) Phones(ctx context.Context, words string) ([]string, error) {
	const op = "letter to sound"
	if strings.TrimSpace(words) == "" || strings.HasPrefix(strings.TrimSpace(words), "-") {
		return nil, starloop.Errorf(starloop.Invalid, "%s: %q is not a word", op, words)
	}
	out, err := exec.CommandContext(ctx, l.bin, words).Output()
	if ctx.Err() != nil {
		return nil, starloop.E(op, starloop.Canceled, ctx.Err())
	}
	if err != nil {
		return nil, starloop.Errorf(starloop.Other, "%s %q: t2p failed: %v", op, words, err)
	}
	var phones []string
	for _, p := range strings.Fields(string(out)) {
		if p != "pau" {
			phones = append(phones, p)
		}
	}
	if len(phones) == 0 {
		return nil, starloop.Errorf(starloop.Other, "%s %q: t2p gave no phones", op, words)
	}
	return phones, nil
}

// Package flite is the interviewer's offline voice: it turns text into
// speech with the flite synthesiser (the Debian package flite), run as a
// separate program.
//
// Text enters through Voice.Synthesize; speech leaves as 16 kHz mono
// 16-bit samples, ready for a speaker (the 8 kHz voices are resampled with
// package audio). Nothing is written to disk: flite gets the text as an
// argument and writes its WAV to a pipe.
package flite

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"os/exec"
	"slices"
	"strconv"
	"strings"
	"sync"

	"github.com/starloop/starloop"
	"github.com/starloop/starloop/audio"
)

// DefaultVoice is the voice New uses when Config.Voice is empty: a clear
// female US English voice, recorded at 16 kHz.
const DefaultVoice = "slt"

// Limits on Config.Rate: beyond them flite's speech stops being
// intelligible.
const (
	MinRate = 0.5
	MaxRate = 2.0
)

// MaxText is the longest text Synthesize accepts, in bytes: far more than a
// question or a follow-up, and about ten minutes of speech.
const MaxText = 10000

// Config chooses the voice. The zero value is the default voice at normal
// speed, with flite found on $PATH.
type Config struct {
	// Voice is one of the voices flite lists with -lv (on Debian: slt,
	// kal, kal16, awb, rms, awb_time); "" means DefaultVoice.
	Voice string
	// Rate is the speaking speed: 1 normal, 0.8 slower (every sound lasts
	// 1/0.8 = 1.25 times as long), 1.2 faster; 0 means 1. It must lie
	// within [MinRate, MaxRate].
	Rate float64
	// Binary is the flite program, a name looked up on $PATH or a path;
	// "" means "flite".
	Binary string
}

// Voice synthesises speech with one flite voice. It is safe for concurrent
// use.
type Voice struct {
	bin   string
	voice string
	rate  float64

	mu       sync.Mutex
	checked  bool  // the voice has been looked up in flite's list
	checkErr error // and this is what the lookup found
}

// New checks cfg and finds the flite program. A missing program is an error
// of kind NotFound that names the Debian package; a bad rate, one of kind
// Invalid. An unknown voice is reported by the first Synthesize, which asks
// flite for its list.
func New(cfg Config) (*Voice, error) {
	const op = "start flite voice"
	v := &Voice{voice: cfg.Voice, rate: cfg.Rate}
	if v.voice == "" {
		v.voice = DefaultVoice
	}
	if v.rate == 0 {
		v.rate = 1
	}
	if v.rate < MinRate || v.rate > MaxRate {
		return nil, starloop.Errorf(starloop.Invalid, "%s: speaking rate %g is outside %g to %g", op, cfg.Rate, MinRate, MaxRate)
	}
	if strings.ContainsAny(v.voice, "/\\") || strings.HasPrefix(v.voice, "-") {
		// flite would take these for a file, a URL or an option.
		return nil, starloop.Errorf(starloop.Invalid, "%s: %q is not a voice name", op, v.voice)
	}
	bin := cfg.Binary
	if bin == "" {
		bin = "flite"
	}
	path, err := exec.LookPath(bin)
	if err != nil {
		return nil, starloop.Errorf(starloop.NotFound, "%s: %s not found: install the Debian package flite (sudo apt-get install flite)", op, bin)
	}
	v.bin = path
	return v, nil
}

// Name is the voice's name.
func (v *Voice) Name() string { return v.voice }

// Check tells whether flite has the voice, so that a wrong name is one
// line before anything is said: an error of kind Invalid naming the
// voices there are.
func (v *Voice) Check(ctx context.Context) error {
	have, err := v.Voices(ctx)
	if err != nil {
		return err
	}
	if !slices.Contains(have, v.voice) {
		return starloop.Errorf(starloop.Invalid, "flite has no voice %q; choose one of %s", v.voice, strings.Join(have, ", "))
	}
	return nil
}

// Voices asks flite which voices it has (flite -lv), in flite's order.
func (v *Voice) Voices(ctx context.Context) ([]string, error) {
	out, err := v.run(ctx, "list flite voices", "-lv")
	if err != nil {
		return nil, err
	}
	// "Voices available: kal awb_time kal16 awb rms slt \n"
	_, list, ok := strings.Cut(string(out), ":")
	if !ok {
		return nil, starloop.Errorf(starloop.Other, "list flite voices: unexpected answer %q", strings.TrimSpace(string(out)))
	}
	return strings.Fields(list), nil
}

// Synthesize speaks text and returns the speech as 16 kHz mono samples. The
// first call checks the voice against Voices: flite itself would silently
// fall back to another. Empty text, text longer than MaxText and an unknown
// voice are errors of kind Invalid (the last lists the voices there are).
func (v *Voice) Synthesize(ctx context.Context, text string) ([]int16, error) {
	op := "synthesize speech with flite voice " + v.voice
	text = strings.TrimSpace(text)
	switch {
	case text == "":
		return nil, starloop.Errorf(starloop.Invalid, "%s: no text to speak", op)
	case len(text) > MaxText:
		return nil, starloop.Errorf(starloop.Invalid, "%s: text of %d bytes is longer than %d", op, len(text), MaxText)
	}
	if err := v.check(ctx); err != nil {
		return nil, err
	}
	args := []string{"-voice", v.voice}
	if v.rate != 1 {
		args = append(args, "--setf", "duration_stretch="+strconv.FormatFloat(1/v.rate, 'f', -1, 64))
	}
	// flite takes the argument after -t as text even if it starts with
	// "-". (Text from -f /dev/stdin with the WAV on a pipe makes flite
	// 2.2 hang.)
	args = append(args, "-t", text, "-o", "/dev/stdout")
	wav, err := v.run(ctx, op, args...)
	if err != nil {
		return nil, err
	}
	pcm, err := audio.DecodeWAV(bytes.NewReader(wav))
	if err != nil {
		return nil, starloop.E(op, starloop.Other, err)
	}
	return pcm, nil
}

// check reports an unknown voice as Invalid, with the list. The answer is
// kept; a failure to get it (a cancelled context) is not.
func (v *Voice) check(ctx context.Context) error {
	v.mu.Lock()
	defer v.mu.Unlock()
	if v.checked {
		return v.checkErr
	}
	voices, err := v.Voices(ctx)
	if err != nil {
		return err
	}
	v.checked = true
	if !slices.Contains(voices, v.voice) {
		v.checkErr = starloop.Errorf(starloop.Invalid, "flite voice: unknown voice %q; flite has %s", v.voice, strings.Join(voices, ", "))
	}
	return v.checkErr
}

// run runs flite and returns its standard output; a failure is reported
// with the last line flite printed on standard error.
func (v *Voice) run(ctx context.Context, op string, args ...string) ([]byte, error) {
	cmd := exec.CommandContext(ctx, v.bin, args...)
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	if err := cmd.Run(); err != nil {
		if ctxErr := ctx.Err(); ctxErr != nil {
			return nil, starloop.E(op, starloop.Canceled, ctxErr)
		}
		var exit *exec.ExitError
		if errors.As(err, &exit) {
			if msg := lastLine(stderr.String()); msg != "" {
				err = fmt.Errorf("%w: %s", err, msg)
			}
		}
		return nil, starloop.E(op, starloop.Other, err)
	}
	return stdout.Bytes(), nil
}

func lastLine(s string) string {
	lines := strings.Split(strings.TrimSpace(s), "\n")
	return strings.TrimSpace(lines[len(lines)-1])
}

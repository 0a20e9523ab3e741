package audio

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"math"
	"os"
	"time"

	"github.com/starloop/starloop"
)

// Recording is a WAV file read for judging or transcribing: its samples as
// 16 kHz mono, and what was missing from it.
type Recording struct {
	PCM []int16
	// Missing is the audio that the file's header promises beyond its end,
	// as in a recording cut short; 0 for a whole file or one whose header
	// leaves the length open (a data size of 0 or 0xFFFFFFFF).
	Missing time.Duration
}

// Duration is the length of the samples read.
func (r Recording) Duration() time.Duration {
	return time.Duration(len(r.PCM)) * time.Second / SampleRate
}

// Problem is one line saying what was wrong with a recording that could
// still be read, or "" when nothing was.
func (r Recording) Problem() string {
	if r.Missing == 0 {
		return ""
	}
	return fmt.Sprintf("the file is cut short: its header promises %s more than the %s it holds; using what is there",
		seconds(r.Missing), seconds(r.Duration()))
}

func seconds(d time.Duration) string { return fmt.Sprintf("%.1f s", d.Seconds()) }

// ReadRecording reads a whole WAV recording from r, as DecodeWAV does, with
// one rule for what a recording must be: it holds at least one sample (a
// header alone is an error of kind Invalid), it is no longer than max (0:
// no limit; checked against the header before the samples are read, so a
// long file costs no memory), and a file that ends before its header says
// is read to its end with Missing set.
func ReadRecording(r io.Reader, max time.Duration) (Recording, error) {
	var head bytes.Buffer
	h, err := readHeader(io.TeeReader(r, &head))
	if err != nil {
		return Recording{}, invalid(err)
	}
	if err := h.check(); err != nil {
		return Recording{}, invalid(err)
	}
	limit := int64(math.MaxInt32)
	if max > 0 {
		limit = min(limit, int64(max.Seconds()*float64(h.sampleRate))*int64(h.blockAlign))
	}
	stated := int64(h.dataSize)
	open := h.dataSize == 0 || h.dataSize == math.MaxUint32
	tooLong := func(n int64) error {
		return invalid(fmt.Errorf("the recording is %s long; at most %s is read (one answer)",
			minutes(time.Duration(n/int64(h.blockAlign))*time.Second/time.Duration(h.sampleRate)), minutes(max)))
	}
	if !open && stated > limit {
		return Recording{}, tooLong(stated)
	}
	data, err := io.ReadAll(io.LimitReader(r, limit+1))
	if err != nil {
		return Recording{}, err
	}
	if int64(len(data)) > limit {
		if max > 0 {
			return Recording{}, invalid(fmt.Errorf("the recording is over %s long; at most %s is read (one answer)", minutes(max), minutes(max)))
		}
		return Recording{}, invalid(errors.New("WAV data is too large; at most 2 GiB is supported"))
	}
	pcm, err := decode(bytes.NewReader(append(head.Bytes(), data...)))
	if err != nil {
		return Recording{}, err
	}
	if len(pcm) == 0 {
		return Recording{}, invalid(errors.New("the recording holds no audio: a WAV header and no samples"))
	}
	rec := Recording{PCM: pcm}
	if got := int64(len(data)) - int64(len(data))%int64(h.blockAlign); !open && stated > got {
		frames := (stated - got) / int64(h.blockAlign)
		rec.Missing = time.Duration(frames) * time.Second / time.Duration(h.sampleRate)
	}
	return rec, nil
}

// minutes writes d as minutes, or seconds under one.
func minutes(d time.Duration) string {
	if d < time.Minute {
		return seconds(d)
	}
	return fmt.Sprintf("%.0f min", d.Minutes())
}

// ReadRecordingFile reads the WAV file name as ReadRecording does, with no
// limit on its length. A missing file is an error of kind NotFound.
func ReadRecordingFile(name string) (Recording, error) {
	op := "read " + name
	f, err := os.Open(name)
	if errors.Is(err, fs.ErrNotExist) {
		return Recording{}, starloop.Errorf(starloop.NotFound, "%s: no such file", op)
	}
	if err != nil {
		return Recording{}, starloop.E(op, starloop.Invalid, err)
	}
	defer f.Close()
	rec, err := ReadRecording(bufio.NewReader(f), 0)
	if err != nil {
		return Recording{}, starloop.E(op, starloop.Other, err)
	}
	return rec, nil
}

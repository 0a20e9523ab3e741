package audio

import (
	"encoding/binary"
	"errors"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"time"

	"github.com/starloop/starloop"
)

// syncEvery is how much audio WAVFile holds before it writes the samples and
// rewrites the header's sizes: what a kill -9 can lose at most.
const syncEvery = 250 * time.Millisecond

// syncBytes is syncEvery as bytes of 16 kHz mono 16-bit PCM.
const syncBytes = int(syncEvery/time.Millisecond) * SampleRate / 1000 * 2

// WAVFile is a recording being streamed to disk as a 16 kHz mono 16-bit PCM
// WAV. It implements Writer.
//
// Samples are held in memory for at most 250 ms of audio, then appended to
// the file, after which the header's RIFF and data sizes are rewritten to
// cover them. The file is therefore a valid WAV at every moment: if the
// process dies, it loses at most the last 250 ms, and RepairWAV can recover
// even that much if the samples reached the disk. Call Close to write the
// rest. A WAVFile is not safe for concurrent use; after any error, every
// later call returns the same error.
type WAVFile struct {
	f       *os.File
	path    string
	buf     []byte
	written int64 // sample bytes in the file, excluding buf
	err     error
	closed  bool
}

var _ Writer = (*WAVFile)(nil)

// CreateWAV creates (or truncates) the recording at path with mode 0600,
// creating missing parent folders with mode 0700, and writes an empty
// header. A path that cannot be created is an error of kind Invalid.
func CreateWAV(path string) (*WAVFile, error) {
	op := "create " + path
	if err := os.MkdirAll(filepath.Dir(path), 0o700); err != nil {
		return nil, starloop.E(op, starloop.Invalid, err)
	}
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_TRUNC, 0o600)
	if err != nil {
		return nil, starloop.E(op, starloop.Invalid, err)
	}
	// An existing file keeps its mode through O_TRUNC: recordings are
	// private whatever was there before.
	if err := f.Chmod(0o600); err != nil {
		f.Close()
		return nil, starloop.E(op, starloop.Other, err)
	}
	w := &WAVFile{f: f, path: path, buf: make([]byte, 0, syncBytes+2*FrameSize)}
	var h [headerSize]byte
	putHeader(h[:], 0)
	if _, err := f.Write(h[:]); err != nil {
		f.Close()
		return nil, starloop.E(op, starloop.Other, err)
	}
	return w, nil
}

// WriteFrame appends a frame to the recording.
func (w *WAVFile) WriteFrame(f Frame) error {
	if len(f) != FrameSize {
		return errFrameSize("record "+w.path, len(f))
	}
	return w.WritePCM(f)
}

// WritePCM appends any number of 16 kHz mono samples to the recording.
func (w *WAVFile) WritePCM(pcm []int16) error {
	if w.err != nil {
		return w.err
	}
	if w.closed {
		return starloop.Errorf(starloop.Other, "record %s: recording already closed", w.path)
	}
	if w.written+int64(len(w.buf))+2*int64(len(pcm)) > maxDataBytes {
		w.err = starloop.Errorf(starloop.Invalid, "record %s: recording too long for a WAV file", w.path)
		return w.err
	}
	for _, s := range pcm {
		w.buf = binary.LittleEndian.AppendUint16(w.buf, uint16(s))
		if len(w.buf) >= syncBytes {
			if err := w.flush(); err != nil {
				return err
			}
		}
	}
	return nil
}

// Duration is the length of the audio written so far, flushed or not.
func (w *WAVFile) Duration() time.Duration {
	samples := (w.written + int64(len(w.buf))) / 2
	return time.Duration(samples) * time.Second / SampleRate
}

// Path is where the recording is being written.
func (w *WAVFile) Path() string { return w.path }

// flush appends the buffered samples, then makes the header cover them;
// in that order, so the header never claims samples that are not there.
func (w *WAVFile) flush() error {
	if len(w.buf) == 0 {
		return nil
	}
	if _, err := w.f.Write(w.buf); err != nil {
		w.err = starloop.E("record "+w.path, starloop.Other, err)
		return w.err
	}
	w.written += int64(len(w.buf))
	w.buf = w.buf[:0]
	if err := writeSizes(w.f, headerSize, w.written); err != nil {
		w.err = starloop.E("record "+w.path, starloop.Other, err)
		return w.err
	}
	return nil
}

// writeSizes sets the RIFF size and the data size of a WAV whose data chunk
// starts (after its size field) at dataOffset and holds dataBytes.
func writeSizes(f io.WriterAt, dataOffset, dataBytes int64) error {
	var b [4]byte
	binary.LittleEndian.PutUint32(b[:], uint32(dataOffset+dataBytes-8))
	if _, err := f.WriteAt(b[:], 4); err != nil {
		return err
	}
	binary.LittleEndian.PutUint32(b[:], uint32(dataBytes))
	_, err := f.WriteAt(b[:], dataOffset-4)
	return err
}

// Close writes what is buffered, fixes the header, flushes the file to
// disk and closes it. Calling it again returns nil.
func (w *WAVFile) Close() error {
	if w.closed {
		return nil
	}
	w.closed = true
	err := w.err
	if err == nil {
		err = w.flush()
	}
	if err == nil {
		if serr := w.f.Sync(); serr != nil {
			err = starloop.E("record "+w.path, starloop.Other, serr)
		}
	}
	if cerr := w.f.Close(); cerr != nil && err == nil {
		err = starloop.E("record "+w.path, starloop.Other, cerr)
	}
	return err
}

// RepairWAV makes the header of a WAV that was cut short (the process was
// killed while recording, the disk filled up) agree with the file's length:
// the data chunk is taken to run to the end of the file, a trailing partial
// sample is cut off, and the RIFF and data sizes are rewritten. It assumes
// the data chunk is the file's last, as in files CreateWAV writes. A file
// that is already consistent is left alone. A file too short to hold a
// header cannot be repaired and is an error of kind Invalid.
func RepairWAV(path string) error {
	op := "repair " + path
	f, err := os.OpenFile(path, os.O_RDWR, 0)
	if errors.Is(err, fs.ErrNotExist) {
		return starloop.Errorf(starloop.NotFound, "%s: no such file", op)
	}
	if err != nil {
		return starloop.E(op, starloop.Other, err)
	}
	defer f.Close()
	h, err := readHeader(f)
	if err != nil {
		return starloop.E(op, starloop.Invalid, err)
	}
	if h.blockAlign < 1 {
		return starloop.Errorf(starloop.Invalid, "%s: WAV header has a block align of 0", op)
	}
	st, err := f.Stat()
	if err != nil {
		return starloop.E(op, starloop.Other, err)
	}
	data := st.Size() - h.dataOffset
	data -= data % int64(h.blockAlign)
	if data > maxDataBytes {
		return starloop.Errorf(starloop.Invalid, "%s: %d bytes of samples are more than a WAV header can describe", op, data)
	}
	if int64(h.dataSize) == data && int64(h.riffSize) == h.dataOffset+data-8 && st.Size() == h.dataOffset+data {
		return nil
	}
	if err := f.Truncate(h.dataOffset + data); err != nil {
		return starloop.E(op, starloop.Other, err)
	}
	if err := writeSizes(f, h.dataOffset, data); err != nil {
		return starloop.E(op, starloop.Other, err)
	}
	if err := f.Sync(); err != nil {
		return starloop.E(op, starloop.Other, err)
	}
	return nil
}

// WriteWAVFile saves the whole clip pcm as the recording at path, as
// CreateWAV creates it (mode 0600, missing folders 0700).
func WriteWAVFile(path string, pcm []int16) error {
	w, err := CreateWAV(path)
	if err != nil {
		return err
	}
	if err := w.WritePCM(pcm); err != nil {
		w.Close()
		return err
	}
	return w.Close()
}

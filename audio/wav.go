package audio

import (
	"bytes"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"math"
	"os"

	"github.com/gopxl/beep/v2"
	"github.com/gopxl/beep/v2/wav"

	"github.com/starloop/starloop"
)

// DecodeWAV reads a whole PCM WAV (8, 16 or 24-bit, any sample rate from
// 1 kHz to 768 kHz, 1 to 8 channels) from r and returns it as 16 kHz mono:
// the first two channels are averaged and the rate converted as Resample
// does.
//
// A data chunk whose stated size is 0, 0xFFFFFFFF or larger than what
// follows (a recording cut short by a crash, or written by a streaming tool)
// is read to the end of r. Float and compressed WAVs are refused with an
// error of kind Invalid that says how to convert them. The whole clip is
// held in memory: about 1.9 MB per minute.
func DecodeWAV(r io.ReadSeeker) ([]int16, error) {
	pcm, err := decode(r)
	if err != nil {
		return nil, starloop.E("decode WAV", starloop.Other, err)
	}
	return pcm, nil
}

// ReadWAVFile is DecodeWAV on the file at path. A missing file is an error
// of kind NotFound, a file that is not a usable WAV one of kind Invalid.
func ReadWAVFile(path string) ([]int16, error) {
	op := "read " + path
	f, err := os.Open(path)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, starloop.Errorf(starloop.NotFound, "%s: no such file", op)
	}
	if err != nil {
		return nil, starloop.E(op, starloop.Other, err)
	}
	defer f.Close()
	pcm, err := decode(f)
	if err != nil {
		return nil, starloop.E(op, starloop.Other, err)
	}
	return pcm, nil
}

// invalid classifies err as bad input without adding an operation.
func invalid(err error) error { return starloop.E("", starloop.Invalid, err) }

func decode(r io.ReadSeeker) ([]int16, error) {
	start, err := r.Seek(0, io.SeekCurrent)
	if err != nil {
		return nil, err
	}
	// Keep the header bytes: beep reads the header again from them, with
	// the data size corrected.
	var head bytes.Buffer
	h, err := readHeader(io.TeeReader(r, &head))
	if err != nil {
		return nil, invalid(err)
	}
	if err := h.check(); err != nil {
		return nil, invalid(err)
	}
	end, err := r.Seek(0, io.SeekEnd)
	if err != nil {
		return nil, err
	}
	if _, err := r.Seek(start+h.dataOffset, io.SeekStart); err != nil {
		return nil, err
	}
	size := int64(h.dataSize)
	if avail := end - start - h.dataOffset; size == 0 || h.dataSize == math.MaxUint32 || size > avail {
		size = avail
	}
	size -= size % int64(h.blockAlign)
	if size > math.MaxInt32 {
		return nil, invalid(fmt.Errorf("WAV data is too large (%d bytes); at most 2 GiB is supported", size))
	}
	hb := head.Bytes()
	binary.LittleEndian.PutUint32(hb[len(hb)-4:], uint32(size))

	src := fullReader{io.MultiReader(bytes.NewReader(hb), io.LimitReader(r, size))}
	s, format, err := wav.Decode(src)
	if err != nil {
		return nil, invalid(err)
	}
	return convert(s, int(format.SampleRate), SampleRate, int(size)/h.blockAlign)
}

// toInt16 converts a beep sample in [-1, 1] to 16-bit PCM, rounding and
// saturating (resampling can overshoot full scale slightly).
func toInt16(x float64) int16 { return saturate(x * 32768) }

// fullReader makes every Read fill its buffer unless the source ends, which
// beep's WAV decoder assumes (it drops the bytes of a partial sample), and
// hides any Close method, since beep closes its source on a decode error.
type fullReader struct{ r io.Reader }

func (f fullReader) Read(p []byte) (int, error) {
	n, err := io.ReadFull(f.r, p)
	if errors.Is(err, io.ErrUnexpectedEOF) {
		err = io.EOF
	}
	return n, err
}

// BeepFormat is the beep.Format of starloop's audio: 16 kHz, mono, 16-bit.
func BeepFormat() beep.Format {
	return beep.Format{SampleRate: SampleRate, NumChannels: 1, Precision: 2}
}

// Streamer returns pcm (16 kHz mono) as a beep stream for playback; both
// channels carry the same signal, at BeepFormat's rate. It does not copy
// pcm, never fails, and Close does nothing.
func Streamer(pcm []int16) beep.StreamSeekCloser { return &pcmStreamer{pcm: pcm} }

type pcmStreamer struct {
	pcm []int16
	pos int
}

func (p *pcmStreamer) Stream(samples [][2]float64) (int, bool) {
	if p.pos >= len(p.pcm) {
		return 0, false
	}
	n := min(len(samples), len(p.pcm)-p.pos)
	for i, v := range p.pcm[p.pos : p.pos+n] {
		x := float64(v) / 32768
		samples[i] = [2]float64{x, x}
	}
	p.pos += n
	return n, true
}

func (p *pcmStreamer) Err() error    { return nil }
func (p *pcmStreamer) Len() int      { return len(p.pcm) }
func (p *pcmStreamer) Position() int { return p.pos }
func (p *pcmStreamer) Close() error  { return nil }

func (p *pcmStreamer) Seek(pos int) error {
	if pos < 0 || pos > len(p.pcm) {
		return fmt.Errorf("seek to sample %d: out of range [0, %d]", pos, len(p.pcm))
	}
	p.pos = pos
	return nil
}

// EncodeWAV writes pcm as a whole 16 kHz mono 16-bit PCM WAV to w. For
// recordings that grow while they are made, use CreateWAV.
func EncodeWAV(w io.Writer, pcm []int16) error {
	const op = "encode WAV"
	if int64(len(pcm))*2 > maxDataBytes {
		return starloop.Errorf(starloop.Invalid, "%s: clip is too long for a WAV file", op)
	}
	b := make([]byte, headerSize+2*len(pcm))
	putHeader(b, uint32(2*len(pcm)))
	for i, v := range pcm {
		binary.LittleEndian.PutUint16(b[headerSize+2*i:], uint16(v))
	}
	if _, err := w.Write(b); err != nil {
		return starloop.E(op, starloop.Other, err)
	}
	return nil
}

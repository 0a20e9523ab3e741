package audio

import (
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"math"
)

// headerSize is the size of the canonical 44-byte header starloop writes:
// RIFF, a 16-byte PCM fmt chunk, then the data chunk's mark and size.
const headerSize = 44

// maxDataBytes is the largest data chunk a RIFF file can describe (its
// 32-bit sizes count the header too): about 37 hours at 16 kHz mono 16-bit.
const maxDataBytes = math.MaxUint32 - (headerSize - 8)

// putHeader writes the canonical header of a 16 kHz mono 16-bit PCM WAV
// holding dataBytes of samples into b[:headerSize].
func putHeader(b []byte, dataBytes uint32) {
	le := binary.LittleEndian
	copy(b[0:4], "RIFF")
	le.PutUint32(b[4:8], headerSize-8+dataBytes)
	copy(b[8:12], "WAVE")
	copy(b[12:16], "fmt ")
	le.PutUint32(b[16:20], 16)         // fmt chunk size
	le.PutUint16(b[20:22], 1)          // PCM
	le.PutUint16(b[22:24], 1)          // channels
	le.PutUint32(b[24:28], SampleRate) // sample rate
	le.PutUint32(b[28:32], SampleRate*2)
	le.PutUint16(b[32:34], 2)  // block align: bytes per sample frame
	le.PutUint16(b[34:36], 16) // bits per sample
	copy(b[36:40], "data")
	le.PutUint32(b[40:44], dataBytes)
}

// wavHeader is what starloop needs to know about a WAV file before its
// samples: the format, and where the data chunk is.
type wavHeader struct {
	formatTag     uint16 // 1 PCM, 3 float, 0xFFFE extensible
	channels      int
	sampleRate    int
	blockAlign    int
	bitsPerSample int
	dataOffset    int64  // offset of the first sample byte from the start of the RIFF mark
	dataSize      uint32 // as the header states it; may be wrong in a truncated file
	riffSize      uint32 // likewise
}

// Chunk marks and sizes are read with these limits so that a corrupt size
// cannot make us allocate gigabytes or loop forever.
const (
	maxFmtChunk   = 1 << 10
	maxOtherChunk = 1 << 24
	maxChunks     = 64
)

// readHeader reads a RIFF/WAVE header from r up to and including the data
// chunk's size field, leaving r at the first sample byte. It checks the
// structure, not whether the format is one we can decode (see check).
func readHeader(r io.Reader) (wavHeader, error) {
	var h wavHeader
	var riff [12]byte
	if _, err := io.ReadFull(r, riff[:]); err != nil {
		return h, errors.New("not a WAV file: too short for a RIFF header")
	}
	if string(riff[0:4]) != "RIFF" || string(riff[8:12]) != "WAVE" {
		return h, errors.New("not a WAV file: no RIFF/WAVE mark")
	}
	h.riffSize = binary.LittleEndian.Uint32(riff[4:8])
	off := int64(12)
	haveFmt := false
	for range maxChunks {
		var ch [8]byte
		if _, err := io.ReadFull(r, ch[:]); err != nil {
			return h, errors.New("WAV header ends before its data chunk")
		}
		off += 8
		id, size := string(ch[0:4]), binary.LittleEndian.Uint32(ch[4:8])
		switch id {
		case "data":
			if !haveFmt {
				return h, errors.New("WAV data chunk comes before its fmt chunk")
			}
			h.dataOffset, h.dataSize = off, size
			return h, nil
		case "fmt ":
			if size < 16 || size > maxFmtChunk {
				return h, fmt.Errorf("WAV fmt chunk has a bad size (%d bytes)", size)
			}
			body := make([]byte, size+size%2)
			if _, err := io.ReadFull(r, body); err != nil {
				return h, errors.New("WAV fmt chunk is cut short")
			}
			le := binary.LittleEndian
			h.formatTag = le.Uint16(body[0:2])
			h.channels = int(le.Uint16(body[2:4]))
			h.sampleRate = int(le.Uint32(body[4:8]))
			h.blockAlign = int(le.Uint16(body[12:14]))
			h.bitsPerSample = int(le.Uint16(body[14:16]))
			if h.formatTag == 0xFFFE && size >= 40 {
				// WAVE_FORMAT_EXTENSIBLE: the real format is the first two
				// bytes of the SubFormat GUID.
				h.formatTag = le.Uint16(body[24:26])
			}
			haveFmt = true
			off += int64(len(body))
		default:
			if size > maxOtherChunk {
				return h, fmt.Errorf("WAV %q chunk is implausibly large (%d bytes)", id, size)
			}
			n := int64(size) + int64(size%2)
			if _, err := io.CopyN(io.Discard, r, n); err != nil {
				return h, fmt.Errorf("WAV %q chunk is cut short", id)
			}
			off += n
		}
	}
	return h, errors.New("WAV header has too many chunks before its data")
}

// check reports, in words a user can act on, why beep could not decode a
// file with this header; nil when it can.
func (h wavHeader) check() error {
	switch {
	case h.formatTag == 3:
		return errors.New("WAV holds 32-bit float samples; convert it to 16-bit PCM (sox in.wav -b 16 out.wav)")
	case h.formatTag != 1:
		return fmt.Errorf("WAV format %#x is not PCM; convert it to 16-bit PCM (sox in.wav -b 16 out.wav)", h.formatTag)
	case h.channels < 1 || h.channels > 8:
		return fmt.Errorf("WAV has %d channels; 1 to 8 are supported", h.channels)
	case h.bitsPerSample != 8 && h.bitsPerSample != 16 && h.bitsPerSample != 24:
		return fmt.Errorf("WAV has %d-bit samples; 8, 16 and 24 are supported", h.bitsPerSample)
	case h.blockAlign != h.channels*h.bitsPerSample/8:
		return fmt.Errorf("WAV header is inconsistent: block align %d for %d channels of %d bits",
			h.blockAlign, h.channels, h.bitsPerSample)
	case h.sampleRate < 1000 || h.sampleRate > 768000:
		return fmt.Errorf("WAV sample rate %d Hz is out of range", h.sampleRate)
	}
	return nil
}

package audio

import (
	"bytes"
	"testing"
	"time"
)

// speechLike is 10 s of a tone that comes and goes in -50 dBFS noise.
func speechLike() []int16 {
	pcm := noise(10*SampleRate, amp(-50), 91)
	for s := 0; s+SampleRate/2 <= len(pcm); s += SampleRate {
		mix(pcm, s, toneAt(SampleRate/2, -20))
	}
	return pcm
}

// BenchmarkVADPush measures one frame (20 ms of audio) through the VAD.
func BenchmarkVADPush(b *testing.B) {
	pcm := speechLike()
	v := NewVAD(VADConfig{})
	frames := len(pcm) / FrameSize
	b.ReportAllocs()
	i := 0
	for b.Loop() {
		off := (i % frames) * FrameSize
		v.Push(pcm[off : off+FrameSize])
		i++
	}
}

// BenchmarkDecodeWAV decodes 10 s of audio; realtime-x is seconds of audio
// per second of CPU.
func BenchmarkDecodeWAV(b *testing.B) {
	pcm := speechLike()
	var native bytes.Buffer
	if err := EncodeWAV(&native, pcm); err != nil {
		b.Fatal(err)
	}
	up, err := Resample(pcm, SampleRate, 44100)
	if err != nil {
		b.Fatal(err)
	}
	stereo := make([]int16, 0, 2*len(up))
	for _, s := range up {
		stereo = append(stereo, s, s)
	}
	cd := wavSpec{tag: 1, channels: 2, rate: 44100, bits: 16, blockAlign: 4,
		data: le16(stereo...), dataSize: uint32(4 * len(up))}.bytes()
	for _, bm := range []struct {
		name string
		wav  []byte
	}{
		{"16kHz mono", native.Bytes()},
		{"44.1kHz stereo", cd},
	} {
		b.Run(bm.name, func(b *testing.B) {
			b.SetBytes(int64(len(bm.wav)))
			for b.Loop() {
				if _, err := DecodeWAV(bytes.NewReader(bm.wav)); err != nil {
					b.Fatal(err)
				}
			}
			perOp := b.Elapsed() / time.Duration(b.N)
			b.ReportMetric(float64(10*time.Second)/float64(perOp), "realtime-x")
		})
	}
}

// BenchmarkResample takes 10 s from 16 kHz to a 48 kHz speaker.
func BenchmarkResample(b *testing.B) {
	pcm := speechLike()
	for b.Loop() {
		if _, err := Resample(pcm, SampleRate, 48000); err != nil {
			b.Fatal(err)
		}
	}
	perOp := b.Elapsed() / time.Duration(b.N)
	b.ReportMetric(float64(10*time.Second)/float64(perOp), "realtime-x")
}

package audio

import (
	"bytes"
	"strings"
	"testing"
	"time"

	"github.com/starloop/starloop"
)

func TestReadRecording(t *testing.T) {
	// 16 kHz mono 16-bit: 32000 bytes a second.
	mono := func(samples int, stated uint32) []byte {
		return wavSpec{tag: 1, channels: 1, rate: 16000, bits: 16, blockAlign: 2,
			data: make([]byte, 2*samples), dataSize: stated}.bytes()
	}
	tests := []struct {
		name    string
		in      []byte
		max     time.Duration
		samples int
		missing time.Duration
		problem string // substring; "" for none
		wantErr string // substring; kind must be Invalid
	}{
		{"whole", mono(16000, 32000), time.Minute, 16000, 0, "", ""},
		{"cut short", mono(16000, 3*32000), time.Minute, 16000, 2 * time.Second,
			"the file is cut short: its header promises 2.0 s more than the 1.0 s it holds; using what is there", ""},
		{"length left open", mono(16000, 0), time.Minute, 16000, 0, "", ""},
		{"no limit", mono(16000*3, 3*32000), 0, 48000, 0, "", ""},
		{"header only", mono(0, 0), time.Minute, 0, 0, "", "the recording holds no audio: a WAV header and no samples"},
		{"header only, size stated", mono(0, 32000), time.Minute, 0, 0, "", "no audio"},
		// The header alone says it is too long: no samples are needed.
		{"too long by its header", mono(0, 10*60*32000), 5 * time.Minute, 0, 0, "", "the recording is 10 min long; at most 5 min is read"},
		{"too long, length left open", mono(16000*3, 0), 2 * time.Second, 0, 0, "", "the recording is over 2.0 s long; at most 2.0 s is read"},
		{"not a WAV", []byte("hello, this is text"), time.Minute, 0, 0, "", "not a WAV file"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			rec, err := ReadRecording(bytes.NewReader(tt.in), tt.max)
			if tt.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tt.wantErr) || !starloop.IsKind(err, starloop.Invalid) {
					t.Fatalf("err = %v (kind %v), want an Invalid one containing %q", err, starloop.KindOf(err), tt.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if len(rec.PCM) != tt.samples || rec.Missing != tt.missing {
				t.Errorf("got %d samples, %v missing; want %d, %v", len(rec.PCM), rec.Missing, tt.samples, tt.missing)
			}
			if p := rec.Problem(); (tt.problem == "") != (p == "") || !strings.Contains(p, tt.problem) {
				t.Errorf("Problem() = %q, want %q", p, tt.problem)
			}
		})
	}
}

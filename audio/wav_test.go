package audio

import (
	"bytes"
	"encoding/binary"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/starloop/starloop"
)

// TestDecodeWAVMatchesSox: on 16 kHz mono 16-bit files DecodeWAV must give
// exactly the samples sox reads.
func TestDecodeWAVMatchesSox(t *testing.T) {
	files := speechFiles(t)
	needSox(t)
	for _, path := range files {
		t.Run(filepath.Base(path), func(t *testing.T) {
			got, err := ReadWAVFile(path)
			if err != nil {
				t.Fatal(err)
			}
			want := soxPCM(t, path)
			if len(got) != soxiInt(t, "-s", path) {
				t.Errorf("got %d samples, soxi says %d", len(got), soxiInt(t, "-s", path))
			}
			if !slices.Equal(got, want) {
				t.Errorf("samples differ from sox's")
			}
		})
	}
}

// TestDecodeWAVFormats converts a real recording with sox to other rates,
// channel counts and depths, and checks that DecodeWAV brings each back to
// 16 kHz mono: the length agrees with soxi's, and the content with the
// original (or, for 8 kHz, which loses everything above 4 kHz, with sox's
// own conversion back to 16 kHz).
func TestDecodeWAVFormats(t *testing.T) {
	files := speechFiles(t)
	needSox(t)
	orig := ""
	for _, f := range files {
		if filepath.Base(f) == "LJ001-0001.wav" {
			orig = f
		}
	}
	if orig == "" {
		t.Skip("LJ001-0001.wav not in the speech folder")
	}
	origPCM := soxPCM(t, orig)
	dir := t.TempDir()
	tests := []struct {
		name       string
		soxArgs    []string // output options for sox
		refIsSox   bool     // compare with sox's conversion of the file to 16 kHz
		minCorr    float64
		minSNR     float64 // dB
		exactRate  bool
		wantRate   int
		wantChans  int
		wantBits   int
		sameLength bool // no rate change: length must equal the original's
	}{
		{"8kHz mono 16-bit", []string{"-r", "8000", "-c", "1", "-b", "16"}, true, 0.999, 25, false, 8000, 1, 16, false},
		{"22.05kHz mono 16-bit", []string{"-r", "22050", "-c", "1", "-b", "16"}, false, 0.99, 20, false, 22050, 1, 16, false},
		{"44.1kHz stereo 16-bit", []string{"-r", "44100", "-c", "2", "-b", "16"}, false, 0.99, 20, false, 44100, 2, 16, false},
		{"48kHz stereo 24-bit", []string{"-r", "48000", "-c", "2", "-b", "24"}, false, 0.99, 20, false, 48000, 2, 24, false},
		{"16kHz mono 24-bit", []string{"-r", "16000", "-c", "1", "-b", "24"}, false, 1, math.Inf(1), true, 16000, 1, 24, true},
		{"16kHz mono 8-bit", []string{"-r", "16000", "-c", "1", "-b", "8"}, false, 0.95, 12, false, 16000, 1, 8, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			path := filepath.Join(dir, strings.ReplaceAll(tt.name, " ", "_")+".wav")
			run(t, "sox", append([]string{orig}, append(tt.soxArgs, path)...)...)
			if r, c, b := soxiInt(t, "-r", path), soxiInt(t, "-c", path), soxiInt(t, "-b", path); r != tt.wantRate || c != tt.wantChans || b != tt.wantBits {
				t.Fatalf("sox made %d Hz, %d channels, %d bits", r, c, b)
			}
			got, err := ReadWAVFile(path)
			if err != nil {
				t.Fatal(err)
			}
			// soxi counts samples per channel at the file's rate.
			want := int(math.Round(float64(soxiInt(t, "-s", path)) * SampleRate / float64(tt.wantRate)))
			if d := len(got) - want; d < -2 || d > 2 {
				t.Errorf("got %d samples, want %d (soxi's count at 16 kHz) +-2", len(got), want)
			}
			if tt.sameLength && len(got) != len(origPCM) {
				t.Errorf("got %d samples, the original has %d", len(got), len(origPCM))
			}
			ref := origPCM
			if tt.refIsSox {
				ref = soxPCM(t, path)
			}
			corr, snr := compare(ref, got)
			t.Logf("correlation %.5f, signal to error %.1f dB", corr, snr)
			if corr < tt.minCorr || snr < tt.minSNR {
				t.Errorf("correlation %.5f (want >= %v), signal to error %.1f dB (want >= %v)", corr, tt.minCorr, snr, tt.minSNR)
			}
		})
	}
}

// wavBytes builds a WAV by hand, independently of putHeader, so header
// parsing can be tested on files our writer would never make.
type wavSpec struct {
	tag        uint16
	channels   uint16
	rate       uint32
	bits       uint16
	blockAlign uint16
	before     []byte // raw chunks between fmt and data
	dataSize   uint32 // as stated in the header
	data       []byte
	dataFirst  bool
}

func (s wavSpec) bytes() []byte {
	le := binary.LittleEndian
	var fmtc bytes.Buffer
	fmtc.WriteString("fmt ")
	binary.Write(&fmtc, le, uint32(16))
	binary.Write(&fmtc, le, s.tag)
	binary.Write(&fmtc, le, s.channels)
	binary.Write(&fmtc, le, s.rate)
	binary.Write(&fmtc, le, s.rate*uint32(s.blockAlign))
	binary.Write(&fmtc, le, s.blockAlign)
	binary.Write(&fmtc, le, s.bits)
	var datac bytes.Buffer
	datac.WriteString("data")
	binary.Write(&datac, le, s.dataSize)
	datac.Write(s.data)
	var body bytes.Buffer
	body.WriteString("WAVE")
	if s.dataFirst {
		body.Write(datac.Bytes())
		body.Write(fmtc.Bytes())
	} else {
		body.Write(fmtc.Bytes())
		body.Write(s.before)
		body.Write(datac.Bytes())
	}
	var out bytes.Buffer
	out.WriteString("RIFF")
	binary.Write(&out, le, uint32(body.Len()))
	out.Write(body.Bytes())
	return out.Bytes()
}

func le16(v ...int16) []byte {
	b := make([]byte, 2*len(v))
	for i, x := range v {
		binary.LittleEndian.PutUint16(b[2*i:], uint16(x))
	}
	return b
}

func TestDecodeWAVHandMade(t *testing.T) {
	mono := func(data []byte, size uint32) wavSpec {
		return wavSpec{tag: 1, channels: 1, rate: 16000, bits: 16, blockAlign: 2, data: data, dataSize: size}
	}
	four := le16(100, -200, 32767, -32768)
	list := append([]byte("LIST"), 5, 0, 0, 0, 'a', 'b', 'c', 'd', 'e', 0) // odd size: one pad byte
	withList := mono(four, 8)
	withList.before = list
	stereo := wavSpec{tag: 1, channels: 2, rate: 16000, bits: 16, blockAlign: 4,
		data: le16(1000, 3000, -1000, 1001, 0, 0), dataSize: 12}
	float := mono(four, 8)
	float.tag, float.bits, float.blockAlign = 3, 32, 4
	badAlign := mono(four, 8)
	badAlign.blockAlign = 3
	noChans := mono(four, 8)
	noChans.channels = 0
	bits12 := mono(four, 8)
	bits12.bits = 12
	dataFirst := mono(four, 8)
	dataFirst.dataFirst = true
	slow := mono(four, 8)
	slow.rate = 10

	tests := []struct {
		name    string
		in      []byte
		want    []int16
		wantErr string // substring; kind must be Invalid
	}{
		{"plain", mono(four, 8).bytes(), []int16{100, -200, 32767, -32768}, ""},
		{"chunk before data", withList.bytes(), []int16{100, -200, 32767, -32768}, ""},
		// (1000+3000)/2, (-1000+1001)/2 = 0.5 rounds away from zero to 1.
		{"stereo averaged", stereo.bytes(), []int16{2000, 1, 0}, ""},
		{"truncated data", mono(four[:6], 8).bytes(), []int16{100, -200, 32767}, ""},
		{"odd trailing byte", mono(four[:7], 8).bytes(), []int16{100, -200, 32767}, ""},
		{"size 0 means to the end", mono(four, 0).bytes(), []int16{100, -200, 32767, -32768}, ""},
		{"size unknown", mono(four, math.MaxUint32).bytes(), []int16{100, -200, 32767, -32768}, ""},
		{"stated size shorter than file", mono(four, 4).bytes(), []int16{100, -200}, ""},
		{"no data", mono(nil, 0).bytes(), []int16{}, ""},
		{"empty input", nil, nil, "too short"},
		{"not RIFF", []byte("ID3\x04 this is an mp3, honest"), nil, "no RIFF/WAVE mark"},
		{"header cut", mono(four, 8).bytes()[:30], nil, "cut short"},
		{"float", float.bytes(), nil, "32-bit float"},
		{"bad block align", badAlign.bytes(), nil, "block align"},
		{"zero channels", noChans.bytes(), nil, "0 channels"},
		{"12-bit", bits12.bytes(), nil, "12-bit"},
		{"data before fmt", dataFirst.bytes(), nil, "before its fmt"},
		{"rate out of range", slow.bytes(), nil, "10 Hz"},
		{"huge chunk", append(mono(nil, 0).bytes()[:36], []byte("junk\xff\xff\xff\x7f")...), nil, "implausibly large"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := DecodeWAV(bytes.NewReader(tt.in))
			if tt.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
					t.Fatalf("err = %v, want one containing %q", err, tt.wantErr)
				}
				if !starloop.IsKind(err, starloop.Invalid) {
					t.Errorf("kind = %v, want %v", starloop.KindOf(err), starloop.Invalid)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if !slices.Equal(got, tt.want) {
				t.Errorf("got %v, want %v", got, tt.want)
			}
		})
	}
}

func TestReadWAVFileMissing(t *testing.T) {
	_, err := ReadWAVFile(filepath.Join(t.TempDir(), "nope.wav"))
	if !starloop.IsKind(err, starloop.NotFound) {
		t.Fatalf("err = %v (kind %v), want kind NotFound", err, starloop.KindOf(err))
	}
}

// TestEncodeWAV checks the bytes of a tiny clip against a header worked out
// by hand, and that beep and sox read it back.
func TestEncodeWAV(t *testing.T) {
	var b bytes.Buffer
	if err := EncodeWAV(&b, []int16{1, -1, 256}); err != nil {
		t.Fatal(err)
	}
	want := []byte{
		'R', 'I', 'F', 'F', 42, 0, 0, 0, 'W', 'A', 'V', 'E', // 36 + 6 data bytes
		'f', 'm', 't', ' ', 16, 0, 0, 0, 1, 0, 1, 0, // PCM, mono
		0x80, 0x3e, 0, 0, // 16000
		0x00, 0x7d, 0, 0, // 32000 bytes/s
		2, 0, 16, 0,
		'd', 'a', 't', 'a', 6, 0, 0, 0,
		1, 0, 0xff, 0xff, 0, 1,
	}
	if !bytes.Equal(b.Bytes(), want) {
		t.Fatalf("got\n% x\nwant\n% x", b.Bytes(), want)
	}
	got, err := DecodeWAV(bytes.NewReader(b.Bytes()))
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(got, []int16{1, -1, 256}) {
		t.Errorf("read back %v", got)
	}
	needSox(t)
	path := filepath.Join(t.TempDir(), "clip.wav")
	if err := os.WriteFile(path, b.Bytes(), 0o600); err != nil {
		t.Fatal(err)
	}
	if n := soxiInt(t, "-s", path); n != 3 {
		t.Errorf("soxi counts %d samples, want 3", n)
	}
	if s := soxPCM(t, path); !slices.Equal(s, []int16{1, -1, 256}) {
		t.Errorf("sox reads %v", s)
	}
}

func TestResample(t *testing.T) {
	// A 440 Hz sine of amplitude 10000 at 16 kHz, taken to 48 kHz, must be
	// the same sine at 48 kHz: 3 times the samples, the same amplitude.
	in := tone(16000, 440, 10000)
	out, err := Resample(in, 16000, 48000)
	if err != nil {
		t.Fatal(err)
	}
	if d := len(out) - 48000; d < -2 || d > 2 {
		t.Errorf("got %d samples, want 48000 +-2", len(out))
	}
	var maxErr float64
	for i, v := range out[:47990] {
		want := 10000 * math.Sin(2*math.Pi*440*float64(i)/48000)
		maxErr = max(maxErr, math.Abs(float64(v)-want))
	}
	// Within 0.1% of the amplitude: the sine is 36 samples per period at
	// 16 kHz, where 8-point interpolation is very accurate.
	if maxErr > 10 {
		t.Errorf("largest error %.1f, want <= 10", maxErr)
	}
	if _, err := Resample(in, 0, 16000); !starloop.IsKind(err, starloop.Invalid) {
		t.Errorf("rate 0: err = %v, want kind Invalid", err)
	}
	same, err := Resample(in, 16000, 16000)
	if err != nil || !slices.Equal(same, in) {
		t.Errorf("equal rates changed the signal (err %v)", err)
	}
}

func TestStreamer(t *testing.T) {
	s := Streamer([]int16{16384, -32768, 0})
	buf := make([][2]float64, 2)
	n, ok := s.Stream(buf)
	if n != 2 || !ok || buf[0] != [2]float64{0.5, 0.5} || buf[1] != [2]float64{-1, -1} {
		t.Fatalf("first Stream = %d, %v, %v", n, ok, buf)
	}
	n, ok = s.Stream(buf)
	if n != 1 || !ok || buf[0] != [2]float64{0, 0} {
		t.Fatalf("second Stream = %d, %v, %v", n, ok, buf[:n])
	}
	if n, ok = s.Stream(buf); n != 0 || ok {
		t.Fatalf("drained Stream = %d, %v", n, ok)
	}
	if err := s.Seek(1); err != nil || s.Position() != 1 || s.Len() != 3 {
		t.Fatalf("Seek(1): %v, position %d, len %d", err, s.Position(), s.Len())
	}
	if err := s.Seek(4); err == nil {
		t.Error("Seek(4) past the end succeeded")
	}
}

// TestDecodeWAVAntiAlias feeds sines made by sox at 44.1 kHz and 48 kHz
// (amplitude 0.5, so -9.03 dBFS RMS) through DecodeWAV. Below 7 kHz they
// must keep their level; above 9 kHz they would fold back into the speech
// band (12 kHz at 44.1 kHz becomes a 4 kHz tone), and must instead be at
// least 50 dB down. The middle second is measured, away from the edges.
func TestDecodeWAVAntiAlias(t *testing.T) {
	needSox(t)
	dir := t.TempDir()
	const full = -9.0309 // 20*log10(0.5/sqrt(2))
	tests := []struct {
		rate, hz  int
		chans     string
		want, tol float64 // level +- tol, or, with tol 0, at most want
	}{
		{44100, 1000, "1", full, 0.1},
		{44100, 3000, "1", full, 0.1},
		{44100, 6500, "1", full, 0.5},
		{44100, 9000, "1", full - 50, 0},
		{44100, 12000, "1", full - 50, 0},
		{44100, 20000, "1", full - 50, 0},
		{48000, 3000, "2", full, 0.1},
		{48000, 10000, "2", full - 50, 0},
		{48000, 16000, "2", full - 50, 0},
	}
	for _, tt := range tests {
		name := fmt.Sprintf("%d Hz sine at %d Hz", tt.hz, tt.rate)
		t.Run(name, func(t *testing.T) {
			path := filepath.Join(dir, fmt.Sprintf("%d-%d.wav", tt.rate, tt.hz))
			run(t, "sox", "-R", "-n", "-r", strconv.Itoa(tt.rate), "-b", "16", "-c", tt.chans, path,
				"synth", "2", "sine", strconv.Itoa(tt.hz), "vol", "0.5")
			pcm, err := ReadWAVFile(path)
			if err != nil {
				t.Fatal(err)
			}
			got := MeasureLevel(pcm[SampleRate/2 : 3*SampleRate/2]).DBFS
			t.Logf("%.2f dBFS", got)
			if tt.tol > 0 && math.Abs(got-tt.want) > tt.tol {
				t.Errorf("level %.2f dBFS, want %.2f +- %.1f", got, tt.want, tt.tol)
			}
			if tt.tol == 0 && got > tt.want {
				t.Errorf("level %.2f dBFS, want at most %.2f", got, tt.want)
			}
		})
	}
}

package audio

import (
	"bytes"
	"encoding/binary"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"testing"
	"time"

	"github.com/starloop/starloop"
)

// sizes returns the RIFF and data sizes in a canonical 44-byte header, read
// by hand.
func sizes(t *testing.T, path string) (riff, data uint32) {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if len(b) < headerSize {
		t.Fatalf("%s has %d bytes, no room for a header", path, len(b))
	}
	return binary.LittleEndian.Uint32(b[4:8]), binary.LittleEndian.Uint32(b[40:44])
}

func mode(t *testing.T, path string) os.FileMode {
	t.Helper()
	st, err := os.Stat(path)
	if err != nil {
		t.Fatal(err)
	}
	return st.Mode().Perm()
}

// readBack checks a WAV with beep and, when present, sox, and returns the
// samples beep read.
func readBack(t *testing.T, path string, wantSamples int) []int16 {
	t.Helper()
	pcm, err := ReadWAVFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if len(pcm) != wantSamples {
		t.Errorf("beep reads %d samples, want %d", len(pcm), wantSamples)
	}
	if _, err := exec.LookPath("soxi"); err == nil {
		if n := soxiInt(t, "-s", path); n != wantSamples {
			t.Errorf("soxi counts %d samples, want %d", n, wantSamples)
		}
		if r := soxiInt(t, "-r", path); r != SampleRate {
			t.Errorf("soxi says %d Hz", r)
		}
	}
	return pcm
}

func TestCreateWAVStreams(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "sessions", "s1")
	path := filepath.Join(dir, "answer-01.wav")
	w, err := CreateWAV(path)
	if err != nil {
		t.Fatal(err)
	}
	for _, d := range []string{dir, filepath.Dir(dir)} {
		if m := mode(t, d); m != 0o700 {
			t.Errorf("folder %s has mode %o, want 700", d, m)
		}
	}
	if m := mode(t, path); m != 0o600 {
		t.Errorf("file has mode %o, want 600", m)
	}
	// Right after creation: a valid, empty WAV.
	readBack(t, path, 0)

	// 60 frames = 19200 samples = 38400 bytes. The writer flushes every
	// 8000 bytes (250 ms), so 4 flushes (32000 bytes, 16000 samples) are on
	// disk and covered by the header, and 6400 bytes wait in memory.
	in := noise(60*FrameSize, 3000, 71)
	r := NewSliceReader(in)
	f := NewFrame()
	for range 60 {
		if err := r.ReadFrame(f); err != nil {
			t.Fatal(err)
		}
		if err := w.WriteFrame(f); err != nil {
			t.Fatal(err)
		}
	}
	if d := w.Duration(); d != 1200*time.Millisecond {
		t.Errorf("Duration = %v, want 1.2s", d)
	}
	if riff, data := sizes(t, path); riff != 36+32000 || data != 32000 {
		t.Errorf("mid-recording header sizes %d, %d, want %d, %d", riff, data, 36+32000, 32000)
	}
	if got := readBack(t, path, 16000); !slices.Equal(got, in[:16000]) {
		t.Error("mid-recording samples differ from those written")
	}

	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	if err := w.Close(); err != nil {
		t.Errorf("second Close: %v", err)
	}
	if riff, data := sizes(t, path); riff != 36+38400 || data != 38400 {
		t.Errorf("final header sizes %d, %d, want %d, %d", riff, data, 36+38400, 38400)
	}
	if got := readBack(t, path, 19200); !slices.Equal(got, in) {
		t.Error("samples differ from those written")
	}
	if err := w.WriteFrame(f); err == nil {
		t.Error("WriteFrame after Close succeeded")
	}
}

func TestCreateWAVTightensMode(t *testing.T) {
	path := filepath.Join(t.TempDir(), "old.wav")
	if err := os.WriteFile(path, []byte("old"), 0o644); err != nil {
		t.Fatal(err)
	}
	w, err := CreateWAV(path)
	if err != nil {
		t.Fatal(err)
	}
	defer w.Close()
	if m := mode(t, path); m != 0o600 {
		t.Errorf("mode %o, want 600", m)
	}
}

func TestCreateWAVErrors(t *testing.T) {
	dir := t.TempDir()
	file := filepath.Join(dir, "file")
	if err := os.WriteFile(file, nil, 0o600); err != nil {
		t.Fatal(err)
	}
	if _, err := CreateWAV(filepath.Join(file, "x.wav")); !starloop.IsKind(err, starloop.Invalid) {
		t.Errorf("under a file: %v, want kind Invalid", err)
	}
	w, err := CreateWAV(filepath.Join(dir, "a.wav"))
	if err != nil {
		t.Fatal(err)
	}
	defer w.Close()
	if err := w.WriteFrame(make(Frame, 10)); !starloop.IsKind(err, starloop.Invalid) {
		t.Errorf("short frame: %v, want kind Invalid", err)
	}
}

func TestRepairWAV(t *testing.T) {
	in := noise(10000, 3000, 81)
	var whole bytes.Buffer
	if err := EncodeWAV(&whole, in); err != nil {
		t.Fatal(err)
	}
	streamed := bytes.Clone(whole.Bytes()) // as a streaming tool writes it: sizes unknown
	binary.LittleEndian.PutUint32(streamed[4:], 0xFFFFFFFF)
	binary.LittleEndian.PutUint32(streamed[40:], 0xFFFFFFFF)
	stale := bytes.Clone(whole.Bytes()) // killed between a data write and its header update
	binary.LittleEndian.PutUint32(stale[4:], 36+8000)
	binary.LittleEndian.PutUint32(stale[40:], 8000)

	tests := []struct {
		name     string
		file     []byte
		samples  int // after repair
		wantSize int64
	}{
		{"cut mid-sample", whole.Bytes()[:44+12345], 6172, 44 + 12344}, // 12345/2 rounded down
		{"cut on a sample", whole.Bytes()[:44+8000], 4000, 44 + 8000},
		{"cut after the header", whole.Bytes()[:44], 0, 44},
		{"sizes unknown", streamed, 10000, 44 + 20000},
		{"header behind its data", stale, 10000, 44 + 20000},
		{"already whole", whole.Bytes(), 10000, 44 + 20000},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			path := filepath.Join(t.TempDir(), "rec.wav")
			if err := os.WriteFile(path, tt.file, 0o600); err != nil {
				t.Fatal(err)
			}
			if err := RepairWAV(path); err != nil {
				t.Fatal(err)
			}
			st, _ := os.Stat(path)
			if st.Size() != tt.wantSize {
				t.Errorf("size %d, want %d", st.Size(), tt.wantSize)
			}
			if riff, data := sizes(t, path); int64(riff) != tt.wantSize-8 || int(data) != 2*tt.samples {
				t.Errorf("header sizes %d, %d, want %d, %d", riff, data, tt.wantSize-8, 2*tt.samples)
			}
			if got := readBack(t, path, tt.samples); !slices.Equal(got, in[:tt.samples]) {
				t.Error("repaired samples differ from those written")
			}
			if m := mode(t, path); m != 0o600 {
				t.Errorf("mode %o after repair", m)
			}
		})
	}
}

func TestRepairWAVRefuses(t *testing.T) {
	dir := t.TempDir()
	short := filepath.Join(dir, "short.wav")
	if err := os.WriteFile(short, []byte("RIFF\x00\x00\x00\x00WAVEfmt "), 0o600); err != nil {
		t.Fatal(err)
	}
	if err := RepairWAV(short); !starloop.IsKind(err, starloop.Invalid) {
		t.Errorf("header cut short: %v, want kind Invalid", err)
	}
	if err := RepairWAV(filepath.Join(dir, "none.wav")); !starloop.IsKind(err, starloop.NotFound) {
		t.Errorf("missing file: %v, want kind NotFound", err)
	}
}

// The recorder process for TestCreateWAVSurvivesKill: records sample i =
// i%20000 forever, about ten times faster than real time.
const recorderEnv = "STARLOOP_AUDIO_TEST_RECORDER"

func TestHelperRecorder(t *testing.T) {
	path := os.Getenv(recorderEnv)
	if path == "" {
		t.Skip("only runs as the recorder of TestCreateWAVSurvivesKill")
	}
	w, err := CreateWAV(path)
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	f := NewFrame()
	for i := 0; ; {
		for j := range f {
			f[j] = int16(i % 20000)
			i++
		}
		if err := w.WriteFrame(f); err != nil {
			fmt.Fprintln(os.Stderr, err)
			os.Exit(1)
		}
		time.Sleep(2 * time.Millisecond)
	}
}

// TestCreateWAVSurvivesKill records in another process, kills it with
// SIGKILL mid-recording, and checks that the file opens as it is, lost at
// most 250 ms, and that RepairWAV recovers every sample that reached it.
func TestCreateWAVSurvivesKill(t *testing.T) {
	if testing.Short() {
		t.Skip("starts a process")
	}
	path := filepath.Join(t.TempDir(), "killed.wav")
	cmd := exec.Command(os.Args[0], "-test.run=^TestHelperRecorder$")
	cmd.Env = append(os.Environ(), recorderEnv+"="+path)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	// Wait for about a second of audio (5 flushes of 250 ms), then kill.
	deadline := time.Now().Add(20 * time.Second)
	for {
		if st, err := os.Stat(path); err == nil && st.Size() >= headerSize+5*8000 {
			break
		}
		if time.Now().After(deadline) {
			cmd.Process.Kill()
			cmd.Wait()
			t.Fatalf("the recorder wrote too little in 20 s: %s", stderr.String())
		}
		time.Sleep(5 * time.Millisecond)
	}
	if err := cmd.Process.Kill(); err != nil { // SIGKILL on Unix
		t.Fatal(err)
	}
	cmd.Wait()

	st, err := os.Stat(path)
	if err != nil {
		t.Fatal(err)
	}
	onDisk := st.Size() - headerSize
	_, data := sizes(t, path)
	t.Logf("killed with %d sample bytes on disk, %d in the header", onDisk, data)
	// Whole flushes only; the header lags by at most the flush in progress.
	if onDisk%8000 != 0 || (int64(data) != onDisk && int64(data) != onDisk-8000) {
		t.Fatalf("%d bytes on disk and %d in the header: want whole 8000-byte flushes, the header at most one behind", onDisk, data)
	}
	check := func(pcm []int16) {
		t.Helper()
		for i, s := range pcm {
			if int(s) != i%20000 {
				t.Fatalf("sample %d is %d, want %d", i, s, i%20000)
			}
		}
	}
	check(readBack(t, path, int(data)/2))
	if err := RepairWAV(path); err != nil {
		t.Fatal(err)
	}
	check(readBack(t, path, int(onDisk)/2))
	if m := mode(t, path); m != 0o600 {
		t.Errorf("mode %o", m)
	}
}

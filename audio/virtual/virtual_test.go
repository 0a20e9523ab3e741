package virtual

import (
	"bytes"
	"context"
	"encoding/binary"
	"encoding/json"
	"errors"
	"math"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"syscall"
	"testing"
	"time"
)

// The tests check the server with PulseAudio's own tools (pactl, pacat,
// parec), independently of the code that uses it.

// tone is a sine of the given frequency and peak amplitude (fraction of full
// scale) at 16 kHz.
func tone(hz, amp float64, d time.Duration) []int16 {
	pcm := make([]int16, int(d.Seconds()*16000))
	for i := range pcm {
		pcm[i] = int16(math.Round(amp * 32767 * math.Sin(2*math.Pi*hz*float64(i)/16000)))
	}
	return pcm
}

// loud returns the samples of pcm from the first to the last one above
// a tenth of full scale, trimmed by margin at both ends.
func loud(pcm []int16, margin int) []int16 {
	first, last := -1, -1
	for i, v := range pcm {
		if math.Abs(float64(v)) > 3277 {
			if first < 0 {
				first = i
			}
			last = i
		}
	}
	if first < 0 || last-first <= 2*margin {
		return nil
	}
	return pcm[first+margin : last-margin]
}

func rms(pcm []int16) float64 {
	var sum float64
	for _, v := range pcm {
		sum += float64(v) * float64(v)
	}
	return math.Sqrt(sum/float64(len(pcm))) / 32768
}

// listNames returns the names pactl lists for kind ("sinks", "sources").
func listNames(t *testing.T, s *Server, kind string) []string {
	t.Helper()
	out, err := s.pactl(context.Background(), "--format=json", "list", "short", kind)
	if err != nil {
		t.Fatal(err)
	}
	var items []struct {
		Name string `json:"name"`
	}
	if err := json.Unmarshal(out, &items); err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, it := range items {
		names = append(names, it.Name)
	}
	slices.Sort(names)
	return names
}

func TestDevices(t *testing.T) {
	tests := []struct {
		name           string
		opts           Options
		sinks, sources []string
	}{
		{"all", Options{}, []string{MicFeed, Speaker, room}, []string{Mic, MicFeed + ".monitor", Speaker + ".monitor", room + ".monitor"}},
		{"no mic", Options{NoMic: true}, []string{Speaker}, []string{Speaker + ".monitor"}},
		{"nothing", Options{NoMic: true, NoSpeaker: true}, nil, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := startWith(t, tt.opts)
			want := func(kind string, names []string) {
				slices.Sort(names)
				if got := listNames(t, s, kind); !slices.Equal(got, names) {
					t.Errorf("%s: %q, want %q", kind, got, names)
				}
			}
			want("sinks", tt.sinks)
			want("sources", tt.sources)
			if tt.opts == (Options{}) {
				out, err := s.pactl(context.Background(), "info")
				if err != nil {
					t.Fatal(err)
				}
				for _, line := range []string{"Default Sink: " + Speaker, "Default Source: " + Mic} {
					if !strings.Contains(string(out), line) {
						t.Errorf("pactl info lacks %q:\n%s", line, out)
					}
				}
			}
		})
	}
}

// TestEnvIsPrivate: everything the server and its clients write stays in
// the server's folder, and the test's environment points there.
func TestEnvIsPrivate(t *testing.T) {
	s := startWith(t, Options{})
	for _, kv := range s.Env() {
		k, v, _ := strings.Cut(kv, "=")
		if os.Getenv(k) != v {
			t.Errorf("%s is %q in the test's environment, want %q", k, os.Getenv(k), v)
		}
		if k == "ALSA_CONFIG_PATH" {
			v = v[strings.LastIndex(v, ":")+1:]
		}
		v = strings.TrimPrefix(v, "unix:")
		if !strings.HasPrefix(v, s.Dir()+string(filepath.Separator)) {
			t.Errorf("%s=%s is outside the server's folder %s", k, v, s.Dir())
		}
	}
	fi, err := os.Stat(s.Dir())
	if err != nil {
		t.Fatal(err)
	}
	if fi.Mode().Perm() != 0o700 {
		t.Errorf("server folder mode %v, want 0700", fi.Mode().Perm())
	}
}

// TestSpeakReachesMic: a 1 kHz sine of peak 0.5 played with Speak is what
// parec records from the microphone: RMS 0.5/sqrt(2) = 0.3536, for about
// the tone's 500 ms.
func TestSpeakReachesMic(t *testing.T) {
	s := startWith(t, Options{})
	ctx := context.Background()
	cmd := s.command(ctx, "parec", "--device="+Mic, "--format=s16le", "--rate=16000", "--channels=1", "--raw", "--latency-msec=10")
	var out bytes.Buffer
	cmd.Stdout = &out
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	time.Sleep(100 * time.Millisecond)
	if err := s.Speak(ctx, tone(1000, 0.5, 500*time.Millisecond)); err != nil {
		t.Fatal(err)
	}
	time.Sleep(200 * time.Millisecond)
	cmd.Process.Signal(os.Interrupt)
	cmd.Wait()
	pcm := make([]int16, out.Len()/2)
	binary.Read(&out, binary.LittleEndian, pcm)
	tonePart := loud(pcm, 0)
	if d := len(tonePart) - 8000; d < -160 || d > 160 {
		t.Errorf("tone lasted %d samples in the recording, want 8000 ± 160", len(tonePart))
	}
	if r := rms(loud(pcm, 800)); math.Abs(r-0.3536) > 0.01 {
		t.Errorf("tone RMS %.4f, want 0.3536", r)
	}
}

// TestRecordSpeaker: a tone pacat plays on the speaker is in the Recording,
// at its level and length, when Stop is called right after pacat finished.
func TestRecordSpeaker(t *testing.T) {
	s := startWith(t, Options{})
	ctx := context.Background()
	rec, err := s.RecordSpeaker(ctx)
	if err != nil {
		t.Fatal(err)
	}
	time.Sleep(100 * time.Millisecond)
	var b bytes.Buffer
	binary.Write(&b, binary.LittleEndian, tone(1000, 0.5, 500*time.Millisecond))
	cmd := s.command(ctx, "pacat", "--playback", "--device="+Speaker, "--format=s16le", "--rate=16000", "--channels=1", "--raw")
	cmd.Stdin = &b
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("pacat: %v: %s", err, out)
	}
	pcm, err := rec.Stop()
	if err != nil {
		t.Fatal(err)
	}
	tonePart := loud(pcm, 0)
	if d := len(tonePart) - 8000; d < -160 || d > 160 {
		t.Errorf("tone lasted %d samples in the recording, want 8000 ± 160", len(tonePart))
	}
	if r := rms(loud(pcm, 800)); math.Abs(r-0.3536) > 0.01 {
		t.Errorf("tone RMS %.4f, want 0.3536", r)
	}
	again, _ := rec.Stop()
	if !slices.Equal(again, pcm) {
		t.Error("a second Stop returned different samples")
	}
}

func TestRemoveMic(t *testing.T) {
	s := startWith(t, Options{})
	ctx := context.Background()
	cmd := s.command(ctx, "parec", "--device="+Mic, "--raw")
	cmd.Stdout = new(bytes.Buffer)
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	defer cmd.Process.Kill()
	// Wait for the recording to reach the server.
	for i := 0; ; i++ {
		ids, err := s.recordingsFrom(ctx, Mic)
		if err != nil {
			t.Fatal(err)
		}
		if len(ids) == 1 {
			break
		}
		if i == 200 {
			t.Fatal("parec's recording never appeared")
		}
		time.Sleep(5 * time.Millisecond)
	}
	if err := s.RemoveMic(ctx); err != nil {
		t.Fatal(err)
	}
	if names := listNames(t, s, "sources"); slices.Contains(names, Mic) {
		t.Errorf("sources after RemoveMic: %q", names)
	}
	exited := make(chan error, 1)
	go func() { exited <- cmd.Wait() }()
	select {
	case err := <-exited:
		if err == nil {
			t.Error("parec exited cleanly, want a failure: its stream was killed")
		}
	case <-time.After(2 * time.Second):
		t.Error("parec still recording 2 s after its microphone was removed")
	}
	if err := s.RemoveMic(ctx); err == nil {
		t.Error("a second RemoveMic succeeded")
	}
}

func TestCrashAndStop(t *testing.T) {
	s, err := New(context.Background(), Options{})
	if err != nil {
		t.Fatal(err)
	}
	if err := s.Crash(); err != nil {
		t.Fatal(err)
	}
	if _, err := s.pactl(context.Background(), "info"); err == nil {
		t.Error("pactl info succeeded after Crash")
	}
	if err := s.Stop(); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(s.Dir()); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("server folder still there after Stop: %v", err)
	}
}

// TestStopEndsEverything: Stop ends the daemon and any recording left
// running, so no process outlives the server.
func TestStopEndsEverything(t *testing.T) {
	s, err := New(context.Background(), Options{})
	if err != nil {
		t.Fatal(err)
	}
	rec, err := s.RecordSpeaker(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	if err := s.Stop(); err != nil {
		t.Fatal(err)
	}
	select {
	case <-s.exited:
	default:
		t.Error("daemon still running after Stop")
	}
	select {
	case <-rec.done:
	case <-time.After(2 * time.Second):
		t.Error("recording still running 2 s after Stop")
	}
	if err := s.cmd.Process.Signal(syscall.Signal(0)); !errors.Is(err, os.ErrProcessDone) {
		t.Errorf("signalling the daemon after Stop: %v, want os.ErrProcessDone", err)
	}
}

func TestStartFailsClearly(t *testing.T) {
	t.Setenv("PATH", t.TempDir())
	_, err := New(context.Background(), Options{})
	if err == nil || !strings.Contains(err.Error(), "pulseaudio is not installed") {
		t.Errorf("New without pulseaudio: %v", err)
	}
}

// BenchmarkReady measures New: from start-up until pactl info answers.
func BenchmarkReady(b *testing.B) {
	var total time.Duration
	for b.Loop() {
		start := time.Now()
		s, err := New(context.Background(), Options{})
		total += time.Since(start)
		if err != nil {
			b.Fatal(err)
		}
		b.StopTimer()
		s.Stop()
		b.StartTimer()
	}
	b.ReportMetric(float64(total.Microseconds())/1000/float64(b.N), "ms-to-ready")
}

// startWith starts a server for the test, its environment pointed at it, as
// pulsetest.StartWith does (which this package's tests cannot import).
func startWith(t *testing.T, opts Options) *Server {
	t.Helper()
	s, err := New(context.Background(), opts)
	if err != nil {
		t.Fatalf("virtual: %v", err)
	}
	t.Cleanup(func() {
		if t.Failed() {
			t.Logf("pulseaudio log:\n%s", s.Log())
		}
		s.Stop()
	})
	s.Setenv(t.Setenv)
	return s
}

package portaudio

import (
	"context"
	"errors"
	"fmt"
	"io"
	"math"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/starloop/starloop"
	"github.com/starloop/starloop/audio"
	"github.com/starloop/starloop/audio/pulsetest"
	"github.com/starloop/starloop/internal/speechtest"
)

// TestMain starts the virtual devices that most tests share, before any
// test loads ALSA. Tests that break their devices start servers of their
// own (pulsetest.StartWith), which replace these for their duration.
func TestMain(m *testing.M) {
	srv, err := pulsetest.New(context.Background(), pulsetest.Options{})
	if err != nil {
		fmt.Fprintln(os.Stderr, "portaudio tests:", err)
		os.Exit(1)
	}
	shared = srv
	srv.Setenv(func(k, v string) { os.Setenv(k, v) })
	code := m.Run()
	srv.Stop()
	os.Exit(code)
}

// shared is the server TestMain started; only tests read it.
var shared *pulsetest.Server

// speechClip is a real recording (16 kHz mono) and its RMS as `sox FILE -n
// stat` reports it, as a fraction of full scale.
const (
	speechClip = "LJ001-0002.wav" // "in being comparatively modern.", 1.90 s
	speechRMS  = 0.082870
)

func openHost(t testing.TB) *Host {
	t.Helper()
	h, err := Open()
	if err != nil {
		t.Fatalf("Open: %v", err)
	}
	t.Cleanup(func() {
		if err := h.Close(); err != nil {
			t.Errorf("Close: %v", err)
		}
	})
	return h
}

// tone is a sine of the given frequency and peak amplitude (fraction of full
// scale) at 16 kHz.
func tone(hz, amp float64, d time.Duration) []int16 {
	n := int(d.Seconds() * audio.SampleRate)
	pcm := make([]int16, n)
	for i := range pcm {
		pcm[i] = int16(math.Round(amp * 32767 * math.Sin(2*math.Pi*hz*float64(i)/audio.SampleRate)))
	}
	return pcm
}

// rms is the root mean square of pcm as a fraction of full scale.
func rms(pcm []int16) float64 {
	var sum float64
	for _, v := range pcm {
		sum += float64(v) * float64(v)
	}
	return math.Sqrt(sum/float64(len(pcm))) / 32768
}

func db(x float64) float64 { return 20 * math.Log10(x) }

// onset is the index of the first sample louder than a tenth of pcm's peak.
func onset(pcm []int16) int {
	peak := 0.0
	for _, v := range pcm {
		peak = math.Max(peak, math.Abs(float64(v)))
	}
	for i, v := range pcm {
		if math.Abs(float64(v)) > peak/10 {
			return i
		}
	}
	return 0
}

// align finds where ref occurs in got: the lag, within 50 ms of where the
// two onsets line up, with the highest normalised correlation, and that
// correlation (1 for a perfect copy at any gain).
func align(t *testing.T, ref, got []int16) (lag int, corr float64) {
	t.Helper()
	coarse := onset(got) - onset(ref)
	const search = audio.SampleRate / 20
	best, bestLag := -2.0, 0
	for l := coarse - search; l <= coarse+search; l++ {
		if l < 0 || l+len(ref) > len(got) {
			continue
		}
		var xy, xx, yy float64
		for i, x := range ref {
			y := float64(got[l+i])
			xy += float64(x) * y
			xx += float64(x) * float64(x)
			yy += y * y
		}
		if c := xy / math.Sqrt(xx*yy); c > best {
			best, bestLag = c, l
		}
	}
	if best == -2 {
		t.Fatalf("the recording (%d samples, onset %d) cannot hold the clip (%d samples, onset %d)", len(got), onset(got), len(ref), onset(ref))
	}
	return bestLag, best
}

// record reads frames from c until it has d of audio or fails.
func record(c *Capture, d time.Duration) ([]int16, error) {
	return audio.ReadAll(audio.Take(c, d))
}

func TestDevicesListVirtualDevices(t *testing.T) {
	h := openHost(t)
	devs, err := h.Devices()
	if err != nil {
		t.Fatal(err)
	}
	byName := map[string]Device{}
	for _, d := range devs {
		byName[d.Name] = d
	}
	tests := []struct {
		name    string
		in, out bool
	}{
		{pulsetest.Mic, true, false},
		{pulsetest.Speaker, false, true},
		{"default", true, true},
	}
	for _, tt := range tests {
		d, ok := byName[tt.name]
		if !ok {
			t.Errorf("no device %q in %v\nprobe log:\n%s", tt.name, devs, h.ProbeLog())
			continue
		}
		if d.IsInput() != tt.in || d.IsOutput() != tt.out {
			t.Errorf("%q: input %v output %v, want %v %v", tt.name, d.IsInput(), d.IsOutput(), tt.in, tt.out)
		}
		if d.DefaultSampleRate <= 0 || d.HostAPI != "ALSA" {
			t.Errorf("%q: rate %v, host API %q; want a rate and ALSA", tt.name, d.DefaultSampleRate, d.HostAPI)
		}
	}
	if d := byName["default"]; !d.DefaultInput || !d.DefaultOutput {
		t.Errorf("ALSA's \"default\" is not the default input and output: %+v", d)
	}
}

// TestCaptureHearsSpeech plays a real recording into the virtual microphone
// and finds it, intact and at its level, in what Capture records: with the
// device at 16 kHz, and at 48 kHz through the resampler.
func TestCaptureHearsSpeech(t *testing.T) {
	clip, err := audio.ReadWAVFile(speechPath(t, speechClip))
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name string
		rate float64
	}{
		{"native 16 kHz", 0},
		{"resampled from 48 kHz", 48000},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			h := openHost(t)
			ctx := context.Background()
			c, err := h.capture(ctx, pulsetest.Mic, captureConfig{rate: tt.rate, backlog: backlog})
			if err != nil {
				t.Fatal(err)
			}
			defer c.Close()
			want := tt.rate
			if want == 0 {
				want = audio.SampleRate
			}
			if c.SampleRate() != want {
				t.Errorf("device opened at %v Hz, want %v", c.SampleRate(), want)
			}
			spoke := make(chan error, 1)
			go func() {
				time.Sleep(300 * time.Millisecond) // some silence first, so the onset is clear
				spoke <- shared.Speak(ctx, clip)
			}()
			got, err := record(c, 3*time.Second)
			if err != nil {
				t.Fatalf("recorded %d samples, then: %v", len(got), err)
			}
			if err := <-spoke; err != nil {
				t.Fatal(err)
			}
			lag, corr := align(t, clip, got)
			if corr < 0.95 {
				t.Errorf("correlation with the clip %.3f, want at least 0.95", corr)
			}
			level := rms(got[lag : lag+len(clip)])
			t.Logf("clip found at %v, correlation %.4f, RMS %.4f (sox: %.4f)", time.Duration(lag)*time.Second/audio.SampleRate, corr, level, speechRMS)
			if d := db(level) - db(speechRMS); math.Abs(d) > 1 {
				t.Errorf("recorded RMS %.4f is %+.1f dB from sox's %.4f for the clip, want within 1 dB", level, d, speechRMS)
			}
			if c.Overflows() != 0 {
				t.Errorf("%d overflows while reading steadily", c.Overflows())
			}
		})
	}
}

// TestCaptureToneLevel: a 1 kHz sine of peak 0.5 has RMS 0.5/sqrt(2) =
// 0.3536 (-9.03 dBFS); the virtual microphone must pass it on at that level.
func TestCaptureToneLevel(t *testing.T) {
	h := openHost(t)
	ctx := context.Background()
	c, err := h.Capture(ctx, "")
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	go shared.Speak(ctx, tone(1000, 0.5, time.Second))
	got, err := record(c, 1500*time.Millisecond)
	if err != nil {
		t.Fatal(err)
	}
	// The middle 0.5 s of the tone, away from its edges.
	start := onset(got) + audio.SampleRate/4
	if start+audio.SampleRate/2 > len(got) {
		t.Fatalf("tone starts too late (sample %d of %d)", onset(got), len(got))
	}
	const want = 0.3536
	level := rms(got[start : start+audio.SampleRate/2])
	if math.Abs(db(level)-db(want)) > 0.5 {
		t.Errorf("tone RMS %.4f, want %.4f within 0.5 dB", level, want)
	}
	t.Logf("tone RMS %.4f (%.2f dBFS)", level, db(level))
}

func TestCaptureEnds(t *testing.T) {
	tests := []struct {
		name string
		end  func(c *Capture, cancel context.CancelFunc)
		want func(error) bool
	}{
		{"Close gives io.EOF", func(c *Capture, _ context.CancelFunc) { c.Close() },
			func(err error) bool { return err == io.EOF }},
		{"cancel gives Canceled", func(_ *Capture, cancel context.CancelFunc) { cancel() },
			func(err error) bool {
				return starloop.IsKind(err, starloop.Canceled) && errors.Is(err, context.Canceled)
			}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			h := openHost(t)
			ctx, cancel := context.WithCancel(context.Background())
			defer cancel()
			c, err := h.Capture(ctx, pulsetest.Mic)
			if err != nil {
				t.Fatal(err)
			}
			defer c.Close()
			f := audio.NewFrame()
			if err := c.ReadFrame(f); err != nil {
				t.Fatal(err)
			}
			ended := make(chan error)
			go func() {
				var err error
				for err == nil {
					err = c.ReadFrame(f)
				}
				ended <- err
			}()
			time.Sleep(50 * time.Millisecond)
			tt.end(c, cancel)
			select {
			case err := <-ended:
				if !tt.want(err) {
					t.Errorf("ReadFrame returned %v (kind %v)", err, starloop.KindOf(err))
				}
				if again := c.ReadFrame(f); again != err {
					t.Errorf("next ReadFrame returned %v, want the same error again", again)
				}
			case <-time.After(2 * time.Second):
				t.Fatal("ReadFrame still blocked 2 s after the end")
			}
		})
	}
}

func TestCaptureRejectsWrongFrameSize(t *testing.T) {
	h := openHost(t)
	c, err := h.Capture(context.Background(), pulsetest.Mic)
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	if err := c.ReadFrame(make(audio.Frame, 160)); !starloop.IsKind(err, starloop.Invalid) {
		t.Errorf("ReadFrame of 160 samples: %v, want kind Invalid", err)
	}
}

// TestCaptureOverflowCounted: a reader that stops for 400 ms behind a
// 100 ms backlog loses audio, which is counted, and then reads on.
func TestCaptureOverflowCounted(t *testing.T) {
	h := openHost(t)
	c, err := h.capture(context.Background(), pulsetest.Mic, captureConfig{backlog: 100 * time.Millisecond})
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	time.Sleep(400 * time.Millisecond)
	if _, err := record(c, 500*time.Millisecond); err != nil {
		t.Fatalf("reading after an overflow: %v", err)
	}
	if c.Overflows() == 0 {
		t.Error("no overflow counted after 400 ms without reading")
	}
}

// TestCaptureDeviceFails: a microphone that dies mid-recording ends
// ReadFrame with DeviceUnavailable, promptly (the stall timeout is 1 s; 3 s
// allows for a loaded machine).
func TestCaptureDeviceFails(t *testing.T) {
	tests := []struct {
		name  string
		fault func(context.Context, *pulsetest.Server) error
	}{
		{"microphone removed", func(ctx context.Context, s *pulsetest.Server) error { return s.RemoveMic(ctx) }},
		{"microphone suspended", func(ctx context.Context, s *pulsetest.Server) error { return s.SuspendMic(ctx, true) }},
		{"sound server crashed", func(_ context.Context, s *pulsetest.Server) error { return s.Crash() }},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			srv := pulsetest.Start(t)
			h := openHost(t)
			ctx := context.Background()
			c, err := h.Capture(ctx, pulsetest.Mic)
			if err != nil {
				t.Fatal(err)
			}
			defer c.Close()
			if _, err := record(c, 200*time.Millisecond); err != nil {
				t.Fatalf("before the fault: %v", err)
			}
			if err := tt.fault(ctx, srv); err != nil {
				t.Fatal(err)
			}
			start := time.Now()
			ended := make(chan error, 1)
			go func() {
				_, err := audio.ReadAll(c)
				ended <- err
			}()
			select {
			case err := <-ended:
				if !starloop.IsKind(err, starloop.DeviceUnavailable) {
					t.Errorf("ReadFrame returned %v (kind %v), want DeviceUnavailable", err, starloop.KindOf(err))
				}
				t.Logf("failed after %v: %v", time.Since(start).Round(time.Millisecond), err)
			case <-time.After(stallTimeout + 2*time.Second):
				c.Close()
				t.Fatalf("ReadFrame still running %v after the fault", stallTimeout+2*time.Second)
			}
		})
	}
}

// TestCaptureRemovedDevice: once the microphone is gone, a new capture from
// it fails with DeviceUnavailable, at open or within the stall timeout.
func TestCaptureRemovedDevice(t *testing.T) {
	srv := pulsetest.Start(t)
	if err := srv.RemoveMic(context.Background()); err != nil {
		t.Fatal(err)
	}
	h := openHost(t)
	c, err := h.Capture(context.Background(), pulsetest.Mic)
	if err == nil {
		defer c.Close()
		_, err = record(c, stallTimeout+2*time.Second)
	}
	if !starloop.IsKind(err, starloop.DeviceUnavailable) {
		t.Errorf("capture from a removed microphone: %v (kind %v), want DeviceUnavailable", err, starloop.KindOf(err))
	}
}

// TestNoDevice: with no microphone or speaker to be found, Capture and
// Speaker fail at once with DeviceUnavailable and a message that says what
// to do.
func TestNoDevice(t *testing.T) {
	t.Run("no sound server", func(t *testing.T) {
		// ALSA without PulseAudio, on a machine with no sound card.
		if cards, err := os.ReadFile("/proc/asound/cards"); err == nil && !strings.Contains(string(cards), "no soundcards") {
			t.Skip("this machine has sound cards:\n" + string(cards))
		}
		dir := t.TempDir()
		t.Setenv("PULSE_SERVER", "unix:"+filepath.Join(dir, "none"))
		t.Setenv("ALSA_CONFIG_PATH", "")
		h := openHost(t)
		_, err := h.Capture(context.Background(), "")
		wantDeviceError(t, err, "open microphone: no microphone found; run `starloop devices`")
		_, err = h.Speaker("", SpeakerOptions{})
		wantDeviceError(t, err, "open speaker: no speaker found; run `starloop devices`")
	})
	t.Run("no such name", func(t *testing.T) {
		h := openHost(t)
		_, err := h.Capture(context.Background(), "usb headset")
		wantDeviceError(t, err, "open microphone \"usb headset\": no microphone named \"usb headset\"; run `starloop devices`")
	})
	t.Run("not a microphone", func(t *testing.T) {
		h := openHost(t)
		_, err := h.Capture(context.Background(), pulsetest.Speaker)
		wantDeviceError(t, err, "open microphone \"starloop_speaker\": \"starloop_speaker\" is not a microphone; run `starloop devices`")
	})
	t.Run("server without devices", func(t *testing.T) {
		pulsetest.StartWith(t, pulsetest.Options{NoMic: true, NoSpeaker: true})
		h := openHost(t)
		c, err := h.Capture(context.Background(), "")
		if err == nil {
			defer c.Close()
			_, err = record(c, stallTimeout+2*time.Second)
		}
		if !starloop.IsKind(err, starloop.DeviceUnavailable) {
			t.Errorf("capture with no source: %v (kind %v), want DeviceUnavailable", err, starloop.KindOf(err))
		}
	})
}

func wantDeviceError(t *testing.T, err error, msg string) {
	t.Helper()
	if !starloop.IsKind(err, starloop.DeviceUnavailable) {
		t.Errorf("got %v (kind %v), want DeviceUnavailable", err, starloop.KindOf(err))
		return
	}
	if err.Error() != msg || strings.Contains(msg, "\n") {
		t.Errorf("message %q, want %q", err.Error(), msg)
	}
}

// TestPlayReachesSpeaker plays a real recording through Speaker and finds
// it, intact and at its level, on the virtual speaker's monitor.
func TestPlayReachesSpeaker(t *testing.T) {
	clip, err := audio.ReadWAVFile(speechPath(t, speechClip))
	if err != nil {
		t.Fatal(err)
	}
	h := openHost(t)
	ctx := context.Background()
	var started []time.Time
	sp, err := h.Speaker(pulsetest.Speaker, SpeakerOptions{Started: func(at time.Time) { started = append(started, at) }})
	if err != nil {
		t.Fatal(err)
	}
	rec, err := shared.RecordSpeaker(ctx)
	if err != nil {
		t.Fatal(err)
	}
	time.Sleep(100 * time.Millisecond) // let the recording start first
	before := time.Now()
	if err := sp.Play(ctx, clip); err != nil {
		t.Fatal(err)
	}
	took := time.Since(before)
	got, err := rec.Stop()
	if err != nil {
		t.Fatal(err)
	}
	clipDur := time.Duration(len(clip)) * time.Second / audio.SampleRate
	if took < clipDur-50*time.Millisecond {
		t.Errorf("Play returned after %v, before the %v clip could have played", took, clipDur)
	}
	if len(started) != 1 || started[0].Before(before) || started[0].After(before.Add(took)) {
		t.Errorf("Started called at %v, want once, within Play (%v + %v)", started, before, took)
	}
	lag, corr := align(t, clip, got)
	if corr < 0.95 {
		t.Errorf("correlation with the clip %.3f, want at least 0.95 (speaker at %v Hz)", corr, sp.SampleRate())
	}
	level := rms(got[lag : lag+len(clip)])
	t.Logf("speaker at %v Hz; Play took %v for a %v clip; clip found at %v, correlation %.4f, RMS %.4f (sox: %.4f)", sp.SampleRate(), took.Round(time.Millisecond), clipDur, time.Duration(lag)*time.Second/audio.SampleRate, corr, level, speechRMS)
	if d := db(level) - db(speechRMS); math.Abs(d) > 1 {
		t.Errorf("played RMS %.4f is %+.1f dB from sox's %.4f for the clip, want within 1 dB", level, d, speechRMS)
	}
}

// TestPlayStopsOnCancel: cancelling during a 3 s clip ends Play promptly
// with Canceled, and the speaker falls silent.
func TestPlayStopsOnCancel(t *testing.T) {
	h := openHost(t)
	sp, err := h.Speaker(pulsetest.Speaker, SpeakerOptions{})
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	time.AfterFunc(300*time.Millisecond, cancel)
	start := time.Now()
	err = sp.Play(ctx, tone(440, 0.3, 3*time.Second))
	took := time.Since(start)
	if !starloop.IsKind(err, starloop.Canceled) || !errors.Is(err, context.Canceled) {
		t.Errorf("Play returned %v (kind %v), want Canceled", err, starloop.KindOf(err))
	}
	if took > time.Second {
		t.Errorf("Play took %v to stop after a cancel at 300 ms", took)
	}
}

// TestPlayOnDeadServer: a speaker whose sound server dies ends Play with
// DeviceUnavailable instead of hanging.
func TestPlayOnDeadServer(t *testing.T) {
	srv := pulsetest.Start(t)
	h := openHost(t)
	sp, err := h.Speaker(pulsetest.Speaker, SpeakerOptions{})
	if err != nil {
		t.Fatal(err)
	}
	time.AfterFunc(300*time.Millisecond, func() { srv.Crash() })
	done := make(chan error, 1)
	go func() { done <- sp.Play(context.Background(), tone(440, 0.3, 5*time.Second)) }()
	select {
	case err := <-done:
		if !starloop.IsKind(err, starloop.DeviceUnavailable) {
			t.Errorf("Play returned %v (kind %v), want DeviceUnavailable", err, starloop.KindOf(err))
		}
	case <-time.After(4 * time.Second):
		t.Fatal("Play still running 3.7 s after the server died")
	}
}

// TestHostCloseEndsStreams: closing the Host under a running capture and
// playback ends both with DeviceUnavailable.
func TestHostCloseEndsStreams(t *testing.T) {
	h, err := Open()
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	c, err := h.Capture(ctx, pulsetest.Mic)
	if err != nil {
		t.Fatal(err)
	}
	sp, err := h.Speaker(pulsetest.Speaker, SpeakerOptions{})
	if err != nil {
		t.Fatal(err)
	}
	played := make(chan error, 1)
	go func() { played <- sp.Play(ctx, tone(440, 0.3, 5*time.Second)) }()
	time.Sleep(200 * time.Millisecond)
	if err := h.Close(); err != nil {
		t.Fatal(err)
	}
	if err := c.ReadFrame(audio.NewFrame()); !starloop.IsKind(err, starloop.DeviceUnavailable) {
		t.Errorf("ReadFrame after Close: %v, want DeviceUnavailable", err)
	}
	if err := <-played; !starloop.IsKind(err, starloop.DeviceUnavailable) {
		t.Errorf("Play after Close: %v, want DeviceUnavailable", err)
	}
	if err := c.Close(); err != nil {
		t.Errorf("closing the capture after its Host: %v", err)
	}
	if _, err := h.Capture(ctx, pulsetest.Mic); err == nil {
		t.Error("Capture on a closed Host succeeded")
	}
}

// BenchmarkPlayFirstSample measures the time from the call to Play to the
// moment the first samples are handed to the device (the Started hook):
// opening and starting the stream and resampling the first 20 ms.
func BenchmarkPlayFirstSample(b *testing.B) {
	h := openHost(b)
	var first time.Time
	sp, err := h.Speaker(pulsetest.Speaker, SpeakerOptions{Started: func(at time.Time) { first = at }})
	if err != nil {
		b.Fatal(err)
	}
	clip := tone(440, 0.1, 40*time.Millisecond)
	var total time.Duration
	for b.Loop() {
		start := time.Now()
		if err := sp.Play(context.Background(), clip); err != nil {
			b.Fatal(err)
		}
		total += first.Sub(start)
	}
	b.ReportMetric(float64(total.Microseconds())/1000/float64(b.N), "ms-to-first-sample")
}

// speechPath is the shared recording name, or skips.
func speechPath(t testing.TB, name string) string { return speechtest.Path(t, name) }

package flite

import (
	"context"
	"errors"
	"math"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/starloop/starloop"
)

const sentence = "Tell me about a time you disagreed with your manager."

// needFlite skips when flite (or soxi, the independent measure) is missing.
func needFlite(t *testing.T) {
	t.Helper()
	for _, tool := range []string{"flite", "soxi"} {
		if _, err := exec.LookPath(tool); err != nil {
			t.Skipf("%s not installed (scripts/install-deps.sh installs it)", tool)
		}
	}
}

func newVoice(t *testing.T, cfg Config) *Voice {
	t.Helper()
	v, err := New(cfg)
	if err != nil {
		t.Fatal(err)
	}
	return v
}

// soxiSamples runs flite directly into a file and asks soxi for the number
// of samples and the rate: what Synthesize must return, independently
// measured.
func soxiSamples(t *testing.T, voice string) (samples, rate int) {
	t.Helper()
	path := filepath.Join(t.TempDir(), "flite.wav")
	if out, err := exec.Command("flite", "-voice", voice, "-t", sentence, "-o", path).CombinedOutput(); err != nil {
		t.Fatalf("flite: %v: %s", err, out)
	}
	get := func(flag string) int {
		out, err := exec.Command("soxi", flag, path).Output()
		if err != nil {
			t.Fatal(err)
		}
		n, err := strconv.Atoi(strings.TrimSpace(string(out)))
		if err != nil {
			t.Fatal(err)
		}
		return n
	}
	return get("-s"), get("-r")
}

func rmsDBFS(pcm []int16) float64 {
	var sum float64
	for _, v := range pcm {
		sum += float64(v) * float64(v)
	}
	return 20 * math.Log10(math.Sqrt(sum/float64(len(pcm)))/32768)
}

func TestVoicesNamesTheDebianVoices(t *testing.T) {
	needFlite(t)
	voices, err := newVoice(t, Config{}).Voices(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"slt", "kal", "kal16", "awb", "rms"} {
		found := false
		for _, v := range voices {
			found = found || v == want
		}
		if !found {
			t.Errorf("voice %q missing from %q", want, voices)
		}
	}
}

// TestSynthesize checks each voice's speech against flite's own file as
// soxi measures it: the same number of samples for the 16 kHz voices, twice
// as many (give or take one) for kal, which flite renders at 8 kHz.
func TestSynthesize(t *testing.T) {
	needFlite(t)
	for _, voice := range []string{"slt", "kal", "kal16", "awb", "rms"} {
		t.Run(voice, func(t *testing.T) {
			pcm, err := newVoice(t, Config{Voice: voice}).Synthesize(context.Background(), sentence)
			if err != nil {
				t.Fatal(err)
			}
			n, rate := soxiSamples(t, voice)
			want := n * 16000 / rate
			if d := len(pcm) - want; d < -1 || d > 1 {
				t.Errorf("%d samples, want %d (soxi: %d at %d Hz)", len(pcm), want, n, rate)
			}
			// Speech is far above the -60 dBFS of near silence.
			if db := rmsDBFS(pcm); db < -40 {
				t.Errorf("RMS %.1f dBFS: speech is missing", db)
			}
		})
	}
}

// TestRateScalesDuration: the rate divides every sound's duration, so a
// sentence at rate r lasts 1/r times as long as at rate 1: 1.25 times at
// 0.8, 0.8 times at 1.25.
func TestRateScalesDuration(t *testing.T) {
	needFlite(t)
	ctx := context.Background()
	normal, err := newVoice(t, Config{}).Synthesize(ctx, sentence)
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		rate, ratio float64
	}{
		{0.8, 1.25},
		{1.25, 0.8},
	}
	for _, tt := range tests {
		pcm, err := newVoice(t, Config{Rate: tt.rate}).Synthesize(ctx, sentence)
		if err != nil {
			t.Fatal(err)
		}
		got := float64(len(pcm)) / float64(len(normal))
		t.Logf("rate %v: %d samples against %d at rate 1: ratio %.3f", tt.rate, len(pcm), len(normal), got)
		if math.Abs(got-tt.ratio) > 0.03 {
			t.Errorf("rate %v: %.3f times as long as rate 1, want %.2f", tt.rate, got, tt.ratio)
		}
	}
}

func TestNewRejects(t *testing.T) {
	tests := []struct {
		name string
		cfg  Config
		kind starloop.Kind
		msg  string
	}{
		{"missing binary", Config{Binary: "flite-not-installed"}, starloop.NotFound, "install the Debian package flite"},
		{"too slow", Config{Rate: 0.2}, starloop.Invalid, "speaking rate 0.2 is outside 0.5 to 2"},
		{"too fast", Config{Rate: 3}, starloop.Invalid, "speaking rate 3 is outside 0.5 to 2"},
		{"voice that is a path", Config{Voice: "/tmp/x.flitevox"}, starloop.Invalid, "is not a voice name"},
		{"voice that is an option", Config{Voice: "-lv"}, starloop.Invalid, "is not a voice name"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := New(tt.cfg)
			if !starloop.IsKind(err, tt.kind) {
				t.Fatalf("New: %v (kind %v), want kind %v", err, starloop.KindOf(err), tt.kind)
			}
			if msg := err.Error(); !strings.Contains(msg, tt.msg) || strings.Contains(msg, "\n") {
				t.Errorf("message %q, want one line containing %q", msg, tt.msg)
			}
		})
	}
}

func TestSynthesizeRejects(t *testing.T) {
	needFlite(t)
	tests := []struct {
		name  string
		voice string
		text  string
		msg   string
	}{
		{"unknown voice", "nosuch", sentence, `unknown voice "nosuch"; flite has kal, awb_time, kal16, awb, rms, slt`},
		{"no text", "", "  \n", "no text to speak"},
		{"too much text", "", strings.Repeat("a ", MaxText), "longer than 10000"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := newVoice(t, Config{Voice: tt.voice}).Synthesize(context.Background(), tt.text)
			if !starloop.IsKind(err, starloop.Invalid) {
				t.Fatalf("Synthesize: %v (kind %v), want Invalid", err, starloop.KindOf(err))
			}
			if !strings.Contains(err.Error(), tt.msg) {
				t.Errorf("message %q, want it to contain %q", err.Error(), tt.msg)
			}
		})
	}
}

func TestSynthesizeCanceled(t *testing.T) {
	needFlite(t)
	v := newVoice(t, Config{})
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	_, err := v.Synthesize(ctx, sentence)
	if !starloop.IsKind(err, starloop.Canceled) || !errors.Is(err, context.Canceled) {
		t.Errorf("Synthesize with a cancelled context: %v (kind %v)", err, starloop.KindOf(err))
	}
	// The failed check is not remembered: the voice still works.
	if _, err := v.Synthesize(context.Background(), sentence); err != nil {
		t.Errorf("after a cancelled call: %v", err)
	}
}

// TestSynthesizeReadsTextLiterally: text that looks like an option or a file
// name is spoken, not obeyed.
func TestSynthesizeReadsTextLiterally(t *testing.T) {
	needFlite(t)
	for _, text := range []string{"-lv", "/etc/passwd"} {
		pcm, err := newVoice(t, Config{}).Synthesize(context.Background(), text)
		if err != nil {
			t.Fatalf("%q: %v", text, err)
		}
		if len(pcm) < 16000/4 {
			t.Errorf("%q: %d samples, want speech", text, len(pcm))
		}
	}
}

func BenchmarkSynthesize(b *testing.B) {
	if _, err := exec.LookPath("flite"); err != nil {
		b.Skip("flite not installed")
	}
	v, err := New(Config{})
	if err != nil {
		b.Fatal(err)
	}
	for b.Loop() {
		if _, err := v.Synthesize(context.Background(), sentence); err != nil {
			b.Fatal(err)
		}
	}
}

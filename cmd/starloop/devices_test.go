package main

import (
	"bytes"
	"context"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/starloop/starloop"
	"github.com/starloop/starloop/audio/pulsetest"
	"github.com/starloop/starloop/internal/speechtest"
)

// deviceSection returns the lines of out under the heading that starts with
// title, up to the next heading or blank line.
func deviceSection(out, title string) []string {
	var lines []string
	in := false
	for _, l := range strings.Split(out, "\n") {
		switch {
		case strings.HasPrefix(l, title):
			in = true
		case in && (l == "" || !strings.HasPrefix(l, " ")):
			return lines
		case in:
			lines = append(lines, l)
		}
	}
	return lines
}

// markedDevice returns the name on the line starting with "*", if any.
func markedDevice(lines []string) string {
	for _, l := range lines {
		if f := strings.Fields(l); len(f) > 1 && f[0] == "*" {
			return f[1]
		}
	}
	return ""
}

func deviceNames(lines []string) []string {
	var out []string
	for _, l := range lines {
		f := strings.Fields(strings.TrimPrefix(strings.TrimSpace(l), "*"))
		if len(f) > 0 {
			out = append(out, f[0])
		}
	}
	return out
}

func TestDevicesLists(t *testing.T) {
	pulsetest.Start(t)
	tests := []struct {
		name            string
		args            []string
		env             map[string]string
		wantIn, wantOut string
	}{
		{"defaults", nil, nil, "default", "default"},
		{"flags", []string{"--input", pulsetest.Mic, "--output", pulsetest.Speaker}, nil, pulsetest.Mic, pulsetest.Speaker},
		{"environment", nil, map[string]string{"STARLOOP_INPUT": "starloop_m", "STARLOOP_OUTPUT": "speaker"}, pulsetest.Mic, pulsetest.Speaker},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Setenv("STARLOOP_INPUT", "")
			t.Setenv("STARLOOP_OUTPUT", "")
			for k, v := range tt.env {
				t.Setenv(k, v)
			}
			out, _, err := runCLI(t, append([]string{"devices"}, tt.args...)...)
			if err != nil {
				t.Fatalf("devices: %v\n%s", err, out)
			}
			mics := deviceSection(out, "Microphones")
			speakers := deviceSection(out, "Speakers")
			if got := deviceNames(mics); !slices.Contains(got, pulsetest.Mic) || slices.Contains(got, pulsetest.Speaker) {
				t.Errorf("microphones %q: want %s and not %s", got, pulsetest.Mic, pulsetest.Speaker)
			}
			if got := deviceNames(speakers); !slices.Contains(got, pulsetest.Speaker) || slices.Contains(got, pulsetest.Mic) {
				t.Errorf("speakers %q: want %s and not %s", got, pulsetest.Speaker, pulsetest.Mic)
			}
			if got := markedDevice(mics); got != tt.wantIn {
				t.Errorf("marked microphone %q, want %q\n%s", got, tt.wantIn, out)
			}
			if got := markedDevice(speakers); got != tt.wantOut {
				t.Errorf("marked speaker %q, want %q\n%s", got, tt.wantOut, out)
			}
		})
	}
}

// TestDevicesCheck speaks a real recording into the virtual microphone
// during the check. Its peak, per `sox LJ001-0002.wav -n stat`, is 0.496 of
// full scale: 20*log10(0.496) = -6.1 dBFS, printed as -6; the silence around
// it is digital zero, the -100 dBFS floor.
func TestDevicesCheck(t *testing.T) {
	clip := speechtest.Path(t, "LJ001-0002.wav")
	srv := pulsetest.Start(t)
	t.Setenv("STARLOOP_INPUT", "")
	spoke := make(chan error, 1)
	go func() {
		time.Sleep(300 * time.Millisecond)
		spoke <- srv.SpeakFile(context.Background(), clip)
	}()
	out, _, err := runCLI(t, "devices", "--check", "--input", pulsetest.Mic, "--duration", "3s")
	if err != nil {
		t.Fatalf("devices --check: %v\n%s", err, out)
	}
	if err := <-spoke; err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{
		"Checking \"starloop_mic\" for 3s",
		"Noise floor -100 dBFS, peak -6 dBFS.",
		"Microphone OK",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("output lacks %q:\n%s", want, out)
		}
	}
}

func TestDevicesCheckFails(t *testing.T) {
	tests := []struct {
		name string
		opts pulsetest.Options
		args []string
		kind starloop.Kind
		msg  string
	}{
		{"silent microphone", pulsetest.Options{}, []string{"--check", "--input", pulsetest.Mic, "--duration", "500ms"},
			starloop.DeviceUnavailable, "check microphone \"starloop_mic\": the microphone sends only silence"},
		{"unknown microphone", pulsetest.Options{}, []string{"--input", "usb headset"},
			starloop.DeviceUnavailable, "no microphone named \"usb headset\"; run `starloop devices`"},
		{"bad duration", pulsetest.Options{}, []string{"--check", "--duration", "1h"},
			starloop.Invalid, "--duration 1h0m0s is outside 500ms to 1m"},
		{"stray argument", pulsetest.Options{}, []string{"mic"},
			starloop.Invalid, "unexpected argument \"mic\""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			pulsetest.StartWith(t, tt.opts)
			t.Setenv("STARLOOP_INPUT", "")
			out, _, err := runCLI(t, append([]string{"devices"}, tt.args...)...)
			if !starloop.IsKind(err, tt.kind) {
				t.Fatalf("got %v (kind %v), want kind %v\n%s", err, starloop.KindOf(err), tt.kind, out)
			}
			if !strings.Contains(err.Error(), tt.msg) || strings.Contains(err.Error(), "\n") {
				t.Errorf("message %q, want one line containing %q", err.Error(), tt.msg)
			}
			var stderr bytes.Buffer
			if code := report(&stderr, err); code != tt.kind.ExitCode() {
				t.Errorf("exit status %d, want %d", code, tt.kind.ExitCode())
			}
		})
	}
}

package portaudio

import (
	"bytes"
	"context"
	"strings"
	"testing"
	"time"

	"github.com/starloop/starloop"
	"github.com/starloop/starloop/audio/pulsetest"
)

// TestSurvey lists the shared virtual devices with "*" on the ones named,
// and names a microphone that is not there as an error of its own, after
// the list.
func TestSurvey(t *testing.T) {
	h := openHost(t)
	var out bytes.Buffer
	c, err := h.Survey(&out, pulsetest.Mic, pulsetest.Speaker)
	if err != nil || c.InErr != nil || c.OutErr != nil {
		t.Fatalf("Survey: %v, %v, %v", err, c.InErr, c.OutErr)
	}
	if c.In.Name != pulsetest.Mic {
		t.Errorf("chosen microphone %q, want %q", c.In.Name, pulsetest.Mic)
	}
	for _, name := range []string{pulsetest.Mic, pulsetest.Speaker} {
		if !strings.Contains(out.String(), "* "+name) {
			t.Errorf("%s not marked:\n%s", name, out.String())
		}
	}

	out.Reset()
	c, err = h.Survey(&out, "usb headset", "")
	if err != nil {
		t.Fatalf("Survey: %v", err)
	}
	if !starloop.IsKind(c.InErr, starloop.DeviceUnavailable) || c.OutErr != nil {
		t.Errorf("errors %v, %v; want the microphone unavailable and the default speaker found", c.InErr, c.OutErr)
	}
	if !strings.Contains(out.String(), pulsetest.Mic) || strings.Contains(out.String(), "* "+pulsetest.Mic) {
		t.Errorf("want %s listed, unmarked:\n%s", pulsetest.Mic, out.String())
	}
}

// TestCheckMicSilent checks the shared virtual microphone, which sends
// digital zero when nothing is spoken into it: the floor and the peak are
// the -100 dBFS that stands for no signal, and the check fails.
func TestCheckMicSilent(t *testing.T) {
	h := openHost(t)
	in, err := h.Input(pulsetest.Mic)
	if err != nil {
		t.Fatal(err)
	}
	var out bytes.Buffer
	err = h.CheckMic(context.Background(), &out, in, 500*time.Millisecond)
	if !starloop.IsKind(err, starloop.DeviceUnavailable) || !strings.Contains(err.Error(), "sends only silence") {
		t.Errorf("CheckMic: %v, want the microphone unavailable: only silence", err)
	}
	if !strings.Contains(out.String(), `Checking "starloop_mic" for 500ms`) || !strings.Contains(out.String(), "-100 dBFS") {
		t.Errorf("output:\n%s", out.String())
	}
}

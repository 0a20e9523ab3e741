package portaudio

import (
	"bytes"
	"testing"

	"github.com/starloop/starloop/internal/golden"
)

// laptop is a laptop with PulseAudio and a USB headset.
var laptop = []Device{
	{Index: 0, Name: "HDA Intel PCH: ALC3246 Analog (hw:0,0)", HostAPI: "ALSA", MaxInputChannels: 2, MaxOutputChannels: 2, DefaultSampleRate: 44100},
	{Index: 1, Name: "USB Headset: Audio (hw:1,0)", HostAPI: "ALSA", MaxInputChannels: 1, MaxOutputChannels: 2, DefaultSampleRate: 48000},
	{Index: 2, Name: "HDMI 0 (hw:0,3)", HostAPI: "ALSA", MaxOutputChannels: 8, DefaultSampleRate: 48000},
	{Index: 3, Name: "pulse", HostAPI: "ALSA", MaxInputChannels: 32, MaxOutputChannels: 32, DefaultSampleRate: 44100},
	{Index: 4, Name: "default", HostAPI: "ALSA", MaxInputChannels: 32, MaxOutputChannels: 32, DefaultSampleRate: 44100, DefaultInput: true, DefaultOutput: true},
}

// TestWriteDevicesGolden renders the laptop's devices, the headset chosen
// as microphone, against testdata/devices.golden.
func TestWriteDevicesGolden(t *testing.T) {
	var b bytes.Buffer
	if err := WriteDevices(&b, laptop, &laptop[1], &laptop[4]); err != nil {
		t.Fatal(err)
	}
	golden.Check(t, "devices.golden", b.Bytes())
}

// TestWriteDevicesNone: no microphone found marks none; a host with no
// output device says so under Speakers.
func TestWriteDevicesNone(t *testing.T) {
	var b bytes.Buffer
	if err := WriteDevices(&b, laptop[1:2], nil, nil); err != nil {
		t.Fatal(err)
	}
	in := []Device{{Index: 7, Name: "mic", HostAPI: "ALSA", MaxInputChannels: 1, DefaultSampleRate: 16000}}
	if err := WriteDevices(&b, in, &in[0], nil); err != nil {
		t.Fatal(err)
	}
	// "NAME" is 4 wide: every name is padded to the longest, 27 and 3.
	want := "Microphones (--input, $STARLOOP_INPUT):\n" +
		"    USB Headset: Audio (hw:1,0)  ALSA    1 ch   48000 Hz\n" +
		"Speakers (--output, $STARLOOP_OUTPUT):\n" +
		"    USB Headset: Audio (hw:1,0)  ALSA    2 ch   48000 Hz\n" +
		"Microphones (--input, $STARLOOP_INPUT):\n" +
		"  * mic   ALSA    1 ch   16000 Hz\n" +
		"Speakers (--output, $STARLOOP_OUTPUT):\n" +
		"    (none)\n"
	if b.String() != want {
		t.Errorf("got\n%s\nwant\n%s", b.String(), want)
	}
}

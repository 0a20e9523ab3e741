// Package portaudio connects starloop to real microphones and speakers
// through PortAudio (github.com/gordonklaus/portaudio, over the C library).
// It is the only package that links PortAudio; everything above it sees an
// audio.Reader and a Play method.
//
// Data enters from a microphone: Host.Capture opens an input device and
// returns a Capture, an audio.Reader of 16 kHz mono frames, resampled with
// beep when the device will not run at 16 kHz. Data leaves through a
// speaker: Speaker.Play takes 16 kHz mono samples, streams them through
// beep (resampled to the device's own rate) into a blocking PortAudio
// stream, and returns once they have been played.
//
// Errors carry starloop kinds: a missing or failing device is
// starloop.DeviceUnavailable, with a message that tells the user to run
// `starloop devices`; a cancelled context is starloop.Canceled.
//
// On Linux, PortAudio reaches PulseAudio or PipeWire through ALSA's pulse
// plugin, and ALSA decides whether its "default" device means PulseAudio
// when it first reads its configuration: the sound server must be running
// before Open.
package portaudio

import (
	"errors"
	"fmt"
	"slices"
	"strings"
	"sync"

	pa "github.com/gordonklaus/portaudio"

	"github.com/starloop/starloop"
)

// libraryMu serialises what the C library keeps in its own global state:
// Pa_Initialize, Pa_Terminate and the binding's cached device list are not
// safe to use from two threads at once, and Open redirects the process's
// standard error while PortAudio probes.
var libraryMu sync.Mutex

// Device is an audio device as PortAudio reports it.
type Device struct {
	Index             int     // PortAudio's index, stable until the Host is closed
	Name              string  // e.g. "default", "pulse", "HDA Intel PCH: ALC3246 Analog (hw:0,0)"
	HostAPI           string  // e.g. "ALSA"
	MaxInputChannels  int     // 0 for a device that cannot record
	MaxOutputChannels int     // 0 for a device that cannot play
	DefaultSampleRate float64 // the rate the device prefers, in Hz
	DefaultInput      bool    // the system's default microphone
	DefaultOutput     bool    // the system's default speaker
}

// IsInput reports whether the device can record.
func (d Device) IsInput() bool { return d.MaxInputChannels > 0 }

// IsOutput reports whether the device can play.
func (d Device) IsOutput() bool { return d.MaxOutputChannels > 0 }

// Host is an initialised PortAudio library. The device list is read once,
// by Open; devices plugged in later appear after the Host is closed and
// opened again. A Host is safe for concurrent use.
type Host struct {
	mu       sync.Mutex
	closed   bool
	devices  []Device
	infos    []*pa.DeviceInfo // by Device.Index
	probeLog string
	active   map[closer]struct{} // captures and plays in progress
}

// closer is what Close must end before it terminates the library.
type closer interface{ shutdown(cause error) error }

// errHostClosed ends captures and plays that the Host's Close interrupts.
var errHostClosed = errors.New("audio devices closed")

// Open initialises PortAudio and reads the list of devices. Each Host must
// be closed; several may be open at once (PortAudio counts them).
//
// While PortAudio probes the devices, ALSA and JACK print dozens of lines
// about devices that do not exist straight to the process's standard error.
// Open collects them (see ProbeLog) instead of letting them bury the
// terminal: for that moment the process's standard error (file descriptor
// 2) goes to a pipe, so anything else written to it then lands in ProbeLog
// too.
func Open() (*Host, error) {
	const op = "open audio devices"
	libraryMu.Lock()
	defer libraryMu.Unlock()
	log, err := captureStderr(pa.Initialize)
	silenceALSA()
	if err != nil {
		return nil, starloop.E(op, starloop.DeviceUnavailable, fmt.Errorf("initialise PortAudio: %w", err))
	}
	h := &Host{probeLog: log, active: map[closer]struct{}{}}
	if err := h.readDevices(); err != nil {
		pa.Terminate()
		return nil, starloop.E(op, starloop.DeviceUnavailable, err)
	}
	return h, nil
}

// readDevices fills h.devices and h.infos; the caller holds libraryMu.
func (h *Host) readDevices() error {
	infos, err := pa.Devices()
	if err != nil {
		return fmt.Errorf("list devices: %w", err)
	}
	defIn, defOut := -1, -1
	if d, err := pa.DefaultInputDevice(); err == nil {
		defIn = d.Index
	}
	if d, err := pa.DefaultOutputDevice(); err == nil {
		defOut = d.Index
	}
	h.infos = infos
	for _, d := range infos {
		api := ""
		if d.HostApi != nil {
			api = d.HostApi.Name
		}
		h.devices = append(h.devices, Device{
			Index:             d.Index,
			Name:              d.Name,
			HostAPI:           api,
			MaxInputChannels:  d.MaxInputChannels,
			MaxOutputChannels: d.MaxOutputChannels,
			DefaultSampleRate: d.DefaultSampleRate,
			DefaultInput:      d.Index == defIn,
			DefaultOutput:     d.Index == defOut,
		})
	}
	return nil
}

// Close ends every capture and playback still open on the Host (their
// ReadFrame and Play return errors) and terminates PortAudio. Calling it
// again does nothing.
func (h *Host) Close() error {
	h.mu.Lock()
	if h.closed {
		h.mu.Unlock()
		return nil
	}
	h.closed = true
	active := make([]closer, 0, len(h.active))
	for c := range h.active {
		active = append(active, c)
	}
	h.mu.Unlock()
	for _, c := range active {
		c.shutdown(errHostClosed)
	}
	libraryMu.Lock()
	defer libraryMu.Unlock()
	if err := pa.Terminate(); err != nil {
		return starloop.E("close audio devices", starloop.Other, err)
	}
	return nil
}

// Devices returns every device, inputs and outputs, in PortAudio's order.
func (h *Host) Devices() ([]Device, error) {
	h.mu.Lock()
	defer h.mu.Unlock()
	if h.closed {
		return nil, starloop.E("list audio devices", starloop.Other, errHostClosed)
	}
	return slices.Clone(h.devices), nil
}

// Input returns the microphone that Capture would open for deviceName (""
// for the default), or the error it would give.
func (h *Host) Input(deviceName string) (Device, error) { return h.find(deviceName, input) }

// Output returns the speaker that Speaker would choose for deviceName (""
// for the default), or the error it would give.
func (h *Host) Output(deviceName string) (Device, error) { return h.find(deviceName, output) }

func (h *Host) find(name string, dir direction) (Device, error) {
	op := "find " + dir.noun()
	if name != "" {
		op = fmt.Sprintf("find %s %q", dir.noun(), name)
	}
	info, err := h.lookup(name, dir)
	if err != nil {
		return Device{}, starloop.E(op, starloop.Other, err)
	}
	h.mu.Lock()
	defer h.mu.Unlock()
	return h.devices[info.Index], nil
}

// ProbeLog returns what the audio libraries printed while Open probed the
// devices: the place to look when a device is missing from Devices.
func (h *Host) ProbeLog() string { return h.probeLog }

// register records an open capture or playback so that Close can end it; it
// fails once the Host is closed.
func (h *Host) register(c closer) error {
	h.mu.Lock()
	defer h.mu.Unlock()
	if h.closed {
		return errHostClosed
	}
	h.active[c] = struct{}{}
	return nil
}

func (h *Host) unregister(c closer) {
	h.mu.Lock()
	delete(h.active, c)
	h.mu.Unlock()
}

// direction is what a device is opened for.
type direction bool

const (
	input  direction = true
	output direction = false
)

// noun names the device in messages to the user.
func (d direction) noun() string {
	if d == input {
		return "microphone"
	}
	return "speaker"
}

// channels is how many channels dev offers in this direction.
func (d direction) channels(dev Device) int {
	if d == input {
		return dev.MaxInputChannels
	}
	return dev.MaxOutputChannels
}

// isDefault reports whether dev is the system's default in this direction.
func (d direction) isDefault(dev Device) bool {
	if d == input {
		return dev.DefaultInput
	}
	return dev.DefaultOutput
}

// lookup finds the device to open: the default one for name "", else the
// device of that exact name, else the only one whose name contains name
// (ignoring case). Errors say what to do in one line.
func (h *Host) lookup(name string, dir direction) (*pa.DeviceInfo, error) {
	h.mu.Lock()
	defer h.mu.Unlock()
	if h.closed {
		return nil, errHostClosed
	}
	usable := func(d Device) bool { return dir.channels(d) > 0 }
	if name == "" {
		for _, d := range h.devices {
			if usable(d) && dir.isDefault(d) {
				return h.infos[d.Index], nil
			}
		}
		return nil, starloop.Errorf(starloop.DeviceUnavailable, "no %s found; run `starloop devices`", dir.noun())
	}
	var exact, partial []Device
	for _, d := range h.devices {
		switch {
		case d.Name == name:
			exact = append(exact, d)
		case strings.Contains(strings.ToLower(d.Name), strings.ToLower(name)):
			partial = append(partial, d)
		}
	}
	candidates := exact
	if len(candidates) == 0 {
		candidates = partial
	}
	var fit []Device
	for _, d := range candidates {
		if usable(d) {
			fit = append(fit, d)
		}
	}
	switch {
	case len(fit) == 1 || len(exact) > 0 && len(fit) > 0:
		return h.infos[fit[0].Index], nil
	case len(fit) > 1:
		names := make([]string, len(fit))
		for i, d := range fit {
			names[i] = fmt.Sprintf("%q", d.Name)
		}
		return nil, starloop.Errorf(starloop.Invalid, "%q matches several %ss (%s); give the full name", name, dir.noun(), strings.Join(names, ", "))
	case len(candidates) > 0:
		return nil, starloop.Errorf(starloop.DeviceUnavailable, "%q is not a %s; run `starloop devices`", candidates[0].Name, dir.noun())
	}
	return nil, starloop.Errorf(starloop.DeviceUnavailable, "no %s named %q; run `starloop devices`", dir.noun(), name)
}

// quietly makes a PortAudio call holding libraryMu, with standard error
// redirected: opening and probing a stream that fails makes PortAudio's
// ALSA back end print several lines of its own, while the returned error
// already says what went wrong.
func quietly(fn func() error) error {
	libraryMu.Lock()
	defer libraryMu.Unlock()
	_, err := captureStderr(fn)
	return err
}

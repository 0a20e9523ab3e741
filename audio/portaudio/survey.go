package portaudio

import (
	"context"
	"fmt"
	"io"
	"time"

	"github.com/starloop/starloop"
	"github.com/starloop/starloop/audio"
)

// Chosen is what Survey found of the devices it was asked for.
type Chosen struct {
	In            Device // the microphone, when InErr is nil
	InErr, OutErr error  // the microphone or the speaker not found
}

// Survey writes the devices h sees to w (WriteDevices), "*" on the
// microphone input and the speaker output name (a unique part of a name;
// "" for the system's default). A device that cannot be found is not an
// error of Survey but in Chosen: the list shows the names there are.
func (h *Host) Survey(w io.Writer, input, output string) (Chosen, error) {
	devs, err := h.Devices()
	if err != nil {
		return Chosen{}, err
	}
	var c Chosen
	c.In, c.InErr = h.Input(input)
	out, outErr := h.Output(output)
	c.OutErr = outErr
	if err := WriteDevices(w, devs, found(c.In, c.InErr), found(out, outErr)); err != nil {
		return c, starloop.E("write devices", starloop.Other, err)
	}
	return c, nil
}

// Err is the error of a device that was asked for and not found: the
// microphone when it was named (inNamed) or is to be checked (check), the
// speaker when it was named (outNamed). A default device that is missing
// is no error: the list shows what there is.
func (c Chosen) Err(inNamed, outNamed, check bool) error {
	switch {
	case c.InErr != nil && (inNamed || check):
		return c.InErr
	case c.OutErr != nil && outNamed:
		return c.OutErr
	}
	return nil
}

// found is the device d that was looked for, or nil if err says it was
// not found.
func found(d Device, err error) *Device {
	if err != nil {
		return nil
	}
	return &d
}

// CheckMic records the microphone in for d, saying on w what it does, and
// writes its levels and advice (audio.CheckMic). A silent microphone is an
// error of kind DeviceUnavailable; clipping, noise and a faint voice are
// warnings.
func (h *Host) CheckMic(ctx context.Context, w io.Writer, in Device, d time.Duration) error {
	fmt.Fprintf(w, "\nChecking %q for %v: say a few words...\n", in.Name, d)
	mic, err := h.Capture(ctx, in.Name)
	if err != nil {
		return err
	}
	defer mic.Close()
	pcm, err := audio.ReadAll(audio.Take(mic, d))
	if err != nil {
		return err
	}
	r := audio.CheckMic(pcm)
	fmt.Fprintln(w, r.Levels(mic.Overflows()))
	if err := r.Err(in.Name); err != nil {
		return err
	}
	if !r.OK() {
		fmt.Fprintf(w, "warning: %s\n", r.Advice)
		return nil
	}
	fmt.Fprintln(w, r.Advice)
	return nil
}

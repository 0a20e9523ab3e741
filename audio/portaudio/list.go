package portaudio

import (
	"bufio"
	"fmt"
	"io"
)

// WriteDevices prints devs as `starloop devices` shows them: the
// microphones, then the speakers, one a line: "*" for the one starloop
// will use (in and out; nil when none was found), then name, host API,
// channels, rate and whether it is the system's default.
func WriteDevices(w io.Writer, devs []Device, in, out *Device) error {
	bw := bufio.NewWriter(w)
	width := len("NAME")
	for _, d := range devs {
		width = max(width, len(d.Name))
	}
	section := func(title string, isDir func(Device) bool, channels func(Device) int, isDefault func(Device) bool, chosen *Device) {
		fmt.Fprintf(bw, "%s:\n", title)
		n := 0
		for _, d := range devs {
			if !isDir(d) {
				continue
			}
			n++
			mark := " "
			if chosen != nil && d.Index == chosen.Index {
				mark = "*"
			}
			note := ""
			if isDefault(d) {
				note = "  system default"
			}
			fmt.Fprintf(bw, "  %s %-*s  %-5s %3d ch  %6.0f Hz%s\n", mark, width, d.Name, d.HostAPI, channels(d), d.DefaultSampleRate, note)
		}
		if n == 0 {
			fmt.Fprintln(bw, "    (none)")
		}
	}
	section("Microphones (--input, $STARLOOP_INPUT)", Device.IsInput,
		func(d Device) int { return d.MaxInputChannels },
		func(d Device) bool { return d.DefaultInput }, in)
	section("Speakers (--output, $STARLOOP_OUTPUT)", Device.IsOutput,
		func(d Device) int { return d.MaxOutputChannels },
		func(d Device) bool { return d.DefaultOutput }, out)
	return bw.Flush()
}

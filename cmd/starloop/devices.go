package main

import (
	"bufio"
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/urfave/cli/v2"

	"github.com/starloop/starloop"
	"github.com/starloop/starloop/audio"
	"github.com/starloop/starloop/audio/portaudio"
)

// devicesCommand is `starloop devices`: which microphones and speakers
// there are, which ones starloop will use, and (with --check) whether the
// microphone works.
func devicesCommand(env *appEnv) *cli.Command {
	return &cli.Command{
		Name:      "devices",
		Usage:     "list microphones and speakers, and check the microphone",
		UsageText: "starloop devices [--input NAME] [--output NAME] [--check [--duration 2s]]",
		Description: "Lists the audio devices PortAudio can see. \"*\" marks the microphone and the\n" +
			"speaker starloop will use: the system's defaults unless --input and --output\n" +
			"(or STARLOOP_INPUT and STARLOOP_OUTPUT) name others; a unique part of a name\n" +
			"is enough. With --check, it records the microphone for a couple of seconds\n" +
			"while you say a few words, and reports its noise floor and peak, warning\n" +
			"when it is silent, clipping, noisy or faint. A silent microphone fails\n" +
			"the check (exit status 4).",
		Flags: []cli.Flag{
			&cli.StringFlag{
				Name:    "input",
				Usage:   "the microphone to use and check (`NAME` or part of it; default: the system's)",
				EnvVars: []string{"STARLOOP_INPUT"},
			},
			&cli.StringFlag{
				Name:    "output",
				Usage:   "the speaker to use (`NAME` or part of it; default: the system's)",
				EnvVars: []string{"STARLOOP_OUTPUT"},
			},
			&cli.BoolFlag{
				Name:  "check",
				Usage: "record the microphone and report its level",
			},
			&cli.DurationFlag{
				Name:  "duration",
				Usage: "how long --check records",
				Value: 2 * time.Second,
			},
			&cli.BoolFlag{
				Name:  "verbose",
				Usage: "also print what the audio libraries reported while looking for devices",
			},
		},
		Action: func(c *cli.Context) error {
			if c.NArg() > 0 {
				return starloop.Errorf(starloop.Invalid, "devices: unexpected argument %q; name a device with --input or --output", c.Args().First())
			}
			if d := c.Duration("duration"); d < 500*time.Millisecond || d > time.Minute {
				return starloop.Errorf(starloop.Invalid, "devices: --duration %v is outside 500ms to 1m", d)
			}
			host, err := portaudio.Open()
			if err != nil {
				return err
			}
			defer host.Close()
			if c.Bool("verbose") {
				fmt.Fprint(env.stderr, host.ProbeLog())
			}
			devs, err := host.Devices()
			if err != nil {
				return err
			}
			// A device that cannot be found is reported after the list,
			// which shows the names there are.
			in, inErr := host.Input(c.String("input"))
			out, outErr := host.Output(c.String("output"))
			w := bufio.NewWriter(env.stdout)
			writeDevices(w, devs, selection{input: in, output: out, inputOK: inErr == nil, outputOK: outErr == nil})
			if err := w.Flush(); err != nil {
				return starloop.E("write devices", starloop.Other, err)
			}
			if inErr != nil && (c.IsSet("input") || c.Bool("check")) {
				return inErr
			}
			if outErr != nil && c.IsSet("output") {
				return outErr
			}
			if !c.Bool("check") {
				return nil
			}
			return checkMic(c, env.stdout, host, in, c.Duration("duration"))
		},
	}
}

// selection is which devices starloop would use.
type selection struct {
	input, output     portaudio.Device
	inputOK, outputOK bool
}

// writeDevices prints the microphones, then the speakers, one a line:
// "*" for the one starloop will use, then name, host API, channels, rate
// and whether it is the system's default. Errors are sticky in w.
func writeDevices(w *bufio.Writer, devs []portaudio.Device, sel selection) {
	width := len("NAME")
	for _, d := range devs {
		width = max(width, len(d.Name))
	}
	section := func(title string, isDir func(portaudio.Device) bool, channels func(portaudio.Device) int, isDefault func(portaudio.Device) bool, chosen portaudio.Device, chosenOK bool) {
		fmt.Fprintf(w, "%s:\n", title)
		n := 0
		for _, d := range devs {
			if !isDir(d) {
				continue
			}
			n++
			mark := " "
			if chosenOK && d.Index == chosen.Index {
				mark = "*"
			}
			note := ""
			if isDefault(d) {
				note = "  system default"
			}
			fmt.Fprintf(w, "  %s %-*s  %-5s %3d ch  %6.0f Hz%s\n", mark, width, d.Name, d.HostAPI, channels(d), d.DefaultSampleRate, note)
		}
		if n == 0 {
			fmt.Fprintln(w, "    (none)")
		}
	}
	section("Microphones (--input, $STARLOOP_INPUT)", portaudio.Device.IsInput,
		func(d portaudio.Device) int { return d.MaxInputChannels },
		func(d portaudio.Device) bool { return d.DefaultInput }, sel.input, sel.inputOK)
	section("Speakers (--output, $STARLOOP_OUTPUT)", portaudio.Device.IsOutput,
		func(d portaudio.Device) int { return d.MaxOutputChannels },
		func(d portaudio.Device) bool { return d.DefaultOutput }, sel.output, sel.outputOK)
}

// checkMic records the chosen microphone for d and reports on it. A silent
// microphone is an error of kind DeviceUnavailable; clipping, noise and a
// faint voice are warnings.
func checkMic(c *cli.Context, w io.Writer, host *portaudio.Host, in portaudio.Device, d time.Duration) error {
	fmt.Fprintf(w, "\nChecking %q for %v: say a few words...\n", in.Name, d)
	mic, err := host.Capture(c.Context, in.Name)
	if err != nil {
		return err
	}
	defer mic.Close()
	pcm, err := audio.ReadAll(audio.Take(mic, d))
	if err != nil {
		return err
	}
	r := audio.CheckMic(pcm)
	fmt.Fprintf(w, "Noise floor %.0f dBFS, peak %.0f dBFS", r.NoiseFloorDBFS, r.PeakDBFS)
	if r.ClippedSamples > 0 {
		fmt.Fprintf(w, ", %d samples at full scale", r.ClippedSamples)
	}
	if n := mic.Overflows(); n > 0 {
		fmt.Fprintf(w, ", %d overflows", n)
	}
	fmt.Fprintln(w, ".")
	if r.Silent {
		return starloop.Errorf(starloop.DeviceUnavailable, "check microphone %q: %s", in.Name, lowerFirst(r.Advice))
	}
	if !r.OK() {
		fmt.Fprintf(w, "warning: %s\n", r.Advice)
		return nil
	}
	fmt.Fprintln(w, r.Advice)
	return nil
}

// lowerFirst lower-cases the first letter of a sentence that follows a
// colon in an error message, and drops its full stop.
func lowerFirst(s string) string {
	s = strings.TrimSuffix(s, ".")
	if s == "" {
		return s
	}
	return strings.ToLower(s[:1]) + s[1:]
}

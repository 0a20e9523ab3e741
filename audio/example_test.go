package audio_test

import (
	"fmt"
	"io"
	"math"
	"os"
	"path/filepath"

	"github.com/starloop/starloop/audio"
)

// beep returns ms milliseconds of a 1 kHz tone at -30 dBFS RMS, about the
// level of speech from a headset.
func beep(ms int) []int16 {
	pcm := make([]int16, ms*audio.SampleRate/1000)
	a := 32768 * math.Pow(10, -30.0/20) * math.Sqrt2
	for i := range pcm {
		pcm[i] = int16(math.Round(a * math.Sin(2*math.Pi*1000*float64(i)/audio.SampleRate)))
	}
	return pcm
}

// A fake microphone (half a second of silence, a one-second tone, a second
// of silence) read frame by frame, recorded to disk while the VAD listens. Speech is confirmed once 100 ms of it has been heard, and its end
// once 300 ms of silence has followed.
func Example() {
	var pcm []int16
	pcm = append(pcm, make([]int16, audio.SampleRate/2)...)
	pcm = append(pcm, beep(1000)...)
	pcm = append(pcm, make([]int16, audio.SampleRate)...)

	dir, _ := os.MkdirTemp("", "starloop-example")
	defer os.RemoveAll(dir)
	rec, err := audio.CreateWAV(filepath.Join(dir, "answer.wav"))
	if err != nil {
		fmt.Println(err)
		return
	}
	mic := audio.NewSliceReader(pcm)
	vad := audio.NewVAD(audio.VADConfig{})
	f := audio.NewFrame()
	for {
		if err := mic.ReadFrame(f); err == io.EOF {
			break
		} else if err != nil {
			fmt.Println(err)
			return
		}
		if err := rec.WriteFrame(f); err != nil {
			fmt.Println(err)
			return
		}
		ev := vad.Push(f)
		if ev.SpeechStarted {
			fmt.Printf("%v: speech started at %v\n", ev.At, ev.Start)
		}
		if ev.SpeechStopped {
			fmt.Printf("%v: speech stopped; it ran from %v to %v\n", ev.At, ev.Start, ev.End)
		}
	}
	if err := rec.Close(); err != nil {
		fmt.Println(err)
		return
	}
	saved, err := audio.ReadWAVFile(rec.Path())
	fmt.Println("recorded", len(saved), "samples,", err)
	// Output:
	// 580ms: speech started at 500ms
	// 1.8s: speech stopped; it ran from 500ms to 1.5s
	// recorded 40000 samples, <nil>
}

// CheckMic on a sample of a muted microphone.
func ExampleCheckMic() {
	r := audio.CheckMic(make([]int16, audio.SampleRate))
	fmt.Println(r.Silent, r.Advice)
	// Output:
	// true The microphone sends only silence: check that it is not muted and is the selected input (pavucontrol or alsamixer).
}

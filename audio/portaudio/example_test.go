package portaudio_test

import (
	"context"
	"fmt"
	"time"

	"github.com/starloop/starloop/audio"
	"github.com/starloop/starloop/audio/portaudio"
)

// Record two seconds from the default microphone and play them back on the
// default speaker, noting when the playback reached the device.
func Example() {
	ctx := context.Background()
	host, err := portaudio.Open()
	if err != nil {
		fmt.Println(err) // e.g. open microphone: no microphone found; run `starloop devices`
		return
	}
	defer host.Close()

	mic, err := host.Capture(ctx, "")
	if err != nil {
		fmt.Println(err)
		return
	}
	pcm, err := audio.ReadAll(audio.Take(mic, 2*time.Second))
	mic.Close()
	if err != nil {
		fmt.Println(err)
		return
	}

	start := time.Now()
	speaker, err := host.Speaker("", portaudio.SpeakerOptions{
		Started: func(at time.Time) { fmt.Println("first sample after", at.Sub(start)) },
	})
	if err != nil {
		fmt.Println(err)
		return
	}
	if err := speaker.Play(ctx, pcm); err != nil {
		fmt.Println(err)
	}
}

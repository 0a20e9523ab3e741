package flite_test

import (
	"context"
	"fmt"

	"github.com/starloop/starloop/speech/flite"
)

// A slower voice for a listener practising in a second language.
func Example() {
	voice, err := flite.New(flite.Config{Voice: "slt", Rate: 0.8})
	if err != nil {
		fmt.Println(err) // e.g. start flite voice: flite not found: install the Debian package flite ...
		return
	}
	pcm, err := voice.Synthesize(context.Background(), "Tell me about a time you disagreed with your manager.")
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Printf("%.1f seconds of speech\n", float64(len(pcm))/16000)
}

package pocketsphinx_test

import (
	"context"
	"fmt"
	"log"

	"github.com/starloop/starloop/audio"
	"github.com/starloop/starloop/speech/pocketsphinx"
)

// A whole recording at once.
func ExampleRecognizer_Transcribe() {
	pcm, err := audio.ReadWAVFile("answer.wav") // any WAV, as 16 kHz mono
	if err != nil {
		log.Fatal(err)
	}
	rec, err := pocketsphinx.New(pocketsphinx.Config{}) // Debian's model
	if err != nil {
		log.Fatal(err) // e.g. "install the Debian package pocketsphinx-en-us"
	}
	defer rec.Close()
	t, err := rec.Transcribe(context.Background(), pcm)
	if err != nil {
		log.Fatal(err)
	}
	for _, w := range t.Words {
		fmt.Printf("%6.2fs %s\n", w.Start.Seconds(), w.Text)
	}
}

// Decoding while the person speaks: the transcript is ready tens of
// milliseconds after the last frame.
func ExampleRecognizer_Start() {
	rec, err := pocketsphinx.New(pocketsphinx.Config{})
	if err != nil {
		log.Fatal(err)
	}
	defer rec.Close()
	var frames [][]int16 // 20 ms frames from the microphone
	s, err := rec.Start(context.Background())
	if err != nil {
		log.Fatal(err)
	}
	defer s.Close() // frees the recognizer if Finish is never reached
	for _, f := range frames {
		if err := s.Write(f); err != nil {
			log.Fatal(err)
		}
		fmt.Print("\r", s.Partial()) // a live view
	}
	t, err := s.Finish()
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println("\n" + t.Text)
}

package pulsetest_test

import (
	"context"
	"testing"

	"github.com/starloop/starloop/audio/pulsetest"
)

// A test that plays an answer into the virtual microphone while the code
// under test records from ALSA's "default" device, and then checks what
// that code played on the speaker.
func Example() {
	var t *testing.T          // the test's t
	srv := pulsetest.Start(t) // before the code under test opens PortAudio
	ctx := context.Background()

	rec, err := srv.RecordSpeaker(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if err := srv.SpeakFile(ctx, "testdata/answer.wav"); err != nil {
		t.Fatal(err)
	}
	// ... run the code under test ...
	played, err := rec.Stop()
	if err != nil {
		t.Fatal(err)
	}
	_ = played // 16 kHz mono: compare it with what the code should have said
}

package pocketsphinx

import (
	"context"
	"math"
	"testing"

	"github.com/starloop/starloop/audio"
	"github.com/starloop/starloop/speech/wer"
)

// inRoom is pcm as a session records it: half a second of the room's
// noise, the speech, and half a second of noise. The room is as loud as
// the recording's own background, the RMS of its quietest 20 ms (at least
// 1): Gaussian noise from a fixed generator, the same every run.
func inRoom(pcm []int16) []int16 {
	level := math.Inf(1)
	for i := 0; i+320 <= len(pcm); i += 320 {
		var sum float64
		for _, x := range pcm[i : i+320] {
			sum += float64(x) * float64(x)
		}
		level = min(level, math.Sqrt(sum/320))
	}
	level = max(1, level)
	seed := uint32(2)
	noise := func(n int) []int16 {
		out := make([]int16, n)
		for i := range out {
			seed = seed*1664525 + 1013904223
			u1 := (float64(seed>>8) + 1) / (1 << 24)
			seed = seed*1664525 + 1013904223
			u2 := float64(seed>>8) / (1 << 24)
			out[i] = int16(max(-32768, min(32767, math.Round(level*math.Sqrt(-2*math.Log(u1))*math.Cos(2*math.Pi*u2)))))
		}
		return out
	}
	out := noise(SampleRate / 2)
	out = append(out, pcm...)
	return append(out, noise(SampleRate/2)...)
}

// A stream must hear an answer as well as a whole decode of the same
// recording does, within half a point of WER (issue 11). Each of the 12
// development recordings, in a room (see inRoom: a session's recording
// starts before the speech), is decoded by a fresh Recognizer (the first
// answer of a session) whole and as a stream of 20 ms frames. A stream
// must start searching from the mean of its first second of speech, which
// a whole decode replaces with the whole answer's; until the stream set
// its mean again each second (refreshFrames), it got 60 words wrong
// against the whole decode's 49.
func TestStreamInRoomMatchesBatch(t *testing.T) {
	if testing.Short() {
		t.Skip("decodes the development set twice: about a minute of CPU")
	}
	ctx := context.Background()
	var batch, streamed wer.Tally
	for _, u := range loadCorpus(t) {
		pcm := inRoom(u.pcm)
		r := newRecognizer(t, Config{})
		tr, err := r.Transcribe(ctx, pcm)
		if err != nil {
			t.Fatal(err)
		}
		r.Close()
		eb, n := batch.Add(u.ref, tr.Text)
		r = newRecognizer(t, Config{})
		st := stream(t, r, pcm, audio.FrameSize)
		r.Close()
		es, _ := streamed.Add(u.ref, st.Text)
		t.Logf("%-17s %2d words: batch %2d wrong, stream %2d: %s", u.id, n, eb, es, st.Text)
	}
	t.Logf("batch %d/%d, stream %d/%d", batch.Errors, batch.Words, streamed.Errors, streamed.Words)
	// Half a point of the words, rounded up: one word of 196.
	if bound := batch.Errors + int(math.Ceil(0.005*float64(batch.Words))); streamed.Errors > bound {
		t.Errorf("the stream got %d of %d words wrong, the whole decode %d: more than %d", streamed.Errors, streamed.Words, batch.Errors, bound)
	}
}

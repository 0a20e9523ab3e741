package interviewer

import (
	"context"
	"reflect"
	"sync"
	"testing"

	"github.com/starloop/starloop"
	"github.com/starloop/starloop/audio"
	"github.com/starloop/starloop/session"
)

// wholeTranscriber is the rig's burst transcriber that can also decode a
// whole answer (a Redecoder): it "hears" whole, or, when block is set, it
// takes until its ctx is done. It counts as an open stream while it runs,
// so the rig's check that at most one was open at once covers it.
type wholeTranscriber struct {
	*burstTranscriber
	whole starloop.Transcript
	block bool

	mu    sync.Mutex
	calls []int // samples given to each call
}

func (w *wholeTranscriber) Transcribe(ctx context.Context, pcm []int16) (starloop.Transcript, error) {
	b := w.burstTranscriber
	b.mu.Lock()
	b.open++
	b.maxOpen = max(b.maxOpen, b.open)
	b.mu.Unlock()
	defer func() {
		b.mu.Lock()
		b.open--
		b.mu.Unlock()
	}()
	w.mu.Lock()
	w.calls = append(w.calls, len(pcm))
	w.mu.Unlock()
	if w.block {
		<-ctx.Done()
		return starloop.Transcript{}, starloop.E("transcribe", starloop.Canceled, ctx.Err())
	}
	return w.whole, nil
}

// wholeRig is a rig whose transcriber is a wholeTranscriber.
func wholeRig(w *wholeTranscriber, answers ...[]part) *rig {
	r := newRig(answers...)
	w.burstTranscriber = r.tr
	r.runner.Transcriber = w
	return r
}

var wholeWords = []starloop.Word{{Text: "whole", Start: sec(1), End: sec(1.5)}, {Text: "answer", Start: sec(1.5), End: sec(2)}}

func TestRunRedecodesInPause(t *testing.T) {
	// Tone at 1-2 s; the VAD reports the pause on the frame starting at
	// 2.32 s (speech ends at 2.02 s, plus 300 ms of hangover), frame 116
	// counting from 0, so the re-decode gets the 117 frames recorded by
	// then; the patience window leaves it 3 s - 0.3 s - 0.5 s of reserve,
	// and 2.34 s of audio at the assumed 0.35 s per second is 0.82 s: it
	// runs. What is judged
	// and saved is its transcript, not the stream's "word1".
	w := &wholeTranscriber{whole: starloop.Transcript{Text: "whole answer", Words: wholeWords}}
	r := wholeRig(w, []part{silence(1), tone(1)})
	if err := r.run(t, []Question{q1}, Config{MaxFollowUps: -1}); err != nil {
		t.Fatal(err)
	}
	if want := []int{117 * audio.FrameSize}; !reflect.DeepEqual(w.calls, want) {
		t.Errorf("re-decoded %v samples, want %v", w.calls, want)
	}
	r.checkAnswers(t, []answered{{
		n: 1, question: q1.Text, frames: 252, words: wholeWords,
		timings: session.Timings{Listen: t0, FirstSpeech: sec(1), End: sec(5.02), EndReason: EndSilence},
	}})
	if !reflect.DeepEqual(r.judge.judged, []string{"whole answer"}) {
		t.Errorf("judged %q, want the whole decode", r.judge.judged)
	}
}

func TestRunRedecodeCutShort(t *testing.T) {
	// As TestRunSpeechResumes: a pause after tone A, speech resuming
	// within the patience window, a pause after B. The re-decode in the
	// first pause never finishes: speech resuming cancels it, and B's
	// stream starts only after it has returned (the rig fails the test if
	// two were open at once). The one in the second pause runs out of its
	// time: the streams' transcript is kept.
	w := &wholeTranscriber{block: true}
	r := wholeRig(w, []part{silence(1), tone(0.5), silence(1.5), tone(0.5)}, []part{press('q')})
	if err := r.run(t, []Question{q1}, Config{}); err != nil {
		t.Fatal(err)
	}
	if len(w.calls) != 2 {
		t.Errorf("%d re-decodes, want one in each pause", len(w.calls))
	}
	both := []starloop.Word{{Text: "word1", Start: sec(1), End: sec(1.5)}, {Text: "word2", Start: sec(3), End: sec(3.5)}}
	r.checkAnswers(t, []answered{{
		n: 1, question: q1.Text, frames: 327, words: both,
		timings: session.Timings{Listen: t0, FirstSpeech: sec(1), End: sec(6.52), EndReason: EndSilence},
	}})
}

func TestRunNoRedecode(t *testing.T) {
	w := &wholeTranscriber{whole: starloop.Transcript{Text: "whole answer", Words: wholeWords}}
	t.Run("too long for the window", func(t *testing.T) {
		// 10 s of tone: 11.32 s of audio at 0.35 s per second is 3.96 s,
		// more than the 2.2 s the window leaves.
		w.calls = nil
		r := wholeRig(w, []part{silence(1), tone(10)})
		if err := r.run(t, []Question{q1}, Config{MaxFollowUps: -1}); err != nil {
			t.Fatal(err)
		}
		if len(w.calls) != 0 {
			t.Errorf("re-decoded %v samples, want no re-decode", w.calls)
		}
		if got := r.store.answers[0].Transcript.Text; got != "word1" {
			t.Errorf("saved %q, want the stream's word1", got)
		}
	})
	t.Run("turn ended by Enter", func(t *testing.T) {
		// No patience window: the transcript is wanted at once.
		w.calls = nil
		r := wholeRig(w, []part{silence(1), tone(1), press('\n')})
		if err := r.run(t, []Question{q1}, Config{MaxFollowUps: -1}); err != nil {
			t.Fatal(err)
		}
		if len(w.calls) != 0 {
			t.Errorf("re-decoded %v samples, want no re-decode", w.calls)
		}
	})
}

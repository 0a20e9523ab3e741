package pocketsphinx

import (
	"context"
	"strings"
	"testing"

	"github.com/starloop/starloop"
	"github.com/starloop/starloop/audio"
	"github.com/starloop/starloop/speech/wer"
)

// Word error rate on the 12 development recordings (196 reference words),
// go test -run TestDevSetWER -v ./speech/pocketsphinx, Debian 12,
// libpocketsphinx 0.8+5prealpha-15, 20 ms frames for streams:
//
//	                                           batch  stream, cold  stream, carried
//	library as shipped: raw audio in,          20.4%     50.5%          32.1%
//	  -fwdflat no, model's -cmninit (a first
//	  version of this package, since replaced)
//	own front end; CMN from the whole          19.4%     22.4%          20.4%
//	  utterance (batch) or the first second
//	  of speech (streams)
//	+ 300 ms lead-in, -bestpathlw 8.5,         16.8%     17.9%          18.9%
//	  -cmninit from the dev set
//	+ -maxwpf 20                                16.8%     18.4%          18.9%
//	  carried per speaker (as now measured)                          17.9%
//	+ the mean set again every second of        16.8%     17.9%          18.9%
//	  speech (refreshFrames; the defaults now)
//	stream-cold-plain below: tuned search,               44.4%
//	  no held first second, no lead-in,
//	  model's -cmninit
//
// "Cold" is a fresh Recognizer for every recording, as for the first answer
// of a session; "carried" is one Recognizer per speaker for that speaker's
// recordings in turn, as for the answers of one session (one candidate, one
// microphone). One error is 0.5 points: differences of a point or two
// between settings are noise. The dev set is also what the settings were
// tuned on, so expect worse on other speech.
//
// Carried was measured, until the mean was set again every second, with
// one Recognizer for all 12 recordings, three speakers on three
// microphones in turn: 18.9% (37 errors), and 21.4% (42) with the refresh,
// as each new speaker then starts from the last one's mean held at a fixed
// weight. A session never changes speaker, so that is no longer a bar; the
// refresh is kept for what it does to a session's answers recorded in a
// room (TestStreamInRoomMatchesBatch: 60 words wrong of 196 streamed
// against 49 whole, now 50).
// BenchmarkOptions measures other search options for accuracy and speed.
const werBar = 0.20

func TestDevSetWER(t *testing.T) {
	utts := loadCorpus(t)
	ctx := context.Background()

	// run scores transcribe over every recording and returns the tally.
	run := func(t *testing.T, transcribe func(u utterance) starloop.Transcript) wer.Tally {
		t.Helper()
		var tally wer.Tally
		for _, u := range utts {
			tr := transcribe(u)
			e, n := tally.Add(u.ref, tr.Text)
			t.Logf("%-17s %2d/%2d %5.1f%%  %s", u.id, e, n, 100*wer.Rate(e, n), tr.Text)
		}
		t.Logf("total WER %.1f%% (%d errors / %d words)", 100*tally.Rate(), tally.Errors, tally.Words)
		return tally
	}
	check := func(t *testing.T, tally wer.Tally) {
		t.Helper()
		if tally.Rate() > werBar {
			t.Errorf("WER %.1f%% is above the bar of %.0f%%", 100*tally.Rate(), 100*werBar)
		}
	}

	t.Run("batch", func(t *testing.T) {
		r := newRecognizer(t, Config{})
		check(t, run(t, func(u utterance) starloop.Transcript {
			tr, err := r.Transcribe(ctx, u.pcm)
			if err != nil {
				t.Fatal(err)
			}
			return tr
		}))
	})
	var cold wer.Tally
	t.Run("stream-cold", func(t *testing.T) {
		cold = run(t, func(u utterance) starloop.Transcript {
			r := newRecognizer(t, Config{})
			defer r.Close()
			return stream(t, r, u.pcm, audio.FrameSize)
		})
		check(t, cold)
	})
	t.Run("stream-carried", func(t *testing.T) {
		recs := map[string]*Recognizer{}
		check(t, run(t, func(u utterance) starloop.Transcript {
			r := recs[speakerOf(u.id)]
			if r == nil {
				r = newRecognizer(t, Config{})
				recs[speakerOf(u.id)] = r
			}
			return stream(t, r, u.pcm, audio.FrameSize)
		}))
	})
	// The library's own behaviour from a cold start, for comparison: no
	// held-back first second, no lead-in, the model's -cmninit. The fixes
	// above must be worth at least ten points over it.
	t.Run("stream-cold-plain", func(t *testing.T) {
		if testing.Short() {
			t.Skip("comparison only; skipped in -short mode")
		}
		plain := run(t, func(u utterance) starloop.Transcript {
			r := newRecognizer(t, Config{Options: map[string]string{
				"-cmninit": "41.00,-5.29,-0.12,5.09,2.48,-4.07,-1.37,-1.78,-5.08,-2.05,-6.45,-1.42,1.17",
			}})
			defer r.Close()
			r.holdFrames, r.refreshFrames, r.leadIn = 0, 0, 0
			return stream(t, r, u.pcm, audio.FrameSize)
		})
		if cold.Words > 0 && cold.Rate() > plain.Rate()-0.10 {
			t.Errorf("cold stream WER %.1f%% is not ten points better than the plain library's %.1f%%",
				100*cold.Rate(), 100*plain.Rate())
		}
	})
}

// speakerOf names the speaker of a development recording by its id:
// LJSpeech's (LJnnn-nnnn) are all one reader, LibriSpeech's start with the
// speaker's number (2412-153948-0000), any other is a speaker of its own.
func speakerOf(id string) string {
	if strings.HasPrefix(id, "LJ") {
		return "LJ"
	}
	if i := strings.IndexByte(id, '-'); i > 0 {
		return id[:i]
	}
	return id
}

// newRecognizer loads a model for one test and closes it afterwards.
func newRecognizer(tb testing.TB, cfg Config) *Recognizer {
	tb.Helper()
	r, err := New(cfg)
	if err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(func() { r.Close() })
	return r
}

// stream transcribes pcm through a Stream, chunk samples per Write.
func stream(tb testing.TB, r *Recognizer, pcm []int16, chunk int) starloop.Transcript {
	tb.Helper()
	s, err := r.Start(context.Background())
	if err != nil {
		tb.Fatal(err)
	}
	defer s.Close()
	for i := 0; i < len(pcm); i += chunk {
		if err := s.Write(pcm[i:min(i+chunk, len(pcm))]); err != nil {
			tb.Fatal(err)
		}
	}
	tr, err := s.Finish()
	if err != nil {
		tb.Fatal(err)
	}
	return tr
}

package fallback_test

import (
	"context"
	"testing"

	"github.com/starloop/starloop/interviewer"
	"github.com/starloop/starloop/speech/fallback"
	"github.com/starloop/starloop/speech/openaitest"
)

// BenchmarkFinish times one 30-second answer through a stream, written in
// 20 ms frames and finished. "offline" uses the offline stream alone;
// "remote" also sends the answer (a 960 KB WAV) to the test server at Finish
// and reads its verbose_json reply, so the difference between the two is
// the latency the remote path adds to a turn, without the server's own
// transcription time.
func BenchmarkFinish(b *testing.B) {
	answer := make([]int16, 30*16000)
	for i := range answer {
		answer[i] = int16(i%200*100 - 10000)
	}
	srv := openaitest.New(b, testKey)
	srv.Transcribe = func([]int16) openaitest.Transcription {
		return openaitest.Transcription{Text: "At my last job our deploys kept failing and I rewrote the flaky tests."}
	}
	run := func(b *testing.B, tr interviewer.Transcriber) {
		for b.Loop() {
			s, err := tr.Start(context.Background())
			if err != nil {
				b.Fatal(err)
			}
			for i := 0; i < len(answer); i += 320 {
				s.Write(answer[i : i+320])
			}
			if _, err := s.Finish(); err != nil {
				b.Fatal(err)
			}
		}
	}
	b.Run("offline", func(b *testing.B) { run(b, &offlineRec{text: "offline"}) })
	b.Run("remote", func(b *testing.B) {
		c := client(b, srv)
		run(b, &fallback.Transcriber{Remote: c, Offline: &offlineRec{text: "offline"}, Notify: func(l string) { b.Fatal(l) }})
	})
}

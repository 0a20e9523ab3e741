package pocketsphinx

import (
	"bufio"
	"context"
	"os"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/starloop/starloop/audio"
	"github.com/starloop/starloop/speech/wer"
)

// Run with: go test -run '^$' -bench . -benchtime 3x ./speech/pocketsphinx
// (BenchmarkOptions takes some five minutes: add -bench 'Benchmark[^O]'
// to leave it out).

// statusKB reads a "VmRSS:"-style line of /proc/self/status, in kB.
func statusKB(b *testing.B, field string) float64 {
	b.Helper()
	f, err := os.Open("/proc/self/status")
	if err != nil {
		b.Skip("no /proc/self/status:", err)
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		if v, ok := strings.CutPrefix(sc.Text(), field+":"); ok {
			kb, err := strconv.ParseFloat(strings.TrimSuffix(strings.TrimSpace(v), " kB"), 64)
			if err != nil {
				b.Fatal(err)
			}
			return kb
		}
	}
	b.Fatalf("no %s in /proc/self/status", field)
	return 0
}

// BenchmarkNew measures loading the model, and the memory one loaded
// Recognizer holds: the growth of resident memory while it is loaded
// (MB-rss), and the process's peak (MB-peak, VmHWM, which includes the test
// binary's own few MB).
//
// The memory is measured first, before the timed loads: memory the C
// library frees stays with the process, so later loads reuse it. Run it on
// its own (-bench New) for the peak to mean anything.
func BenchmarkNew(b *testing.B) {
	pcm := recording(b, "jfk").pcm
	runtime.GC()
	before := statusKB(b, "VmRSS")
	r, err := New(Config{})
	if err != nil {
		b.Fatal(err)
	}
	// Decode something so that the search's own tables are touched too.
	if _, err := r.Transcribe(context.Background(), pcm); err != nil {
		b.Fatal(err)
	}
	rss, peak := (statusKB(b, "VmRSS")-before)/1024, statusKB(b, "VmHWM")/1024
	r.Close()
	for b.Loop() {
		r, err := New(Config{})
		if err != nil {
			b.Fatal(err)
		}
		r.Close()
	}
	b.ReportMetric(rss, "MB-rss")
	b.ReportMetric(peak, "MB-peak")
}

// BenchmarkTranscribe decodes the 12 development recordings per iteration
// and reports the real-time factor: decoding time over audio time.
func BenchmarkTranscribe(b *testing.B) {
	utts := loadCorpus(b)
	r := newRecognizer(b, Config{})
	var audioTime time.Duration
	for _, u := range utts {
		audioTime += u.duration()
	}
	ctx := context.Background()
	for b.Loop() {
		for _, u := range utts {
			if _, err := r.Transcribe(ctx, u.pcm); err != nil {
				b.Fatal(err)
			}
		}
	}
	b.ReportMetric(b.Elapsed().Seconds()/float64(b.N)/audioTime.Seconds(), "rtf")
}

// BenchmarkStreamWrite streams the longest recording in 20 ms frames, as
// the microphone delivers them, and reports the mean cost of a Write
// (us/frame, against 20 000 us of audio), the longest one (ms-max: the
// Write that completes the held first second and searches it), and the
// real-time factor of the Writes together.
func BenchmarkStreamWrite(b *testing.B) {
	u := recording(b, "2412-153948-0000")
	r := newRecognizer(b, Config{})
	var writes int
	var total, longest time.Duration
	for b.Loop() {
		s, err := r.Start(context.Background())
		if err != nil {
			b.Fatal(err)
		}
		for i := 0; i < len(u.pcm); i += audio.FrameSize {
			start := time.Now()
			if err := s.Write(u.pcm[i:min(i+audio.FrameSize, len(u.pcm))]); err != nil {
				b.Fatal(err)
			}
			d := time.Since(start)
			total += d
			longest = max(longest, d)
			writes++
		}
		b.StopTimer()
		if _, err := s.Finish(); err != nil {
			b.Fatal(err)
		}
		b.StartTimer()
	}
	b.ReportMetric(float64(total.Microseconds())/float64(writes), "us/frame")
	b.ReportMetric(float64(longest.Microseconds())/1000, "ms-max")
	b.ReportMetric(total.Seconds()/float64(b.N)/u.duration().Seconds(), "rtf")
}

// BenchmarkFinish measures how soon the transcript is ready once the
// answer is over: the whole recording, and 300 ms of quiet after it (the
// turn-taking pause), are written untimed; only Finish is timed.
func BenchmarkFinish(b *testing.B) {
	for _, id := range []string{"LJ001-0002", "jfk", "2412-153948-0000"} {
		b.Run(id, func(b *testing.B) {
			u := recording(b, id)
			pcm := slices.Concat(u.pcm, faintNoise(3*SampleRate/10, 20))
			r := newRecognizer(b, Config{})
			var total time.Duration
			for b.Loop() {
				b.StopTimer()
				s, err := r.Start(context.Background())
				if err != nil {
					b.Fatal(err)
				}
				for i := 0; i < len(pcm); i += audio.FrameSize {
					if err := s.Write(pcm[i:min(i+audio.FrameSize, len(pcm))]); err != nil {
						b.Fatal(err)
					}
				}
				b.StartTimer()
				start := time.Now()
				_, err = s.Finish()
				total += time.Since(start)
				if err != nil {
					b.Fatal(err)
				}
			}
			b.ReportMetric(float64(total.Microseconds())/1000/float64(b.N), "ms-finish")
			b.ReportMetric(u.duration().Seconds(), "s-audio")
		})
	}
}

// BenchmarkOptions decodes the development set (batch) with other search
// options over the tuned ones and reports WER and real-time factor. Each
// iteration takes some 30 s; one is enough (-benchtime 1x).
func BenchmarkOptions(b *testing.B) {
	utts := loadCorpus(b)
	var audioTime time.Duration
	for _, u := range utts {
		audioTime += u.duration()
	}
	for _, set := range []string{
		"tuned",
		"-bestpathlw 9.5", // the library's default
		"-maxwpf -1",      // the library's default: no limit
		"-bestpath no",
		"-fwdflat yes",
		"-lw 7.5",
		"-beam 1e-60 -wbeam 1e-40", // wider than the defaults 1e-48, 7e-29
		"-beam 1e-40 -wbeam 1e-25", // narrower
		"-maxhmmpf 10000",          // default 30000
		"-pl_window 0",             // default 5
		"-ds 2",
		"-remove_silence no",
	} {
		b.Run(strings.ReplaceAll(set, " ", "="), func(b *testing.B) {
			opts := map[string]string{}
			if f := strings.Fields(set); len(f) > 1 {
				for i := 0; i+1 < len(f); i += 2 {
					opts[f[i]] = f[i+1]
				}
			}
			r := newRecognizer(b, Config{Options: opts})
			ctx := context.Background()
			var tally wer.Tally
			for b.Loop() {
				tally = wer.Tally{}
				for _, u := range utts {
					tr, err := r.Transcribe(ctx, u.pcm)
					if err != nil {
						b.Fatal(err)
					}
					tally.Add(u.ref, tr.Text)
				}
			}
			b.ReportMetric(100*tally.Rate(), "wer-%")
			b.ReportMetric(b.Elapsed().Seconds()/float64(b.N)/audioTime.Seconds(), "rtf")
		})
	}
}

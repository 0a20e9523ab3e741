package interviewer

import (
	"context"
	"reflect"
	"sync"
	"testing"
	"time"

	"github.com/starloop/starloop"
	"github.com/starloop/starloop/audio"
)

// frames makes n frames, loud (a square wave well over the burst
// transcriber's threshold) or silent.
func frames(n int, loud bool) []audio.Frame {
	out := make([]audio.Frame, n)
	for i := range out {
		out[i] = audio.NewFrame()
		if loud {
			for j := range out[i] {
				out[i][j] = 4000
				if j%2 == 1 {
					out[i][j] = -4000
				}
			}
		}
	}
	return out
}

func TestRecordingSegments(t *testing.T) {
	tr := &burstTranscriber{words: []string{"one", "two", "three"}}
	rec := &recording{n: 1, live: true}
	var wg sync.WaitGroup
	var mu sync.Mutex
	var partials []string
	var last *segment
	open := func() {
		s := rec.openSegment(last)
		last = s
		wg.Add(1)
		go func() {
			defer wg.Done()
			s.run(context.Background(), tr, func(p string) { mu.Lock(); partials = append(partials, p); mu.Unlock() })
		}()
	}
	feed := func(fs []audio.Frame) {
		for _, f := range fs {
			rec.feed(f)
		}
	}
	open()
	feed(frames(10, false)) // 0.0-0.2 s
	feed(frames(10, true))  // 0.2-0.4 s: "one"
	feed(frames(10, false)) // 0.4-0.6 s
	feed(frames(10, true))  // 0.6-0.8 s: "two"
	rec.closeSegment()      // a pause: the first segment ends at 0.8 s
	first, err := collect(rec.segs)
	if err != nil {
		t.Fatal(err)
	}
	want := []starloop.Word{
		{Text: "one", Start: 200 * time.Millisecond, End: 400 * time.Millisecond},
		{Text: "two", Start: 600 * time.Millisecond, End: 800 * time.Millisecond},
	}
	if first.Text != "one two" || !reflect.DeepEqual(first.Words, want) {
		t.Errorf("first segment: %+v, want one, two at 0.2 and 0.6 s", first)
	}
	if got := rec.heard(); got != "one two" {
		t.Errorf("heard %q between segments, want \"one two\"", got)
	}
	// 40 frames of pause; the last 15 (prerollFrames) go with the next
	// segment, which so starts at 0.8 + 0.5 = 1.3 s.
	feed(frames(40, false)) // 0.8-1.6 s
	open()
	feed(frames(25, false)) // 1.6-2.1 s
	feed(frames(5, true))   // 2.1-2.2 s: "three"
	feed(frames(5, false))
	rec.closeSegment()
	all, err := collect(rec.segs)
	if err != nil {
		t.Fatal(err)
	}
	want = append(want, starloop.Word{Text: "three", Start: 2100 * time.Millisecond, End: 2200 * time.Millisecond})
	if all.Text != "one two three" || !reflect.DeepEqual(all.Words, want) {
		t.Errorf("whole answer: %+v\nwant words %+v", all, want)
	}
	if off := rec.segs[1].offset; off != 1300*time.Millisecond {
		t.Errorf("second segment starts at %v, want 1.3s", off)
	}
	wg.Wait()
	// A partial every 25 frames of a segment: the first segment's 25th
	// frame (0.5 s) is after "one"; the second's 25th (1.3+0.5 = 1.8 s) in
	// the pause, and its 50th (2.3 s) after "three".
	mu.Lock()
	defer mu.Unlock()
	if want := []string{"one", "", "three"}; !reflect.DeepEqual(partials, want) {
		t.Errorf("partials %q, want %q", partials, want)
	}
	if tr.maxOpen != 1 {
		t.Errorf("%d streams open at once, want 1", tr.maxOpen)
	}
}

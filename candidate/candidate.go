// Package candidate is the synthetic candidate of starloop demo (and of
// benchmarks): it hears the interview through the View (each time the
// interviewer starts listening), answers with a flite voice into a
// microphone (a virtual one: see audio/virtual), and keeps its clips so
// that both sides of the conversation can be mixed into one recording.
package candidate

import (
	"context"
	"sync"
	"time"

	"github.com/starloop/starloop/audio"
	"github.com/starloop/starloop/interviewer"
)

// Candidate is a synthetic candidate: a View that, each time the
// interviewer starts listening, speaks an answer into the microphone,
// chosen by what was asked. Set View to the view it wraps before the
// session starts, and call Wait after it.
type Candidate struct {
	interviewer.View
	ctx   context.Context
	mic   Mic
	voice interviewer.Voice
	start time.Time

	answered int // the last answer number spoken for
	mu       sync.Mutex
	wg       sync.WaitGroup
	clips    []timedClip
}

type timedClip struct {
	at  time.Duration // since the speaker recording began
	pcm []int16
}

// Mic is where the candidate speaks, as *virtual.Server's Speak does.
type Mic interface {
	Speak(ctx context.Context, pcm []int16) error
}

// New is a candidate that speaks with voice into mic until ctx is done;
// its clips are timed from now, when the recording of the speaker began.
func New(ctx context.Context, mic Mic, voice interviewer.Voice) *Candidate {
	return &Candidate{ctx: ctx, mic: mic, voice: voice, start: time.Now()}
}

// Status implements interviewer.View: on a new answer it starts speaking.
func (d *Candidate) Status(s interviewer.Status) {
	d.View.Status(s)
	if s.State != interviewer.Listening || s.Answer == d.answered {
		return
	}
	d.answered = s.Answer
	text := Answer(s.Question)
	d.wg.Add(1)
	go func() {
		defer d.wg.Done()
		pcm, err := d.voice.Synthesize(d.ctx, text)
		if err != nil {
			return
		}
		// A short thinking pause, as a person takes.
		select {
		case <-time.After(800 * time.Millisecond):
		case <-d.ctx.Done():
			return
		}
		d.mu.Lock()
		d.clips = append(d.clips, timedClip{at: time.Since(d.start), pcm: pcm})
		d.mu.Unlock()
		d.mic.Speak(d.ctx, pcm)
	}()
}

// Wait waits until every answer begun has been spoken.
func (d *Candidate) Wait() { d.wg.Wait() }

// Mix lays the candidate's clips over the speaker's recording, which
// began when New was called: both sides of the conversation.
func (d *Candidate) Mix(said []int16) []int16 {
	d.mu.Lock()
	defer d.mu.Unlock()
	out := append([]int16(nil), said...)
	for _, c := range d.clips {
		at := int(c.at.Seconds() * audio.SampleRate)
		if need := at + len(c.pcm); need > len(out) {
			out = append(out, make([]int16, need-len(out))...)
		}
		for i, s := range c.pcm {
			v := int32(out[at+i]) + int32(s)
			out[at+i] = int16(max(-32768, min(32767, v)))
		}
	}
	return out
}

// Answer is what the synthetic candidate says to q: a main story
// without numbers (so the rubric asks for a measure), and follow-up answers
// that fill the gap the interviewer asked about.
func Answer(q interviewer.Question) string {
	if !q.FollowUp {
		return stories[len(q.Text)%len(stories)]
	}
	switch q.Reason {
	case "no_measure", "missing_result":
		return "In the end it worked. Failed deploys dropped from thirty percent to five percent, and we went from releasing every two weeks to releasing every day."
	case "mostly_we", "missing_action":
		return "I personally wrote the new test harness, and I reviewed every change to the pipeline myself for two months."
	case "missing_situation", "missing_task":
		return "It was at a payments company, and I owned the release pipeline. My goal was to make releases boring again."
	}
	return "I would start with the data sooner. I learned to measure the problem first, and then I would ask the other teams for help earlier."
}

var stories = []string{
	"At my last job our deploys kept failing and releases slipped. " +
		"I was responsible for the release pipeline, although nobody had asked me to fix it. " +
		"I dug into the logs, found that flaky tests caused most of the failures, and I rewrote them. " +
		"In the end the deploys became reliable and the team trusted the pipeline again.",
	"In my previous team the on call rotation was burning people out. " +
		"My goal was to cut the pages that nobody needed to act on. " +
		"I went through every alert from the last quarter, deleted the noisy ones, and I wrote runbooks for the rest. " +
		"As a result the team slept better and fewer people left.",
}

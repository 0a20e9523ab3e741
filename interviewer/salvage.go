package interviewer

import (
	"context"
	"fmt"
	"path/filepath"
	"strings"
	"time"

	"github.com/starloop/starloop"
	"github.com/starloop/starloop/audio"
	"github.com/starloop/starloop/session"
)

// Salvage finishes the takes a crash cut off in the session r that
// session.Recover repaired in dir: each recording Recover found unsaved
// (r.Orphans) is transcribed with transcribe and judged by j, as it would
// have been at the end of the turn (a follow-up with its thread), and its
// record amended with the transcript and the report, marked Recovered and
// ended by session.EndCrash: a partial answer. It returns the answers
// salvaged; a take that cannot be read, transcribed or judged is left as
// Recover kept it, and the first such failure is returned after the rest
// are done.
func Salvage(ctx context.Context, dir string, r session.Recovered, transcribe func(context.Context, []int16) (starloop.Transcript, error), j Judge) ([]int, error) {
	if len(r.Orphans) == 0 {
		return nil, nil
	}
	_, answers, err := session.Load(dir, r.ID)
	if err != nil {
		return nil, err
	}
	var done []int
	var errs []error
	for _, name := range r.Orphans {
		i := -1
		for k, a := range answers {
			if a.Audio == name || session.AudioName(a.N) == name {
				i = k
			}
		}
		if i < 0 || answers[i].Transcript.Text != "" || len(answers[i].Report) > 0 {
			continue // saved after all
		}
		a, err := salvage(ctx, filepath.Join(dir, r.ID, name), answers[:i], answers[i], transcribe, j)
		if err != nil {
			errs = append(errs, fmt.Errorf("salvage %s of session %s: %w", name, r.ID, err))
			continue
		}
		if err := session.Amend(dir, r.ID, a); err != nil {
			errs = append(errs, err)
			continue
		}
		answers[i] = a
		done = append(done, a.N)
	}
	if len(errs) > 0 {
		return done, starloop.E("", starloop.Other, errs[0])
	}
	return done, nil
}

// salvage transcribes and judges the take at path of answer a, the
// answers before it in the session being earlier.
func salvage(ctx context.Context, path string, earlier []session.Answer, a session.Answer, transcribe func(context.Context, []int16) (starloop.Transcript, error), j Judge) (session.Answer, error) {
	pcm, err := audio.ReadWAVFile(path)
	if err != nil {
		return a, err
	}
	t, err := transcribe(ctx, pcm)
	if err != nil {
		return a, err
	}
	a.Transcript, a.Recovered = t, true
	a.Timings.EndReason = session.EndCrash
	a.Timings.End = time.Duration(len(pcm)) * time.Second / audio.SampleRate
	if strings.TrimSpace(t.Text) == "" {
		return a, nil // nothing heard: nothing to judge
	}
	in := Answer{Question: Question{LP: a.LP, Text: a.Question, FollowUp: a.FollowUp, Reason: a.Reason}, Transcript: t}
	if a.FollowUp {
		in.Thread = thread(earlier)
	}
	v, err := j.Judge(ctx, in)
	if err != nil {
		return a, err
	}
	a.Report = v.Report
	return a, nil
}

// thread is the main answer and follow-ups that end earlier, the turns a
// follow-up after them continues.
func thread(earlier []session.Answer) []Turn {
	start := len(earlier)
	for start > 0 {
		start--
		if !earlier[start].FollowUp {
			break
		}
	}
	var out []Turn
	for _, a := range earlier[start:] {
		out = append(out, Turn{Question: Question{LP: a.LP, Text: a.Question, FollowUp: a.FollowUp, Reason: a.Reason}, Transcript: a.Transcript})
	}
	return out
}

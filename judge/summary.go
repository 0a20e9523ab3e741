package judge

import (
	"fmt"
	"strings"
	"time"

	"github.com/starloop/starloop"
	"github.com/starloop/starloop/session"
)

// Summary is a session in a few lines, for the end of practice and of a
// loop day: how many answers and words, and, per story (a main answer with
// its follow-ups, judged as the interviewer heard it), the STAR parts
// covered, the measurable results, I against we, and the longest answer.
// It reads the judgements saved with the answers, as every other view
// does. An answer without an LP (the loop's introduction) is no story.
func Summary(answers []session.Answer) string {
	var (
		mains, follows, words, i, we int
		longest                      session.Answer
		longestLen                   time.Duration
		stories                      []*Judged // the last judgement of each story
		parts                        [4]int
		measured, inclined           int
	)
	for _, a := range answers {
		n := len(strings.Fields(a.Transcript.Text))
		words += n
		if d := a.Transcript.Duration(); d > longestLen || longest.N == 0 {
			longest, longestLen = a, d
		}
		if a.FollowUp {
			follows++
		} else {
			mains++
		}
		j := Decode(a.Report)
		if j != nil && j.Report != nil {
			i += j.Report.Ownership.I
			we += j.Report.Ownership.We
		}
		switch {
		case a.LP == "" || j != nil && j.Kind != "": // the introduction, no story
		case !a.FollowUp || len(stories) == 0:
			stories = append(stories, j)
		default:
			stories[len(stories)-1] = j // the follow-up is judged with its thread
		}
	}
	for _, j := range stories {
		r := j.Thread()
		if r == nil {
			continue
		}
		for k, p := range []bool{r.STAR.Situation.Present, r.STAR.Task.Present, r.STAR.Action.Present, r.STAR.Result.Present} {
			if p {
				parts[k]++
			}
		}
		if r.MeasurableResult {
			measured++
		}
		if j.Verdict().Inclined() {
			inclined++
		}
	}
	var b strings.Builder
	fmt.Fprintf(&b, "Session over: %d %s (%d %s, %d %s), %d %s.\n",
		len(answers), starloop.Plural(len(answers), "answer", "answers"), mains, starloop.Plural(mains, "main question", "main questions"),
		follows, starloop.Plural(follows, "follow-up", "follow-ups"), words, starloop.Plural(words, "word", "words"))
	if len(answers) == 0 {
		return b.String()
	}
	if s := len(stories); s > 0 {
		fmt.Fprintf(&b, "  STAR      in %d %s: Situation %d, Task %d, Action %d, Result %d\n", s, starloop.Plural(s, "story", "stories"), parts[0], parts[1], parts[2], parts[3])
		fmt.Fprintf(&b, "  Measures  %d of %d with a measurable result\n", measured, s)
		fmt.Fprintf(&b, "  Verdict   %d of %d strong or clear (an interviewer inclined)\n", inclined, s)
	}
	fmt.Fprintf(&b, "  I / we    %d / %d\n", i, we)
	n := len(strings.Fields(longest.Transcript.Text))
	fmt.Fprintf(&b, "  Longest   answer %d, %s, %d %s\n", longest.N, clock(longestLen), n, starloop.Plural(n, "word", "words"))
	return b.String()
}

func clock(d time.Duration) string {
	s := int(d.Round(time.Second) / time.Second)
	return fmt.Sprintf("%d:%02d", s/60, s%60)
}

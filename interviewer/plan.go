package interviewer

import (
	"math/rand/v2"
	"slices"
	"strings"

	"github.com/starloop/starloop"
)

// Question is one question the interviewer asks.
type Question struct {
	LP   string `json:"lp"` // the Leadership Principle's ID, e.g. "dive-deep"
	Text string `json:"text"`
	// FollowUp is true for a follow-up, asked in the thread of the main
	// question before it; Reason then says why the rubric asked it.
	FollowUp bool   `json:"follow_up,omitempty"`
	Reason   string `json:"reason,omitempty"`
}

// Pool is the opening questions of one LP, as the prompt bank holds them.
type Pool struct {
	LP        string
	Questions []string
}

// NewPlan picks n main questions from pools, for a session on those LPs.
//
// The questions are spread evenly: each LP gets n/len(pools) questions or
// one more, and the LPs take turns, in an order drawn from seed, until n
// are picked. An LP whose questions run out drops out and the others fill
// in. Within an LP the questions are drawn at random from seed, and no
// question is asked twice. The same pools, n and seed give the same plan.
//
// Empty pools, an LP listed twice, n < 1, or more questions than the pools
// hold are errors of kind Invalid.
func NewPlan(pools []Pool, n int, seed uint64) ([]Question, error) {
	const op = "plan session"
	if len(pools) == 0 {
		return nil, starloop.Errorf(starloop.Invalid, "%s: no Leadership Principles chosen", op)
	}
	if n < 1 {
		return nil, starloop.Errorf(starloop.Invalid, "%s: %d questions; ask at least 1", op, n)
	}
	rng := rand.New(rand.NewPCG(seed, 0x5eed))
	queues := make([][]string, 0, len(pools))
	lps := make([]string, 0, len(pools))
	total := 0
	for _, p := range pools {
		if slices.Contains(lps, p.LP) {
			return nil, starloop.Errorf(starloop.Invalid, "%s: LP %q is listed twice", op, p.LP)
		}
		var q []string
		for _, text := range p.Questions {
			if text = strings.TrimSpace(text); text != "" && !slices.Contains(q, text) {
				q = append(q, text)
			}
		}
		if len(q) == 0 {
			return nil, starloop.Errorf(starloop.Invalid, "%s: LP %q has no questions", op, p.LP)
		}
		rng.Shuffle(len(q), func(i, j int) { q[i], q[j] = q[j], q[i] })
		queues = append(queues, q)
		lps = append(lps, p.LP)
		total += len(q)
	}
	if n > total {
		return nil, starloop.Errorf(starloop.Invalid, "%s: %d questions asked for, but these LPs have %d", op, n, total)
	}
	order := rng.Perm(len(pools))
	plan := make([]Question, 0, n)
	for len(plan) < n {
		for _, i := range order {
			if len(plan) == n {
				break
			}
			if len(queues[i]) == 0 {
				continue
			}
			plan = append(plan, Question{LP: lps[i], Text: queues[i][0]})
			queues[i] = queues[i][1:]
		}
	}
	return plan, nil
}

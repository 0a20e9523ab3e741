package stories

import (
	"slices"
	"sort"

	"github.com/starloop/starloop/prompts"
)

// Target is how many stories each LP should have: the usual advice is two,
// so that a second question on one LP need not repeat a story.
const Target = 2

// Row is one LP's line of the coverage grid.
type Row struct {
	LP prompts.LP
	// Stories are the indexes, in Coverage.Stories, of the stories that
	// serve this LP.
	Stories []int
}

// Missing is how many stories the LP lacks to reach Target.
func (r Row) Missing() int { return max(0, Target-len(r.Stories)) }

// Coverage is the grid of LPs by stories.
type Coverage struct {
	Stories []Story
	Rows    []Row // one per LP, in the LPs' fixed order
}

// Cover builds the grid for lps (all of them, in order) and stories.
// Stories' LP ids not among lps are ignored.
func Cover(lps []prompts.LP, stories []Story) Coverage {
	c := Coverage{Stories: stories, Rows: make([]Row, len(lps))}
	for i, lp := range lps {
		c.Rows[i].LP = lp
		for j, s := range stories {
			if slices.Contains(s.LPs, lp.ID) {
				c.Rows[i].Stories = append(c.Rows[i].Stories, j)
			}
		}
	}
	return c
}

// Gaps are the rows whose LP has fewer than Target stories, fewest first,
// ties in the LPs' order.
func (c Coverage) Gaps() []Row {
	var out []Row
	for _, r := range c.Rows {
		if r.Missing() > 0 {
			out = append(out, r)
		}
	}
	sort.SliceStable(out, func(i, j int) bool { return len(out[i].Stories) < len(out[j].Stories) })
	return out
}

// Need is one LP's claim on the next practice question.
type Need struct {
	ID string
	// Stories is the number of stories serving the LP; Practiced the number
	// of questions on it answered before.
	Stories, Practiced int
}

// ByNeed orders the LPs of c for practice, most needed first: first by how
// many stories they lack (an LP with none before one with one, and both
// before LPs at Target: having something to say comes first), then by how
// little they have been practised, then in the LPs' fixed order. practiced
// maps LP ids to the number of answers given on them; missing ids count 0.
func ByNeed(c Coverage, practiced map[string]int) []Need {
	out := make([]Need, len(c.Rows))
	for i, r := range c.Rows {
		out[i] = Need{ID: r.LP.ID, Stories: len(r.Stories), Practiced: practiced[r.LP.ID]}
	}
	sort.SliceStable(out, func(i, j int) bool {
		mi, mj := max(0, Target-out[i].Stories), max(0, Target-out[j].Stories)
		if mi != mj {
			return mi > mj
		}
		return out[i].Practiced < out[j].Practiced
	})
	return out
}

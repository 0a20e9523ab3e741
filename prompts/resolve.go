package prompts

import (
	"math/rand/v2"
	"strings"
)

// Resolve turns names as a person gives them (ids, names or unique parts
// of one, each value possibly a comma-separated list) into LP ids, in
// order and without repeats. An unknown or ambiguous name is an error of
// kind Invalid (see Lookup); no names give no ids.
func (b *Bank) Resolve(names []string) ([]string, error) {
	var ids []string
	seen := map[string]bool{}
	for _, n := range names {
		for _, part := range strings.Split(n, ",") {
			part = strings.TrimSpace(part)
			if part == "" {
				continue
			}
			lp, err := b.Lookup(part)
			if err != nil {
				return nil, err
			}
			if !seen[lp.ID] {
				seen[lp.ID] = true
				ids = append(ids, lp.ID)
			}
		}
	}
	return ids, nil
}

// Select is the LPs that names give (see Resolve), in that order; all of
// them, in the bank's order, when names give none.
func (b *Bank) Select(names []string) ([]LP, error) {
	ids, err := b.Resolve(names)
	if err != nil || len(ids) == 0 {
		return b.LPs(), err
	}
	lps := make([]LP, len(ids))
	for i, id := range ids {
		lps[i], _ = b.LP(id)
	}
	return lps, nil
}

// Draw picks n different LP ids (at most all of them) at random from seed:
// the same seed, the same LPs.
func (b *Bank) Draw(n int, seed uint64) []string {
	rng := rand.New(rand.NewPCG(seed, seed^0x5eed))
	perm := rng.Perm(len(b.lps))
	ids := make([]string, 0, n)
	for _, i := range perm[:min(n, len(perm))] {
		ids = append(ids, b.lps[i].ID)
	}
	return ids
}

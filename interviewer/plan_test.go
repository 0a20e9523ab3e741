package interviewer

import (
	"fmt"
	"reflect"
	"slices"
	"testing"

	"github.com/starloop/starloop"
)

func pool(lp string, n int) Pool {
	p := Pool{LP: lp}
	for i := range n {
		p.Questions = append(p.Questions, fmt.Sprintf("%s question %d?", lp, i+1))
	}
	return p
}

func TestNewPlan(t *testing.T) {
	tests := []struct {
		name  string
		pools []Pool
		n     int
		// counts is how many questions each LP gets, worked out by hand:
		// n spread evenly, an LP that runs out leaving the rest to others.
		counts map[string][]int // LP -> the counts allowed
	}{
		{"7 over 3 LPs: 3, 2, 2 in some order", []Pool{pool("a", 5), pool("b", 5), pool("c", 5)}, 7,
			map[string][]int{"a": {2, 3}, "b": {2, 3}, "c": {2, 3}}},
		{"6 over 3 LPs: 2 each", []Pool{pool("a", 5), pool("b", 5), pool("c", 5)}, 6,
			map[string][]int{"a": {2}, "b": {2}, "c": {2}}},
		{"a short LP drops out", []Pool{pool("a", 1), pool("b", 5)}, 4,
			map[string][]int{"a": {1}, "b": {3}}},
		{"every question", []Pool{pool("a", 2), pool("b", 3)}, 5,
			map[string][]int{"a": {2}, "b": {3}}},
		{"one LP", []Pool{pool("a", 4)}, 4, map[string][]int{"a": {4}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			for seed := uint64(0); seed < 20; seed++ {
				plan, err := NewPlan(tt.pools, tt.n, seed)
				if err != nil {
					t.Fatal(err)
				}
				if len(plan) != tt.n {
					t.Fatalf("seed %d: %d questions, want %d", seed, len(plan), tt.n)
				}
				got := map[string]int{}
				seen := map[string]bool{}
				for _, q := range plan {
					got[q.LP]++
					if seen[q.Text] {
						t.Errorf("seed %d: %q asked twice", seed, q.Text)
					}
					seen[q.Text] = true
					i := slices.IndexFunc(tt.pools, func(p Pool) bool { return p.LP == q.LP })
					if i < 0 || !slices.Contains(tt.pools[i].Questions, q.Text) {
						t.Errorf("seed %d: %q is not a question of LP %q", seed, q.Text, q.LP)
					}
					if q.FollowUp {
						t.Errorf("seed %d: main question marked follow-up", seed)
					}
				}
				for lp, allowed := range tt.counts {
					if !slices.Contains(allowed, got[lp]) {
						t.Errorf("seed %d: LP %s has %d questions, want one of %v", seed, lp, got[lp], allowed)
					}
				}
			}
		})
	}
}

func TestNewPlanTakesTurns(t *testing.T) {
	// With questions to spare, no LP is asked twice in a row.
	plan, err := NewPlan([]Pool{pool("a", 9), pool("b", 9), pool("c", 9)}, 9, 7)
	if err != nil {
		t.Fatal(err)
	}
	for i := 1; i < len(plan); i++ {
		if plan[i].LP == plan[i-1].LP {
			t.Errorf("questions %d and %d are both on %s", i, i+1, plan[i].LP)
		}
	}
}

func TestNewPlanSeed(t *testing.T) {
	pools := []Pool{pool("a", 6), pool("b", 6)}
	first, err := NewPlan(pools, 4, 42)
	if err != nil {
		t.Fatal(err)
	}
	again, _ := NewPlan(pools, 4, 42)
	if !reflect.DeepEqual(first, again) {
		t.Errorf("seed 42 gave %v, then %v", first, again)
	}
	// 6*5*6*5 = 900 orders of two questions from each pool, times 2 LP
	// orders: 20 seeds giving one plan would mean the seed is ignored.
	distinct := map[string]bool{}
	for seed := range uint64(20) {
		p, _ := NewPlan(pools, 4, seed)
		distinct[fmt.Sprint(p)] = true
	}
	if len(distinct) < 2 {
		t.Errorf("20 seeds gave %d distinct plans", len(distinct))
	}
	// The caller's slices are not reordered.
	if pools[0].Questions[0] != "a question 1?" || pools[1].Questions[5] != "b question 6?" {
		t.Errorf("NewPlan changed its input: %v", pools)
	}
}

func TestNewPlanRejects(t *testing.T) {
	tests := []struct {
		name  string
		pools []Pool
		n     int
	}{
		{"no LPs", nil, 1},
		{"no questions wanted", []Pool{pool("a", 2)}, 0},
		{"more than there are", []Pool{pool("a", 2), pool("b", 1)}, 4},
		{"an LP twice", []Pool{pool("a", 2), pool("a", 2)}, 1},
		{"an LP with no questions", []Pool{pool("a", 2), {LP: "b", Questions: []string{" "}}}, 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := NewPlan(tt.pools, tt.n, 1)
			if !starloop.IsKind(err, starloop.Invalid) {
				t.Errorf("err %v, want kind Invalid", err)
			}
		})
	}
}

package rubric

import "testing"

func TestMetricsIn(t *testing.T) {
	tests := []struct {
		in     string
		text   string
		value  float64
		unit   string
		kind   string
		change float64 // percent change for a from->to pair; 0 when none
	}{
		{"we cut costs by thirty five percent", "thirty five percent", 35, "%", KindPercent, 0},
		{"accuracy rose to 99.5%", "99.5%", 99.5, "%", KindPercent, 0},
		{"it grew 12 per cent", "12 per cent", 12, "%", KindPercent, 0},
		{"that saved two million dollars", "two million dollars", 2e6, "USD", KindMoney, 0},
		{"we saved $2M a year", "$2M", 2e6, "USD", KindMoney, 0},
		{"about 1.2 million in revenue", "1.2 million", 1.2e6, "money", KindMoney, 0},
		{"a forty k budget", "forty k", 40000, "money", KindMoney, 0},
		{"it saved 300 pounds", "300 pounds", 300, "GBP", KindMoney, 0},
		{"pages load three times faster", "three times", 3, "x", KindMultiplier, 0},
		{"throughput went up 3x", "3x", 3, "x", KindMultiplier, 0},
		{"sign-ups doubled", "doubled", 2, "x", KindMultiplier, 0},
		{"we cut it in half", "cut it in half", 0.5, "x", KindMultiplier, 0},
		{"it is twice as fast", "twice as", 2, "x", KindMultiplier, 0},
		{"errors fell by a third", "a third", 33.33, "%", KindPercent, 0},
		{"from four hours to twenty minutes", "from four hours to twenty minutes", 20, "min", KindDuration, -91.67},
		{"from 30 percent to 5 percent", "from 30 percent to 5 percent", 5, "%", KindPercent, -83.33},
		{"went from 40 to 80 tickets a day", "from 40 to 80 tickets", 80, "tickets", KindCount, 100},
		{"down from 2 seconds to 500 ms", "from 2 seconds to 500 ms", 500, "ms", KindDuration, -75},
		{"from about 10 to 15 days", "from about 10 to 15 days", 15, "d", KindDuration, 50},
		{"we finished in one day", "one day", 1, "d", KindDuration, 0},
		{"latency is 200ms now", "200ms", 200, "ms", KindDuration, 0},
		{"a hundred and twenty customers", "a hundred and twenty customers", 120, "customers", KindCount, 0},
		{"we onboarded 12 new enterprise customers", "12 new enterprise customers", 12, "customers", KindCount, 0},
		{"we ranked first in the region", "ranked first", 1, "rank", KindRank, 0},
		{"we were ranked #1", "ranked #1", 1, "rank", KindRank, 0},
		{"the app reached the top three", "top three", 3, "rank", KindRank, 0},
		{"top 5 percent of sellers", "top 5 percent", 5, "%", KindRank, 0},
		{"the error count dropped to 5", "5", 5, "", KindCount, 0},
		{"p99 latency fell to 80 milliseconds", "80 milliseconds", 80, "ms", KindDuration, 0},
		{"we took first place", "first place", 1, "rank", KindRank, 0},
		{"outages fell to roughly one a month", "one a month", 1, "per month", KindCount, 0},
		{"now we see one incident a week", "one incident a week", 1, "per week", KindCount, 0},
		{"now maybe one in ten calls escalates", "one in ten", 10, "%", KindPercent, 0},
		{"three in four customers renewed", "three in four", 75, "%", KindPercent, 0},
		{"it took about half as long", "half as long", 0.5, "x", KindMultiplier, 0},
		{"the backlog was roughly a third smaller", "a third", 33.33, "%", KindPercent, 0},
		{"we cut the monthly forecast error roughly in half", "cut the monthly forecast error roughly in half", 0.5, "x", KindMultiplier, 0},
		{"they moved about two million into TV", "two million", 2e6, "", KindCount, 0},
		{"now the job fails about twice a month", "twice a month", 2, "per month", KindCount, 0},
		{"we meet once a week", "once a week", 1, "per week", KindCount, 0},
		{"the part was replaced the same day", "the same day", 1, "d", KindDuration, 0},
		{"it shipped within the week", "within the week", 1, "wk", KindDuration, 0},
		{"in the end we only lost one pallet", "one pallet", 1, "pallet", KindCount, 0},
		{"then we opened three more the next year", "three more", 3, "", KindCount, 0},
		// 1/(30 d) against 1/(7 d): 7/30 - 1 = -76.67%.
		{"pages went from one a week to one a month", "from one a week to one a month", 1, "per month", KindCount, -76.67},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			toks := tokenize(tt.in)
			ms := metricsIn(toks, tt.in)
			if len(ms) != 1 {
				t.Fatalf("got %d metrics %+v, want 1", len(ms), ms)
			}
			m := ms[0]
			if m.Text != tt.text || m.Value != tt.value || m.Unit != tt.unit || m.Kind != tt.kind {
				t.Errorf("got %q %v %q %s, want %q %v %q %s", m.Text, m.Value, m.Unit, m.Kind, tt.text, tt.value, tt.unit, tt.kind)
			}
			switch {
			case tt.change == 0 && m.ChangePct != nil:
				t.Errorf("change = %v, want none", *m.ChangePct)
			case tt.change != 0 && (m.ChangePct == nil || *m.ChangePct != tt.change):
				t.Errorf("change = %v, want %v", m.ChangePct, tt.change)
			}
		})
	}
}

// TestMetricsInNotMeasures lists numbers that are not measures.
func TestMetricsInNotMeasures(t *testing.T) {
	for _, in := range []string{
		"in twenty nineteen I joined",
		"back in 2019 we had an outage",
		"there were two of us",
		"one day my manager called",
		"first I talked to the team",
		"we moved to version 2",
		"the standup was at 9 am",
		"two years ago I worked at a bank",
		"one of our customers left",
		"I met one customer",
		"p99 mattered most",
		"the second problem was worse",
		"half the team was out",
		"one incident a year ago changed how we work",
		"I met a customer every week",
		"she asked for a second opinion",
		"half as a joke, I said yes",
		"one in the morning, one at night",
		"I asked twice",
		"once the fix was in, I told them",
		"half the night went on it",
		"in the week before launch we argued",
		"by the end I was tired",
		"by the end of the year it was done",
		"by the end of the second month it was signed",
		"one more thing I did was call them",
		"one customer complained",
	} {
		if ms := metricsIn(tokenize(in), in); len(ms) != 0 {
			t.Errorf("%q: got %+v, want no measures", in, ms)
		}
	}
}

package stories

import (
	"os"
	"slices"
	"strings"
	"testing"

	"github.com/starloop/starloop"
	"github.com/starloop/starloop/prompts"
)

func loadBank(t testing.TB) *prompts.Bank {
	t.Helper()
	b, err := prompts.Load()
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func parseFile(t *testing.T, path string) *File {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return Parse("stories.yaml", data, loadBank(t))
}

func TestParseExample(t *testing.T) {
	f := parseFile(t, "testdata/example.yaml")
	if err := f.Err(); err != nil {
		t.Fatalf("example has errors: %v\n%v", err, f.Problems)
	}
	want := []struct {
		id, title string
		lps       []string
		action    int // bullets
		line      int
	}{
		{"billing-migration", "Billing migration", []string{"ownership", "deliver-results"}, 3, 4},
		{"checkout-certificate-outage", "Checkout certificate outage", []string{"dive-deep", "insist-on-the-highest-standards"}, 3, 20},
		{"priya", "Coaching Priya to engineer II", []string{"hire-and-develop-the-best", "earths-best-employer"}, 2, 31},
		{"recommendations-launch-date", "Recommendations launch date", []string{"have-backbone", "are-right-a-lot"}, 2, 43},
	}
	if len(f.Stories) != len(want) {
		t.Fatalf("%d stories, want %d", len(f.Stories), len(want))
	}
	for i, w := range want {
		s := f.Stories[i]
		if s.ID != w.id || s.Title != w.title || !slices.Equal(s.LPs, w.lps) || len(s.Action) != w.action || s.Line != w.line {
			t.Errorf("story %d = %s %q %q, %d actions, line %d; want %s %q %q, %d, line %d",
				i, s.ID, s.Title, s.LPs, len(s.Action), s.Line, w.id, w.title, w.lps, w.action, w.line)
		}
	}
	// Four stories serve eight distinct LPs; the other eight are warned about.
	var unserved int
	for _, p := range f.Problems {
		if p.Severity == Warning && strings.Contains(p.Msg, "no story serves") {
			unserved++
		}
	}
	if unserved != 8 {
		t.Errorf("%d LPs reported unserved, want 8: %v", unserved, f.Problems)
	}
	if got := f.Stories[1].Situation; !slices.Equal(got, []string{"Black Friday; checkout failing for a third of customers."}) {
		t.Errorf("a single-line situation reads as %q", got)
	}
}

func TestParseBad(t *testing.T) {
	f := parseFile(t, "testdata/bad.yaml")
	var got []string
	unserved := 0
	for _, p := range f.Problems {
		if p.Line == 0 && strings.Contains(p.Msg, "no story serves") {
			unserved++
			continue
		}
		got = append(got, p.String())
	}
	want := []string{
		`stories.yaml:2: story "Billing migration" has no situation`,
		`stories.yaml:3: unknown LP "backbnoe" (did you mean have-backbone?)`,
		`stories.yaml:4: unknown field "situaton" (did you mean situation?)`,
		`stories.yaml:10: warning: story "billing migration" has no numbers; interviewers listen for a measurable result`,
		`stories.yaml:10: duplicate title "billing migration" (first used on line 2)`,
		`stories.yaml:11: lps is empty`,
		`stories.yaml:13: task is empty`,
		`stories.yaml:15: result is empty`,
		`stories.yaml:17: story "Frugal logs" has no result`,
		`stories.yaml:17: warning: story "Frugal logs" has no numbers; interviewers listen for a measurable result`,
		`stories.yaml:18: LP "best" is ambiguous; could be hire-and-develop-the-best, earths-best-employer`,
	}
	if !slices.Equal(got, want) {
		t.Errorf("problems:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	// Only ownership is served: backbnoe and best resolve to nothing.
	if unserved != 15 {
		t.Errorf("%d LPs reported unserved, want 15", unserved)
	}
	err := f.Err()
	if !starloop.IsKind(err, starloop.Invalid) {
		t.Fatalf("Err() = %v, want an Invalid error", err)
	}
	if msg := err.Error(); !strings.Contains(msg, "stories.yaml:2:") || !strings.Contains(msg, "and 8 more") {
		t.Errorf("Err() = %q, want the first error and a count of the 8 others", msg)
	}
}

func TestParseShapes(t *testing.T) {
	tests := []struct {
		name, yaml string
		want       string // first problem
	}{
		{"empty", "", "stories.yaml: empty file; see the example in the README"},
		{"not yaml", "stories: [\n", "stories.yaml:1: not valid YAML: did not find expected node content"},
		{"a list at the top", "- title: x\n", `stories.yaml:1: the file must start with "stories:" followed by a list of stories`},
		{"empty list", "stories:\n", `stories.yaml:1: the "stories:" list is empty`},
		{"other key", "storys: []\n", `stories.yaml:1: unknown top-level key "storys"; the file holds only "stories:"`},
		{"story is a string", "stories:\n  - hello\n", "stories.yaml:2: a story must be a set of fields (title:, lps:, situation:, ...)"},
		{"nested action", "stories:\n  - title: x\n    action: [[a]]\n", "stories.yaml:2: story \"x\" names no LPs (add lps: [ownership, ...])"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := Parse("stories.yaml", []byte(tt.yaml), loadBank(t))
			if len(f.Problems) == 0 {
				t.Fatal("no problems reported")
			}
			if got := f.Problems[0].String(); got != tt.want {
				t.Errorf("first problem %q, want %q", got, tt.want)
			}
			if f.Err() == nil {
				t.Error("Err() is nil")
			}
		})
	}
}

func TestSlug(t *testing.T) {
	for in, want := range map[string]string{
		"Billing migration (AWS)": "billing-migration-aws",
		"  Priya's promotion!":    "priyas-promotion",
		"":                        "",
	} {
		if got := Slug(in); got != want {
			t.Errorf("Slug(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestCoverageAndNeed(t *testing.T) {
	f := parseFile(t, "testdata/example.yaml")
	bank := loadBank(t)
	c := Cover(bank.LPs(), f.Stories)
	counts := map[string]int{}
	for _, r := range c.Rows {
		counts[r.LP.ID] = len(r.Stories)
	}
	// By hand from example.yaml: eight LPs with one story each, none with two.
	for _, id := range []string{"ownership", "deliver-results", "dive-deep", "insist-on-the-highest-standards",
		"hire-and-develop-the-best", "earths-best-employer", "have-backbone", "are-right-a-lot"} {
		if counts[id] != 1 {
			t.Errorf("%s has %d stories, want 1", id, counts[id])
		}
	}
	if gaps := c.Gaps(); len(gaps) != 16 || len(gaps[0].Stories) != 0 || gaps[0].LP.ID != "customer-obsession" || gaps[8].LP.ID != "ownership" {
		t.Errorf("gaps: %d, first %s, ninth %s; want 16, customer-obsession with none, ownership", len(gaps), gaps[0].LP.ID, gaps[8].LP.ID)
	}

	// Two more stories: ownership reaches Target.
	more := append(slices.Clone(f.Stories), Story{ID: "x", LPs: []string{"ownership", "frugality"}})
	c = Cover(bank.LPs(), more)
	need := ByNeed(c, map[string]int{"customer-obsession": 3, "frugality": 1, "dive-deep": 2, "ownership": 0})
	var order []string
	for _, n := range need[:3] {
		order = append(order, n.ID)
	}
	// No-story LPs first, the unpractised before customer-obsession (3);
	// invent-and-simplify is the first unpractised LP with no story.
	if order[0] != "invent-and-simplify" {
		t.Errorf("most needed %q, want invent-and-simplify", order[0])
	}
	last := need[len(need)-1]
	if last.ID != "ownership" || last.Stories != 2 {
		t.Errorf("least needed %+v, want ownership with 2 stories", last)
	}
	// Customer obsession, with no story but practised 3 times, comes last of
	// the seven LPs with no story (think-big ... success-and-scale).
	if need[6].ID != "customer-obsession" {
		t.Errorf("7th = %s, want customer-obsession; order %v", need[6].ID, need)
	}
}

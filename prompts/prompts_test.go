package prompts

import (
	"encoding/json"
	"slices"
	"strings"
	"sync"
	"testing"
	"unicode"

	"github.com/starloop/starloop"
	"github.com/starloop/starloop/lexicon"
)

func mustLoad(t testing.TB) *Bank {
	t.Helper()
	b, err := Load()
	if err != nil {
		t.Fatalf("Load: %v", err)
	}
	return b
}

// TestLoadOrderAndIDs checks the 16 LPs against the list in the brief,
// typed out here by hand: other packages and data files rely on these ids.
func TestLoadOrderAndIDs(t *testing.T) {
	want := []struct{ id, name string }{
		{"customer-obsession", "Customer Obsession"},
		{"ownership", "Ownership"},
		{"invent-and-simplify", "Invent and Simplify"},
		{"are-right-a-lot", "Are Right, A Lot"},
		{"learn-and-be-curious", "Learn and Be Curious"},
		{"hire-and-develop-the-best", "Hire and Develop the Best"},
		{"insist-on-the-highest-standards", "Insist on the Highest Standards"},
		{"think-big", "Think Big"},
		{"bias-for-action", "Bias for Action"},
		{"frugality", "Frugality"},
		{"earn-trust", "Earn Trust"},
		{"dive-deep", "Dive Deep"},
		{"have-backbone", "Have Backbone; Disagree and Commit"},
		{"deliver-results", "Deliver Results"},
		{"earths-best-employer", "Strive to be Earth's Best Employer"},
		{"success-and-scale", "Success and Scale Bring Broad Responsibility"},
	}
	b := mustLoad(t)
	lps := b.LPs()
	if len(lps) != len(want) {
		t.Fatalf("LPs() has %d LPs, want %d", len(lps), len(want))
	}
	for i, w := range want {
		if lps[i].ID != w.id || lps[i].Name != w.name {
			t.Errorf("LP %d = %s %q, want %s %q", i+1, lps[i].ID, lps[i].Name, w.id, w.name)
		}
		got, ok := b.LP(w.id)
		if !ok || got.Name != w.name {
			t.Errorf("LP(%q) = %q, %v; want %q, true", w.id, got.Name, ok, w.name)
		}
	}
	if _, ok := b.LP("Dive Deep"); ok {
		t.Error(`LP("Dive Deep") found an LP; LP takes exact ids only`)
	}
}

// fold is the test's own normalisation for spotting duplicates: lower-case
// letters and digits only. It is stricter than the package's (it ignores
// spaces too), so anything it calls distinct the package does too.
func fold(s string) string {
	return strings.Map(func(r rune) rune {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			return unicode.ToLower(r)
		}
		return -1
	}, s)
}

// TestBankContent holds the authored data to the brief's targets, which are
// stricter than what Load enforces: at least 8 questions and 5 follow-ups.
func TestBankContent(t *testing.T) {
	b := mustLoad(t)
	seen := map[string]string{} // folded question -> LP id
	for _, lp := range b.LPs() {
		t.Run(lp.ID, func(t *testing.T) {
			if lp.Meaning == "" || strings.Contains(lp.Meaning, "\n") {
				t.Errorf("meaning %q: want one non-empty line", lp.Meaning)
			}
			if n := len(lp.Signals); n < 3 || n > 6 {
				t.Errorf("%d signals, want 3 to 6", n)
			}
			if n := len(lp.Questions); n < 8 {
				t.Errorf("%d questions, want at least 8", n)
			}
			if n := len(lp.FollowUps); n < 5 {
				t.Errorf("%d follow-ups, want at least 5", n)
			}
			naming := 0
			for _, q := range lp.Questions {
				if !strings.HasSuffix(q, "?") && !strings.HasSuffix(q, ".") {
					t.Errorf("question %q ends with neither ? nor .", q)
				}
				if prev, dup := seen[fold(q)]; dup {
					t.Errorf("question %q repeats one in %s", q, prev)
				}
				seen[fold(q)] = lp.ID
				if strings.Contains(strings.ToLower(q), strings.ToLower(lp.Name)) {
					naming++
				}
			}
			if naming > 2 {
				t.Errorf("%d questions name the LP, at most 2 may", naming)
			}
			for _, f := range lp.FollowUps {
				if !strings.HasSuffix(f, "?") && !strings.HasSuffix(f, ".") {
					t.Errorf("follow-up %q ends with neither ? nor .", f)
				}
			}
			// The ladder climbs from asking about this story to asking
			// for another one, the hardest probe of all.
			if first := lp.FollowUps[0]; strings.HasPrefix(first, "Tell me about") {
				t.Errorf("ladder starts with a new story %q; start gently", first)
			}
			if last := lp.FollowUps[len(lp.FollowUps)-1]; !strings.HasPrefix(last, "Tell me about") {
				t.Errorf("ladder ends with %q; want a request for another story", last)
			}
		})
	}
}

func TestGeneric(t *testing.T) {
	b := mustLoad(t)
	if n := len(Reasons()); n != 9 {
		t.Fatalf("Reasons() has %d reasons, want the 9 in the brief", n)
	}
	for _, r := range Reasons() {
		t.Run(string(r), func(t *testing.T) {
			lines := b.Generic(r)
			if len(lines) < 2 {
				t.Errorf("%d phrasings, want several", len(lines))
			}
			for _, l := range lines {
				if !strings.HasSuffix(l, "?") && !strings.HasSuffix(l, ".") {
					t.Errorf("%q ends with neither ? nor .", l)
				}
			}
		})
	}
	if got := b.Generic("no-such-reason"); got != nil {
		t.Errorf("Generic(unknown) = %q, want nil", got)
	}
	if got := b.Generic(ReasonMostlyWe); !slices.ContainsFunc(got, func(s string) bool {
		return strings.Contains(s, "you") || strings.Contains(s, "your")
	}) {
		t.Errorf("Generic(ReasonMostlyWe) = %q: none asks about the speaker", got)
	}
	if w := b.WrapUp(); w == "" || !strings.HasSuffix(w, ".") {
		t.Errorf("WrapUp() = %q, want a sentence", w)
	}
	if tr := b.Transitions(); len(tr) < 2 {
		t.Errorf("Transitions() = %q, want a few", tr)
	}
}

func TestReturnedSlicesAreCopies(t *testing.T) {
	b := mustLoad(t)
	lps := b.LPs()
	want := lps[0].Questions[0]
	lps[0].Questions[0] = "changed"
	lp, _ := b.LP(lps[0].ID)
	lp.FollowUps[0] = "changed"
	found, _ := b.Lookup("dive deep")
	found.Signals[0] = "changed"
	b.Generic(ReasonNoAnswer)[0] = "changed"
	b.Transitions()[0] = "changed"

	again := b.LPs()
	if again[0].Questions[0] != want {
		t.Errorf("LPs() shares memory: question became %q", again[0].Questions[0])
	}
	for _, s := range [][]string{again[0].FollowUps, again[11].Signals, b.Generic(ReasonNoAnswer), b.Transitions()} {
		if s[0] == "changed" {
			t.Errorf("a returned slice shares memory with the bank: %q", s)
		}
	}
}

func TestLookup(t *testing.T) {
	b := mustLoad(t)
	tests := []struct {
		in   string
		want string // id; "" when an error is expected
	}{
		{"dive-deep", "dive-deep"},
		{"Dive Deep", "dive-deep"},
		{"dive deep", "dive-deep"},
		{"  DIVE   deep!  ", "dive-deep"},
		{"backbone", "have-backbone"},
		{"Have Backbone", "have-backbone"},
		{"disagree and commit", "have-backbone"},
		{"bias", "bias-for-action"},
		{"cust", "customer-obsession"},
		{"Are Right A Lot", "are-right-a-lot"},
		{"are right, a lot", "are-right-a-lot"},
		{"right", "are-right-a-lot"},
		{"Earth's best employer", "earths-best-employer"},
		{"earths", "earths-best-employer"},
		{"Earth\u2019s Best Employer", "earths-best-employer"},
		{"employer", "earths-best-employer"},
		{"curious", "learn-and-be-curious"},
		{"curio", "learn-and-be-curious"}, // word prefix
		{"scale", "success-and-scale"},    // whole word
		{"trust", "earn-trust"},           // whole word
		{"deliver", "deliver-results"},    // prefix of the id
		{"highest standards", "insist-on-the-highest-standards"},
		{"FRUGAL", "frugality"},
		{"ownership", "ownership"},
		{"think", "think-big"},
		// errors
		{"", ""},
		{"  ;  ", ""},
		{"patience", ""},
		{"best", ""}, // Hire and Develop the Best, Earth's Best Employer
		{"in", ""},   // Invent..., Insist...
		{"and", ""},
		{"res", ""}, // results, responsibility
		{"dive deeper", ""},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			lp, err := b.Lookup(tt.in)
			if tt.want == "" {
				if err == nil {
					t.Fatalf("Lookup(%q) = %s, want an error", tt.in, lp.ID)
				}
				if k := starloop.KindOf(err); k != starloop.Invalid {
					t.Errorf("Lookup(%q) error kind = %v, want Invalid", tt.in, k)
				}
				if strings.Contains(err.Error(), "\n") {
					t.Errorf("Lookup(%q) error has several lines: %q", tt.in, err)
				}
				return
			}
			if err != nil {
				t.Fatalf("Lookup(%q): %v", tt.in, err)
			}
			if lp.ID != tt.want {
				t.Errorf("Lookup(%q) = %s, want %s", tt.in, lp.ID, tt.want)
			}
		})
	}
}

func TestLookupErrorListsChoices(t *testing.T) {
	b := mustLoad(t)
	tests := []struct {
		in      string
		listed  []string
		omitted []string
	}{
		{"best", []string{"hire-and-develop-the-best", "earths-best-employer"}, []string{"dive-deep"}},
		{"res", []string{"deliver-results", "success-and-scale"}, []string{"ownership"}},
		{"patience", []string{"customer-obsession", "dive-deep", "success-and-scale"}, nil},
		{"", []string{"customer-obsession", "have-backbone"}, nil},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			_, err := b.Lookup(tt.in)
			if err == nil {
				t.Fatalf("Lookup(%q) succeeded, want an error", tt.in)
			}
			for _, id := range tt.listed {
				if !strings.Contains(err.Error(), id) {
					t.Errorf("error %q does not list %s", err, id)
				}
			}
			for _, id := range tt.omitted {
				if strings.Contains(err.Error(), id) {
					t.Errorf("error %q lists %s, which does not match", err, id)
				}
			}
		})
	}
}

func TestLookupEveryLP(t *testing.T) {
	b := mustLoad(t)
	for _, lp := range b.LPs() {
		for _, q := range []string{lp.ID, lp.Name, strings.ToUpper(lp.Name), strings.ReplaceAll(lp.ID, "-", " ")} {
			got, err := b.Lookup(q)
			if err != nil || got.ID != lp.ID {
				t.Errorf("Lookup(%q) = %s, %v; want %s", q, got.ID, err, lp.ID)
			}
		}
	}
}

func TestNamesLP(t *testing.T) {
	backbone := LP{ID: "have-backbone", Name: "Have Backbone; Disagree and Commit"}
	dive := LP{ID: "dive-deep", Name: "Dive Deep"}
	tests := []struct {
		text string
		lp   LP
		want bool
	}{
		{"Tell me about a time you had to dive deep.", dive, true},
		{"Tell me about a time you had to DIVE-DEEP.", dive, true},
		{"Tell me about a dive you made, deep into the data.", dive, false},
		{"Tell me about a time you had to disagree and commit.", backbone, true},
		{"When did you have backbone?", backbone, true},
		{"Tell me about a time you disagreed and committed anyway.", backbone, false},
	}
	for _, tt := range tests {
		if got := saysAny(lexicon.Normalise(tt.text), nameForms(tt.lp)); got != tt.want {
			t.Errorf("does %q name %s? got %v, want %v", tt.text, tt.lp.ID, got, tt.want)
		}
	}
}

// embedded returns the embedded bank decoded, for tests to break.
func embedded(t *testing.T) *bankFile {
	t.Helper()
	var f bankFile
	if err := json.Unmarshal(bankJSON, &f); err != nil {
		t.Fatal(err)
	}
	return &f
}

func TestParseRejects(t *testing.T) {
	tests := []struct {
		name  string
		spoil func(f *bankFile)
		want  string // part of the error message
	}{
		{"15 LPs", func(f *bankFile) { f.LPs = f.LPs[:15] }, "15 LPs, want 16"},
		{"duplicate id", func(f *bankFile) { f.LPs[1].ID = f.LPs[0].ID }, "duplicate id"},
		{"bad id", func(f *bankFile) { f.LPs[0].ID = "Customer Obsession" }, "id must be"},
		{"duplicate name", func(f *bankFile) { f.LPs[1].Name = "customer  obsession!" }, "duplicate name"},
		{"name that is another LP's id", func(f *bankFile) {
			f.LPs[0].Name = "Dive Deep"
			f.LPs[11].Name = "Deep Dive"
		}, "ambiguous"},
		{"no meaning", func(f *bankFile) { f.LPs[2].Meaning = "" }, "meaning: empty"},
		{"2 signals", func(f *bankFile) { f.LPs[3].Signals = f.LPs[3].Signals[:2] }, "2 signals"},
		{"7 signals", func(f *bankFile) {
			f.LPs[3].Signals = append(f.LPs[3].Signals, "a", "b")
		}, "7 signals"},
		{"5 questions", func(f *bankFile) { f.LPs[4].Questions = f.LPs[4].Questions[:5] }, "5 questions"},
		{"3 follow-ups", func(f *bankFile) { f.LPs[5].FollowUps = f.LPs[5].FollowUps[:3] }, "3 follow-ups"},
		{"question without stop", func(f *bankFile) {
			f.LPs[6].Questions[2] = "Tell me about a time"
		}, "question 3"},
		{"duplicate question across LPs", func(f *bankFile) {
			f.LPs[15].Questions[0] = "Tell me about a time you went WELL beyond what a customer expected!?"
		}, "same as LP 1 (customer-obsession) question 1"},
		{"question naming the LP three times", func(f *bankFile) {
			f.LPs[11].Questions[0] = "How do you dive deep?"
			f.LPs[11].Questions[1] = "When did you last dive deep?"
			f.LPs[11].Questions[2] = "Tell me about a time you had to Dive Deep."
		}, "3 questions say the LP's name"},
		{"non-ASCII", func(f *bankFile) {
			f.LPs[0].Questions[0] = "Tell me about a time you went beyond what a customer expected \u2014 why?"
		}, "not printable ASCII"},
		{"duplicate follow-up", func(f *bankFile) {
			f.LPs[7].FollowUps[1] = f.LPs[7].FollowUps[0]
		}, "follow-up 2: same as 1"},
		{"missing reason", func(f *bankFile) { delete(f.Generic, ReasonTooLong) }, `no phrasing for "too-long"`},
		{"empty reason", func(f *bankFile) { f.Generic[ReasonNoMeasure] = nil }, `no phrasing for "no-measure"`},
		{"unknown reason", func(f *bankFile) { f.Generic["rambling"] = []string{"Stop."} }, `unknown reason "rambling"`},
		{"no wrap-up", func(f *bankFile) { f.WrapUp = "" }, "wrap-up"},
		{"no transitions", func(f *bankFile) { f.Transitions = nil }, "no transitions"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := embedded(t)
			tt.spoil(f)
			data, err := json.Marshal(f)
			if err != nil {
				t.Fatal(err)
			}
			_, err = parse(data)
			if err == nil {
				t.Fatal("parse accepted broken data")
			}
			if !strings.Contains(err.Error(), tt.want) {
				t.Errorf("error %q does not mention %q", err, tt.want)
			}
		})
	}
}

func TestParseRejectsBadJSON(t *testing.T) {
	tests := []struct{ name, data, want string }{
		{"empty", "", "decode"},
		{"truncated", `{"lps": [`, "decode"},
		{"unknown field", `{"lps": [], "extra": 1}`, "unknown field"},
		{"trailing data", `{"lps": []} {}`, "after the top-level object"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := parse([]byte(tt.data))
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("parse(%q) error = %v, want one mentioning %q", tt.data, err, tt.want)
			}
		})
	}
}

// TestConcurrentUse is for the race detector: a Bank is shared read-only.
func TestConcurrentUse(t *testing.T) {
	b := mustLoad(t)
	var wg sync.WaitGroup
	errs := make(chan error, 8)
	for range 8 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for range 50 {
				lp, err := b.Lookup("backbone")
				if err != nil || lp.ID != "have-backbone" {
					errs <- err
					return
				}
				_ = b.LPs()
				_ = b.Generic(ReasonLadder)
			}
		}()
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Errorf("concurrent Lookup(backbone) failed: %v", err)
	}
}

func BenchmarkLoad(b *testing.B) {
	for b.Loop() {
		if _, err := Load(); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkLookup(b *testing.B) {
	bank := mustLoad(b)
	for _, q := range []string{"dive-deep", "backbone", "curio"} {
		b.Run(q, func(b *testing.B) {
			for b.Loop() {
				if _, err := bank.Lookup(q); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

func TestName(t *testing.T) {
	bank, err := Load()
	if err != nil {
		t.Fatal(err)
	}
	for id, want := range map[string]string{"dive-deep": "Dive Deep", "have-backbone": "Have Backbone; Disagree and Commit", "no-such": "no-such", "": ""} {
		if got := bank.Name(id); got != want {
			t.Errorf("Name(%q) = %q, want %q", id, got, want)
		}
	}
}

func TestResolve(t *testing.T) {
	bank, err := Load()
	if err != nil {
		t.Fatal(err)
	}
	got, err := bank.Resolve([]string{"dive deep, backbone", " ", "Dive Deep", "frugal"})
	want := []string{"dive-deep", "have-backbone", "frugality"}
	if err != nil || strings.Join(got, " ") != strings.Join(want, " ") {
		t.Errorf("Resolve = %q, %v; want %q", got, err, want)
	}
	if got, err := bank.Resolve(nil); err != nil || len(got) != 0 {
		t.Errorf("Resolve(nil) = %q, %v; want nothing", got, err)
	}
	if _, err := bank.Resolve([]string{"ownership,nosuchlp"}); starloop.KindOf(err) != starloop.Invalid {
		t.Errorf("an unknown name: %v, want an Invalid error", err)
	}
}

func TestDraw(t *testing.T) {
	bank, err := Load()
	if err != nil {
		t.Fatal(err)
	}
	a, b := bank.Draw(2, 42), bank.Draw(2, 42)
	if len(a) != 2 || a[0] == a[1] || strings.Join(a, " ") != strings.Join(b, " ") {
		t.Errorf("Draw(2, 42) = %q then %q: want two different LPs, the same for the same seed", a, b)
	}
	if all := bank.Draw(100, 1); len(all) != 16 {
		t.Errorf("Draw(100) gave %d LPs, want all 16", len(all))
	}
}

// TestLookupID: an id for a name, none for the empty name, the error of
// Lookup for an unknown one.
func TestLookupID(t *testing.T) {
	b := mustLoad(t)
	if id, err := b.LookupID("backbone"); id != "have-backbone" || err != nil {
		t.Errorf("backbone: %q, %v", id, err)
	}
	if id, err := b.LookupID(""); id != "" || err != nil {
		t.Errorf("empty: %q, %v", id, err)
	}
	if _, err := b.LookupID("patience"); !starloop.IsKind(err, starloop.Invalid) {
		t.Errorf("patience: %v, want Invalid", err)
	}
}

// TestSelect: the LPs named, in the order named; all 16 for no name (or
// blanks); an unknown name is an error.
func TestSelect(t *testing.T) {
	bank, err := Load()
	if err != nil {
		t.Fatal(err)
	}
	lps, err := bank.Select([]string{"frugal,backbone", "dive deep"})
	var ids []string
	for _, lp := range lps {
		ids = append(ids, lp.ID)
	}
	if want := []string{"frugality", "have-backbone", "dive-deep"}; err != nil || !slices.Equal(ids, want) {
		t.Errorf("Select(frugal,backbone; dive deep) = %v, %v; want %v", ids, err, want)
	}
	for _, names := range [][]string{nil, {" "}} {
		if lps, err := bank.Select(names); err != nil || len(lps) != 16 || lps[0].ID != "customer-obsession" {
			t.Errorf("Select(%q): %d LPs, %v; want all 16 from customer-obsession", names, len(lps), err)
		}
	}
	if _, err := bank.Select([]string{"patience"}); err == nil {
		t.Error("Select(patience) succeeded, want an error")
	}
}

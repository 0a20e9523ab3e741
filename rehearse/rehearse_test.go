package rehearse

import (
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/starloop/starloop"
)

func texts(ps []Point) []string {
	out := make([]string, len(ps))
	for i, p := range ps {
		out[i] = p.Text
	}
	return out
}

func TestParseScript(t *testing.T) {
	tests := []struct {
		name   string
		script string
		want   []string
		lines  []int
	}{
		{"bullets", "# Intro\n\nSome prose that is not a point.\n- Payments engineer.\n* Led billing\n+ Cut costs\n", []string{"Payments engineer.", "Led billing", "Cut costs"}, []int{4, 5, 6}},
		{"numbered", "1. Payments engineer\n2) Led billing\n", []string{"Payments engineer", "Led billing"}, []int{1, 2}},
		{"sentences when no bullets", "# Story\nI led the move. It took 2.5 months!\nCosts fell by 40%.", []string{"I led the move.", "It took 2.5 months!", "Costs fell by 40%."}, []int{2, 2, 3}},
		{"points without content are skipped", "- ...\n- Billing moved to AWS\n", []string{"Billing moved to AWS"}, []int{2}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ps, err := ParseScript(tt.script)
			if err != nil {
				t.Fatal(err)
			}
			if !slices.Equal(texts(ps), tt.want) {
				t.Errorf("points %q, want %q", texts(ps), tt.want)
			}
			for i, p := range ps {
				if p.N != i+1 || (i < len(tt.lines) && p.Line != tt.lines[i]) {
					t.Errorf("point %d: N %d line %d, want line %d", i+1, p.N, p.Line, tt.lines[i])
				}
			}
		})
	}
	for _, bad := range []string{"", "# Just a heading\n\n", "- ...\n"} {
		if _, err := ParseScript(bad); starloop.KindOf(err) != starloop.Invalid {
			t.Errorf("ParseScript(%q): %v, want an Invalid error", bad, err)
		}
	}
}

const intro = `# Self-introduction
- I am a backend engineer with eight years in payments.
- At Northwind I led the move of billing to AWS.
- The migration cut hosting costs by 40 percent.
- I mentor three junior engineers every week.
- I want to join Amazon to build systems at a larger scale.
`

// TestRecallHandLabelled: each transcript was written, and its covered
// points decided, by hand, reading the script point by point. The
// transcripts are in the recogniser's style: lower case, numbers in words,
// words split or misheard.
func TestRecallHandLabelled(t *testing.T) {
	pts, err := ParseScript(intro)
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name, heard string
		said        []int
	}{
		{"first three, paraphrased, with slips",
			"hi i'm a backend engineer and i've spent eight years working in payment systems " +
				"at northwind i led the billing move over to aws and the migration cut our hosing costs by forty percent",
			[]int{1, 2, 3}},
		{"the last two only",
			"every week i mentor three junior engineers and i would love to join amazon to build systems at a much larger scale",
			[]int{4, 5}},
		{"all five, reordered",
			"i want to join amazon and build systems at larger scale i'm a backend engineer eight years in payments " +
				"i mentor three junior engineers each week at northwind i led moving billing to aws which cut hosting costs forty percent",
			[]int{1, 2, 3, 4, 5}},
		{"same topic, other facts",
			"i work on frontend code for a travel company and i like hiking",
			nil},
		{"the number wrong", "the migration cut hosting costs by ten percent", nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := Measure(pts, starloop.Transcript{Text: tt.heard}, Options{})
			var said []int
			for _, p := range r.Points {
				if p.Said {
					said = append(said, p.N)
				}
			}
			if !slices.Equal(said, tt.said) || r.Said != len(tt.said) {
				for _, p := range r.Points {
					t.Logf("point %d: score %.2f heard %q missed %q", p.N, p.Score, p.Heard, p.Missed)
				}
				t.Errorf("said %v, want %v", said, tt.said)
			}
		})
	}
}

func at(words string, start, step float64) []starloop.Word {
	var out []starloop.Word
	for i, w := range strings.Fields(words) {
		s := time.Duration((start + float64(i)*step) * float64(time.Second))
		out = append(out, starloop.Word{Text: w, Start: s, End: s + time.Duration(step*float64(time.Second))})
	}
	return out
}

// TestStalls: words at hand-set times; gaps of 3 s (a stall, too short for
// a cue), 5 s (a stall with a cue) and 1 s (none).
func TestStalls(t *testing.T) {
	pts, err := ParseScript("- Backend engineer for eight years.\n- Led the billing migration at Northwind.\n- Cut hosting costs by forty percent.\n")
	if err != nil {
		t.Fatal(err)
	}
	var words []starloop.Word
	words = append(words, at("backend engineer eight years", 0, 0.5)...)    // ends at 2.0
	words = append(words, at("led billing migration northwind", 5, 0.5)...) // 5.0 to 7.0
	words = append(words, at("cut hosting costs", 12, 0.5)...)              // 12.0 to 13.5
	words = append(words, at("forty percent", 14.5, 0.5)...)                // 14.5 to 15.5
	tr := starloop.Transcript{Words: words}
	var ws []string
	for _, w := range words {
		ws = append(ws, w.Text)
	}
	tr.Text = strings.Join(ws, " ")
	r := Measure(pts, tr, Options{})
	if r.Said != 3 {
		t.Errorf("said %d points, want 3", r.Said)
	}
	want := []Stall{
		{At: 2 * time.Second, Length: 3 * time.Second, After: "backend engineer eight years"},
		{At: 7 * time.Second, Length: 5 * time.Second, After: "led billing migration northwind", Cue: 3},
	}
	if !slices.Equal(r.Stalls, want) {
		t.Errorf("stalls %+v\nwant %+v", r.Stalls, want)
	}
	if r.Length != 15500*time.Millisecond || r.Words != 13 {
		t.Errorf("length %v, %d words; want 15.5 s, 13", r.Length, r.Words)
	}
}

func TestNextCue(t *testing.T) {
	pts, _ := ParseScript(intro)
	tests := []struct {
		heard string
		want  int // 0 for none
	}{
		{"", 1},
		{"i am a backend engineer eight years in payments", 2},
		{"i am a backend engineer eight years in payments and at northwind i led billing to aws then i mentor three junior engineers", 3},
		{"backend engineer eight years payments northwind led move billing aws migration cut hosting costs forty percent mentor three junior engineers week join amazon build systems larger scale", 0},
	}
	for _, tt := range tests {
		p, ok := NextCue(pts, tt.heard, 0)
		if got := map[bool]int{true: p.N}[ok]; got != tt.want {
			t.Errorf("NextCue after %q = %d, want %d", tt.heard, got, tt.want)
		}
	}
}

func TestNear(t *testing.T) {
	tests := []struct {
		a, b string
		want bool
	}{
		{"host", "host", true},
		{"host", "hos", false},         // three letters: exact only
		{"hosting", "hosing", true},    // one edit in seven letters
		{"migrat", "migrant", true},    // one edit
		{"northwind", "norwin", false}, // three edits
		{"northwind", "northwin", true},
		{"40%", "4%", false}, // numbers exact
		{"bill", "pill", true},
		{"cat", "cut", false},
	}
	for _, tt := range tests {
		if got := near(tt.a, tt.b); got != tt.want {
			t.Errorf("near(%q, %q) = %v, want %v", tt.a, tt.b, got, tt.want)
		}
	}
}

func TestHistoryTrend(t *testing.T) {
	t0 := time.Date(2026, 11, 20, 9, 0, 0, 0, time.UTC)
	var file strings.Builder
	for i, said := range []int{3, 4, 5} {
		missed := []int{4, 5}[:5-said]
		l, err := Run{Time: t0.Add(time.Duration(i) * 24 * time.Hour), Script: "/s/intro.md", Points: 5, Said: said, Missed: missed, Stalls: 3 - i}.Line()
		if err != nil {
			t.Fatal(err)
		}
		file.Write(l)
	}
	other, _ := Run{Time: t0, Script: "/s/other.md", Points: 2, Said: 1}.Line()
	file.Write(other)
	runs, err := ReadHistory(strings.NewReader(file.String()), "h.jsonl", "/s/intro.md")
	if err != nil || len(runs) != 3 {
		t.Fatalf("%d runs, %v; want 3", len(runs), err)
	}
	got := Trend(runs, time.UTC)
	want := "when               recall    said  stalls  missed\n" +
		"2026-11-20 09:00      60%     3/5       3  4 5\n" +
		"2026-11-21 09:00      80%     4/5       2  4\n" +
		"2026-11-22 09:00     100%     5/5       1  \n" +
		"Recall +40 points over 3 runs (60% to 100%).\n"
	if got != want {
		t.Errorf("trend:\n%s\nwant:\n%s", got, want)
	}
	if _, err := ReadHistory(strings.NewReader("{\"said\":1}\nnot json\n"), "h.jsonl", ""); starloop.KindOf(err) != starloop.Invalid || !strings.Contains(err.Error(), "h.jsonl:2") {
		t.Errorf("damaged history: %v, want an Invalid error naming line 2", err)
	}
}

func TestRunOf(t *testing.T) {
	pts, _ := ParseScript(intro)
	r := Measure(pts, starloop.Transcript{Text: "every week i mentor three junior engineers"}, Options{})
	run := RunOf(r, "/s/intro.md", time.Time{}, "microphone")
	if run.Points != 5 || run.Said != 1 || !slices.Equal(run.Missed, []int{1, 2, 3, 5}) {
		t.Errorf("run %+v: want 1 of 5 said, 1 2 3 5 missed", run)
	}
}

// TestMissedInOwnWords: the words a point misses are shown as the script
// writes them, not as the stems matching uses ("hosting", not "host").
func TestMissedInOwnWords(t *testing.T) {
	pts, err := ParseScript(intro)
	if err != nil {
		t.Fatal(err)
	}
	r := Measure(pts, starloop.Transcript{Text: "at northwind i led the move of billing to aws"}, Options{})
	want := []string{"migration", "cut", "hosting", "costs", "40 percent"}
	if got := r.Points[2].Missed; !slices.Equal(got, want) {
		t.Errorf("point 3 missed %q, want %q", got, want)
	}
	if !strings.Contains(r.Report(), "     missing: migration, cut, hosting, costs, 40 percent\n") {
		t.Errorf("report:\n%s", r.Report())
	}
	if got, want := r.Points[1].Heard, []string{"Northwind", "led", "move", "billing", "AWS"}; !slices.Equal(got, want) {
		t.Errorf("point 2 heard %q, want %q", got, want)
	}
}

// TestMeasureTakeCues: a cue shown during a pause marks that pause's
// stall with the point shown; a cue shown after the last word, with no
// word after it, is a stall of its own, to the end of the take.
func TestMeasureTakeCues(t *testing.T) {
	pts, err := ParseScript("- Backend engineer for eight years.\n- Led the billing migration at Northwind.\n- Cut hosting costs by forty percent.\n")
	if err != nil {
		t.Fatal(err)
	}
	var words []starloop.Word
	words = append(words, at("backend engineer eight years", 0, 0.5)...)    // 0 to 2.0
	words = append(words, at("led billing migration northwind", 7, 0.5)...) // 7.0 to 9.0
	tr := starloop.Transcript{Words: words, Text: "backend engineer eight years led billing migration northwind"}
	take := Take{Transcript: tr, Length: 16 * time.Second, Cues: []Cue{{At: 6 * time.Second, Point: 2}, {At: 13 * time.Second, Point: 3}}}
	r := MeasureTake(pts, take, Options{})
	want := []Stall{
		{At: 2 * time.Second, Length: 5 * time.Second, After: "backend engineer eight years", Cue: 2},
		{At: 9 * time.Second, Length: 7 * time.Second, After: "led billing migration northwind", Cue: 3},
	}
	if !slices.Equal(r.Stalls, want) {
		t.Errorf("stalls %+v\nwant %+v", r.Stalls, want)
	}
	if r.Length != 16*time.Second {
		t.Errorf("length %v, want the take's 16 s", r.Length)
	}
}

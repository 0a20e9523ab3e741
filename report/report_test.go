package report

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/starloop/starloop"
	"github.com/starloop/starloop/day"
	"github.com/starloop/starloop/internal/golden"
	"github.com/starloop/starloop/judge"
	"github.com/starloop/starloop/rubric"
	"github.com/starloop/starloop/session"
)

// testSession is a real demo session (pocketsphinx transcripts, rubric
// reports), its recordings cut to their first 2 s to keep testdata small.
const testSession = "20261127-073001"

func lpName(id string) string {
	return map[string]string{"ownership": "Ownership", "think-big": "Think Big"}[id]
}

func loadTest(t testing.TB) *Session {
	t.Helper()
	s, err := Load(filepath.Join("testdata", "sessions"), testSession, Options{LPName: lpName})
	if err != nil {
		t.Fatal(err)
	}
	return s
}

func TestRenderGolden(t *testing.T) {
	s := loadTest(t)
	for _, tt := range []struct {
		file   string
		render func(*bytes.Buffer, *Session) error
	}{
		{"review.golden", func(b *bytes.Buffer, s *Session) error { return Text(b, s) }},
		{"report-md.golden", func(b *bytes.Buffer, s *Session) error { return Markdown(b, s) }},
		{"report-json.golden", func(b *bytes.Buffer, s *Session) error { return JSON(b, s) }},
	} {
		t.Run(tt.file, func(t *testing.T) {
			var b bytes.Buffer
			if err := tt.render(&b, s); err != nil {
				t.Fatal(err)
			}
			golden.Check(t, tt.file, b.Bytes())
		})
	}
}

func TestLoad(t *testing.T) {
	s := loadTest(t)
	// session.json: 4 answers, 1 and 3 main questions, 2 and 4 follow-ups,
	// all asked for Ownership; it ran 07:30:01.65 to 07:31:29.68 (88 s).
	if len(s.Answers) != 4 || s.Duration() != 88*time.Second || s.LPs[0].Name != "Ownership" {
		t.Fatalf("loaded %d answers, %v, LPs %v; want 4, 1m28s, Ownership", len(s.Answers), s.Duration(), s.LPs)
	}
	a2 := s.Answers[1]
	if !a2.FollowUp || a2.Story == nil || a2.Rubric == nil {
		t.Fatalf("answer 2: follow-up %v, story %v, rubric %v", a2.FollowUp, a2.Story != nil, a2.Rubric != nil)
	}
	// The answer's own report has only a result (spans 1.25-10.18 s =
	// 8.93 s); its thread (Story) has all four parts, so the verdict, on
	// the thread, is strong (complete, measured, 3 I to 1 we).
	if a2.Parts != (PartTimes{Timed: true, Result: 8.93}) || a2.Verdict != judge.Strong {
		t.Errorf("answer 2 parts %+v verdict %q", a2.Parts, a2.Verdict)
	}
	// Recordings are cut to 2 s: 100 frames of 20 ms; the duration is then
	// the last word's end, 10.18 s in answer-02.json.
	if a2.Delivery.Duration != 10180*time.Millisecond || a2.Delivery.Pitch.Frames != 100 {
		t.Errorf("answer 2 delivery %v, %d frames", a2.Delivery.Duration, a2.Delivery.Pitch.Frames)
	}
	if _, err := Load(filepath.Join("testdata", "sessions"), "20200101-000000", Options{}); starloop.KindOf(err) != starloop.NotFound {
		t.Errorf("unknown session: %v, want NotFound", err)
	}
}

func TestHTMLContent(t *testing.T) {
	s := loadTest(t)
	var b bytes.Buffer
	if err := HTML(&b, s, HTMLOptions{AudioDir: "../x y"}); err != nil {
		t.Fatal(err)
	}
	page := b.String()
	for _, want := range []string{`src="../x%20y/answer-01.wav"`, `src="../x%20y/answer-04.wav"`, ColorAction, "<svg", `class="part-result"`} {
		if !strings.Contains(page, want) {
			t.Errorf("page lacks %s", want)
		}
	}
	for _, bad := range []string{"http://", "https://", "<script", "<link"} {
		if strings.Contains(page, bad) {
			t.Errorf("page holds %q: it must be self-contained", bad)
		}
	}
}

// telling builds an answer with a hand-made judgement.
func answer(n int, lp string, followUp bool, text string, r *rubric.Report, words int, speaking time.Duration) *Answer {
	a := &Answer{N: n, LP: LPRef{ID: lp, Name: lp}, FollowUp: followUp, Question: "q" + lp, Transcript: starloop.Transcript{Text: text}, Rubric: r}
	a.Delivery.Words, a.Delivery.SpeakingTime, a.Delivery.Duration = words, speaking, speaking+time.Second
	return a
}

func TestProgress(t *testing.T) {
	full := &rubric.Report{Answer: true, Specific: true, MeasurableResult: true, Ownership: rubric.Ownership{I: 3, We: 1}}
	full.STAR.Situation.Present, full.STAR.Task.Present, full.STAR.Action.Present, full.STAR.Result.Present = true, true, true, true
	half := &rubric.Report{Answer: true, Specific: true, Ownership: rubric.Ownership{I: 1, We: 3}}
	half.STAR.Situation.Present, half.STAR.Action.Present = true, true
	story := "I migrated the billing database to postgres and cut nightly batch failures"
	s1 := &Session{ID: "20261101-090000", Answers: []*Answer{
		answer(1, "ownership", false, story, half, 100, time.Minute),
		answer(2, "dive-deep", false, "I traced a memory leak in the parser", full, 150, time.Minute),
	}}
	s2 := &Session{ID: "20261108-090000", Answers: []*Answer{
		answer(1, "ownership", false, story+" by half", half, 120, time.Minute),
		// The follow-up adds 40 words in 20 s and carries the thread's
		// judgement, a full story.
		answer(2, "ownership", true, "we measured it weekly", half, 40, 20*time.Second),
	}}
	s2.Answers[1].Story = full
	p := BuildProgress([]*Session{s1, s2}, "")
	// Series: all, then dive-deep, ownership by name.
	if len(p.Series) != 3 || p.Series[1].LP.ID != "dive-deep" || p.Series[2].LP.ID != "ownership" {
		t.Fatalf("series %+v", p.Series)
	}
	own := p.Series[2].Points
	// Session 1 ownership: half story: 2/4 parts, no measure, I 1/(1+3),
	// 100 words a minute, 61 s. Session 2: the thread judged full: 4/4,
	// measured, 3/4 I; 160 words in 80 s = 120 wpm; 61 + 21 = 82 s.
	want := []Figures{{STAR: 0.5, IShare: 0.25, WPM: 100, Seconds: 61}, {STAR: 1, Measurable: 1, IShare: 0.75, WPM: 120, Seconds: 82}}
	for i := range want {
		if own[i].Figures != want[i] {
			t.Errorf("ownership point %d = %+v, want %+v", i, own[i].Figures, want[i])
		}
	}
	// All LPs, session 1: ownership (0.5, 0, 0.25, 100, 61) and dive-deep
	// (1, 1, 0.75, 150, 61) averaged.
	if got, w := p.Series[0].Points[0].Figures, (Figures{STAR: 0.75, Measurable: 0.5, IShare: 0.5, WPM: 125, Seconds: 61}); got != w {
		t.Errorf("all LPs, session 1 = %+v, want %+v", got, w)
	}
	// The ownership story was told in both sessions. Its content words:
	// migrated billing database postgres nightly batch failures (7), plus
	// "half" in session 2 with "measured weekly" from the follow-up (10);
	// 7 shared of 10: overlap 0.7.
	if p.Latest == nil || p.Latest.SessionID != s2.ID || p.Previous.SessionID != s1.ID || p.Overlap != 0.7 {
		t.Errorf("same story: latest %+v previous %+v overlap %v", p.Latest, p.Previous, p.Overlap)
	}
	if only := BuildProgress([]*Session{s1, s2}, "dive-deep"); len(only.Series) != 1 || len(only.Series[0].Points) != 1 || only.Latest != nil {
		t.Errorf("--lp dive-deep: %+v", only)
	}
}

func TestSparkline(t *testing.T) {
	for _, tt := range []struct {
		in   []float64
		want string
	}{
		{nil, ""},
		{[]float64{5, 5, 5}, "▄▄▄"},
		// (x-0)/7*7 = x: blocks 0..7 in order.
		{[]float64{0, 1, 2, 3, 4, 5, 6, 7}, "▁▂▃▄▅▆▇█"},
		{[]float64{10, 0, 5}, "█▁▅"}, // 5/10*7 = 3.5 rounds to 4
	} {
		if got := Sparkline(tt.in); got != tt.want {
			t.Errorf("Sparkline(%v) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestBuildMissingRecord(t *testing.T) {
	// A crash between recording and saving leaves an answer with no
	// report and perhaps no recording: it is shown, with a note.
	meta := session.Meta{ID: "20261127-100000", State: session.Interrupted, Unclosed: true, LPs: []string{"ownership"}}
	s := Build(meta, []session.Answer{{N: 1, LP: "ownership", Audio: "answer-01.wav"}}, func(string) ([]int16, error) { return nil, os.ErrNotExist }, Options{})
	a := s.Answers[0]
	if a.Rubric != nil || a.Verdict != judge.Unknown || !strings.Contains(a.Missing, "recording missing") || !s.Crashed {
		t.Errorf("%+v", a)
	}
	var b bytes.Buffer
	if err := Text(&b, s); err != nil || !strings.Contains(b.String(), "interrupted (crashed; recovered)") {
		t.Errorf("Text: %v\n%s", err, b.String())
	}
}

// TestUnjudgedNote: an answer with no judgement says why, truly: Enter on
// silence is not a session that stopped.
func TestUnjudgedNote(t *testing.T) {
	meta := session.Meta{ID: "20261207-014314", State: session.Complete, LPs: []string{"ownership"}}
	for _, tc := range []struct {
		name   string
		answer session.Answer
		want   string
	}{
		{"enter on silence", session.Answer{N: 1, LP: "ownership", Timings: session.Timings{EndReason: "enter"}},
			"nothing was said, so there was nothing to judge"},
		{"q on silence", session.Answer{N: 1, LP: "ownership", Timings: session.Timings{EndReason: "quit"}},
			"nothing was said before the session was stopped"},
		{"crash", session.Answer{N: 1, LP: "ownership", Transcript: starloop.Transcript{Text: "we moved billing"}},
			"no judgement saved (the session stopped before it was)"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			s := Build(meta, []session.Answer{tc.answer}, nil, Options{})
			var h bytes.Buffer
			if err := HTML(&h, s, HTMLOptions{}); err != nil {
				t.Fatal(err)
			}
			if !strings.Contains(h.String(), "Note: "+tc.want+"</p>") {
				t.Errorf("HTML has no note %q", tc.want)
			}
			if tc.name != "crash" && strings.Contains(h.String(), "session stopped before") {
				t.Error("HTML says the session stopped before the judgement was saved")
			}
		})
	}
}

// TestProgressPartialAndIntro: an answer cut off by Ctrl-C is shown apart,
// not averaged in as a zero, and a loop day's introduction (no LP) makes
// no nameless row.
func TestProgressPartialAndIntro(t *testing.T) {
	whole := loadTest(t)
	cut := Build(session.Meta{ID: "20261128-090000", State: session.Interrupted, LPs: []string{"ownership"}}, []session.Answer{
		{N: 1, LP: "", Question: "Tell me about yourself.", Transcript: starloop.Transcript{Text: "I am an engineer"},
			Timings: session.Timings{EndReason: "silence"}},
		{N: 2, LP: "ownership", Question: "Tell me about a time you took ownership.",
			Transcript: starloop.Transcript{Text: "so last year our billing"},
			Timings:    session.Timings{FirstSpeech: time.Second, End: 4 * time.Second, EndReason: "quit"}},
	}, nil, Options{LPName: lpName})
	if !cut.Answers[1].Partial || cut.Answers[0].Partial {
		t.Fatalf("partial: %v %v, want false true", cut.Answers[0].Partial, cut.Answers[1].Partial)
	}
	p := BuildProgress([]*Session{whole, cut}, "")
	var b bytes.Buffer
	if err := ProgressText(&b, p); err != nil {
		t.Fatal(err)
	}
	out := b.String()
	// Two series, all LPs and Ownership, each on the one whole session.
	if len(p.Series) != 2 || p.Series[1].LP.Name != "Ownership" || len(p.Series[1].Points) != 1 || len(p.Series[1].Partial) != 1 {
		t.Fatalf("series: %+v", p.Series)
	}
	for _, line := range strings.Split(out, "\n") {
		if strings.HasPrefix(line, ":") {
			t.Errorf("nameless row %q", line)
		}
	}
	if !strings.Contains(out, "Ownership: 1 session(s)\n") || !strings.Contains(out, "  cut off, not counted: 20261128-090000 answer 2\n") {
		t.Errorf("progress:\n%s", out)
	}
	if strings.Contains(out, "-> 0%") {
		t.Errorf("a cut-off answer is averaged in as a zero:\n%s", out)
	}
}

// TestRecoveredAnswer: a take a crash cut off, transcribed afterwards, is
// partial and says how it was made.
func TestRecoveredAnswer(t *testing.T) {
	meta := session.Meta{ID: "20261207-014314", State: session.Interrupted, LPs: []string{"ownership"}}
	s := Build(meta, []session.Answer{{N: 1, LP: "ownership", Question: "Tell me about a time you took ownership.",
		Transcript: starloop.Transcript{Text: "so last year our billing"}, Recovered: true,
		Timings: session.Timings{EndReason: session.EndCrash}}}, nil, Options{})
	a := s.Answers[0]
	if !a.Partial || !strings.HasPrefix(a.Missing, "cut off by a crash: transcribed and judged afterwards, offline") {
		t.Errorf("partial %v, note %q", a.Partial, a.Missing)
	}
}

// loopSession is a loop day saved by `starloop loop` (TestLoopSpoken: two
// interviewers, the same story told to both), recordings cut to 2 s.
const loopSession = "20261207-060848"

func loadLoop(t testing.TB) *Session {
	t.Helper()
	names := map[string]string{"customer-obsession": "Customer Obsession", "success-and-scale": "Success and Scale Bring Broad Responsibility",
		"earn-trust": "Earn Trust", "deliver-results": "Deliver Results"}
	s, err := Load(filepath.Join("testdata", "loop"), loopSession, Options{LPName: func(id string) string { return names[id] }})
	if err != nil {
		t.Fatal(err)
	}
	return s
}

// TestLoopReport: the report of a loop day carries its debrief, the
// interviewers and their leanings, the retold story and the answers that
// fit another LP, in every format, as the day saved them.
func TestLoopReport(t *testing.T) {
	s := loadLoop(t)
	if s.Debrief == nil {
		t.Fatal("no debrief loaded")
	}
	saved, err := os.ReadFile(filepath.Join("testdata", "loop", loopSession, "debrief.md"))
	if err != nil {
		t.Fatal(err)
	}
	var md, txt, js, h bytes.Buffer
	if err := Markdown(&md, s); err != nil {
		t.Fatal(err)
	}
	if err := Text(&txt, s); err != nil {
		t.Fatal(err)
	}
	if err := JSON(&js, s); err != nil {
		t.Fatal(err)
	}
	if err := HTML(&h, s, HTMLOptions{}); err != nil {
		t.Fatal(err)
	}
	golden.Check(t, "report-loop-md.golden", md.Bytes())
	// The review shows the debrief the day printed and saved, word for word.
	if !strings.HasSuffix(txt.String(), "\n"+string(saved)) {
		t.Errorf("review does not end with the saved debrief:\n%s", txt.String())
	}
	// From debrief.md, by hand: the interviewers, the bar raiser's leaning,
	// the retold story, and one answer that fits another LP.
	for _, want := range []string{
		"<b>Priya</b> · Customer Obsession and Earn Trust",
		"<b>Marcus</b>, bar raiser · Success and Scale Bring Broad Responsibility and Deliver Results",
		`Leaning: <b class="warn">not inclined</b>`,
		`<li class="warn">answer 2 (Marcus, Success and Scale Bring Broad Responsibility): this is the billing-bugs story you told for Customer Obsession</li>`,
		"<li>answer 1 (Priya): you answered with a Think Big story; the question probed Customer Obsession</li>",
	} {
		if !strings.Contains(h.String(), want) {
			t.Errorf("HTML lacks %q", want)
		}
	}
	var back struct {
		Debrief struct {
			Interviewers []struct{ Name string } `json:"interviewers"`
			Reuses       []string                `json:"reuses"`
		} `json:"debrief"`
	}
	if err := json.Unmarshal(js.Bytes(), &back); err != nil || len(back.Debrief.Interviewers) != 2 || len(back.Debrief.Reuses) != 1 {
		t.Errorf("JSON debrief: %+v, %v", back.Debrief, err)
	}
}

// TestDebriefGuessesHTML: a loop day held with --guess-lp shows the tally
// of the guesses in its report.
func TestDebriefGuessesHTML(t *testing.T) {
	s := loadLoop(t)
	d := *s.Debrief
	d.Guesses = &DebriefGuesses{Count: 2, Score: 1.5, Lines: []string{"answer 1: you said Ownership; it probed Customer Obsession (0.5)"}}
	s.Debrief = &d
	var h bytes.Buffer
	if err := HTML(&h, s, HTMLOptions{}); err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"<h3>LP guesses: 1.5 of 2</h3>", "<li>answer 1: you said Ownership; it probed Customer Obsession (0.5)</li>"} {
		if !strings.Contains(h.String(), want) {
			t.Errorf("HTML lacks %q", want)
		}
	}
}

// TestDebriefShape: Debrief reads every field of package day's debrief.json
// and loses none: a day.Debrief with every field set survives the round
// trip through it unchanged.
func TestDebriefShape(t *testing.T) {
	full := day.Debrief{
		Intro: &day.Intro{Length: 75 * time.Second, Words: 180, Note: "75 s, in the 60 to 90 s aimed for"},
		Interviewers: []day.Interviewer{{Round: 2, Name: "Marcus", BarRaiser: true, English: true, LPs: []string{"Ownership"},
			Leaning: day.NotInclined, Verdicts: []string{"Ownership (answer 2): inclined"}, Reasons: []string{"Ownership: no task"}}},
		LPs:        []day.LPNote{{ID: "ownership", Name: "Ownership", Interviewer: "Marcus", Asked: 1, Evidence: []string{"STAR"}, Missing: []string{"no task"}}},
		Stories:    []day.StoryUse{{Story: "billing", Uses: []string{"Ownership (Marcus)"}}},
		Reuses:     []string{"answer 2: retold"},
		Mismatches: []string{"answer 1: fits Think Big"},
		Guesses:    &day.GuessTally{Count: 2, Score: 1.5, Lines: []string{"answer 1: right"}},
		Rule:       day.Rule,
	}
	want, err := full.JSON()
	if err != nil {
		t.Fatal(err)
	}
	var d Debrief
	dec := json.NewDecoder(bytes.NewReader(want))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&d); err != nil {
		t.Fatalf("debrief.json has a field Debrief lacks: %v", err)
	}
	got, err := json.MarshalIndent(d, "", "  ")
	if err != nil {
		t.Fatal(err)
	}
	if string(got)+"\n" != string(want) {
		t.Errorf("round trip through Debrief:\n%s\nwant\n%s", got, want)
	}
}

// loopIntroSession is a loop day with its introduction, saved by
// `starloop loop` on virtual devices (flite's rms voice as the candidate,
// pocketsphinx): the introduction, then one story to the one interviewer;
// recordings cut to 2 s.
const loopIntroSession = "20261207-064449"

func loadLoopIntro(t testing.TB) *Session {
	t.Helper()
	names := map[string]string{"customer-obsession": "Customer Obsession", "earn-trust": "Earn Trust"}
	s, err := Load(filepath.Join("testdata", "loop"), loopIntroSession, Options{LPName: func(id string) string { return names[id] }})
	if err != nil {
		t.Fatal(err)
	}
	return s
}

// TestLoopIntroduction: the introduction of a loop day is shown in every
// format as the introduction it was judged as (its length note, structure
// and key points, as the day showed and saved them), never as a STAR
// answer with a leaning, and the sessions list counts only the story.
func TestLoopIntroduction(t *testing.T) {
	s := loadLoopIntro(t)
	var txt, md, js bytes.Buffer
	for _, r := range []struct {
		b    *bytes.Buffer
		f    func(*bytes.Buffer, *Session) error
		file string
	}{
		{&txt, func(b *bytes.Buffer, s *Session) error { return Text(b, s) }, "review-loop-intro.golden"},
		{&md, func(b *bytes.Buffer, s *Session) error { return Markdown(b, s) }, "report-loop-intro-md.golden"},
		{&js, func(b *bytes.Buffer, s *Session) error { return JSON(b, s) }, "report-loop-intro-json.golden"},
	} {
		if err := r.f(r.b, s); err != nil {
			t.Fatal(err)
		}
		golden.Check(t, r.file, r.b.Bytes())
	}
	// By hand from answer-01.json's transcript: "i am" (now), "before
	// that" (before), "i would like" (next), "engineer" (role), "eight
	// years", "led"; no why. Its last word ends at 17.98 s: 0:18, short.
	intro := func(page, next string) string {
		i, j := strings.Index(page, "Answer 1 · "), strings.Index(page, next)
		if i < 0 || j < i {
			t.Fatalf("no answer 1 before %q in:\n%s", next, page)
		}
		return page[i:j]
	}
	review := intro(txt.String(), "Answer 2 · ")
	for _, want := range []string{"Answer 1 · Introduction\n", "  Length    0:18: short; aim for 60 to 90 seconds\n",
		"  Structure now yes, before yes, next yes\n", "  Points    role yes, experience yes, an achievement yes, why this job no\n",
		"  Missing   why this job\n"} {
		if !strings.Contains(review, want) {
			t.Errorf("review of the introduction lacks %q:\n%s", want, review)
		}
	}
	mdIntro := intro(md.String(), "## Answer 2 · ")
	for _, want := range []string{"Answer 1 · Introduction\n", "| Length | 0:18: short; aim for 60 to 90 seconds |\n",
		"| Structure | now yes, before yes, next yes |\n", "| Missing | why this job |\n"} {
		if !strings.Contains(mdIntro, want) {
			t.Errorf("Markdown of the introduction lacks %q:\n%s", want, mdIntro)
		}
	}
	for _, bad := range []string{"STAR", "Verdict", "inclined", "LPs shown", "[S]", "[-]"} {
		if strings.Contains(review, bad) || strings.Contains(mdIntro, bad) {
			t.Errorf("the introduction is shown as a STAR answer (%q):\n%s\n%s", bad, review, mdIntro)
		}
	}
	// The debrief the day saved says the same of it.
	if !strings.Contains(txt.String(), "Introduction: 0:18: short; aim for 60 to 90 seconds; missing: why this job.\n") {
		t.Errorf("the review's debrief disagrees:\n%s", txt.String())
	}
	var back struct {
		Answers []map[string]json.RawMessage `json:"answers"`
	}
	if err := json.Unmarshal(js.Bytes(), &back); err != nil || len(back.Answers) != 2 {
		t.Fatalf("JSON: %v", err)
	}
	a1, a2 := back.Answers[0], back.Answers[1]
	if string(a1["kind"]) != `"introduction"` || a1["intro"] == nil || a1["verdict"] != nil || a1["parts"] != nil || a1["rubric"] != nil {
		t.Errorf("JSON answer 1 is not an introduction alone: kind %s intro %s verdict %s parts %s", a1["kind"], a1["intro"], a1["verdict"], a1["parts"])
	}
	if string(a2["verdict"]) != `"strong: a full STAR story with a measured result, told as I"` {
		t.Errorf("JSON answer 2 verdict %s", a2["verdict"])
	}
	// The sessions list: one story, strong, all four parts, so 1/1 and
	// 100%; the introduction is no story told.
	metas, err := session.List(filepath.Join("testdata", "loop"))
	if err != nil {
		t.Fatal(err)
	}
	metas = slices.DeleteFunc(metas, func(m session.Meta) bool { return m.ID != loopIntroSession })
	var list bytes.Buffer
	if err := List(&list, filepath.Join("testdata", "loop"), metas, Options{NoAudio: true}); err != nil {
		t.Fatal(err)
	}
	row := strings.Fields(strings.Split(list.String(), "\n")[1])
	// ID, date, time, kind, answers, length, inclined, STAR...
	if len(row) < 8 || row[3] != "loop" || row[4] != "2" || row[6] != "1/1" || row[7] != "100%" {
		t.Errorf("sessions list row %q, want a loop of 2 answers, 1/1 inclined, STAR 100%%:\n%s", row, list.String())
	}
	// Progress: one whole telling, the story; the introduction is not
	// averaged in.
	p := BuildProgress([]*Session{s}, "")
	if pts := p.Series[0].Points; len(p.Series) != 2 || len(pts) != 1 || pts[0].Tellings != 1 || pts[0].Figures.STAR != 1 {
		t.Errorf("progress %+v", p.Series)
	}
}

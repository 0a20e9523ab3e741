package report

import (
	"bytes"
	"context"
	"fmt"
	"image/png"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"
)

// chromium runs headless Debian chromium on page with extra args and
// returns its stdout and stderr.
func chromium(t *testing.T, page string, args ...string) (stdout, stderr string) {
	t.Helper()
	bin, err := exec.LookPath("chromium")
	if err != nil {
		t.Skip("chromium not installed (scripts/install-deps.sh)")
	}
	ctx, cancel := context.WithTimeout(context.Background(), 90*time.Second)
	defer cancel()
	base := []string{"--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
		"--disable-background-networking", "--disable-component-update", "--disable-sync",
		"--user-data-dir=" + t.TempDir(), "--enable-logging=stderr", "--v=0", "--hide-scrollbars"}
	cmd := exec.CommandContext(ctx, bin, append(append(base, args...), "file://"+page)...)
	var out, errb bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errb
	if err := cmd.Run(); err != nil {
		t.Fatalf("chromium: %v\n%s", err, errb.String())
	}
	return out.String(), errb.String()
}

// TestHTMLInChromium opens the report of the test session, written inside
// a copy of the session's folder as `starloop report` does, and checks
// what a person would see.
func TestHTMLInChromium(t *testing.T) {
	if testing.Short() {
		t.Skip("starts a browser")
	}
	dir := t.TempDir()
	folder := filepath.Join(dir, testSession)
	if err := os.CopyFS(folder, os.DirFS(filepath.Join("testdata", "sessions", testSession))); err != nil {
		t.Fatal(err)
	}
	s, err := Load(dir, testSession, Options{LPName: lpName})
	if err != nil {
		t.Fatal(err)
	}
	var b bytes.Buffer
	if err := HTML(&b, s, HTMLOptions{Progress: BuildProgress([]*Session{s}, "")}); err != nil {
		t.Fatal(err)
	}
	page := filepath.Join(folder, "report.html")
	if err := os.WriteFile(page, b.Bytes(), 0o600); err != nil {
		t.Fatal(err)
	}

	t.Run("no console errors and audio points at the recordings", func(t *testing.T) {
		dom, logs := chromium(t, page, "--dump-dom")
		for _, line := range strings.Split(logs, "\n") {
			if strings.Contains(line, "CONSOLE") && (strings.Contains(line, "ERROR") || strings.Contains(line, "Uncaught")) {
				t.Errorf("console error: %s", line)
			}
		}
		srcs := regexp.MustCompile(`<audio[^>]*src="([^"]+)"`).FindAllStringSubmatch(dom, -1)
		if len(srcs) != 4 {
			t.Fatalf("%d audio elements in the rendered page, want 4", len(srcs))
		}
		for i, m := range srcs {
			want := fmt.Sprintf("answer-%02d.wav", i+1)
			if m[1] != want {
				t.Errorf("audio %d src %q, want %q", i+1, m[1], want)
			}
			if _, err := os.Stat(filepath.Join(folder, m[1])); err != nil {
				t.Errorf("audio %d: %v", i+1, err)
			}
		}
		if n := strings.Count(dom, "<svg"); n < 5 { // pace chart + 4 STAR bars
			t.Errorf("%d SVG charts in the DOM, want at least 5", n)
		}
	})

	t.Run("STAR colours and charts render", func(t *testing.T) {
		shot := filepath.Join(t.TempDir(), "shot.png")
		chromium(t, page, "--screenshot="+shot, "--window-size=1000,2600")
		f, err := os.Open(shot)
		if err != nil {
			t.Fatal(err)
		}
		defer f.Close()
		img, err := png.Decode(f)
		if err != nil {
			t.Fatal(err)
		}
		count := map[string]int{}
		colors := map[string]string{ColorSituation: "situation", ColorTask: "task", ColorAction: "action", ColorResult: "result", "#0f766e": "pace bars"}
		want := map[[3]uint8]string{}
		for hex, name := range colors {
			r, _ := strconv.ParseUint(hex[1:3], 16, 8)
			g, _ := strconv.ParseUint(hex[3:5], 16, 8)
			bl, _ := strconv.ParseUint(hex[5:7], 16, 8)
			want[[3]uint8{uint8(r), uint8(g), uint8(bl)}] = name
		}
		bounds := img.Bounds()
		for y := bounds.Min.Y; y < bounds.Max.Y; y++ {
			for x := bounds.Min.X; x < bounds.Max.X; x++ {
				r, g, bl, _ := img.At(x, y).RGBA()
				if name, ok := want[[3]uint8{uint8(r >> 8), uint8(g >> 8), uint8(bl >> 8)}]; ok {
					count[name]++
				}
			}
		}
		t.Logf("screenshot %dx%d; pixels of each colour: %v", bounds.Dx(), bounds.Dy(), count)
		// The smallest coloured area expected: answer 1's task segment,
		// 3.5 of 17.7 s of a 600 px bar = 119 px wide x 28 px high,
		// plus the legend and the target bars; 1000 pixels is far below.
		for _, name := range colors {
			if count[name] < 1000 {
				t.Errorf("%s colour: %d pixels, want at least 1000", name, count[name])
			}
		}
	})
}

// TestLoopHTMLInChromium opens the report of a loop day as `starloop
// report` writes it and checks that the debrief, its interviewers and
// warnings, and the pace chart's labels are in the rendered page.
func TestLoopHTMLInChromium(t *testing.T) {
	if testing.Short() {
		t.Skip("starts a browser")
	}
	dir := t.TempDir()
	folder := filepath.Join(dir, loopSession)
	if err := os.CopyFS(folder, os.DirFS(filepath.Join("testdata", "loop", loopSession))); err != nil {
		t.Fatal(err)
	}
	s := loadLoop(t)
	var b bytes.Buffer
	if err := HTML(&b, s, HTMLOptions{}); err != nil {
		t.Fatal(err)
	}
	page := filepath.Join(folder, "report.html")
	if err := os.WriteFile(page, b.Bytes(), 0o600); err != nil {
		t.Fatal(err)
	}
	dom, logs := chromium(t, page, "--dump-dom")
	for _, line := range strings.Split(logs, "\n") {
		if strings.Contains(line, "CONSOLE") && (strings.Contains(line, "ERROR") || strings.Contains(line, "Uncaught")) {
			t.Errorf("console error: %s", line)
		}
	}
	// Two answers, two recordings; the debrief of debrief.md, by hand.
	if n := len(regexp.MustCompile(`<audio[^>]*src="answer-0[12]\.wav"`).FindAllString(dom, -1)); n != 2 {
		t.Errorf("%d audio elements for the two answers", n)
	}
	for _, want := range []string{
		`<h2>Loop debrief</h2>`, `<h3>Interviewers</h3>`, "<b>Priya</b>", "<b>Marcus</b>, bar raiser",
		`<h3>Retold stories</h3>`, "this is the billing-bugs story you told for Customer Obsession",
		`<h3>Answers that fit another LP</h3>`,
		// The pace chart says in words which answer each bar is.
		`>answer 1</text>`, `>answer 2</text>`, `>0 pauses</text>`,
	} {
		if !strings.Contains(dom, want) {
			t.Errorf("the rendered page lacks %q", want)
		}
	}
	if strings.Contains(dom, "<h2>Progress</h2>") {
		t.Error("a progress section without asking for it")
	}

	// A loop day with its introduction: the introduction's section shows
	// its check (by hand from answer-01.json, as TestLoopIntroduction),
	// no STAR bar and no verdict; the story after it keeps both.
	folder = filepath.Join(dir, loopIntroSession)
	if err := os.CopyFS(folder, os.DirFS(filepath.Join("testdata", "loop", loopIntroSession))); err != nil {
		t.Fatal(err)
	}
	b.Reset()
	if err := HTML(&b, loadLoopIntro(t), HTMLOptions{}); err != nil {
		t.Fatal(err)
	}
	page = filepath.Join(folder, "report.html")
	if err := os.WriteFile(page, b.Bytes(), 0o600); err != nil {
		t.Fatal(err)
	}
	dom, _ = chromium(t, page, "--dump-dom")
	section := func(n int) string {
		m := regexp.MustCompile(`(?s)<section class="answer" id="answer-` + strconv.Itoa(n) + `">.*?</section>`).FindString(dom)
		if m == "" {
			t.Fatalf("the rendered page has no answer %d", n)
		}
		return m
	}
	intro, story := section(1), section(2)
	for _, want := range []string{"<h2>Answer 1 · Introduction</h2>", "<td>Length</td><td>0:18: short; aim for 60 to 90 seconds</td>",
		"<td>Structure</td><td>now yes, before yes, next yes</td>",
		"<td>Points</td><td>role yes, experience yes, an achievement yes, why this job no</td>", "<td>Missing</td><td>why this job</td>"} {
		if !strings.Contains(intro, want) {
			t.Errorf("the introduction's section lacks %q:\n%s", want, intro)
		}
	}
	for _, bad := range []string{`class="bar"`, "<td>Verdict</td>", "STAR", "inclined"} {
		if strings.Contains(intro, bad) {
			t.Errorf("the introduction's section shows it as a STAR answer (%q):\n%s", bad, intro)
		}
	}
	if !strings.Contains(story, `class="bar"`) || !strings.Contains(story, "<td>Verdict</td><td>strong: a full STAR story with a measured result, told as I</td>") {
		t.Errorf("the story's section lacks its STAR bar or verdict:\n%s", story)
	}
	if !strings.Contains(dom, "<p>Introduction: 0:18: short; aim for 60 to 90 seconds; missing: why this job.</p>") {
		t.Error("the debrief's introduction note is not on the page")
	}
}

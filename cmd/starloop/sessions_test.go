package main

import (
	"bytes"
	"encoding/json"
	"errors"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/starloop/starloop"
)

// copySessions copies the demo session the report package's golden tests
// use (four answers, recordings cut to 2 s) into a fresh sessions folder.
func copySessions(t *testing.T) (dir, id string) {
	t.Helper()
	src := filepath.Join("..", "..", "report", "testdata", "sessions")
	dir = t.TempDir()
	err := filepath.WalkDir(src, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(src, path)
		if d.IsDir() {
			return os.MkdirAll(filepath.Join(dir, rel), 0o700)
		}
		data, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		return os.WriteFile(filepath.Join(dir, rel), data, 0o600)
	})
	if err != nil {
		t.Fatal(err)
	}
	return dir, "20261127-073001"
}

// TestReviewCommands runs sessions, review, report and progress on a real
// session saved by `starloop demo`.
func TestReviewCommands(t *testing.T) {
	dir, id := copySessions(t)

	out, _, err := runCLI(t, "sessions", "--sessions", dir)
	if err != nil {
		t.Fatal(err)
	}
	// One session of four answers, on Ownership (session.json says so).
	if !strings.Contains(out, id) || !strings.Contains(out, "Ownership") || !strings.Contains(out, " 4 ") {
		t.Errorf("sessions:\n%s", out)
	}

	review, _, err := runCLI(t, "review", "--sessions", dir)
	if err != nil {
		t.Fatal(err)
	}
	// The latest session is reviewed by default: the same text as naming it.
	named, _, err := runCLI(t, "review", "--sessions", dir, id)
	if err != nil || named != review {
		t.Errorf("review of the latest and of %s differ (%v)", id, err)
	}
	want, err := os.ReadFile(filepath.Join("..", "..", "report", "testdata", "review.golden"))
	if err != nil {
		t.Fatal(err)
	}
	if review != string(want) {
		t.Errorf("review differs from report/testdata/review.golden:\n%s", review)
	}

	md, _, err := runCLI(t, "report", "--sessions", dir, "--format", "md", "-o", "-")
	if err != nil || !strings.HasPrefix(md, "# Session "+id) {
		t.Errorf("report --format md: %v\n%.200s", err, md)
	}
	out, _, err = runCLI(t, "report", "--sessions", dir)
	if err != nil {
		t.Fatal(err)
	}
	html := filepath.Join(dir, id, "report.html")
	info, err := os.Stat(html)
	if err != nil || info.Mode().Perm() != 0o600 || !strings.Contains(out, html) {
		t.Errorf("report.html: %v, %v; output %q", info, err, out)
	}

	out, _, err = runCLI(t, "progress", "--sessions", dir, "--lp", "ownership")
	if err != nil || !strings.Contains(out, "Ownership: 1 session(s)") {
		t.Errorf("progress: %v\n%s", err, out)
	}

	_, _, err = runCLI(t, "sessions", "--sessions", dir, "--delete", "20200101-000000")
	if !starloop.IsKind(err, starloop.NotFound) {
		t.Errorf("deleting an unknown session: %v, want kind NotFound", err)
	}
	if _, _, err = runCLI(t, "sessions", "--sessions", dir, "--delete", id, "--yes"); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(filepath.Join(dir, id)); !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("session folder still there after --delete: %v", err)
	}
}

// TestSessionsDelete: --delete asks on a terminal and deletes only on yes;
// off a terminal it needs --yes and deletes nothing without it.
func TestSessionsDelete(t *testing.T) {
	dir, id := copySessions(t)
	_, _, err := runCLI(t, "sessions", "--sessions", dir, "--delete", id)
	var line bytes.Buffer
	if code := report(&line, err); code != 2 || !strings.Contains(line.String(), "add --yes") {
		t.Errorf("off a terminal without --yes: exit %d, %q", code, line.String())
	}
	if _, err := os.Stat(filepath.Join(dir, id)); err != nil {
		t.Fatalf("deleted without --yes: %v", err)
	}
	if testing.Short() {
		return
	}
	if _, err := exec.LookPath("script"); err != nil {
		t.Skip("no script(1) to run starloop on a terminal")
	}
	bin := buildStarloop(t)
	for _, tc := range []struct {
		answer string
		gone   bool
	}{{"n\n", false}, {"\n", false}, {"y\n", true}} {
		// script(1) runs starloop on a pseudo-terminal fed from its stdin.
		cmd := exec.Command("script", "-qec", bin+" sessions --sessions "+dir+" --delete "+id, "/dev/null")
		cmd.Stdin = strings.NewReader(tc.answer)
		out, err := cmd.CombinedOutput()
		if err != nil {
			t.Fatalf("%q: %v\n%s", tc.answer, err, out)
		}
		// By hand: the demo session holds four answers.
		if !strings.Contains(string(out), "Delete session "+id+", its 4 answers and their recordings, for good? [y/N]") {
			t.Errorf("%q: not asked:\n%s", tc.answer, out)
		}
		_, err = os.Stat(filepath.Join(dir, id))
		if gone := errors.Is(err, fs.ErrNotExist); gone != tc.gone {
			t.Errorf("answer %q: deleted %v, want %v\n%s", tc.answer, gone, tc.gone, out)
		}
	}
}

// TestSessionsList: a session ended with q is not marked interrupted, one
// that never got an answer is left out (and counted), and each row names
// its kind.
func TestSessionsList(t *testing.T) {
	dir, id := copySessions(t)
	meta := func(id string) map[string]any {
		b, err := os.ReadFile(filepath.Join(dir, id, "session.json"))
		if err != nil {
			t.Fatal(err)
		}
		var m map[string]any
		if err := json.Unmarshal(b, &m); err != nil {
			t.Fatal(err)
		}
		return m
	}
	write := func(newID string, m map[string]any) {
		m["id"] = newID
		b, _ := json.Marshal(m)
		if err := os.MkdirAll(filepath.Join(dir, newID), 0o700); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dir, newID, "session.json"), b, 0o600); err != nil {
			t.Fatal(err)
		}
	}
	stopped := meta(id)
	stopped["state"] = "stopped"
	write("20261128-090000", stopped)
	loop := meta(id)
	loop["state"] = "interrupted"
	loop["settings"].(map[string]any)["mode"] = "loop"
	write("20261129-090000", loop)
	failed := meta(id)
	failed["state"] = "interrupted"
	failed["answers"] = []any{}
	write("20261130-090000", failed)

	out, _, err := runCLI(t, "sessions", "--sessions", dir)
	if err != nil {
		t.Fatal(err)
	}
	rows := map[string]string{}
	for _, l := range strings.Split(out, "\n") {
		if f := strings.Fields(l); len(f) > 0 {
			rows[f[0]] = l
		}
	}
	if h := rows["ID"]; !strings.Contains(h, " KIND ") {
		t.Errorf("no KIND column: %q", h)
	}
	for _, tc := range []struct{ id, kind, mark string }{
		{id, "practice", ""},
		{"20261128-090000", "practice", "[ended with q]"},
		{"20261129-090000", "loop", "[interrupted]"},
	} {
		r := rows[tc.id]
		f := strings.Fields(r)
		if len(f) < 4 || f[3] != tc.kind || strings.Contains(r, "[interrupted]") != (tc.mark == "[interrupted]") || !strings.HasSuffix(r, tc.mark) {
			t.Errorf("row %q: want kind %s and mark %q", r, tc.kind, tc.mark)
		}
	}
	if _, ok := rows["20261130-090000"]; ok {
		t.Errorf("the session with no answer is listed:\n%s", out)
	}
	if !strings.Contains(out, "(1 session with no answer not shown: it stopped before the first answer)") {
		t.Errorf("the hidden session is not counted:\n%s", out)
	}
	// review with no id reads the latest session that has an answer.
	if review, _, err := runCLI(t, "review", "--sessions", dir); err != nil || !strings.HasPrefix(review, "Session 20261129-090000 ") {
		t.Errorf("review of the latest session: %v\n%s", err, review)
	}
}

// TestReportProgressFlag: the HTML report carries the progress across
// sessions only with --progress.
func TestReportProgressFlag(t *testing.T) {
	dir, id := copySessions(t)
	for _, tc := range []struct {
		args []string
		want bool
	}{{nil, false}, {[]string{"--progress"}, true}} {
		out := filepath.Join(t.TempDir(), "r.html")
		if _, _, err := runCLI(t, append([]string{"report", id, "--sessions", dir, "-o", out}, tc.args...)...); err != nil {
			t.Fatal(err)
		}
		b, err := os.ReadFile(out)
		if err != nil {
			t.Fatal(err)
		}
		if got := strings.Contains(string(b), "<h2>Progress</h2>"); got != tc.want {
			t.Errorf("%v: progress section %v, want %v", tc.args, got, tc.want)
		}
	}
}

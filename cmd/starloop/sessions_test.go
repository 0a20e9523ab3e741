package main

import (
	"errors"
	"io/fs"
	"os"
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
	if _, _, err = runCLI(t, "sessions", "--sessions", dir, "--delete", id); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(filepath.Join(dir, id)); !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("session folder still there after --delete: %v", err)
	}
}

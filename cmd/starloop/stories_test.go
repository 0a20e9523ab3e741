package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/starloop/starloop"
)

const (
	exampleStories = "../../stories/testdata/example.yaml"
	badStories     = "../../stories/testdata/bad.yaml"
)

// storiesGolden is package stories' golden file name, which shows the
// files it reads from its own folder, as seen from this one.
func storiesGolden(t *testing.T, name string) string {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("../../stories/testdata", name))
	if err != nil {
		t.Fatal(err)
	}
	return strings.ReplaceAll(string(b), "testdata/", "../../stories/testdata/")
}

func TestStoriesGrid(t *testing.T) {
	t.Setenv("STARLOOP_STORIES", "")
	out, _, err := runCLI(t, "stories", "--file", exampleStories)
	if err != nil {
		t.Fatal(err)
	}
	if want := storiesGolden(t, "grid.golden"); out != want {
		t.Errorf("got\n%s\nwant\n%s", out, want)
	}
	// By hand from example.yaml: 4 stories serve 8 LPs once each, so all 16
	// LPs are gaps, 8 with no story.
	if n := strings.Count(out, ": no story\n"); n != 8 {
		t.Errorf("%d LPs listed with no story, want 8", n)
	}
	if !strings.Contains(out, "Gaps (aim for 2 stories per LP): 16 of 16 LPs") {
		t.Error("gap summary missing or wrong")
	}
}

func TestStoriesCheck(t *testing.T) {
	t.Setenv("STARLOOP_STORIES", "")
	tests := []struct {
		name, file, golden string
		code               int
	}{
		{"clean file with warnings", exampleStories, "check-example.golden", 0},
		{"errors", badStories, "check-bad.golden", 2},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			out, _, err := runCLI(t, "stories", "check", "--stories", tt.file)
			if want := storiesGolden(t, tt.golden); out != want {
				t.Errorf("got\n%s\nwant\n%s", out, want)
			}
			var msg bytes.Buffer
			if code := report(&msg, err); code != tt.code {
				t.Errorf("exit code %d, want %d (%v)", code, tt.code, err)
			}
			if tt.code != 0 && strings.Count(msg.String(), "\n") != 1 {
				t.Errorf("error message is not one line: %q", msg.String())
			}
		})
	}
}

// TestStoriesGridWithErrors: one bad entry does not hide the grid: the
// grid of the good stories comes first, then the errors, and exit code 2.
func TestStoriesGridWithErrors(t *testing.T) {
	t.Setenv("STARLOOP_STORIES", "")
	example, err := os.ReadFile(exampleStories)
	if err != nil {
		t.Fatal(err)
	}
	// Lines 56 to 58 of the copy: an unknown LP, and no task, action or
	// result: four errors, all in this entry.
	bad := filepath.Join(t.TempDir(), "stories.yaml")
	entry := "\n  - title: Half a story\n    lps: [ownrship]\n    situation: Something happened.\n"
	if err := os.WriteFile(bad, append(example, entry...), 0o600); err != nil {
		t.Fatal(err)
	}
	out, _, err := runCLI(t, "stories", "--stories", bad)
	var line bytes.Buffer
	if code := report(&line, err); code != 2 || !strings.Contains(line.String(), "4 errors in "+bad+" (listed above)") {
		t.Errorf("exit %d, %q; want 2 and the count of errors", code, line.String())
	}
	// The grid is the one of the example's four stories.
	want := strings.Replace(storiesGolden(t, "grid.golden"), exampleStories, bad, 1)
	if !strings.HasPrefix(out, want) {
		t.Fatalf("the grid of the good stories does not come first:\n%s", out)
	}
	errs := strings.Split(strings.TrimSuffix(strings.TrimPrefix(out, want), "\n"), "\n")
	if len(errs) != 6 || errs[0] != "" || errs[1] != "4 errors (the grid leaves out the 1 story with errors):" {
		t.Fatalf("after the grid:\n%s", strings.Join(errs, "\n"))
	}
	for _, e := range errs[2:] {
		if !strings.HasPrefix(e, "  "+bad+":5") {
			t.Errorf("error %q is not one of the bad entry's (lines 5x)", e)
		}
	}

	// Not YAML at all: no story to show, so no empty grid; the error.
	broken := filepath.Join(t.TempDir(), "broken.yaml")
	os.WriteFile(broken, []byte("stories: [\n"), 0o600)
	out, _, err = runCLI(t, "stories", "--stories", broken)
	if code := report(&bytes.Buffer{}, err); code != 2 || strings.Contains(out, "Leadership Principle") ||
		!strings.Contains(out, "1 error:\n  "+broken+":1: not valid YAML") {
		t.Errorf("broken file: exit %d, printed\n%s", code, out)
	}
}

func TestStoriesPath(t *testing.T) {
	dir := t.TempDir()
	data, err := os.ReadFile(exampleStories)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.MkdirAll(filepath.Join(dir, "starloop"), 0o700); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "starloop", "stories.yaml"), data, 0o600); err != nil {
		t.Fatal(err)
	}
	t.Setenv("XDG_CONFIG_HOME", dir)
	t.Setenv("STARLOOP_STORIES", "")
	out, _, err := runCLI(t, "stories")
	if err != nil {
		t.Fatalf("default path under XDG_CONFIG_HOME: %v", err)
	}
	if !strings.Contains(out, ": 4 stories") {
		t.Errorf("did not read the 4 stories of the default file:\n%s", out)
	}

	t.Setenv("STARLOOP_STORIES", filepath.Join(dir, "missing.yaml"))
	_, _, err = runCLI(t, "stories")
	if code := report(&bytes.Buffer{}, err); code != 3 {
		t.Errorf("missing file: exit %d (%v), want 3", code, err)
	}
	if err == nil || !strings.Contains(err.Error(), "missing.yaml") {
		t.Errorf("missing file: %v; want the path in the message", err)
	}
}

// TestStoryBankFlag: the story bank's flag is --stories in every command,
// and a missing bank's message names that flag; --file stays an alias.
func TestStoryBankFlag(t *testing.T) {
	t.Setenv("STARLOOP_STORIES", "")
	missing := filepath.Join(t.TempDir(), "nonexistent.yaml")
	for _, args := range [][]string{
		{"loop", "--sessions", t.TempDir(), "--stories", missing},
		{"stories", "--stories", missing},
		{"stories", "check", "--stories", missing},
	} {
		_, _, err := runCLI(t, args...)
		if !starloop.IsKind(err, starloop.NotFound) || !strings.Contains(err.Error(), missing) ||
			!strings.Contains(err.Error(), "--stories") || strings.Contains(err.Error(), "--file") {
			t.Errorf("%v: %v; want not found, naming %s and --stories", args, err, missing)
		}
	}
	if _, _, err := runCLI(t, "stories", "--file", exampleStories); err != nil {
		t.Errorf("--file as an alias: %v", err)
	}
}

package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/starloop/starloop"
	"github.com/starloop/starloop/internal/golden"
)

const (
	exampleStories = "../../stories/testdata/example.yaml"
	badStories     = "../../stories/testdata/bad.yaml"
)

func TestStoriesGrid(t *testing.T) {
	t.Setenv("STARLOOP_STORIES", "")
	out, _, err := runCLI(t, "stories", "--file", exampleStories)
	if err != nil {
		t.Fatal(err)
	}
	golden.Check(t, "stories-grid.golden", []byte(out))
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
		{"clean file with warnings", exampleStories, "stories-check-example.golden", 0},
		{"errors", badStories, "stories-check-bad.golden", 2},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			out, _, err := runCLI(t, "stories", "check", "--file", tt.file)
			golden.Check(t, tt.golden, []byte(out))
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

func TestStoriesGridRefusesBadFile(t *testing.T) {
	t.Setenv("STARLOOP_STORIES", badStories)
	out, _, err := runCLI(t, "stories")
	if !starloop.IsKind(err, starloop.Invalid) {
		t.Fatalf("err = %v, want Invalid", err)
	}
	if out != "" {
		t.Errorf("wrote %q before failing", out)
	}
	if !strings.Contains(err.Error(), "bad.yaml:2:") || !strings.Contains(err.Error(), "stories check") {
		t.Errorf("message %q does not give the first error's line and point to stories check", err)
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

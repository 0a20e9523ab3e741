package main

import (
	"os"
	"path/filepath"
	"testing"
)

// TestMain keeps the tests off the user's cache and speaker profiles (a
// "default" profile would change every transcript) and, unless a test says
// otherwise with t.Setenv("STARLOOP_NO_STORIES", ""), decodes with the
// stock language model, whose accuracy the tests' bars were set on:
// building the story bank's model takes seconds that most tests do not
// need.
func TestMain(m *testing.M) {
	dir, err := os.MkdirTemp("", "starloop-cmd-test-")
	if err != nil {
		panic(err)
	}
	os.Setenv("XDG_CACHE_HOME", filepath.Join(dir, "cache"))
	os.Setenv("XDG_DATA_HOME", filepath.Join(dir, "data"))
	os.Setenv("STARLOOP_NO_STORIES", "1")
	code := m.Run()
	os.RemoveAll(dir)
	os.Exit(code)
}

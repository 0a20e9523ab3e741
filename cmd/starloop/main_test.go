package main

import (
	"os"
	"testing"
)

// TestMain keeps the tests off the user's cache and, unless a test says
// otherwise with t.Setenv("STARLOOP_NO_STORIES", ""), decodes with the
// stock language model, whose accuracy the tests' bars were set on:
// building the story bank's model takes seconds that most tests do not
// need.
func TestMain(m *testing.M) {
	dir, err := os.MkdirTemp("", "starloop-cache-")
	if err != nil {
		panic(err)
	}
	os.Setenv("XDG_CACHE_HOME", dir)
	os.Setenv("STARLOOP_NO_STORIES", "1")
	code := m.Run()
	os.RemoveAll(dir)
	os.Exit(code)
}

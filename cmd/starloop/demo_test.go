package main

import (
	"os"
	"testing"
)

// TestSetenvRestores: the demo's variables are set for its run, and what
// was there before, set or not, is back after.
func TestSetenvRestores(t *testing.T) {
	t.Setenv("STARLOOP_TEST_SET", "before")
	t.Setenv("STARLOOP_TEST_UNSET", "")
	os.Unsetenv("STARLOOP_TEST_UNSET")
	restore := setenv([]string{"STARLOOP_TEST_SET=during=1", "STARLOOP_TEST_UNSET=new"})
	if got := os.Getenv("STARLOOP_TEST_SET"); got != "during=1" {
		t.Errorf("during: %q, want the value after the first =", got)
	}
	if got := os.Getenv("STARLOOP_TEST_UNSET"); got != "new" {
		t.Errorf("during: %q", got)
	}
	restore()
	if got := os.Getenv("STARLOOP_TEST_SET"); got != "before" {
		t.Errorf("after: %q, want before", got)
	}
	if _, ok := os.LookupEnv("STARLOOP_TEST_UNSET"); ok {
		t.Error("after: a variable that was not set is still set")
	}
}

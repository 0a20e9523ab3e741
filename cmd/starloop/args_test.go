package main

import (
	"bytes"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// TestFlagsAfterArguments: the two command lines of the issue, with the
// flags after the session id, do what the same flags before it do.
func TestFlagsAfterArguments(t *testing.T) {
	dir, id := copySessions(t)
	before := filepath.Join(t.TempDir(), "before.md")
	after := filepath.Join(t.TempDir(), "after.md")
	if _, _, err := runCLI(t, "report", "--sessions", dir, "--format", "md", "-o", before, id); err != nil {
		t.Fatal(err)
	}
	if _, _, err := runCLI(t, "report", id, "--sessions", dir, "--format", "md", "-o", after); err != nil {
		t.Fatalf("flags after the id: %v", err)
	}
	a, _ := os.ReadFile(before)
	b, err := os.ReadFile(after)
	if err != nil || !bytes.Equal(a, b) || !bytes.HasPrefix(a, []byte("# ")) {
		t.Errorf("report with flags after the id differs (%v):\n%s\n---\n%s", err, a, b)
	}
	out1, _, err1 := runCLI(t, "review", "--sessions", dir, id)
	out2, _, err2 := runCLI(t, "review", id, "--sessions", dir)
	if err1 != nil || err2 != nil || out1 != out2 {
		t.Errorf("review with --sessions after the id: %v %v", err1, err2)
	}
}

// TestBadFlagValue: a flag that cannot be read is one line naming the flag
// and the form it expects, exit code 2, and no help text.
func TestBadFlagValue(t *testing.T) {
	for _, tc := range []struct {
		args []string
		env  string
		want string
	}{
		{[]string{"practice", "--patience", "banana"}, "", `starloop: practice: --patience "banana": expected a duration such as 3s, 90s or 1m30s`},
		{[]string{"practice", "--questions=many"}, "", `starloop: practice: --questions "many": expected a whole number such as 2`},
		{[]string{"loop", "--rate", "fast"}, "", `starloop: loop: --rate "fast": expected a number such as 0.8`},
		{[]string{"review", "--play"}, "", `starloop: review: --play needs a value: a whole number such as 2`},
		{[]string{"sessions", "--bogus"}, "", `starloop: sessions: no flag --bogus (starloop sessions --help lists them)`},
		{[]string{"practice"}, "banana", `starloop: practice: STARLOOP_PATIENCE="banana" (for --patience): expected a duration such as 3s, 90s or 1m30s`},
	} {
		t.Run(strings.Join(tc.args, " "), func(t *testing.T) {
			t.Setenv("STARLOOP_PATIENCE", tc.env)
			if tc.env == "" {
				os.Unsetenv("STARLOOP_PATIENCE")
			}
			stdout, stderr, err := runCLI(t, tc.args...)
			var line bytes.Buffer
			code := report(&line, err)
			if code != 2 || line.String() != tc.want+"\n" || stdout != "" || stderr != "" {
				t.Errorf("exit %d, printed %q (stdout %q, stderr %q), want exit 2, %q", code, line.String(), stdout, stderr, tc.want)
			}
		})
	}
}

func TestVersion(t *testing.T) {
	out, _, err := runCLI(t, "--version")
	if err != nil || !strings.HasPrefix(out, "starloop version ") || strings.Count(out, "\n") != 1 {
		t.Errorf("--version: %q, %v", out, err)
	}
	fields := strings.Fields(out)
	if !slices.ContainsFunc(fields, func(f string) bool { return strings.HasPrefix(f, "go1.") }) {
		t.Errorf("--version names no Go version: %q", out)
	}
}

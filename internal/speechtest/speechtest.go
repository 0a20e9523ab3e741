// Package speechtest finds the shared recordings of real human speech that
// starloop's tests measure transcription and audio handling on: the folder
// shared/speech beside the module's root (as in CI, where shared/ sits next
// to the clone), with refs.tsv listing each recording's reference
// transcript. Tests that need them skip, saying why, when they are absent.
package speechtest

import (
	"bufio"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// Dir returns the folder of the shared recordings, or skips tb.
func Dir(tb testing.TB) string {
	tb.Helper()
	dir, err := os.Getwd()
	if err != nil {
		tb.Fatal(err)
	}
	for {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			break
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			tb.Skip("no go.mod above the test directory, so no ../shared/speech to test with")
		}
		dir = parent
	}
	speech := filepath.Join(dir, "..", "shared", "speech")
	if _, err := os.Stat(filepath.Join(speech, "refs.tsv")); err != nil {
		tb.Skipf("recordings not found: %s/refs.tsv is missing (it sits beside the clone in CI)", speech)
	}
	return speech
}

// Path returns the path of recording name (e.g. "jfk.wav"), or skips tb.
func Path(tb testing.TB, name string) string {
	tb.Helper()
	p := filepath.Join(Dir(tb), name)
	if _, err := os.Stat(p); err != nil {
		tb.Skipf("no recording %s", p)
	}
	return p
}

// Recording is one line of refs.tsv.
type Recording struct {
	ID        string // file name without ".wav"
	Reference string // the published transcript, not normalised
	Path      string
}

// All returns every recording that refs.tsv lists, in its order, or skips tb.
func All(tb testing.TB) []Recording {
	tb.Helper()
	dir := Dir(tb)
	f, err := os.Open(filepath.Join(dir, "refs.tsv"))
	if err != nil {
		tb.Fatal(err)
	}
	defer f.Close()
	var out []Recording
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		fields := strings.Split(sc.Text(), "\t")
		if len(fields) < 2 || fields[0] == "" {
			continue
		}
		out = append(out, Recording{ID: fields[0], Reference: fields[1], Path: filepath.Join(dir, fields[0]+".wav")})
	}
	if err := sc.Err(); err != nil {
		tb.Fatal(err)
	}
	if len(out) == 0 {
		tb.Fatalf("%s/refs.tsv lists no recordings", dir)
	}
	return out
}

// Reference returns the reference transcript of recording id, or fails tb.
func Reference(tb testing.TB, id string) string {
	tb.Helper()
	for _, r := range All(tb) {
		if r.ID == id {
			return r.Reference
		}
	}
	tb.Fatalf("%s is not in refs.tsv", id)
	return ""
}

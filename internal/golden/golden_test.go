package golden

import (
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
)

// recorder is a testing.TB that records failures instead of failing.
type recorder struct {
	testing.TB
	failed bool
	msg    string
}

func (r *recorder) Helper() {}
func (r *recorder) Errorf(format string, args ...any) {
	r.failed = true
	r.msg = format
}
func (r *recorder) Fatalf(format string, args ...any) {
	r.failed = true
	r.msg = format
	runtime.Goexit() // as testing does: Check stops here
}

// check runs Check on r in a goroutine of its own, so that Fatalf can end it.
func check(r *recorder, name string, got []byte) {
	done := make(chan struct{})
	go func() {
		defer close(done)
		Check(r, name, got)
	}()
	<-done
}

func TestCheck(t *testing.T) {
	t.Chdir(t.TempDir())
	if err := os.MkdirAll("testdata", 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join("testdata", "a.golden"), []byte("one\ntwo\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name, file, got string
		fail            bool
		msg             string
	}{
		{"same", "a.golden", "one\ntwo\n", false, ""},
		{"differs", "a.golden", "one\n", true, "output differs"},
		{"missing", "b.golden", "x", true, "go test -update writes it"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := &recorder{TB: t}
			check(r, tt.file, []byte(tt.got))
			if r.failed != tt.fail || !strings.Contains(r.msg, tt.msg) {
				t.Errorf("failed %v with %q, want failed %v with %q", r.failed, r.msg, tt.fail, tt.msg)
			}
		})
	}
}

func TestUpdateWrites(t *testing.T) {
	t.Chdir(t.TempDir())
	*update = true
	defer func() { *update = false }()
	Check(t, "new/c.golden", []byte("fresh\n"))
	got, err := os.ReadFile(filepath.Join("testdata", "new", "c.golden"))
	if err != nil || string(got) != "fresh\n" {
		t.Fatalf("wrote %q, %v; want %q", got, err, "fresh\n")
	}
}

package stories

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/starloop/starloop"
	"github.com/starloop/starloop/internal/golden"
)

// TestReportAndCheckGolden: what `starloop stories` and `stories check`
// show of the example bank and of the bad one.
func TestReportAndCheckGolden(t *testing.T) {
	bank := loadBank(t)
	example, err := ReadFile("testdata/example.yaml", bank)
	if err != nil {
		t.Fatal(err)
	}
	var b bytes.Buffer
	if err := Report(&b, example, bank); err != nil {
		t.Fatal(err)
	}
	golden.Check(t, "grid.golden", b.Bytes())
	b.Reset()
	if err := Check(&b, example); err != nil {
		t.Fatalf("the example has warnings only: %v", err)
	}
	golden.Check(t, "check-example.golden", b.Bytes())

	bad, err := ReadFile("testdata/bad.yaml", bank)
	if err != nil {
		t.Fatal(err)
	}
	b.Reset()
	err = Check(&b, bad)
	golden.Check(t, "check-bad.golden", b.Bytes())
	if !starloop.IsKind(err, starloop.Invalid) || !strings.HasPrefix(err.Error(), "check testdata/bad.yaml: ") {
		t.Errorf("bad bank: %v, want an Invalid error naming the file", err)
	}
	b.Reset()
	if err := Report(&b, bad, bank); !starloop.IsKind(err, starloop.Invalid) || !strings.Contains(err.Error(), "(listed above)") {
		t.Errorf("Report of the bad bank: %v", err)
	}
}

// TestLoad: a bank nobody named may be missing; a named one may not; one
// with errors is an error.
func TestLoad(t *testing.T) {
	bank := loadBank(t)
	missing := filepath.Join(t.TempDir(), "stories.yaml")
	if f, err := Load(missing, false, bank); f != nil || err != nil {
		t.Errorf("default bank missing: %v, %v; want none and no error", f, err)
	}
	_, err := Load(missing, true, bank)
	if !starloop.IsKind(err, starloop.NotFound) || !strings.Contains(err.Error(), "no story bank at "+missing) {
		t.Errorf("named bank missing: %v", err)
	}
	if _, err := Load("testdata/bad.yaml", false, bank); !starloop.IsKind(err, starloop.Invalid) {
		t.Errorf("bank with errors: %v", err)
	}
	f, err := Load("testdata/example.yaml", true, bank)
	if err != nil || len(f.Stories) != 4 {
		t.Errorf("example: %v, %v; want its 4 stories", f, err)
	}
	dir := t.TempDir()
	if err := os.Mkdir(filepath.Join(dir, "d.yaml"), 0o700); err != nil {
		t.Fatal(err)
	}
	if _, err := ReadFile(filepath.Join(dir, "d.yaml"), bank); !starloop.IsKind(err, starloop.Invalid) {
		t.Errorf("a folder: %v", err)
	}
}

package report

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/starloop/starloop"
)

// TestSave: Markdown goes to w, the same bytes as report-md.golden; HTML
// to a file of mode 0600 (an existing 0644 one too), with a line saying
// where, and players pointing back at the test session's folder.
func TestSave(t *testing.T) {
	dir := filepath.Join("testdata", "sessions")
	var b bytes.Buffer
	if err := Save(&b, dir, testSession, SaveOptions{Format: "md", LPName: lpName}); err != nil {
		t.Fatal(err)
	}
	want, err := os.ReadFile(filepath.Join("testdata", "report-md.golden"))
	if err != nil {
		t.Fatal(err)
	}
	if b.String() != string(want) {
		t.Errorf("md to w differs from report-md.golden:\n%s", b.String())
	}

	out := filepath.Join(t.TempDir(), "r.html")
	if err := os.WriteFile(out, []byte("old"), 0o644); err != nil {
		t.Fatal(err)
	}
	b.Reset()
	if err := Save(&b, dir, testSession, SaveOptions{Format: "html", Out: out, LPName: lpName}); err != nil {
		t.Fatal(err)
	}
	fi, err := os.Stat(out)
	if err != nil {
		t.Fatal(err)
	}
	if fi.Mode().Perm() != 0o600 {
		t.Errorf("mode %v, want 0600", fi.Mode().Perm())
	}
	if want := "Report written to " + out + " ("; !strings.HasPrefix(b.String(), want) {
		t.Errorf("said %q, want it to start %q", b.String(), want)
	}
	html, _ := os.ReadFile(out)
	abs, _ := filepath.Abs(filepath.Join(dir, testSession))
	rel, _ := filepath.Rel(filepath.Dir(out), abs)
	if !strings.Contains(string(html), filepath.ToSlash(rel)+"/answer-01.wav") {
		t.Errorf("the players do not point at %s/answer-01.wav", rel)
	}

	if err := Save(&b, dir, testSession, SaveOptions{Format: "pdf"}); !starloop.IsKind(err, starloop.Invalid) ||
		err.Error() != `report: --format "pdf": want html, md or json` {
		t.Errorf("pdf: %v", err)
	}
}

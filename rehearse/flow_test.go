package rehearse

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/starloop/starloop"
)

func TestHistoryFile(t *testing.T) {
	want := filepath.Join("data", "starloop", HistoryName)
	for _, dir := range []string{"data/starloop/sessions", "data/starloop/sessions/"} {
		if got := HistoryFile(dir); got != want {
			t.Errorf("HistoryFile(%q) = %q, want %q", dir, got, want)
		}
	}
}

func TestReadScript(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "intro.md")
	if err := os.WriteFile(path, []byte("- Payments engineer.\n- Led billing\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	pts, err := ReadScript(path)
	if err != nil || len(pts) != 2 || pts[1].Text != "Led billing" {
		t.Errorf("ReadScript = %+v, %v", pts, err)
	}
	missing := filepath.Join(dir, "none.md")
	if _, err := ReadScript(missing); !starloop.IsKind(err, starloop.NotFound) || err.Error() != "rehearse: no script at "+missing {
		t.Errorf("missing script: %v", err)
	}
}

// TestFinish: the first run writes its report and no trend; the second
// adds the trend of both, recall 50% then 100%.
func TestFinish(t *testing.T) {
	dir := t.TempDir()
	hist := filepath.Join(dir, HistoryName)
	pts, err := ParseScript("- Payments engineer.\n- Led billing\n")
	if err != nil {
		t.Fatal(err)
	}
	at := time.Date(2026, 12, 1, 9, 30, 0, 0, time.UTC)
	var out bytes.Buffer
	one := Take{Transcript: starloop.Transcript{Text: "i am a payments engineer"}, Length: 3 * time.Second}
	if err := Finish(&out, hist, "intro.md", "microphone", pts, one, Options{}, at); err != nil {
		t.Fatal(err)
	}
	if s := out.String(); !strings.HasPrefix(s, "\nHeard: i am a payments engineer\n\nKey points said: 1 of 2 (50%)") || strings.Contains(s, "Recall") {
		t.Errorf("first run wrote:\n%s", s)
	}
	out.Reset()
	two := Take{Transcript: starloop.Transcript{Text: "i am a payments engineer and i led billing"}, Length: 5 * time.Second}
	if err := Finish(&out, hist, "intro.md", "take.wav", pts, two, Options{}, at.Add(time.Hour)); err != nil {
		t.Fatal(err)
	}
	if s := out.String(); !strings.Contains(s, "Key points said: 2 of 2 (100%)") || !strings.Contains(s, "Recall +50 points over 2 runs (50% to 100%).") {
		t.Errorf("second run wrote:\n%s", s)
	}
	out.Reset()
	if err := WriteHistory(&out, hist, "intro.md", time.UTC); err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"Rehearsals of intro.md:\n", "2026-12-01 09:30", "2026-12-01 10:30", "1/2", "2/2"} {
		if !strings.Contains(out.String(), want) {
			t.Errorf("history lacks %q:\n%s", want, out.String())
		}
	}
}

package stories

import (
	"bytes"
	"os"
	"testing"
)

// FuzzParse checks that Parse never panics and that what it returns holds
// together: problems point inside the file, and a file without errors gives
// complete stories.
func FuzzParse(f *testing.F) {
	for _, name := range []string{"testdata/example.yaml", "testdata/bad.yaml"} {
		data, err := os.ReadFile(name)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(data)
	}
	f.Add([]byte("stories:\n  - title: a\n    lps: ownership\n    situation: s\n    task: t\n    action: a\n    result: r\n"))
	f.Add([]byte("stories: &a [*a]\n"))
	bank := loadBank(f)
	f.Fuzz(func(t *testing.T, data []byte) {
		file := Parse("f.yaml", data, bank)
		lines := bytes.Count(data, []byte("\n")) + 2
		for _, p := range file.Problems {
			if p.Line < 0 || p.Line > lines {
				t.Errorf("problem on line %d of a %d-line file: %s", p.Line, lines, p)
			}
		}
		if file.Err() != nil {
			return
		}
		if len(file.Stories) == 0 {
			t.Fatal("no errors and no stories")
		}
		for _, s := range file.Stories {
			if s.Title == "" || s.ID == "" || len(s.LPs) == 0 || len(s.Situation) == 0 ||
				len(s.Task) == 0 || len(s.Action) == 0 || len(s.Result) == 0 {
				t.Errorf("story without errors is incomplete: %+v", s)
			}
		}
	})
}

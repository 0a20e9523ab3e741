package whichlp

import (
	"bytes"
	"errors"
	"strings"
	"testing"

	"github.com/starloop/starloop"
)

// TestWriteJSON: the first two of three, scores rounded to four decimals
// by hand (0.123456 to 0.1235, 0.1 stays 0.1).
func TestWriteJSON(t *testing.T) {
	ranked := []LPScore{
		{ID: "frugality", Name: "Frugality", Score: 0.123456},
		{ID: "ownership", Name: "Ownership", Score: 0.1},
		{ID: "think-big", Name: "Think Big", Score: 0.05},
	}
	var b bytes.Buffer
	if err := WriteJSON(&b, ranked, 2); err != nil {
		t.Fatal(err)
	}
	want := `[
  {
    "lp": "frugality",
    "name": "Frugality",
    "score": 0.1235
  },
  {
    "lp": "ownership",
    "name": "Ownership",
    "score": 0.1
  }
]
`
	if b.String() != want {
		t.Errorf("got\n%s\nwant\n%s", b.String(), want)
	}
}

// failWriter fails every write.
type failWriter struct{}

func (failWriter) Write([]byte) (int, error) { return 0, errors.New("disk full") }

// TestPrint: text or JSON as asked; a failed write is an error of kind
// Other that says what was written.
func TestPrint(t *testing.T) {
	ranked := []LPScore{{ID: "frugality", Name: "Frugality", Score: 0.5, Words: []string{"budget"}}}
	var text, js bytes.Buffer
	// The score is printed 3 wide: " 50%".
	if err := Print(&text, ranked, 3, false); err != nil || text.String() != "Frugality   50%  budget\n" {
		t.Errorf("text: %q, %v", text.String(), err)
	}
	if err := Print(&js, ranked, 3, true); err != nil || !strings.HasPrefix(js.String(), "[\n  {\n    \"lp\": \"frugality\"") {
		t.Errorf("JSON: %q, %v", js.String(), err)
	}
	err := Print(failWriter{}, ranked, 3, false)
	if starloop.KindOf(err) != starloop.Other || err == nil || !strings.Contains(err.Error(), "write LPs: disk full") {
		t.Errorf("failed write: %v", err)
	}
}

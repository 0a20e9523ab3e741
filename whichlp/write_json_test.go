package whichlp

import (
	"bytes"
	"testing"
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

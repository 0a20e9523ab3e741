package report

import (
	"bytes"
	"testing"
	"time"

	"github.com/starloop/starloop"
)

// TestTranscriptJSON: times in seconds (1.25 s, not 1250000000 ns).
func TestTranscriptJSON(t *testing.T) {
	tr := starloop.Transcript{Text: "we shipped", Words: []starloop.Word{
		{Text: "we", Start: 250 * time.Millisecond, End: 500 * time.Millisecond},
		{Text: "shipped", Start: 500 * time.Millisecond, End: 1250 * time.Millisecond},
	}}
	var b bytes.Buffer
	if err := TranscriptJSON(&b, tr, 2*time.Second); err != nil {
		t.Fatal(err)
	}
	want := `{
  "text": "we shipped",
  "words": [
    {
      "text": "we",
      "start": 0.25,
      "end": 0.5
    },
    {
      "text": "shipped",
      "start": 0.5,
      "end": 1.25
    }
  ],
  "duration": 2
}
`
	if b.String() != want {
		t.Errorf("got\n%s\nwant\n%s", b.String(), want)
	}
	b.Reset()
	if err := TranscriptJSON(&b, starloop.Transcript{}, 0); err != nil || b.String() != "{\n  \"text\": \"\",\n  \"words\": [],\n  \"duration\": 0\n}\n" {
		t.Errorf("empty transcript: %q, %v", b.String(), err)
	}
}

package report

import (
	"encoding/json"
	"io"
	"time"

	"github.com/starloop/starloop"
)

// transcriptJSON is `transcribe --json`: times in seconds, not the
// nanoseconds that time.Duration would marshal to.
type transcriptJSON struct {
	Text     string     `json:"text"`
	Words    []wordJSON `json:"words"`
	Duration float64    `json:"duration"`
}

type wordJSON struct {
	Text  string  `json:"text"`
	Start float64 `json:"start"`
	End   float64 `json:"end"`
}

// TranscriptJSON writes t, from a recording duration long, as one
// indented JSON object: {"text", "words": [{"text", "start", "end"}],
// "duration"}, times in seconds.
func TranscriptJSON(w io.Writer, t starloop.Transcript, duration time.Duration) error {
	out := transcriptJSON{Text: t.Text, Words: make([]wordJSON, len(t.Words)), Duration: duration.Seconds()}
	for i, wd := range t.Words {
		out.Words[i] = wordJSON{Text: wd.Text, Start: wd.Start.Seconds(), End: wd.End.Seconds()}
	}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(out)
}

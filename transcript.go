package starloop

import (
	"strings"
	"time"
)

// Word is one recognised word with its place in the recording. Start and End
// are offsets from the start of the answer's audio.
type Word struct {
	Text  string        `json:"text"`
	Start time.Duration `json:"start"`
	End   time.Duration `json:"end"`
}

// Transcript is what a transcriber returns and what the rubric judges. Text
// is always set; Words is set when the transcriber knows word timings, and
// then joining the words' Text gives Text (up to spacing and punctuation).
type Transcript struct {
	Text  string `json:"text"`
	Words []Word `json:"words,omitempty"`
}

// Timed reports whether the transcript carries word timings.
func (t Transcript) Timed() bool { return len(t.Words) > 0 }

// Duration is the time from the start of the audio to the end of the last
// word, or 0 when the transcript is not timed.
func (t Transcript) Duration() time.Duration {
	if len(t.Words) == 0 {
		return 0
	}
	return t.Words[len(t.Words)-1].End
}

// TextFromWords joins word texts with single spaces.
func TextFromWords(words []Word) string {
	var b strings.Builder
	for i, w := range words {
		if i > 0 {
			b.WriteByte(' ')
		}
		b.WriteString(w.Text)
	}
	return b.String()
}

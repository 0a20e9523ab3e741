package rehearse

import (
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/starloop/starloop"
	"github.com/starloop/starloop/audio"
)

// HistoryName is the rehearsal history, one JSON line per run, kept next
// to the sessions folder (it holds no recording, so it is not a session).
const HistoryName = "rehearse-history.jsonl"

// HistoryFile is the history beside the sessions folder sessionsDir.
func HistoryFile(sessionsDir string) string {
	return filepath.Join(filepath.Dir(filepath.Clean(sessionsDir)), HistoryName)
}

// ReadScript reads and parses the script at path.
func ReadScript(path string) ([]Point, error) {
	const op = "rehearse"
	data, err := os.ReadFile(path)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, starloop.Errorf(starloop.NotFound, "%s: no script at %s", op, path)
	}
	if err != nil {
		return nil, starloop.E(op, starloop.Invalid, err)
	}
	return ParseScript(string(data))
}

// WriteHistory writes the rehearsals of script kept in the history at
// histPath, with times in loc.
func WriteHistory(w io.Writer, histPath, script string, loc *time.Location) error {
	runs, err := LoadHistory(histPath, script)
	if err != nil {
		return err
	}
	fmt.Fprintf(w, "Rehearsals of %s:\n%s", script, Trend(runs, loc))
	return nil
}

// Finish measures the take tk of script's points, writes what was heard
// and the report to w, adds the run (made at now, from source) to the
// history at histPath and, when there were runs before, writes the trend
// of the last five, with times in now's location.
func Finish(w io.Writer, histPath, script, source string, points []Point, tk Take, opt Options, now time.Time) error {
	res := MeasureTake(points, tk, opt)
	fmt.Fprintf(w, "\nHeard: %s\n\n%s", tk.Transcript.Text, res.Report())
	if err := AppendHistory(histPath, RunOf(res, script, now, source)); err != nil {
		return err
	}
	runs, err := LoadHistory(histPath, script)
	if err == nil && len(runs) > 1 {
		fmt.Fprintf(w, "\n%s", Trend(runs[max(0, len(runs)-5):], now.Location()))
	}
	return nil
}

// Recorded is the take of the recording at path (16 kHz mono WAV),
// transcribed with transcribe, saying on w that it is being transcribed
// and how long it is.
func Recorded(ctx context.Context, w io.Writer, path string, transcribe func(context.Context, []int16) (starloop.Transcript, error)) (Take, error) {
	pcm, err := audio.ReadWAVFile(path)
	if err != nil {
		return Take{}, err
	}
	fmt.Fprintf(w, "Transcribing %s (%.0f s)...\n", path, float64(len(pcm))/audio.SampleRate)
	tr, err := transcribe(ctx, pcm)
	return Take{Transcript: tr, Length: time.Duration(len(pcm)) * time.Second / audio.SampleRate}, err
}

// Text is the key points' words, one point a line: the personal text the
// recogniser's language model learns from.
func Text(points []Point) string {
	var b strings.Builder
	for _, p := range points {
		b.WriteString(p.Text)
		b.WriteByte('\n')
	}
	return b.String()
}

package rehearse

import (
	"bufio"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/starloop/starloop"
	"github.com/starloop/starloop/session"
)

// Run is one rehearsal as the history keeps it: one JSON line per run.
type Run struct {
	Time   time.Time `json:"time"`
	Script string    `json:"script"` // the script's absolute path
	Points int       `json:"points"`
	Said   int       `json:"said"`
	// Missed are the numbers of the points not said.
	Missed []int         `json:"missed,omitempty"`
	Stalls int           `json:"stalls"`
	Length time.Duration `json:"length_ns"`
	Source string        `json:"source,omitempty"` // the WAV file, or "microphone"
}

// RunOf is the history record of r, a run of script at t.
func RunOf(r Result, script string, t time.Time, source string) Run {
	run := Run{Time: t, Script: script, Points: len(r.Points), Said: r.Said, Stalls: len(r.Stalls), Length: r.Length, Source: source}
	for _, p := range r.Points {
		if !p.Said {
			run.Missed = append(run.Missed, p.N)
		}
	}
	return run
}

// Line is run as one line of the history file, newline included.
func (run Run) Line() ([]byte, error) {
	b, err := json.Marshal(run)
	if err != nil {
		return nil, starloop.E("save rehearsal", starloop.Other, err)
	}
	return append(b, '\n'), nil
}

// ReadHistory reads a history file's runs of script (all scripts when
// script is empty), oldest first. A damaged line is an error of kind
// Invalid naming it.
func ReadHistory(r io.Reader, name, script string) ([]Run, error) {
	var out []Run
	sc := bufio.NewScanner(r)
	for n := 1; sc.Scan(); n++ {
		line := strings.TrimSpace(sc.Text())
		if line == "" {
			continue
		}
		var run Run
		if err := json.Unmarshal([]byte(line), &run); err != nil {
			return nil, starloop.Errorf(starloop.Invalid, "read rehearsal history: %s:%d: %v", name, n, err)
		}
		if script == "" || run.Script == script {
			out = append(out, run)
		}
	}
	if err := sc.Err(); err != nil {
		return nil, starloop.E("read rehearsal history", starloop.Other, err)
	}
	return out, nil
}

// Trend is the runs as a table, oldest first, with the change in recall
// from the first run to the last. loc is the time zone to show.
func Trend(runs []Run, loc *time.Location) string {
	if len(runs) == 0 {
		return "No rehearsals of this script yet.\n"
	}
	var b strings.Builder
	fmt.Fprintf(&b, "%-16s  %7s  %6s  %6s  %s\n", "when", "recall", "said", "stalls", "missed")
	for _, r := range runs {
		missed := make([]string, len(r.Missed))
		for i, m := range r.Missed {
			missed[i] = fmt.Sprint(m)
		}
		fmt.Fprintf(&b, "%-16s  %6.0f%%  %6s  %6d  %s\n", r.Time.In(loc).Format("2006-01-02 15:04"),
			100*recall(r), fmt.Sprintf("%d/%d", r.Said, r.Points), r.Stalls, strings.Join(missed, " "))
	}
	if len(runs) > 1 {
		first, last := recall(runs[0]), recall(runs[len(runs)-1])
		fmt.Fprintf(&b, "Recall %+.0f points over %d runs (%.0f%% to %.0f%%).\n", 100*(last-first), len(runs), 100*first, 100*last)
	}
	return b.String()
}

func recall(r Run) float64 {
	if r.Points == 0 {
		return 0
	}
	return float64(r.Said) / float64(r.Points)
}

// LoadHistory reads the runs of script from the history file at path; no
// file is no runs.
func LoadHistory(path, script string) ([]Run, error) {
	f, err := os.Open(path)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, starloop.E("read rehearsal history", starloop.Other, err)
	}
	defer f.Close()
	return ReadHistory(f, path, script)
}

// AppendHistory adds run to the history file at path, creating it (0600)
// and its folder (0700) as needed.
func AppendHistory(path string, run Run) error {
	line, err := run.Line()
	if err != nil {
		return err
	}
	if err := os.MkdirAll(filepath.Dir(path), session.DirMode); err != nil {
		return starloop.E("save rehearsal", starloop.Other, err)
	}
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_APPEND|os.O_CREATE, session.FileMode)
	if err != nil {
		return starloop.E("save rehearsal", starloop.Other, err)
	}
	if _, err := f.Write(line); err != nil {
		f.Close()
		return starloop.E("save rehearsal", starloop.Other, err)
	}
	if err := f.Close(); err != nil {
		return starloop.E("save rehearsal", starloop.Other, err)
	}
	return nil
}

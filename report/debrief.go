package report

import (
	"encoding/json"
	"os"
	"path/filepath"
	"time"
)

// The files a loop day saves in its session folder (package day writes
// them): the debrief as JSON and as the Markdown the day printed.
const (
	DebriefFile   = "debrief.json"
	DebriefMDFile = "debrief.md"
)

// Debrief is a loop day's debrief as debrief.json holds it: the shape of
// package day's Debrief, read here without importing day (whose tests read
// sessions back through this package). TestDebriefShape checks that the two
// agree field for field.
type Debrief struct {
	Intro        *DebriefIntro        `json:"intro,omitempty"`
	Interviewers []DebriefInterviewer `json:"interviewers"`
	LPs          []DebriefLP          `json:"lps"`
	Stories      []DebriefStory       `json:"stories,omitempty"`
	Reuses       []string             `json:"reuses,omitempty"`
	Mismatches   []string             `json:"mismatches,omitempty"`
	Guesses      *DebriefGuesses      `json:"guesses,omitempty"`
	Rule         string               `json:"rule"`
}

// DebriefIntro is the verdict on the introduction.
type DebriefIntro struct {
	Length time.Duration `json:"length_ns"`
	Words  int           `json:"words"`
	Note   string        `json:"note"`
}

// DebriefInterviewer is one interviewer's leaning and the reasons for it.
type DebriefInterviewer struct {
	Round     int      `json:"round"`
	Name      string   `json:"name"`
	BarRaiser bool     `json:"bar_raiser,omitempty"`
	English   bool     `json:"english,omitempty"`
	LPs       []string `json:"lps"`
	Leaning   string   `json:"leaning"`
	Verdicts  []string `json:"verdicts,omitempty"`
	Reasons   []string `json:"reasons"`
}

// DebriefLP is the debrief on one LP assigned in the day.
type DebriefLP struct {
	ID          string   `json:"id"`
	Name        string   `json:"name"`
	Interviewer string   `json:"interviewer"`
	Asked       int      `json:"asked"`
	Evidence    []string `json:"evidence,omitempty"`
	Missing     []string `json:"missing,omitempty"`
}

// DebriefStory says which story served which LP, with whom.
type DebriefStory struct {
	Story string   `json:"story"`
	Uses  []string `json:"uses"`
}

// DebriefGuesses scores the LP guesses of a day held with --guess-lp.
type DebriefGuesses struct {
	Count int      `json:"count"`
	Score float64  `json:"score"`
	Lines []string `json:"lines"`
}

// readDebrief reads the debrief a loop day saved in folder: nil and ""
// for other sessions, or when the files cannot be read.
func readDebrief(folder string) (*Debrief, string) {
	var d *Debrief
	if b, err := os.ReadFile(filepath.Join(folder, DebriefFile)); err == nil {
		d = &Debrief{}
		if json.Unmarshal(b, d) != nil {
			d = nil
		}
	}
	md, _ := os.ReadFile(filepath.Join(folder, DebriefMDFile))
	return d, string(md)
}

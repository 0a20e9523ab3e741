package report

import (
	"fmt"
	"io"
	"strings"

	"github.com/starloop/starloop"
	"github.com/starloop/starloop/session"
)

// List prints one line per session of metas (in dir): id, date, answers,
// length, how many of its stories an interviewer is inclined to (by
// their verdicts, as review shows them), and the shares of its stories with
// all STAR parts, a measured result, and "I" among I and we; then its LPs,
// and whether it was interrupted. A session that cannot be read is listed as such.
func List(w io.Writer, dir string, metas []session.Meta, opt Options) error {
	fmt.Fprintf(w, "%-18s %-16s %-8s %-7s %-7s %-8s %-6s %-9s %-7s %s\n", "ID", "DATE", "KIND", "ANSWERS", "LENGTH", "INCLINED", "STAR", "MEASURED", "I SHARE", "LPs")
	empty := 0
	for _, m := range metas {
		if len(m.Answers) == 0 && m.State != session.InProgress {
			empty++ // a start that failed, or was stopped before the first answer
			continue
		}
		s, err := Load(dir, m.ID, opt)
		if err != nil {
			fmt.Fprintf(w, "%-18s (unreadable: %v)\n", m.ID, err)
			continue
		}
		var f Figures
		ts := Tellings(s)
		inclined := 0
		for _, t := range ts {
			if t.Verdict.Inclined() {
				inclined++
			}
			f.STAR += t.Figures.STAR / float64(len(ts))
			f.Measurable += t.Figures.Measurable / float64(len(ts))
			f.IShare += t.Figures.IShare / float64(len(ts))
		}
		names := make([]string, len(s.LPs))
		for i, l := range s.LPs {
			names[i] = l.Name
		}
		state := ""
		switch m.State {
		case session.Interrupted:
			state = "  [interrupted]"
		case session.Stopped:
			state = "  [ended with q]"
		case session.InProgress:
			state = "  [in progress]"
		}
		d := s.Duration()
		_, err = fmt.Fprintf(w, "%-18s %-16s %-8s %-7d %-7s %-8s %-6s %-9s %-7s %s%s\n", m.ID, m.Start.Format("2006-01-02 15:04"), Kind(m), len(s.Answers),
			fmt.Sprintf("%d:%02d", int(d.Minutes()), int(d.Seconds())%60), fmt.Sprintf("%d/%d", inclined, len(ts)),
			pct(f.STAR), pct(f.Measurable), pct(f.IShare), strings.Join(names, ", "), state)
		if err != nil {
			return err
		}
	}
	if empty > 0 {
		_, err := fmt.Fprintf(w, "(%d %s with no answer not shown: %s before the first answer)\n", empty,
			starloop.Plural(empty, "session", "sessions"), starloop.Plural(empty, "it stopped", "they stopped"))
		return err
	}
	return nil
}

// Kind is what kind of session m was: "loop", "practice" or "demo", as its
// settings record it ("practice" when they do not say).
func Kind(m session.Meta) string {
	if k := m.Settings["mode"]; k != "" {
		return k
	}
	return "practice"
}

func pct(v float64) string { return fmt.Sprintf("%.0f%%", v*100) }

// ProgressIn builds progress over every session in dir (on lpID, or all
// LPs when it is empty), from word timings only: reading every recording
// would be slow. It is nil when there are none.
func ProgressIn(dir, lpID string, lpName func(string) string) *Progress {
	metas, err := session.List(dir)
	if err != nil || len(metas) == 0 {
		return nil
	}
	opt := Options{LPName: lpName, NoAudio: true}
	var all []*Session
	for _, m := range metas {
		if s, err := Load(dir, m.ID, opt); err == nil {
			all = append(all, s)
		}
	}
	return BuildProgress(all, lpID)
}

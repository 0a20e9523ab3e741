package interviewer

import (
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/starloop/starloop/audio"
)

// TextView is a View that writes plain text to an io.Writer. On a terminal
// (redraw true) the status is one line, redrawn in place with "\r" and
// cleared with ANSI erase-line; elsewhere (a log, a pipe) only changes of
// state are written, one line each. Lines the interviewer says and the
// verdicts are written in full either way. Write errors are ignored: the
// view must never stop an interview.
type TextView struct {
	w      io.Writer
	redraw bool
	width  int
	state  State
	drawn  bool // a status line is on screen, unended
	last   Status
}

// redrawEvery is how often the status line is redrawn when only the time
// and the level change.
const redrawEvery = 100 * time.Millisecond

var _ View = (*TextView)(nil)

// NewTextView returns a view writing to w. width is the terminal's width
// in columns (0 means 80); status lines are cut to fit it.
func NewTextView(w io.Writer, redraw bool, width int) *TextView {
	if width <= 0 {
		width = 80
	}
	return &TextView{w: w, redraw: redraw, width: width, state: Idle}
}

// Status implements View.
func (v *TextView) Status(s Status) {
	changed := s.State != v.state
	v.state = s.State
	if v.redraw && s.State == Done {
		v.endLine()
		fmt.Fprintln(v.w, "session over")
		return
	}
	if v.redraw {
		if v.drawn && !changed && s.Heard == v.last.Heard && s.Elapsed >= v.last.Elapsed && s.Elapsed-v.last.Elapsed < redrawEvery {
			return
		}
		fmt.Fprintf(v.w, "\r%s\x1b[K", v.statusLine(s))
		v.drawn, v.last = true, s
		return
	}
	if !changed {
		return
	}
	switch s.State {
	case Listening:
		fmt.Fprintf(v.w, "[%s] listening - Enter: done, r: repeat, s: skip, q: quit\n", clock(s.Elapsed))
	case Pending:
		fmt.Fprintf(v.w, "[%s] pause\n", clock(s.Elapsed))
	case Transcribing, Judging:
		fmt.Fprintf(v.w, "answer ended; %s\n", s.State)
	case Done:
		fmt.Fprintln(v.w, "session over")
	}
}

// statusLine renders s in at most width-1 columns.
func (v *TextView) statusLine(s Status) string {
	prefix := fmt.Sprintf("Q%d/%d ", s.Main, s.Of)
	if s.State == Listening || s.State == Pending {
		mark := ' '
		if s.Speech {
			mark = '*'
		}
		return prefix + LiveLine(s.State.String(), s.Elapsed, s.Level, mark, s.Heard, v.width-len(prefix))
	}
	line := prefix + s.State.String()
	if len(line) > v.width-1 {
		line = line[:v.width-1]
	}
	return line
}

// LiveLine is the live line of someone speaking, in at most width-1
// columns (width 0 means 80): the state, the time, the level as a meter,
// mark ('*' while speech is heard) and the end of the words heard so far.
// Practice and rehearse show the same line.
func LiveLine(state string, elapsed time.Duration, level float64, mark rune, heard string, width int) string {
	if width <= 0 {
		width = 80
	}
	var b strings.Builder
	fmt.Fprintf(&b, "%-12s %s %s %c", state, clock(elapsed), meter(level), mark)
	if room := width - 1 - b.Len() - 1; room > 3 && heard != "" {
		b.WriteByte(' ')
		b.WriteString(tail(heard, room))
	}
	line := b.String()
	if len(line) > width-1 {
		line = line[:width-1]
	}
	return line
}

// meter draws level (dBFS) from -60 to 0 as ten cells.
func meter(level float64) string {
	n := int((level + 60) / 6)
	n = min(max(n, 0), 10)
	if level <= audio.MinDBFS {
		n = 0
	}
	return "[" + strings.Repeat("#", n) + strings.Repeat(".", 10-n) + "]"
}

// tail is the end of s in at most n bytes, cut at a word with "..." before.
func tail(s string, n int) string {
	if len(s) <= n {
		return s
	}
	s = s[len(s)-(n-3):]
	if i := strings.IndexByte(s, ' '); i >= 0 && i < len(s)-1 {
		s = s[i+1:]
	}
	return "..." + s
}

// endLine ends a drawn status line so that full lines can follow.
func (v *TextView) endLine() {
	if v.drawn {
		fmt.Fprint(v.w, "\r\x1b[K")
		v.drawn = false
	}
}

// Spoken implements View.
func (v *TextView) Spoken(text string) {
	v.endLine()
	fmt.Fprintf(v.w, "Interviewer: %s\n", text)
}

// Verdict implements View.
func (v *TextView) Verdict(n int, q Question, vd Verdict) {
	v.endLine()
	kind := "main question"
	if q.FollowUp {
		kind = "follow-up"
	}
	fmt.Fprintf(v.w, "Answer %d (%s, %s):\n", n, kind, q.LP)
	if vd.Words == 0 {
		fmt.Fprintln(v.w, "  no words heard")
		if q.FollowUp && vd.Leaning != "" {
			fmt.Fprintf(v.w, "  Verdict   %s (the story as told before)\n", vd.Leaning)
		}
		return
	}
	yes := func(b bool) string {
		if b {
			return "yes"
		}
		return "no"
	}
	fmt.Fprintf(v.w, "  STAR      Situation %s, Task %s, Action %s, Result %s\n",
		yes(vd.Situation), yes(vd.Task), yes(vd.Action), yes(vd.Result))
	measures := "none heard"
	if len(vd.Measures) > 0 {
		measures = strings.Join(vd.Measures, "; ")
	}
	fmt.Fprintf(v.w, "  Measures  %s\n", measures)
	fmt.Fprintf(v.w, "  I / we    %d / %d\n", vd.I, vd.We)
	fmt.Fprintf(v.w, "  Length    %s, %d words\n", clock(vd.Length), vd.Words)
	if vd.Leaning != "" {
		fmt.Fprintf(v.w, "  Verdict   %s\n", vd.Leaning)
	}
}

// TurnLatency implements View.
func (v *TextView) TurnLatency(n int, d time.Duration) {
	v.endLine()
	fmt.Fprintf(v.w, "  (reply %.1f ms after the end of answer %d)\n", float64(d.Microseconds())/1000, n)
}

// clock formats d as m:ss.
func clock(d time.Duration) string {
	s := int(d / time.Second)
	return fmt.Sprintf("%d:%02d", s/60, s%60)
}

package interviewer

import (
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/starloop/starloop/audio"
	"github.com/starloop/starloop/numerals"
)

// TextView is a View that writes plain text to an io.Writer. On a terminal
// (redraw true) the status is one line, redrawn in place with "\r" and
// cleared with ANSI erase-line; elsewhere (a log, a pipe) only changes of
// state are written, one line each. Lines the interviewer says and the
// verdicts are written in full either way. Write errors are ignored: the
// view must never stop an interview.
type TextView struct {
	w       io.Writer
	redraw  bool
	width   int
	color   bool
	verbose bool
	state   State
	drawn   bool // a status line is on screen, unended
	last    Status
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

// Style sets how v writes: with color, the STAR parts of a transcript in
// the colours starloop analyze uses, and headings in bold (the caller
// decides, honouring NO_COLOR); with verbose, the time from the end of
// each answer to the reply too. It returns v.
func (v *TextView) Style(color, verbose bool) *TextView {
	v.color, v.verbose = color, verbose
	return v
}

// label is how s's state reads on screen: what the person sees happening,
// not the machine's name for it.
func label(s Status) string {
	switch s.State {
	case Pending:
		return "thinking"
	case Transcribing, Judging:
		return "checking"
	case FollowingUp:
		switch {
		case s.Closing:
			return "closing"
		case s.Question.FollowUp:
			return "following up"
		}
		return "asking"
	}
	return s.State.String()
}

// Status implements View.
func (v *TextView) Status(s Status) {
	changed := s.State != v.state
	v.state = s.State
	if s.State == Done {
		// The command says how the session ended, once, at its end.
		v.endLine()
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
		fmt.Fprintf(v.w, "answer ended; %s\n", label(s))
	}
}

// stateStyle colours a state's label on a terminal: green while you are
// heard, yellow while the interviewer works, cyan while it speaks.
var stateStyle = map[State]string{
	Listening: "\x1b[32m", Pending: "\x1b[33m", Transcribing: "\x1b[33m", Judging: "\x1b[33m",
	Asking: "\x1b[36m", FollowingUp: "\x1b[36m",
}

// statusLine renders s in at most width-1 columns (colour codes aside).
func (v *TextView) statusLine(s Status) string {
	prefix := fmt.Sprintf("Q%d/%d ", s.Main, s.Of)
	var line string
	if s.State == Listening || s.State == Pending {
		mark := ' '
		if s.Speech {
			mark = '*'
		}
		line = prefix + LiveLine(label(s), s.Elapsed, s.Level, mark, s.Heard, v.width-len(prefix))
	} else {
		line = prefix + label(s)
		if len(line) > v.width-1 {
			line = line[:v.width-1]
		}
	}
	if l := label(s); v.color && strings.HasPrefix(line[len(prefix):], l) {
		line = prefix + v.style(l, stateStyle[s.State]) + line[len(prefix)+len(l):]
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
	fmt.Fprintf(v.w, "%s %s\n", v.style("Interviewer:", ansiBold), text)
}

// Verdict implements View.
func (v *TextView) Verdict(n int, q Question, vd Verdict) {
	v.endLine()
	kind := "main question"
	switch {
	case vd.Kind != "":
		kind = vd.Kind
	case q.FollowUp:
		kind = "follow-up"
	}
	if q.LP != "" {
		kind += ", " + q.LP
	}
	fmt.Fprintf(v.w, "%s (%s):\n", v.style(fmt.Sprintf("Answer %d", n), ansiBold), kind)
	if vd.Words == 0 {
		fmt.Fprintln(v.w, "  no words heard")
		if q.FollowUp && vd.Leaning != "" {
			fmt.Fprintf(v.w, "  Verdict   %s (the story as told before)\n", vd.Leaning)
		}
		return
	}
	v.transcript(vd)
	if len(vd.Checks) > 0 {
		for _, l := range vd.Checks {
			fmt.Fprintf(v.w, "  %s\n", l)
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
		var shown []string
		for _, m := range vd.Measures {
			shown = append(shown, numerals.Text(m))
		}
		measures = strings.Join(shown, "; ")
	}
	fmt.Fprintf(v.w, "  Measures  %s\n", measures)
	fmt.Fprintf(v.w, "  I / we    %d / %d\n", vd.I, vd.We)
	fmt.Fprintf(v.w, "  Length    %s, %d words\n", clock(vd.Length), vd.Words)
	if vd.Leaning != "" {
		fmt.Fprintf(v.w, "  Verdict   %s\n", vd.Leaning)
	}
}

// ANSI styles, as starloop analyze uses them (package report): one
// colour per STAR part.
const (
	ansiReset = "\x1b[0m"
	ansiBold  = "\x1b[1m"
	ansiDim   = "\x1b[2m"
)

var (
	partStyle = map[string]string{"situation": "\x1b[36m", "task": "\x1b[35m", "action": "\x1b[32m", "result": "\x1b[33m"}
	partTag   = map[string]string{"situation": "S", "task": "T", "action": "A", "result": "R"}
)

func (v *TextView) style(s, code string) string {
	if !v.color || code == "" {
		return s
	}
	return code + s + ansiReset
}

// transcript writes what was heard, wrapped to the width: runs of clauses
// of one STAR part after the part's letter (S, T, A, R; "-" for none),
// coloured when the view has colour; the plain text when there are no
// clauses.
func (v *TextView) transcript(vd Verdict) {
	if len(vd.Clauses) == 0 {
		if strings.TrimSpace(vd.Heard) != "" {
			for _, l := range wrap(numerals.Text(vd.Heard), v.width-1-5) {
				fmt.Fprintf(v.w, "     %s\n", l)
			}
		}
		return
	}
	for i := 0; i < len(vd.Clauses); {
		part := vd.Clauses[i].Part
		var text []string
		for ; i < len(vd.Clauses) && vd.Clauses[i].Part == part; i++ {
			text = append(text, vd.Clauses[i].Text)
		}
		tag, code, tagCode := partTag[part], partStyle[part], partStyle[part]+ansiBold
		if part == "" {
			tag, code, tagCode = "-", ansiDim, ansiDim
		}
		for j, l := range wrap(numerals.Text(strings.Join(text, " ")), v.width-1-5) {
			lead := "     "
			if j == 0 {
				lead = "  " + v.style(tag, tagCode) + "  "
			}
			fmt.Fprintf(v.w, "%s%s\n", lead, v.style(l, code))
		}
	}
}

// wrap breaks text into lines of at most width bytes, at spaces; a word
// longer than width has a line of its own.
func wrap(text string, width int) []string {
	width = max(width, 20)
	var lines []string
	line := ""
	for _, w := range strings.Fields(text) {
		switch {
		case line == "":
			line = w
		case len(line)+1+len(w) <= width:
			line += " " + w
		default:
			lines = append(lines, line)
			line = w
		}
	}
	if line != "" {
		lines = append(lines, line)
	}
	return lines
}

// Note implements View. An empty note only ends the status line, so that
// full lines can follow.
func (v *TextView) Note(text string) {
	v.endLine()
	if text != "" {
		fmt.Fprintln(v.w, text)
	}
}

// TurnLatency implements View; only a verbose view shows it.
func (v *TextView) TurnLatency(n int, d time.Duration) {
	if !v.verbose {
		return
	}
	v.endLine()
	fmt.Fprintf(v.w, "  (reply %.1f ms after the end of answer %d)\n", float64(d.Microseconds())/1000, n)
}

// clock formats d as m:ss.
func clock(d time.Duration) string {
	s := int(d / time.Second)
	return fmt.Sprintf("%d:%02d", s/60, s%60)
}

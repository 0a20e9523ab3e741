package report

import (
	"fmt"
	"html/template"
	"io"
	"path"
	"strings"

	"github.com/starloop/starloop"
	"github.com/starloop/starloop/numerals"
)

// STAR colours of the HTML report, one per part in STAR order. Tests look
// for these exact pixels in a screenshot.
const (
	ColorSituation = "#2563eb" // blue
	ColorTask      = "#9333ea" // purple
	ColorAction    = "#16a34a" // green
	ColorResult    = "#ea580c" // orange
)

func partColor(i int) string {
	return [4]string{ColorSituation, ColorTask, ColorAction, ColorResult}[i]
}

// HTMLOptions tune HTML.
type HTMLOptions struct {
	// AudioDir is the path from the HTML file to the session folder, with
	// forward slashes ("" when the file is inside it); each <audio> element
	// points at AudioDir/answer-NN.wav.
	AudioDir string
	// Progress, if set, adds a progress section across sessions.
	Progress *Progress
}

// HTML writes s as one self-contained page: inline CSS and SVG, no
// scripts and nothing fetched from the network except the answers'
// recordings, by relative path.
func HTML(w io.Writer, s *Session, opt HTMLOptions) error {
	return pageTemplate.Execute(w, htmlPage{S: s, Opt: opt})
}

type htmlPage struct {
	S   *Session
	Opt HTMLOptions
}

var pageTemplate = template.Must(template.New("page").Funcs(template.FuncMap{
	"headline":  headline,
	"lpNames":   lpNames,
	"runs":      func(a *Answer) []htmlRun { return htmlRuns(a) },
	"partsBar":  partsBar,
	"paceChart": paceChart,
	"measures":  func(a *Answer) string { return measures(a.Rubric) },
	"delivery":  deliveryLine,
	"demo":      demonstrated,
	"audioSrc":  func(dir, name string) string { return path.Join(dir, name) },
	"progress":  progressHTML,
	"joinAnd":   starloop.JoinAnd,
	"score":     func(f float64) string { return strings.TrimSuffix(fmt.Sprintf("%.1f", f), ".0") },
	"join":      strings.Join,
	"notes":     func(a *Answer) string { return strings.Join(a.Notes(), "; ") },
	"reason":    func(r string) string { return strings.ReplaceAll(r, "_", " ") },
	"heading":   func(a *Answer) string { return a.heading(func(s string) string { return s }) },
	"next": func(s *Session, i int) string {
		if i+1 < len(s.Answers) && s.Answers[i+1].FollowUp {
			return s.Answers[i+1].Question
		}
		return ""
	},
}).Parse(pageHTML))

type htmlRun struct {
	Label, Letter, Text string
}

func htmlRuns(a *Answer) []htmlRun {
	if a.Rubric == nil || len(a.Rubric.Clauses) == 0 {
		return []htmlRun{{Text: numerals.Text(a.Transcript.Text)}}
	}
	var out []htmlRun
	for _, c := range clauseRuns(a.Rubric.Clauses) {
		out = append(out, htmlRun{Label: c.Label, Letter: letter(c.Label), Text: c.Text})
	}
	return out
}

// partsBar is an SVG bar of the time per STAR part, with the target shape
// (S 15%, T 10%, A 50%, R 25%) drawn thin beneath for comparison.
func partsBar(a *Answer) template.HTML {
	const width, height = 600.0, 28.0
	var b strings.Builder
	fmt.Fprintf(&b, `<svg class="bar" width="%.0f" height="52" viewBox="0 0 %.0f 52" role="img" aria-label="time per STAR part">`, width, width)
	total := a.Parts.Total()
	x := 0.0
	if total > 0 {
		for i, name := range partNames() {
			wd := partValue(a.Parts, i) / total * width
			if wd <= 0 {
				continue
			}
			fmt.Fprintf(&b, `<rect class="part-%s" x="%.1f" y="0" width="%.1f" height="%.0f" fill="%s"><title>%s</title></rect>`,
				name, x, wd, height, partColor(i), name)
			if wd > 24 {
				fmt.Fprintf(&b, `<text x="%.1f" y="19" fill="#fff" font-size="13">%s</text>`, x+6, letter(name))
			}
			x += wd
		}
	} else {
		fmt.Fprintf(&b, `<rect x="0" y="0" width="%.0f" height="%.0f" fill="#e5e7eb"/>`, width, height)
	}
	x = 0
	for i, share := range [4]float64{0.15, 0.10, 0.50, 0.25} {
		fmt.Fprintf(&b, `<rect x="%.1f" y="36" width="%.1f" height="6" fill="%s" opacity="0.45"/>`, x, share*width, partColor(i))
		x += share * width
	}
	b.WriteString(`<text x="0" y="52" font-size="9" fill="#555">target shape</text></svg>`)
	return template.HTML(b.String())
}

// paceChart is an SVG bar chart of words per minute (speaking time) per
// answer, with the 130-160 coaching band shaded, and the count of pauses
// longer than 2 s written over each bar.
func paceChart(s *Session) template.HTML {
	const h, top, barW, gap = 160.0, 220.0, 44.0, 30.0
	n := len(s.Answers)
	width := 40 + float64(n)*(barW+gap)
	y := func(wpm float64) float64 { return h - min(wpm, top)/top*h + 10 }
	var b strings.Builder
	fmt.Fprintf(&b, `<svg class="pace" width="%.0f" height="%.0f" viewBox="0 0 %.0f %.0f" role="img" aria-label="words per minute per answer">`, width, h+56, width, h+56)
	fmt.Fprintf(&b, `<rect class="band" x="30" y="%.1f" width="%.0f" height="%.1f" fill="#dcfce7"/>`, y(160), width-30, y(130)-y(160))
	for _, v := range []float64{0, 100, 200} {
		fmt.Fprintf(&b, `<text x="0" y="%.1f" font-size="10" fill="#555">%.0f</text>`, y(v)+3, v)
	}
	for i, a := range s.Answers {
		x := 40 + float64(i)*(barW+gap)
		wpm := a.Delivery.WPMSpeaking
		fmt.Fprintf(&b, `<rect class="wpm" x="%.1f" y="%.1f" width="%.0f" height="%.1f" fill="#0f766e"><title>answer %d: %.0f wpm, %d pause(s) over 2 s</title></rect>`,
			x, y(wpm), barW, y(0)-y(wpm), a.N, wpm, a.Delivery.LongPauses)
		fmt.Fprintf(&b, `<text x="%.1f" y="%.1f" font-size="10">%.0f</text>`, x+4, y(wpm)-3, wpm)
		// Under each bar, in words: which answer, and its long pauses.
		fmt.Fprintf(&b, `<text class="label" x="%.1f" y="%.1f" font-size="12">answer %d</text>`, x, h+26, a.N)
		fmt.Fprintf(&b, `<text class="label" x="%.1f" y="%.1f" font-size="11" fill="#555">%d %s</text>`, x, h+42, a.Delivery.LongPauses, starloop.Plural(a.Delivery.LongPauses, "pause", "pauses"))
	}
	b.WriteString(`</svg>`)
	return template.HTML(b.String())
}

const pageHTML = `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>starloop session {{.S.ID}}</title>
<style>
body { font: 15px/1.45 system-ui, sans-serif; margin: 24px auto; max-width: 900px; color: #111; background: #fff; padding: 0 16px; }
h1 { font-size: 22px; margin-bottom: 4px; }
h2 { font-size: 18px; margin-top: 32px; border-top: 1px solid #ddd; padding-top: 16px; }
.meta { color: #444; }
.q { font-style: italic; margin: 4px 0 12px; }
.t { margin: 8px 0; }
.t span { padding: 1px 2px; border-radius: 3px; }
.t .s { background: #dbeafe; border-bottom: 3px solid ` + ColorSituation + `; }
.t .k { background: #f3e8ff; border-bottom: 3px solid ` + ColorTask + `; }
.t .a { background: #dcfce7; border-bottom: 3px solid ` + ColorAction + `; }
.t .r { background: #ffedd5; border-bottom: 3px solid ` + ColorResult + `; }
.t b { font-size: 11px; color: #333; }
.legend span { display: inline-block; padding: 0 8px; margin-right: 6px; color: #fff; border-radius: 3px; }
table { border-collapse: collapse; margin: 8px 0; }
td { padding: 2px 10px 2px 0; vertical-align: top; }
td:first-child { color: #555; white-space: nowrap; }
.warn { color: #b45309; }
.inclined { color: #15803d; }
h3 { font-size: 16px; margin: 18px 0 6px; }
.debrief ul { margin: 4px 0; padding-left: 20px; }
.spark { vertical-align: middle; }
.side { display: grid; grid-template-columns: 1fr 1fr; gap: 16px; }
.side div { border: 1px solid #ddd; padding: 8px; border-radius: 4px; }
</style>
</head>
<body>
<h1>Session {{.S.ID}}</h1>
<p class="meta">{{headline .S}} · LPs: {{lpNames .S.LPs}}</p>
<p class="legend"><span style="background:` + ColorSituation + `">Situation</span><span style="background:` + ColorTask + `">Task</span><span style="background:` + ColorAction + `">Action</span><span style="background:` + ColorResult + `">Result</span></p>
{{with .S.Debrief}}
<section class="debrief" id="debrief">
<h2>Loop debrief</h2>
{{with .Intro}}<p>Introduction: {{.Note}}.</p>{{end}}
<h3>Interviewers</h3>
<table class="interviewers">
{{range .Interviewers}}<tr><td>Round {{.Round}}</td><td><b>{{.Name}}</b>{{if .BarRaiser}}, bar raiser{{end}}{{if .English}}, English round{{end}} · {{joinAnd .LPs}}<br>
Leaning: <b class="{{if eq .Leaning "inclined"}}inclined{{else}}warn{{end}}">{{.Leaning}}</b>
<ul>{{range .Verdicts}}<li>{{.}}</li>{{end}}{{range .Reasons}}<li class="warn">{{.}}</li>{{end}}</ul></td></tr>
{{end}}</table>
{{if .Reuses}}<h3>Retold stories</h3>
<ul class="reuses">{{range .Reuses}}<li class="warn">{{.}}</li>{{end}}</ul>{{end}}
{{if .Mismatches}}<h3>Answers that fit another LP</h3>
<ul class="mismatches">{{range .Mismatches}}<li>{{.}}</li>{{end}}</ul>{{end}}
{{with .Guesses}}<h3>LP guesses: {{score .Score}} of {{.Count}}</h3>
<ul class="guesses">{{range .Lines}}<li>{{.}}</li>{{end}}</ul>{{end}}
<h3>Leadership Principles</h3>
<table class="lps">
{{range .LPs}}<tr><td>{{.Name}} ({{.Interviewer}})</td><td>{{if .Evidence}}Heard: {{join .Evidence "; "}}.<br>{{end}}Missing: {{if .Missing}}<span class="warn">{{join .Missing "; "}}.</span>{{else}}nothing.{{end}}</td></tr>
{{end}}</table>
{{if .Stories}}<h3>Stories told</h3>
<ul>{{range .Stories}}<li>{{.Story}}: {{join .Uses ", "}}</li>{{end}}</ul>{{end}}
<p class="meta">Rule: {{.Rule}}</p>
</section>
{{end}}
<h2>Pace</h2>
<p>Words per minute of speaking time per answer (shaded: 130–160), and under each bar its pauses over 2 s.</p>
{{paceChart .S}}
{{range $i, $a := .S.Answers}}
<section class="answer" id="answer-{{$a.N}}">
<h2>Answer {{$a.N}} · {{heading $a}}</h2>
<p class="q">{{$a.Question}}{{if and $a.FollowUp $a.Reason}} <small>(asked because: {{reason $a.Reason}})</small>{{end}}</p>
<audio controls preload="none" src="{{audioSrc $.Opt.AudioDir $a.Audio}}"></audio>
<p class="t">{{range runs $a}}<span class="{{if eq .Label "situation"}}s{{else if eq .Label "task"}}k{{else if eq .Label "action"}}a{{else if eq .Label "result"}}r{{end}}">{{if .Letter}}<b>{{.Letter}}</b> {{end}}{{.Text}}</span> {{end}}</p>
{{if $a.Missing}}<p class="warn">Note: {{$a.Missing}}</p>{{end}}
{{with $a.IntroRows}}<table class="intro">
{{range .}}<tr><td>{{index . 0}}</td><td>{{index . 1}}</td></tr>
{{end}}</table>{{else}}{{partsBar $a}}{{end}}
<table>
{{if $a.Rubric}}<tr><td>Measures</td><td>{{measures $a}}</td></tr>
<tr><td>I / we</td><td>{{$a.Rubric.Ownership.I}} / {{$a.Rubric.Ownership.We}}</td></tr>
<tr><td>LPs shown</td><td>{{demo $a}}</td></tr>{{end}}
<tr><td>Delivery</td><td>{{delivery $a}}</td></tr>
{{with next $.S $i}}<tr><td>Next</td><td>follow-up: {{.}}</td></tr>{{end}}
{{with $a.Verdict}}<tr><td>Verdict</td><td>{{.}}</td></tr>{{end}}
{{with notes $a}}<tr><td>Notes</td><td class="warn">{{.}}</td></tr>{{end}}
</table>
</section>
{{end}}
{{with .Opt.Progress}}{{progress .}}{{end}}
</body>
</html>
`

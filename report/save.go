package report

import (
	"bytes"
	"fmt"
	"io"
	"os"
	"path/filepath"

	"github.com/starloop/starloop"
	"github.com/starloop/starloop/session"
)

// SaveOptions are what `starloop report` was asked for.
type SaveOptions struct {
	Format   string // html, md or json
	Out      string // the file; "-" (or "" but for HTML) is w
	Progress bool   // with HTML: add the progress across the sessions in dir
	LPName   func(id string) string
}

// Save renders the report of session id in dir and writes it: HTML to
// report.html in the session's folder unless opt.Out says otherwise, its
// audio players pointing at the recordings by relative path; Markdown and
// JSON to w unless opt.Out names a file. A file is written with mode 0600
// (an existing one too), and a line on w says where.
func Save(w io.Writer, dir, id string, opt SaveOptions) error {
	format, out := opt.Format, opt.Out
	if format != "html" && format != "md" && format != "json" {
		return starloop.Errorf(starloop.Invalid, "report: --format %q: want html, md or json", format)
	}
	s, err := Load(dir, id, Options{LPName: opt.LPName})
	if err != nil {
		return err
	}
	var html HTMLOptions
	if format == "html" {
		if out == "" {
			out = filepath.Join(dir, id, "report.html")
		}
		if opt.Progress {
			html.Progress = ProgressIn(dir, "", opt.LPName)
		}
		if out != "-" {
			html.AudioDir = AudioDir(out, filepath.Join(dir, id))
		}
	}
	var b bytes.Buffer
	if err := Render(&b, s, format, html); err != nil {
		return starloop.E("report", starloop.Other, err)
	}
	if out == "" || out == "-" {
		_, err := w.Write(b.Bytes())
		return err
	}
	if err := os.WriteFile(out, b.Bytes(), session.FileMode); err != nil {
		return starloop.E("write report", starloop.Invalid, err)
	}
	os.Chmod(out, session.FileMode) // an existing file keeps its mode otherwise
	fmt.Fprintf(w, "Report written to %s (%d bytes)\n", out, b.Len())
	return nil
}

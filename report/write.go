package report

import (
	"io"
	"path/filepath"
	"time"
)

// Render writes s in format: "md" for Markdown, "json" for JSON, anything
// else for HTML with opt.
func Render(w io.Writer, s *Session, format string, opt HTMLOptions) error {
	switch format {
	case "md":
		return Markdown(w, s)
	case "json":
		return JSON(w, s)
	default:
		return HTML(w, s, opt)
	}
}

// AudioDir is HTMLOptions.AudioDir for an HTML report written to the file
// out about the session in the folder sessDir: the relative path from
// out's folder to sessDir, or "" when they are the same folder or either
// path cannot be made absolute.
func AudioDir(out, sessDir string) string {
	absOut, err1 := filepath.Abs(filepath.Dir(out))
	absSess, err2 := filepath.Abs(sessDir)
	if err1 != nil || err2 != nil {
		return ""
	}
	rel, err := filepath.Rel(absOut, absSess)
	if err != nil || rel == "." {
		return ""
	}
	return filepath.ToSlash(rel)
}

// Clock formats d as m:ss, rounded to the second.
func Clock(d time.Duration) string { return clock(d) }

package main

import (
	"runtime/debug"
	"strings"
)

// version is what `starloop --version` prints after the name: the module
// version when installed with `go install ...@vX`, else the commit the
// binary was built from, its date, and "modified" for uncommitted changes.
func version() string {
	info, ok := debug.ReadBuildInfo()
	if !ok {
		return "unknown"
	}
	v := info.Main.Version
	if v == "" {
		v = "(devel)"
	}
	var rev, at, dirty string
	for _, s := range info.Settings {
		switch s.Key {
		case "vcs.revision":
			rev = s.Value
		case "vcs.time":
			at = s.Value
		case "vcs.modified":
			if s.Value == "true" {
				dirty = "modified"
			}
		}
	}
	if len(rev) > 12 {
		rev = rev[:12]
	}
	parts := []string{v}
	for _, p := range []string{rev, at, dirty} {
		if p != "" {
			parts = append(parts, p)
		}
	}
	parts = append(parts, info.GoVersion)
	return strings.Join(parts, " ")
}

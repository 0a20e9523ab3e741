// Package buildinfo says which starloop a binary is, from what the Go
// toolchain recorded in it.
package buildinfo

import (
	"runtime/debug"
	"strings"
)

// Version is what `starloop --version` prints after the name: the module
// version when installed with `go install ...@vX`, else "(devel)", then
// the commit the binary was built from (12 hex digits), its date,
// "modified" for uncommitted changes, and the Go version. A binary with
// no build info (info nil) is "unknown".
func Version(info *debug.BuildInfo) string {
	if info == nil {
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

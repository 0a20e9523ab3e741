package buildinfo

import (
	"runtime/debug"
	"testing"
)

func TestVersion(t *testing.T) {
	tests := []struct {
		name string
		info *debug.BuildInfo
		want string
	}{
		{"no build info", nil, "unknown"},
		{"go install @v1.2.0", &debug.BuildInfo{GoVersion: "go1.23.4", Main: debug.Module{Version: "v1.2.0"}}, "v1.2.0 go1.23.4"},
		{"a modified checkout", &debug.BuildInfo{GoVersion: "go1.23.4", Settings: []debug.BuildSetting{
			{Key: "vcs.revision", Value: "c3f1159a0b1c2d3e4f5061728394a5b6c7d8e9f0"},
			{Key: "vcs.time", Value: "2026-12-07T12:00:00Z"},
			{Key: "vcs.modified", Value: "true"},
		}}, "(devel) c3f1159a0b1c 2026-12-07T12:00:00Z modified go1.23.4"},
		{"a clean checkout", &debug.BuildInfo{GoVersion: "go1.23.4", Settings: []debug.BuildSetting{
			{Key: "vcs.revision", Value: "abc"}, {Key: "vcs.modified", Value: "false"},
		}}, "(devel) abc go1.23.4"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := Version(tt.info); got != tt.want {
				t.Errorf("Version = %q, want %q", got, tt.want)
			}
		})
	}
}

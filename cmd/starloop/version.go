package main

import (
	"runtime/debug"

	"github.com/starloop/starloop/internal/buildinfo"
)

// version is what `starloop --version` prints after the name.
func version() string {
	info, ok := debug.ReadBuildInfo()
	if !ok {
		info = nil
	}
	return buildinfo.Version(info)
}

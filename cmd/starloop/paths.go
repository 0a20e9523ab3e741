package main

import (
	"os"
	"path/filepath"

	"github.com/starloop/starloop"
)

// defaultSessionsDir is where sessions live unless --sessions says otherwise:
// $XDG_DATA_HOME/starloop/sessions, or ~/.local/share/starloop/sessions.
func defaultSessionsDir() (string, error) {
	if d := os.Getenv("XDG_DATA_HOME"); filepath.IsAbs(d) {
		return filepath.Join(d, "starloop", "sessions"), nil
	}
	home, err := os.UserHomeDir()
	if err != nil {
		return "", starloop.E("find sessions folder", starloop.Invalid, err)
	}
	return filepath.Join(home, ".local", "share", "starloop", "sessions"), nil
}

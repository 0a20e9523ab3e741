package main

import (
	"os"
	"path/filepath"

	"github.com/starloop/starloop"
)

// Where starloop keeps its files unless a flag says otherwise, by the XDG
// base directory spec: $XDG_DATA_HOME (else ~/.local/share) for sessions
// and profiles, $XDG_CONFIG_HOME (else ~/.config) for the config file and
// the story bank, $XDG_CACHE_HOME (else ~/.cache) for built models.
const (
	dataHome   = "XDG_DATA_HOME"
	configHome = "XDG_CONFIG_HOME"
	cacheHome  = "XDG_CACHE_HOME"
)

// xdgPath is starloop's path rel under the base folder that the XDG
// variable names when it holds an absolute path, else under its default
// below the home folder. op names what is looked for in the error.
func xdgPath(variable, op string, rel ...string) (string, error) {
	base := os.Getenv(variable)
	if !filepath.IsAbs(base) {
		home, err := os.UserHomeDir()
		if err != nil {
			return "", starloop.E(op, starloop.Invalid, err)
		}
		base = filepath.Join(home, map[string]string{dataHome: ".local/share", configHome: ".config", cacheHome: ".cache"}[variable])
	}
	return filepath.Join(append([]string{base, "starloop"}, rel...)...), nil
}

// defaultSessionsDir is where sessions live unless --sessions says otherwise.
func defaultSessionsDir() (string, error) {
	return xdgPath(dataHome, "find sessions folder", "sessions")
}

// defaultStoriesPath is the story bank unless --stories names another.
func defaultStoriesPath() (string, error) {
	return xdgPath(configHome, "find story bank", "stories.yaml")
}

// defaultCacheDir is where models built from the story bank are kept.
func defaultCacheDir() (string, error) { return xdgPath(cacheHome, "find cache folder") }

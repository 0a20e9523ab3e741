package config

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"text/tabwriter"

	"github.com/starloop/starloop"
	"github.com/starloop/starloop/speech/openai"
)

// ReadFile reads and parses the config file at path (see ParseFile). No
// path, or no file there, is no settings.
func ReadFile(path string) (map[string]string, error) {
	if path == "" {
		return map[string]string{}, nil
	}
	data, err := os.ReadFile(path)
	if errors.Is(err, fs.ErrNotExist) {
		return map[string]string{}, nil
	}
	if err != nil {
		return nil, starloop.E("read "+path, starloop.Invalid, err)
	}
	return ParseFile(path, data)
}

// Write shows r as `starloop config` does: the config file, then each
// setting with its value and where it came from, in columns. The API key
// is masked (openai.MaskKey), "(none)" when there is none.
func (r *Config) Write(w io.Writer) error {
	tw := tabwriter.NewWriter(w, 0, 4, 2, ' ', 0)
	fmt.Fprintf(tw, "config file:\t%s\n", r.File)
	for _, s := range Settings() {
		v := r.Get(s.Name)
		if s.Name == APIKey {
			v = openai.MaskKey(v)
			if v == "" {
				v = "(none)"
			}
		}
		fmt.Fprintf(tw, "%s:\t%s\t(%s)\n", s.Name, v, r.Source(s.Name))
	}
	if err := tw.Flush(); err != nil {
		return starloop.E("write settings", starloop.Other, err)
	}
	return nil
}

package stories

import (
	"bufio"
	"errors"
	"io"
	"io/fs"
	"os"

	"github.com/starloop/starloop"
)

// ReadFile reads and parses the story bank at path against lps. A missing
// file is an error of kind NotFound that says how to write one.
func ReadFile(path string, lps LPs) (*File, error) {
	data, err := os.ReadFile(path)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, starloop.Errorf(starloop.NotFound, "read story bank: no story bank at %s; write one (see README: Story bank) or name another with --stories or STARLOOP_STORIES", path)
	}
	if err != nil {
		return nil, starloop.E("read story bank", starloop.Invalid, err)
	}
	return Parse(path, data, lps), nil
}

// Load reads the story bank at path for a session, which uses it when it
// is there: a bank the user did not name (given false) that does not exist
// is no bank (nil, nil); one with errors is its first error (File.Err).
func Load(path string, given bool, lps LPs) (*File, error) {
	f, err := ReadFile(path, lps)
	if err != nil {
		if !given && starloop.KindOf(err) == starloop.NotFound {
			return nil, nil
		}
		return nil, err
	}
	if err := f.Err(); err != nil {
		return nil, err
	}
	return f, nil
}

// Report writes what `starloop stories` shows of f: the coverage grid of
// the LPs of lps by its usable stories (none when f has errors and no
// usable story), then its errors. A file with errors is an error of kind
// Invalid after them.
func Report(w io.Writer, f *File, lps LPs) error {
	bw := bufio.NewWriter(w)
	if usable := f.Usable(); len(usable) > 0 || f.Err() == nil {
		WriteCoverage(bw, f, Cover(lps.LPs(), usable))
	}
	nerr := WriteErrors(bw, f)
	if err := bw.Flush(); err != nil {
		return starloop.E("write stories", starloop.Other, err)
	}
	if nerr > 0 {
		return starloop.Errorf(starloop.Invalid, "read story bank: %d %s in %s (listed above); fix %s and run starloop stories check",
			nerr, starloop.Plural(nerr, "error", "errors"), f.Name, starloop.Plural(nerr, "it", "them"))
	}
	return nil
}

// Check writes what `starloop stories check` shows of f: every problem
// with its line. A file with errors is an error of kind Invalid after
// them.
func Check(w io.Writer, f *File) error {
	bw := bufio.NewWriter(w)
	nerr := WriteProblems(bw, f)
	if err := bw.Flush(); err != nil {
		return starloop.E("write problems", starloop.Other, err)
	}
	if nerr > 0 {
		return starloop.Errorf(starloop.Invalid, "check %s: %d %s; fix %s and check again", f.Name, nerr, starloop.Plural(nerr, "error", "errors"), starloop.Plural(nerr, "it", "them"))
	}
	return nil
}

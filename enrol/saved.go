package enrol

import (
	"fmt"
	"io"
	"time"

	"github.com/starloop/starloop/profile"
)

// Saved tells on w that profile name was made from n recordings in took
// and saved at path, and how commands use it: the default profile always,
// another with --profile.
func Saved(w io.Writer, name, path string, n int, took time.Duration) error {
	fmt.Fprintf(w, "Speaker profile %q made from %d recordings in %.1f s and saved in %s.\n", name, n, took.Seconds(), path)
	use := "Every command that recognises speech now uses it (--no-profile to turn it off)."
	if name != profile.DefaultName {
		use = fmt.Sprintf("Commands that recognise speech use it with --profile %s.", name)
	}
	_, err := fmt.Fprintln(w, use)
	return err
}

package terminal

import (
	"bufio"
	"fmt"
	"io"
	"strings"
)

// Confirm writes question to out and reads one line from in: true for y
// or yes (any case), false for anything else, an empty line or the end of
// input. It is for a question asked on a terminal before something that
// cannot be undone.
func Confirm(in io.Reader, out io.Writer, question string) (bool, error) {
	if _, err := fmt.Fprintf(out, "%s [y/N] ", question); err != nil {
		return false, err
	}
	line, err := bufio.NewReader(in).ReadString('\n')
	if err != nil && err != io.EOF {
		return false, err
	}
	switch strings.ToLower(strings.TrimSpace(line)) {
	case "y", "yes":
		return true, nil
	}
	return false, nil
}

// Package terminal is the person's terminal: whether output goes to one,
// and single key presses read from it (Enter, r, s, q during an answer)
// without waiting for a line.
package terminal

import (
	"bufio"
	"context"
	"io"
	"os"

	"golang.org/x/sys/unix"
	"golang.org/x/term"
)

// Is reports whether w is a terminal (a character device), so that
// colour and redrawn status lines are used only where a person is looking.
func Is(w any) bool {
	f, ok := w.(*os.File)
	return ok && term.IsTerminal(int(f.Fd()))
}

// Keys delivers single key presses from a terminal on stdin. It switches the
// terminal to non-canonical, no-echo input (output processing stays on, so
// "\n" still starts a new line) and restores it on restore. When in is not a
// terminal, Keys returns a nil channel: the loop then runs on silence
// detection alone.
func Keys(ctx context.Context, in io.Reader) (ch <-chan byte, restore func()) {
	f, ok := in.(*os.File)
	if !ok || !term.IsTerminal(int(f.Fd())) {
		return nil, func() {}
	}
	fd := int(f.Fd())
	old, err := unix.IoctlGetTermios(fd, unix.TCGETS)
	if err != nil {
		return nil, func() {}
	}
	raw := *old
	raw.Lflag &^= unix.ICANON | unix.ECHO
	raw.Cc[unix.VMIN] = 1
	raw.Cc[unix.VTIME] = 0
	if err := unix.IoctlSetTermios(fd, unix.TCSETS, &raw); err != nil {
		return nil, func() {}
	}
	out := make(chan byte, 8)
	go func() {
		r := bufio.NewReader(f)
		for {
			b, err := r.ReadByte()
			if err != nil {
				return
			}
			select {
			case out <- b:
			case <-ctx.Done():
				return
			}
		}
	}()
	return out, func() { _ = unix.IoctlSetTermios(fd, unix.TCSETS, old) }
}

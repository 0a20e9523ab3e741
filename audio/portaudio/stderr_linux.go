package portaudio

import (
	"bytes"
	"io"
	"os"
	"syscall"
)

// captureStderr runs fn with the process's standard error (file descriptor
// 2, where C libraries print) redirected into a pipe, and returns what was
// written there. If the redirection cannot be set up, fn runs unredirected.
// The caller holds libraryMu, so two redirections never overlap.
func captureStderr(fn func() error) (string, error) {
	r, w, err := os.Pipe()
	if err != nil {
		return "", fn()
	}
	defer r.Close()
	saved, err := syscall.Dup(2)
	if err != nil {
		w.Close()
		return "", fn()
	}
	var out bytes.Buffer
	copied := make(chan struct{})
	go func() {
		io.Copy(&out, r)
		close(copied)
	}()
	if err := syscall.Dup3(int(w.Fd()), 2, 0); err != nil {
		syscall.Close(saved)
		w.Close()
		<-copied
		return "", fn()
	}
	ferr := fn()
	syscall.Dup3(saved, 2, 0)
	syscall.Close(saved)
	w.Close()
	<-copied
	return out.String(), ferr
}

// Package sessiontest leaves a session as a crash would, for tests of
// recovery: the process that recorded it gone, its lock released, nothing
// else run.
package sessiontest

import (
	"os"
	"path/filepath"
	"strconv"
	"syscall"
	"testing"
)

// Crash releases the lock of the session in folder, held by this process,
// as the death of the process that held it would: its descriptor is found
// in /proc/self/fd and unlocked. It skips tb where there is no /proc.
func Crash(tb testing.TB, folder string) {
	tb.Helper()
	entries, err := os.ReadDir("/proc/self/fd")
	if err != nil {
		tb.Skip("no /proc/self/fd to find the lock's descriptor")
	}
	for _, e := range entries {
		target, err := os.Readlink(filepath.Join("/proc/self/fd", e.Name()))
		if err != nil || target != filepath.Join(folder, ".lock") {
			continue
		}
		fd, err := strconv.Atoi(e.Name())
		if err != nil {
			continue
		}
		if err := syscall.Flock(fd, syscall.LOCK_UN); err != nil {
			tb.Fatal(err)
		}
		return
	}
	tb.Fatal("no lock to release")
}

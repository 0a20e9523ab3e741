//go:build unix

package session

import (
	"errors"
	"os"
	"path/filepath"
	"syscall"
)

// lockName is the file a live session holds an exclusive flock(2) on.
const lockName = ".lock"

// lockFolder creates folder/.lock (0600) and takes an exclusive lock on it,
// held until the returned file is closed or the process dies.
func lockFolder(folder string) (*os.File, error) {
	f, err := os.OpenFile(filepath.Join(folder, lockName), os.O_RDWR|os.O_CREATE, FileMode)
	if err != nil {
		return nil, err
	}
	if err := syscall.Flock(int(f.Fd()), syscall.LOCK_EX|syscall.LOCK_NB); err != nil {
		f.Close()
		return nil, err
	}
	return f, nil
}

// heldByLiveProcess reports whether a process (this one included) holds
// folder's lock, i.e. the session is really being recorded.
func heldByLiveProcess(folder string) bool {
	f, err := os.Open(filepath.Join(folder, lockName))
	if err != nil {
		return false
	}
	defer f.Close()
	err = syscall.Flock(int(f.Fd()), syscall.LOCK_SH|syscall.LOCK_NB)
	if err == nil {
		syscall.Flock(int(f.Fd()), syscall.LOCK_UN)
		return false
	}
	return errors.Is(err, syscall.EWOULDBLOCK)
}

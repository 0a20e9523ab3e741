//go:build !unix

package session

import (
	"os"
	"path/filepath"
)

const lockName = ".lock"

// lockFolder creates the lock file; without flock(2) it locks nothing.
func lockFolder(folder string) (*os.File, error) {
	return os.OpenFile(filepath.Join(folder, lockName), os.O_RDWR|os.O_CREATE, FileMode)
}

// heldByLiveProcess cannot tell without flock(2): every in_progress session
// is taken for crashed.
func heldByLiveProcess(string) bool { return false }

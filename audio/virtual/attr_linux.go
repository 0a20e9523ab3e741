package virtual

import "syscall"

// daemonAttr makes the daemon die with the test process, even when the test
// binary is killed before its cleanups run (a timeout, a crash), so no
// daemon outlives its test.
func daemonAttr() *syscall.SysProcAttr {
	return &syscall.SysProcAttr{Pdeathsig: syscall.SIGKILL}
}

//go:build !linux

package virtual

import "syscall"

// daemonAttr: only Linux can tie the daemon's life to the test process's;
// elsewhere Stop (or Cleanup) must run.
func daemonAttr() *syscall.SysProcAttr { return nil }

//go:build !linux

package portaudio

// captureStderr runs fn; outside Linux, PortAudio's back ends are quiet
// enough that nothing is redirected.
func captureStderr(fn func() error) (string, error) { return "", fn() }

//go:build !linux

package portaudio

func silenceALSA() {}

package portaudio

/*
#cgo pkg-config: alsa
#include <alsa/asoundlib.h>

// starloopQuietALSA drops ALSA's library messages ("ALSA lib pcm.c:...
// underrun occurred"), which it would otherwise print on the terminal, over
// the live view, from its own threads. Failures still reach starloop as
// error codes from PortAudio.
static void starloopQuietALSA(const char *file, int line, const char *function, int err, const char *fmt, ...) {}

static void starloopSilenceALSA(void) { snd_lib_error_set_handler(starloopQuietALSA); }
*/
import "C"

// silenceALSA stops ALSA printing to standard error for the rest of the
// process. Open calls it after the device probe, whose messages it keeps in
// ProbeLog.
func silenceALSA() { C.starloopSilenceALSA() }

package portaudio

import (
	"errors"
	"testing"
)

// TestChosenErr: a missing device is an error only when it was asked
// for: the microphone when named or to be checked, the speaker when named.
func TestChosenErr(t *testing.T) {
	noMic, noSpeaker := errors.New("no mic"), errors.New("no speaker")
	for _, tt := range []struct {
		name                     string
		c                        Chosen
		inNamed, outNamed, check bool
		want                     error
	}{
		{"both found", Chosen{}, true, true, true, nil},
		{"default mic missing", Chosen{InErr: noMic}, false, false, false, nil},
		{"named mic missing", Chosen{InErr: noMic}, true, false, false, noMic},
		{"default mic missing, checked", Chosen{InErr: noMic}, false, false, true, noMic},
		{"default speaker missing", Chosen{OutErr: noSpeaker}, false, false, true, nil},
		{"named speaker missing", Chosen{OutErr: noSpeaker}, false, true, false, noSpeaker},
		{"both named and missing: the mic first", Chosen{InErr: noMic, OutErr: noSpeaker}, true, true, false, noMic},
	} {
		if got := tt.c.Err(tt.inNamed, tt.outNamed, tt.check); got != tt.want {
			t.Errorf("%s: %v, want %v", tt.name, got, tt.want)
		}
	}
}

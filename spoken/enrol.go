package spoken

import (
	"context"
	"fmt"

	"github.com/starloop/starloop/backends"
	"github.com/starloop/starloop/enrol"
	"github.com/starloop/starloop/profile"
	"github.com/starloop/starloop/terminal"
)

// ReadAloud holds an enrolment on con: the person reads the enrolment
// sentences aloud, each shown and, unless voice is "", said first by that
// flite voice at rate, and each take checked by ears' model as installed
// (enrol.Reading). It returns the recordings.
func ReadAloud(ctx context.Context, con Console, ears *backends.Ears, voice string, rate float64) ([]profile.Recording, error) {
	hear, err := ears.Installed()
	if err != nil {
		return nil, err
	}
	r := &enrol.Reading{Mic: con.Mic, Player: con.Player, Out: con.Out, Hear: hear}
	if voice != "" {
		if r.Voice, err = backends.FliteVoice(ctx, voice, rate); err != nil {
			return nil, err
		}
	}
	keys, restore := terminal.Keys(ctx, con.Keys)
	defer restore()
	r.Keys = keys
	fmt.Fprintf(con.Out, "Read each sentence aloud in your normal interview voice, as it comes (about two minutes).\n")
	return r.Run(ctx, enrol.Sentences())
}

package spoken

import (
	"context"
	"fmt"

	"github.com/starloop/starloop/backends"
	"github.com/starloop/starloop/rehearse"
	"github.com/starloop/starloop/terminal"
)

// Rehearsal is a live run of a rehearsal script: live holds the script's
// points and the run's own settings (cues, end silence, longest run), and
// Voice is the flite voice that says the cues ("" to show them only).
type Rehearsal struct {
	Live  rehearse.Live
	Voice string
}

// Rehearse holds a live run of r on con, heard by b's recogniser (its
// model already with the script's words): the cues said in Voice, the
// live line redrawn on a terminal, Enter or q ending the run. It returns
// the take.
func Rehearse(ctx context.Context, con Console, b *backends.Set, r Rehearsal) (rehearse.Take, error) {
	live := r.Live
	live.Mic, live.Out, live.Redraw = con.Mic, con.Out, con.Terminal
	if r.Voice != "" {
		voice, err := b.Flite(ctx, r.Voice)
		if err != nil {
			return rehearse.Take{}, err
		}
		live.Player, live.Voice = con.Player, voice
	}
	stt := b.Transcriber()
	defer stt.Close()
	live.Transcriber = stt
	keys, restore := terminal.Keys(ctx, con.Keys)
	defer restore()
	live.Keys = keys
	fmt.Fprintf(con.Out, "Speak your script now (%d key points). Enter or q ends the run.\n", len(live.Points))
	return live.Run(ctx)
}

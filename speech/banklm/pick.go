package banklm

import (
	"context"
	"fmt"
	"io"
)

// Pick is the model a command loads for the personal text of a bank of
// stories stories. With build (a batch command) it builds the model if it
// is not cached; without, a session never waits: it takes the cached
// model, or the cached model without personal text, and says on notices
// how to build the bank's. ok is false when the general models serve;
// a failed build costs one line on notices.
func (b *Builder) Pick(ctx context.Context, personal string, stories int, build bool, notices io.Writer) (m Model, ok bool) {
	if m, ok = b.Cached(personal); ok {
		return m, true
	}
	if build {
		m, err := b.Build(ctx, personal)
		if err != nil {
			fmt.Fprintf(notices, "Speech model of the story bank not built (%v); the general model serves.\n", err)
			return Model{}, false
		}
		return m, true
	}
	m, ok = b.Cached("")
	if stories > 0 {
		fmt.Fprintln(notices, "The story bank's speech model is not built yet: `starloop stories check` builds it; the general model serves this session.")
	}
	return m, ok
}

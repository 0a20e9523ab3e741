package report

import (
	"bytes"
	"context"
	"testing"

	"github.com/starloop/starloop"
)

// playedTo is a Player that keeps what it was given, or fails as a
// speaker stopped by ctx does.
type playedTo struct{ pcm []int16 }

func (p *playedTo) Play(ctx context.Context, pcm []int16) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	p.pcm = append(p.pcm, pcm...)
	return nil
}

// TestClipPlay plays answer 1 of the test session: 32000 samples, 2 s at
// 16 kHz (soxi), and the question its session.json gives.
func TestClipPlay(t *testing.T) {
	const id = "20261127-073001"
	c, err := LoadClip("testdata/sessions", id, 1)
	if err != nil {
		t.Fatal(err)
	}
	var out bytes.Buffer
	var p playedTo
	if err := c.Play(context.Background(), &out, &p); err != nil {
		t.Fatal(err)
	}
	if len(p.pcm) != 32000 {
		t.Errorf("played %d samples, want 32000", len(p.pcm))
	}
	want := "Playing answer 1 of session 20261127-073001 (0:02 long). Ctrl-C stops it.\n" +
		"  Q: Tell me about a time you made a decision that favoured the long term over a short-term win.\nDone.\n"
	if out.String() != want {
		t.Errorf("said %q\nwant %q", out.String(), want)
	}

	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	out.Reset()
	if err := c.Play(ctx, &out, &playedTo{}); err != context.Canceled {
		t.Errorf("stopped: %v", err)
	}
	if !bytes.HasSuffix(out.Bytes(), []byte("\nStopped.\n")) {
		t.Errorf("stopped: said %q", out.String())
	}

	if _, err := LoadClip("testdata/sessions", id, 9); !starloop.IsKind(err, starloop.NotFound) {
		t.Errorf("answer 9: %v, want NotFound", err)
	}
}

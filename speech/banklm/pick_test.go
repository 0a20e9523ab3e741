package banklm

import (
	"bytes"
	"context"
	"strings"
	"testing"
)

// TestPick: a session takes what is cached and says how to build the rest;
// a batch command builds; a failed build is one line and the general
// models serve.
func TestPick(t *testing.T) {
	ctx := context.Background()
	b := tinyBuilder(t)
	const personal = "The team met the kestrel customer.\n"
	var notes bytes.Buffer

	if _, ok := b.Pick(ctx, personal, 0, false, &notes); ok || notes.Len() != 0 {
		t.Errorf("nothing cached, no stories: ok %v, notices %q; want false and none", ok, notes.String())
	}
	if _, ok := b.Pick(ctx, personal, 2, false, &notes); ok || !strings.Contains(notes.String(), "`starloop stories check` builds it") {
		t.Errorf("nothing cached, two stories: ok %v, notices %q; want false and how to build it", ok, notes.String())
	}

	notes.Reset()
	m, ok := b.Pick(ctx, "", 0, true, &notes)
	if !ok || m.LM == "" {
		t.Fatalf("build without personal text: %+v, %v (%s)", m, ok, notes.String())
	}
	notes.Reset()
	if got, ok := b.Pick(ctx, personal, 2, false, &notes); !ok || got.LM != m.LM || !strings.Contains(notes.String(), "not built yet") {
		t.Errorf("session, bank not built: %+v %v %q; want the general cached model %s and a notice", got, ok, notes.String(), m.LM)
	}

	notes.Reset()
	built, ok := b.Pick(ctx, personal, 2, true, &notes)
	if !ok || built.LM == m.LM || notes.Len() != 0 {
		t.Fatalf("batch build: %+v %v %q", built, ok, notes.String())
	}
	if got, ok := b.Pick(ctx, personal, 2, false, &notes); !ok || got.LM != built.LM || notes.Len() != 0 {
		t.Errorf("session after the build: %+v %v %q; want %s quietly", got, ok, notes.String(), built.LM)
	}

	bad := *b
	bad.StockLM = bad.StockLM + ".missing"
	bad.CacheDir = t.TempDir()
	if _, ok := bad.Pick(ctx, personal, 2, true, &notes); ok || !strings.Contains(notes.String(), "Speech model of the story bank not built (") {
		t.Errorf("failed build: ok %v, notices %q", ok, notes.String())
	}
}

package enrol

import (
	"bytes"
	"context"
	"os"
	"strings"
	"testing"

	"github.com/starloop/starloop"
	"github.com/starloop/starloop/profile"
)

// TestMake saves a profile from five recordings and says so; from four it
// saves nothing and adapts nothing.
func TestMake(t *testing.T) {
	store := profile.Store{Dir: t.TempDir()}
	recs := make([]profile.Recording, 5)
	for i := range recs {
		recs[i] = profile.Recording{Name: "s" + string(rune('1'+i)), PCM: make([]int16, 16000), Text: enrolText}
	}
	a := &adapter{}
	var out, progress bytes.Buffer
	if err := Make(context.Background(), &out, &progress, a, store, "ana", recs[:4]); !starloop.IsKind(err, starloop.Invalid) ||
		!strings.Contains(err.Error(), "4 sentence(s) read; a profile needs at least 5 (nothing was saved)") {
		t.Errorf("four recordings: %v", err)
	}
	if a.got != nil || progress.Len() > 0 || out.Len() > 0 {
		t.Errorf("four recordings: adapted %d, said %q %q", len(a.got), progress.String(), out.String())
	}
	if _, err := os.Stat(store.Path("ana")); !os.IsNotExist(err) {
		t.Errorf("four recordings: profile folder %v", err)
	}

	if err := Make(context.Background(), &out, &progress, a, store, "ana", recs); err != nil {
		t.Fatal(err)
	}
	if len(a.got) != 5 || progress.String() != "enrol: adapting the speech model to 5 recordings (a few seconds)\n" {
		t.Errorf("adapted %d; progress %q", len(a.got), progress.String())
	}
	if _, err := store.Model("ana"); err != nil {
		t.Errorf("saved profile: %v", err)
	}
	if !strings.Contains(out.String(), `Speaker profile "ana" made from 5 recordings`) {
		t.Errorf("said %q", out.String())
	}
}

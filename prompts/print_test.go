package prompts

import (
	"bytes"
	"encoding/json"
	"errors"
	"strings"
	"testing"

	"github.com/starloop/starloop"
)

// failWriter fails every write, as a closed pipe does.
type failWriter struct{}

func (failWriter) Write([]byte) (int, error) { return 0, errors.New("broken pipe") }

// TestPrint: the JSON form reads back as the LPs given, in order; the text
// form names each LP as "Name (id)"; a failed write is an error.
func TestPrint(t *testing.T) {
	b, err := Load()
	if err != nil {
		t.Fatal(err)
	}
	lps := b.LPs()[:2]
	var out bytes.Buffer
	if err := Print(&out, lps, true, 80); err != nil {
		t.Fatal(err)
	}
	var back []LP
	if err := json.Unmarshal(out.Bytes(), &back); err != nil || len(back) != 2 || back[0].ID != lps[0].ID || back[1].ID != lps[1].ID {
		t.Errorf("JSON read back: %v, %d LPs", err, len(back))
	}
	out.Reset()
	if err := Print(&out, lps, false, 80); err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(out.String(), lps[0].Name+" ("+lps[0].ID+")\n") || !strings.Contains(out.String(), "\n"+lps[1].Name+" ("+lps[1].ID+")\n") {
		t.Errorf("text:\n%s", out.String())
	}
	for _, asJSON := range []bool{true, false} {
		err := Print(failWriter{}, lps, asJSON, 80)
		if err == nil || starloop.KindOf(err) != starloop.Other || !strings.Contains(err.Error(), "write questions: broken pipe") {
			t.Errorf("json %v: a failed write gave %v, want write questions: broken pipe, of kind Other", asJSON, err)
		}
	}
}

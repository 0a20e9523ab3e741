package analysis

import (
	"bytes"
	"encoding/json"
	"errors"
	"testing"

	"github.com/starloop/starloop"
)

type failWriter struct{}

func (failWriter) Write([]byte) (int, error) { return 0, errors.New("disk full") }

// TestResultWrite: --json writes the saved report as indented JSON; a
// writer that fails is an Other error of the operation.
func TestResultWrite(t *testing.T) {
	res := Result{Saved: json.RawMessage(`{"words":3}`)}
	var b bytes.Buffer
	if err := res.Write(&b, true, false); err != nil || b.String() != "{\n  \"words\": 3\n}\n" {
		t.Errorf("JSON: %q, %v", b.String(), err)
	}
	if err := res.Write(failWriter{}, true, false); !starloop.IsKind(err, starloop.Other) || err.Error() != "write report: disk full" {
		t.Errorf("failing writer: %v", err)
	}
}

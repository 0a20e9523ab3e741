package config

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/starloop/starloop"
	"github.com/starloop/starloop/internal/golden"
)

// TestReadFile: no path and no file are no settings; a file is parsed; a
// folder where the file should be is an Invalid error.
func TestReadFile(t *testing.T) {
	dir := t.TempDir()
	for _, path := range []string{"", filepath.Join(dir, "none.yaml")} {
		if got, err := ReadFile(path); err != nil || len(got) != 0 {
			t.Errorf("ReadFile(%q) = %v, %v; want no settings", path, got, err)
		}
	}
	path := filepath.Join(dir, "config.yaml")
	if err := os.WriteFile(path, []byte("stt: openai\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	if got, err := ReadFile(path); err != nil || len(got) != 1 || got["stt"] != "openai" {
		t.Errorf("ReadFile = %v, %v", got, err)
	}
	if _, err := ReadFile(dir); !starloop.IsKind(err, starloop.Invalid) || !strings.HasPrefix(err.Error(), "read "+dir) {
		t.Errorf("a folder: %v", err)
	}
}

// TestWriteGolden: the settings of TestResolvePrecedence as `starloop
// config` shows them; the key sk-proj-abcdefgh1234 masked to its first
// three and last four characters.
func TestWriteGolden(t *testing.T) {
	r, err := Resolve(Input{
		Flags:    map[string]string{"stt": "openai"},
		Env:      env(map[string]string{"STARLOOP_LANGUAGE": "ko", "OPENAI_API_KEY": "sk-proj-abcdefgh1234"}),
		File:     map[string]string{"tts_voice": "nova"},
		FilePath: "c.yaml",
	})
	if err != nil {
		t.Fatal(err)
	}
	var b bytes.Buffer
	if err := r.Write(&b); err != nil {
		t.Fatal(err)
	}
	golden.Check(t, "config.golden", b.Bytes())
	if !strings.Contains(b.String(), "sk-...1234") || strings.Contains(b.String(), "abcdefgh") {
		t.Errorf("key not masked:\n%s", b.String())
	}
	b.Reset()
	if err := Offline().Write(&b); err != nil || !strings.Contains(b.String(), "api-key:") || !strings.Contains(b.String(), "(none)") {
		t.Errorf("no key: %v\n%s", err, b.String())
	}
}

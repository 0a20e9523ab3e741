package main

import (
	"bytes"
	"context"
	"encoding/json"
	"strings"
	"testing"

	"github.com/starloop/starloop"
)

// whichCLI runs `starloop which` in-process.
func whichCLI(t *testing.T, args ...string) (stdout string, err error) {
	t.Helper()
	var out, errOut bytes.Buffer
	env := &appEnv{stdin: strings.NewReader(""), stdout: &out, stderr: &errOut}
	err = newApp(env).RunContext(context.Background(), append([]string{"starloop", "which"}, args...))
	return out.String(), err
}

// The questions below name their LP's plain words: "budget" and "cheaper"
// are Frugality's; "disagreed", "manager" and "pushed back" are Have
// Backbone's (the names are the bank's, from prompts/lps.json).

func TestWhichText(t *testing.T) {
	out, err := whichCLI(t, "Tell me about a time you had almost no budget and had to find a cheaper way.")
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(strings.TrimSuffix(out, "\n"), "\n")
	if len(lines) != 3 {
		t.Fatalf("%d lines, want 3:\n%s", len(lines), out)
	}
	first := lines[0]
	if !strings.HasPrefix(first, "Frugality ") || !strings.Contains(first, "budget") || !strings.Contains(first, "cheaper") || !strings.Contains(first, "%") {
		t.Errorf("first line %q, want Frugality, its score in percent, budget and cheaper", first)
	}
}

func TestWhichJSON(t *testing.T) {
	// Unquoted words, recognised-speech form.
	out, err := whichCLI(t, "--json", "tell", "me", "about", "a", "time", "you", "disagreed", "with", "your", "manager", "and", "pushed", "back")
	if err != nil {
		t.Fatal(err)
	}
	var got []struct {
		LP    string   `json:"lp"`
		Name  string   `json:"name"`
		Score *float64 `json:"score"`
	}
	if err := json.Unmarshal([]byte(out), &got); err != nil {
		t.Fatalf("%v:\n%s", err, out)
	}
	if len(got) != 3 {
		t.Fatalf("%d LPs, want 3", len(got))
	}
	if got[0].LP != "have-backbone" || got[0].Name != "Have Backbone; Disagree and Commit" {
		t.Errorf("first %s %q, want have-backbone, Have Backbone; Disagree and Commit", got[0].LP, got[0].Name)
	}
	sum := 0.0
	for i, g := range got {
		if g.Score == nil || *g.Score <= 0 || *g.Score > 1 {
			t.Fatalf("LP %d: score %v, want one in (0, 1]", i, g.Score)
		}
		if i > 0 && *g.Score > *got[i-1].Score {
			t.Errorf("scores not best first: %v after %v", *g.Score, *got[i-1].Score)
		}
		sum += *g.Score
	}
	if sum > 1.0001 {
		t.Errorf("the three scores sum to %v; probabilities over 16 LPs cannot pass 1", sum)
	}
}

func TestWhichNoQuestion(t *testing.T) {
	for _, args := range [][]string{nil, {"  "}} {
		_, err := whichCLI(t, args...)
		if starloop.KindOf(err) != starloop.Invalid || !strings.Contains(err.Error(), "give a question") {
			t.Errorf("which %q: %v, want an invalid-input error asking for a question", args, err)
		}
	}
}

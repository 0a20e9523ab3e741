package main

import (
	"bytes"
	"context"
	"encoding/json"
	"slices"
	"strings"
	"testing"

	"github.com/starloop/starloop"
	"github.com/starloop/starloop/internal/golden"
)

// runCLI runs starloop in-process with args after the program name, and
// returns what it wrote and the error RunContext returned.
func runCLI(t *testing.T, args ...string) (stdout, stderr string, err error) {
	t.Helper()
	var out, errOut bytes.Buffer
	env := &appEnv{stdin: strings.NewReader(""), stdout: &out, stderr: &errOut}
	err = newApp(env).RunContext(context.Background(), append([]string{"starloop"}, args...))
	return out.String(), errOut.String(), err
}

// jsonLP mirrors the documented JSON shape, not prompts.LP, so that a
// renamed field in prompts breaks this test.
type jsonLP struct {
	ID        string   `json:"id"`
	Name      string   `json:"name"`
	Meaning   string   `json:"meaning"`
	Signals   []string `json:"signals"`
	Questions []string `json:"questions"`
	FollowUps []string `json:"follow_ups"`
}

func decodeLPs(t *testing.T, out string) []jsonLP {
	t.Helper()
	dec := json.NewDecoder(strings.NewReader(out))
	dec.DisallowUnknownFields()
	var lps []jsonLP
	if err := dec.Decode(&lps); err != nil {
		t.Fatalf("decode JSON output: %v\n%s", err, out)
	}
	return lps
}

func TestQuestionsJSON(t *testing.T) {
	t.Setenv("STARLOOP_LP", "")
	out, _, err := runCLI(t, "questions", "--json")
	if err != nil {
		t.Fatalf("questions --json: %v", err)
	}
	lps := decodeLPs(t, out)
	if len(lps) != 16 {
		t.Fatalf("got %d LPs, want 16", len(lps))
	}
	if lps[0].ID != "customer-obsession" || lps[15].ID != "success-and-scale" {
		t.Errorf("first and last LPs = %s, %s; want customer-obsession, success-and-scale", lps[0].ID, lps[15].ID)
	}
	for _, lp := range lps {
		if lp.Name == "" || lp.Meaning == "" || len(lp.Signals) == 0 || len(lp.Questions) == 0 || len(lp.FollowUps) == 0 {
			t.Errorf("LP %q has an empty field: %+v", lp.ID, lp)
		}
	}
	// Every key present, by name: the JSON is read by other tools.
	var raw []map[string]json.RawMessage
	if err := json.Unmarshal([]byte(out), &raw); err != nil {
		t.Fatal(err)
	}
	var keys []string
	for k := range raw[0] {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	want := []string{"follow_ups", "id", "meaning", "name", "questions", "signals"}
	if !slices.Equal(keys, want) {
		t.Errorf("JSON keys = %q, want %q", keys, want)
	}
}

func TestQuestionsOneLP(t *testing.T) {
	tests := []struct {
		name string
		args []string
		env  string // STARLOOP_LP
		want string // id
	}{
		{"words", []string{"--lp", "dive deep"}, "", "dive-deep"},
		{"id", []string{"--lp=dive-deep"}, "", "dive-deep"},
		{"title case", []string{"--lp", "Dive Deep"}, "", "dive-deep"},
		{"unique word", []string{"--lp", "backbone"}, "", "have-backbone"},
		{"environment", nil, "bias", "bias-for-action"},
		{"flag beats environment", []string{"--lp", "frugal"}, "bias", "frugality"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Setenv("STARLOOP_LP", tt.env)
			args := append([]string{"questions", "--json"}, tt.args...)
			out, _, err := runCLI(t, args...)
			if err != nil {
				t.Fatalf("%q: %v", args, err)
			}
			lps := decodeLPs(t, out)
			if len(lps) != 1 || lps[0].ID != tt.want {
				var ids []string
				for _, lp := range lps {
					ids = append(ids, lp.ID)
				}
				t.Errorf("%q gave %q, want [%s]", args, ids, tt.want)
			}
		})
	}
}

func TestQuestionsBadInput(t *testing.T) {
	tests := []struct {
		name string
		args []string
		want []string // parts of the one-line message
	}{
		{"unknown LP", []string{"--lp", "patience"}, []string{`"patience"`, "choose one of", "customer-obsession", "success-and-scale"}},
		{"ambiguous LP", []string{"--lp", "best"}, []string{"ambiguous", "hire-and-develop-the-best", "earths-best-employer"}},
		{"stray argument", []string{"dive-deep"}, []string{`"dive-deep"`, "--lp"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Setenv("STARLOOP_LP", "")
			out, _, err := runCLI(t, append([]string{"questions"}, tt.args...)...)
			if err == nil {
				t.Fatalf("%q succeeded, want an error", tt.args)
			}
			if k := starloop.KindOf(err); k != starloop.Invalid {
				t.Errorf("error kind = %v, want Invalid", k)
			}
			if out != "" {
				t.Errorf("wrote %q to stdout before failing", out)
			}
			var msg bytes.Buffer
			if code := report(&msg, err); code != 2 {
				t.Errorf("exit code = %d, want 2", code)
			}
			line := msg.String()
			if strings.Count(line, "\n") != 1 || !strings.HasPrefix(line, "starloop: ") {
				t.Errorf("message is not one line starting with \"starloop: \": %q", line)
			}
			for _, w := range tt.want {
				if !strings.Contains(line, w) {
					t.Errorf("message %q does not mention %s", line, w)
				}
			}
		})
	}
}

// TestQuestionsText checks the listing a person reads: a golden file for one
// LP, and for all of them that each LP's heading appears once and no line is
// wider than the terminal.
func TestQuestionsText(t *testing.T) {
	t.Setenv("STARLOOP_LP", "")
	out, _, err := runCLI(t, "questions", "--lp", "dive deep")
	if err != nil {
		t.Fatal(err)
	}
	golden.Check(t, "questions-dive-deep.golden", []byte(out))

	all, _, err := runCLI(t, "questions")
	if err != nil {
		t.Fatal(err)
	}
	headings := []string{
		"Customer Obsession (customer-obsession)",
		"Dive Deep (dive-deep)",
		"Have Backbone; Disagree and Commit (have-backbone)",
		"Strive to be Earth's Best Employer (earths-best-employer)",
		"Success and Scale Bring Broad Responsibility (success-and-scale)",
	}
	lines := strings.Split(all, "\n")
	for _, h := range headings {
		if n := slices.Index(lines, h); n < 0 {
			t.Errorf("listing of all LPs has no heading line %q", h)
		}
	}
	if n := strings.Count(all, "\n  Questions:\n"); n != 16 {
		t.Errorf("listing of all LPs has %d question lists, want 16", n)
	}
	for i, l := range lines {
		if len(l) > 80 {
			t.Errorf("line %d is %d columns, want at most 80: %q", i+1, len(l), l)
		}
	}
}

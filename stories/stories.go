// Package stories reads the story bank: the file of prepared interview
// stories a user keeps, each with the Leadership Principles (LPs) it serves,
// its STAR bullet points and its numbers.
//
// Data enters as the bytes of a YAML file (see README.md in this folder for
// the layout) and an LP resolver, normally *prompts.Bank. Parse returns the
// stories and every problem found, each with its line: errors make the file
// unusable, warnings (an LP no story serves, a story with no numbers) are
// advice. Data leaves as Story values, a Coverage grid of LPs by stories, and
// an order of LPs by need for practice. ReadFile and Load read the file
// they are named; nothing here reads the environment (the default path is
// cmd/'s).
package stories

import (
	"errors"
	"fmt"
	"regexp"
	"slices"
	"sort"
	"strconv"
	"strings"

	"gopkg.in/yaml.v3"

	"github.com/starloop/starloop"
	"github.com/starloop/starloop/lexicon"
	"github.com/starloop/starloop/prompts"
)

// LPs resolves the names a user writes to Leadership Principles.
// *prompts.Bank implements it.
type LPs interface {
	// Lookup finds the LP a person means by id, name or unique part of one.
	Lookup(name string) (prompts.LP, error)
	// LPs lists every LP in a fixed order.
	LPs() []prompts.LP
}

var _ LPs = (*prompts.Bank)(nil)

// Story is one entry of the bank.
type Story struct {
	// ID is the entry's id, or a slug of its title when it has none
	// ("Billing migration" gives "billing-migration").
	ID    string
	Title string
	// LPs are the ids of the LPs the story serves, in the order written.
	LPs []string
	// The STAR parts, one bullet point per element.
	Situation, Task, Action, Result []string
	// Numbers are the measures the story can quote ("40% lower hosting cost").
	Numbers []string
	// Line is the line of the entry in the file, for messages.
	Line int
	// last is the entry's last line.
	last int
}

// Text is the whole story as prose, its bullets joined in STAR order, for
// matching a spoken answer against it.
func (s Story) Text() string {
	var parts []string
	parts = append(parts, s.Title+".")
	for _, b := range slices.Concat(s.Situation, s.Task, s.Action, s.Result, s.Numbers) {
		b = strings.TrimSpace(b)
		if b != "" && !strings.ContainsRune(".!?", rune(b[len(b)-1])) {
			b += "."
		}
		parts = append(parts, b)
	}
	return strings.Join(parts, " ")
}

// Severity says whether a Problem makes the file unusable.
type Severity int

const (
	Error   Severity = iota // the file must be fixed
	Warning                 // advice; the file works
)

// Problem is one thing wrong in the file. Line is 0 for problems of the
// file as a whole (an LP no story serves).
type Problem struct {
	File     string
	Line     int
	Severity Severity
	Msg      string
	// Unserved is the id of the LP that no story serves, for that warning.
	Unserved string
}

// String is the problem as a compiler would print it:
// "stories.yaml:14: unknown LP \"backbnoe\" (did you mean have-backbone?)",
// with "warning: " before the message of a warning.
func (p Problem) String() string {
	var b strings.Builder
	b.WriteString(p.File)
	if p.Line > 0 {
		b.WriteString(":" + strconv.Itoa(p.Line))
	}
	b.WriteString(": ")
	if p.Severity == Warning {
		b.WriteString("warning: ")
	}
	b.WriteString(p.Msg)
	return b.String()
}

// File is a parsed story bank.
type File struct {
	Name    string
	Stories []Story
	// Problems are all errors and warnings, in the order of the file, with
	// file-wide ones last.
	Problems []Problem
}

// Errors returns the problems of severity Error.
func (f *File) Errors() []Problem {
	var out []Problem
	for _, p := range f.Problems {
		if p.Severity == Error {
			out = append(out, p)
		}
	}
	return out
}

// Usable returns the stories with no error on any of their lines: those a
// coverage grid can show while the file still has errors elsewhere.
func (f *File) Usable() []Story {
	var out []Story
	for _, s := range f.Stories {
		if !slices.ContainsFunc(f.Problems, func(p Problem) bool {
			return p.Severity == Error && p.Line >= s.Line && p.Line <= s.last
		}) {
			out = append(out, s)
		}
	}
	return out
}

// lastLine is the last line that n or anything under it starts on.
func lastLine(n *yaml.Node) int {
	last := n.Line
	for _, c := range n.Content {
		last = max(last, lastLine(c))
	}
	return last
}

// Err is nil when the file has no errors, else a starloop.Invalid error
// whose message is the first error and a count of the rest.
func (f *File) Err() error {
	errs := f.Errors()
	if len(errs) == 0 {
		return nil
	}
	msg := errs[0].String()
	if len(errs) > 1 {
		msg += fmt.Sprintf(" (and %d more; run starloop stories check)", len(errs)-1)
	}
	return starloop.E("read story bank", starloop.Invalid, errors.New(msg))
}

// The fields of one entry, in the order the README lists them.
var fields = []string{"id", "title", "lps", "situation", "task", "action", "result", "numbers"}

// parser gathers problems while walking the YAML tree.
type parser struct {
	f   *File
	lps LPs
}

func (p *parser) add(line int, sev Severity, format string, args ...any) {
	p.f.Problems = append(p.f.Problems, Problem{File: p.f.Name, Line: line, Severity: sev, Msg: fmt.Sprintf(format, args...)})
}

var yamlLine = regexp.MustCompile(`^yaml: line (\d+): (.*)$`)

// Parse reads a story bank named name (used in messages) from data. It
// never fails outright: a file that is not YAML at all gives a File with no
// stories and one error. Call File.Err to know whether the file is usable.
func Parse(name string, data []byte, lps LPs) *File {
	p := &parser{f: &File{Name: name}, lps: lps}
	var root yaml.Node
	if err := yaml.Unmarshal(data, &root); err != nil {
		line, msg := 0, err.Error()
		if m := yamlLine.FindStringSubmatch(msg); m != nil {
			line, _ = strconv.Atoi(m[1])
			msg = m[2]
		} else {
			msg = strings.TrimPrefix(msg, "yaml: ")
		}
		p.add(line, Error, "not valid YAML: %s", msg)
		return p.f
	}
	if len(root.Content) == 0 {
		p.add(0, Error, "empty file; see the example in the README")
		return p.f
	}
	doc := root.Content[0]
	if doc.Kind != yaml.MappingNode {
		p.add(doc.Line, Error, "the file must start with \"stories:\" followed by a list of stories")
		return p.f
	}
	var list *yaml.Node
	for i := 0; i+1 < len(doc.Content); i += 2 {
		k, v := doc.Content[i], doc.Content[i+1]
		if k.Value != "stories" {
			p.add(k.Line, Error, "unknown top-level key %q; the file holds only \"stories:\"", k.Value)
			continue
		}
		if list != nil {
			p.add(k.Line, Error, "\"stories:\" appears twice")
			continue
		}
		list = v
	}
	switch {
	case list == nil:
		p.add(doc.Line, Error, "no \"stories:\" list")
		return p.f
	case list.Kind == yaml.ScalarNode && list.Tag == "!!null":
		p.add(list.Line, Error, "the \"stories:\" list is empty")
		return p.f
	case list.Kind != yaml.SequenceNode:
		p.add(list.Line, Error, "\"stories:\" must be a list of stories, each starting with \"- title:\"")
		return p.f
	}
	for _, n := range list.Content {
		if s, ok := p.story(n); ok {
			p.f.Stories = append(p.f.Stories, s)
		}
	}
	p.crossCheck()
	// In the order of the file; file-wide problems (line 0) last.
	sort.SliceStable(p.f.Problems, func(i, j int) bool {
		li, lj := p.f.Problems[i].Line, p.f.Problems[j].Line
		return li != 0 && (lj == 0 || li < lj)
	})
	return p.f
}

// story reads one entry. ok is false when the entry is too broken to use.
func (p *parser) story(n *yaml.Node) (s Story, ok bool) {
	s.Line, s.last = n.Line, lastLine(n)
	if n.Kind != yaml.MappingNode {
		p.add(n.Line, Error, "a story must be a set of fields (title:, lps:, situation:, ...)")
		return s, false
	}
	seen := map[string]bool{}
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, v := n.Content[i], n.Content[i+1]
		key := strings.ToLower(strings.TrimSpace(k.Value))
		if !slices.Contains(fields, key) {
			msg := fmt.Sprintf("unknown field %q", k.Value)
			if g := closest(key, fields); g != "" {
				msg += fmt.Sprintf(" (did you mean %s?)", g)
			} else {
				msg += " (fields are " + strings.Join(fields, ", ") + ")"
			}
			p.add(k.Line, Error, "%s", msg)
			continue
		}
		if seen[key] {
			p.add(k.Line, Error, "field %q appears twice in this story", key)
			continue
		}
		seen[key] = true
		switch key {
		case "id":
			s.ID = p.scalar(v, key)
		case "title":
			s.Title = p.scalar(v, key)
		case "lps":
			s.LPs = p.resolve(p.list(v, key, true))
		case "situation":
			s.Situation = p.bullets(v, key)
		case "task":
			s.Task = p.bullets(v, key)
		case "action":
			s.Action = p.bullets(v, key)
		case "result":
			s.Result = p.bullets(v, key)
		case "numbers":
			s.Numbers = p.bullets(v, key)
		}
	}
	if s.Title == "" {
		if !seen["title"] {
			p.add(n.Line, Error, "story has no title")
		}
		s.Title = s.ID
	}
	if s.ID == "" {
		s.ID = Slug(s.Title)
	}
	if !seen["lps"] {
		p.add(n.Line, Error, "story %q names no LPs (add lps: [ownership, ...])", s.Title)
	}
	for _, part := range []string{"situation", "task", "action", "result"} {
		if !seen[part] {
			p.add(n.Line, Error, "story %q has no %s", s.Title, part)
		}
	}
	if !seen["numbers"] {
		p.add(n.Line, Warning, "story %q has no numbers; interviewers listen for a measurable result", s.Title)
	}
	return s, s.Title != ""
}

// scalar reads a single string value; an empty one is an error.
func (p *parser) scalar(v *yaml.Node, key string) string {
	if v.Kind != yaml.ScalarNode {
		p.add(v.Line, Error, "%s must be a single line of text", key)
		return ""
	}
	s := strings.TrimSpace(v.Value)
	if s == "" || v.Tag == "!!null" {
		p.add(v.Line, Error, "%s is empty", key)
		return ""
	}
	return s
}

// item is one element of a list with its line.
type item struct {
	text string
	line int
}

// list reads a value that may be one string or a list of strings. With
// commas, a single string is split at them ("ownership, dive deep").
func (p *parser) list(v *yaml.Node, key string, commas bool) []item {
	var out []item
	switch v.Kind {
	case yaml.ScalarNode:
		if v.Tag == "!!null" {
			break
		}
		parts := []string{v.Value}
		if commas {
			parts = strings.Split(v.Value, ",")
		}
		for _, s := range parts {
			if s = strings.TrimSpace(s); s != "" {
				out = append(out, item{s, v.Line})
			}
		}
	case yaml.SequenceNode:
		for _, e := range v.Content {
			if e.Kind != yaml.ScalarNode {
				p.add(e.Line, Error, "each item of %s must be a line of text", key)
				continue
			}
			if s := strings.TrimSpace(e.Value); s != "" && e.Tag != "!!null" {
				out = append(out, item{s, e.Line})
			} else {
				p.add(e.Line, Error, "empty item in %s", key)
			}
		}
	default:
		p.add(v.Line, Error, "%s must be a line of text or a list of lines", key)
		return nil
	}
	if len(out) == 0 {
		p.add(v.Line, Error, "%s is empty", key)
	}
	return out
}

func (p *parser) bullets(v *yaml.Node, key string) []string {
	var out []string
	for _, it := range p.list(v, key, false) {
		out = append(out, it.text)
	}
	return out
}

// resolve turns the names written under lps: into LP ids, reporting each
// name that names no LP, or more than one, on its line.
func (p *parser) resolve(items []item) []string {
	var ids []string
	for _, it := range items {
		lp, err := p.lps.Lookup(it.text)
		if err != nil {
			cause := err.Error()
			if u := errors.Unwrap(err); u != nil {
				cause = u.Error()
			}
			if strings.HasPrefix(cause, "ambiguous") {
				p.add(it.line, Error, "LP %q is %s", it.text, cause)
				continue
			}
			msg := fmt.Sprintf("unknown LP %q", it.text)
			if g := p.suggestLP(it.text); g != "" {
				msg += fmt.Sprintf(" (did you mean %s?)", g)
			}
			p.add(it.line, Error, "%s", msg)
			continue
		}
		if slices.Contains(ids, lp.ID) {
			p.add(it.line, Warning, "LP %s is listed twice", lp.ID)
			continue
		}
		ids = append(ids, lp.ID)
	}
	return ids
}

// suggestLP finds the LP whose id, name or name word is closest in spelling
// to a name Lookup did not know.
func (p *parser) suggestLP(name string) string {
	q := fold(name)
	best, bestD := "", -1
	for _, lp := range p.lps.LPs() {
		cands := []string{fold(lp.ID), fold(lp.Name)}
		for _, w := range strings.Fields(fold(lp.Name)) {
			if len(w) > 3 {
				cands = append(cands, w)
			}
		}
		for _, c := range cands {
			d := distance(q, c)
			if bestD < 0 || d < bestD {
				best, bestD = lp.ID, d
			}
		}
	}
	if bestD < 0 || bestD > max(2, len(q)/3) {
		return ""
	}
	return best
}

// crossCheck finds problems between stories: repeated ids and titles, and
// the LPs no story serves.
func (p *parser) crossCheck() {
	firstTitle := map[string]int{}
	firstID := map[string]int{}
	served := map[string]bool{}
	for _, s := range p.f.Stories {
		t := fold(s.Title)
		if l, ok := firstTitle[t]; ok {
			p.add(s.Line, Error, "duplicate title %q (first used on line %d)", s.Title, l)
		} else {
			firstTitle[t] = s.Line
			if l, ok := firstID[s.ID]; ok {
				p.add(s.Line, Error, "duplicate id %q (first used on line %d)", s.ID, l)
			}
		}
		if _, ok := firstID[s.ID]; !ok {
			firstID[s.ID] = s.Line
		}
		for _, id := range s.LPs {
			served[id] = true
		}
	}
	for _, lp := range p.lps.LPs() {
		if !served[lp.ID] {
			p.add(0, Warning, "no story serves %s (%s)", lp.Name, lp.ID)
			p.f.Problems[len(p.f.Problems)-1].Unserved = lp.ID
		}
	}
}

// Slug makes an id from a title: lower case, runs of anything but letters
// and digits turned into one hyphen ("Billing migration (AWS)" gives
// "billing-migration-aws").
func Slug(title string) string {
	return strings.ReplaceAll(lexicon.Normalise(title), " ", "-")
}

// fold folds what people type for comparing (lexicon.Normalise).
func fold(s string) string { return lexicon.Normalise(s) }

// closest returns the candidate within two edits of s, or "".
func closest(s string, cands []string) string {
	best, bestD := "", 3
	for _, c := range cands {
		if d := distance(s, c); d < bestD {
			best, bestD = c, d
		}
	}
	return best
}

// distance is the Levenshtein edit distance between a and b, in bytes.
func distance(a, b string) int {
	prev := make([]int, len(b)+1)
	cur := make([]int, len(b)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur[0] = i
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev, cur = cur, prev
	}
	return prev[len(b)]
}

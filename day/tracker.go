package day

import (
	"fmt"
	"sync"

	"github.com/starloop/starloop/reuse"
	"github.com/starloop/starloop/stories"
)

// Tracker follows the stories told during a day: it matches each main
// answer against the story bank and the main answers already told, and
// warns when a story comes back. It is safe for concurrent use: the judge
// calls Check from its goroutines while the view calls Commit.
type Tracker struct {
	mu     sync.Mutex
	ix     *reuse.Index
	lpName func(string) string
	told   []told
}

// told is a main answer already given.
type told struct {
	round int
	lp    string
	story string // its label: a bank title, or empty
}

// Note is what the Tracker says of one main answer.
type Note struct {
	// Story is the bank story the answer tells (its title), or, for a
	// story off the bank told before, the label of the earlier telling.
	Story string `json:"story,omitempty"`
	// Reuse is the warning when the story was told before in this loop.
	Reuse string `json:"reuse,omitempty"`
	// Score is the reuse score of the match behind the note.
	Score float64 `json:"score,omitempty"`
	// Earlier is the place (from 1, in the order of Commit) of the
	// earlier answer that told the story, when the warning is about one;
	// 0 otherwise.
	Earlier int `json:"-"`
	// Text is the answer, as given to Check.
	Text string `json:"-"`
}

// NewTracker returns a Tracker that knows the story bank bank (which may be
// empty). background are texts of the kind answers hold (the prompt bank's
// questions), which teach the detector what is common; the bank's stories
// count too. lpName names LP ids in warnings.
func NewTracker(background []string, bank []stories.Story, lpName func(string) string) *Tracker {
	docs := make([]reuse.Doc, len(bank))
	for i, s := range bank {
		docs[i] = reuse.Doc{ID: "story:" + s.ID, Title: s.Title, Text: s.Text()}
	}
	ix := reuse.NewBank(background, docs)
	if lpName == nil {
		lpName = func(id string) string { return id }
	}
	return &Tracker{ix: ix, lpName: lpName}
}

// Check matches text, a main answer, against the bank and every answer
// committed so far; it remembers nothing (a judge may check one answer
// several times as the person goes on speaking). Any earlier main answer
// telling the same story draws the warning: to another interviewer, to
// the same one under another LP, or to a second question on one LP.
func (t *Tracker) Check(text string) Note {
	t.mu.Lock()
	defer t.mu.Unlock()
	n := Note{Text: text}
	for _, m := range t.ix.Matches(text) {
		if !m.Reused {
			break
		}
		if m.Doc.Title != "" { // a bank story
			if n.Story == "" {
				n.Story, n.Score = m.Doc.Title, m.Score
			}
			for i, e := range t.told {
				if e.story == m.Doc.Title {
					n.Earlier = i + 1
					m.Doc.LP = t.lpName(e.lp)
					n.Reuse = m.Message()
					return n
				}
			}
			continue
		}
		// An earlier answer: its LP is set, so the message names it.
		n.Reuse, n.Score = m.Message(), m.Score
		var k int
		fmt.Sscanf(m.Doc.ID, "answer-%d", &k)
		n.Earlier = k
		if n.Story == "" {
			if k >= 1 && k <= len(t.told) && t.told[k-1].story != "" {
				n.Story = t.told[k-1].story
				m.Doc.Title = n.Story
				n.Reuse = m.Message()
			} else {
				n.Story = m.Label()
			}
		}
		return n
	}
	return n
}

// Commit records n, a main answer told in round for LP lp, as told: later
// answers are matched against it.
func (t *Tracker) Commit(round int, lp string, n Note) {
	t.mu.Lock()
	defer t.mu.Unlock()
	t.told = append(t.told, told{round: round, lp: lp, story: n.Story})
	t.ix.Add(reuse.Doc{ID: fmt.Sprintf("answer-%d", len(t.told)), LP: t.lpName(lp), Text: n.Text})
}

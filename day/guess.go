package day

import (
	"bufio"
	"context"
	"fmt"
	"io"
	"strings"
	"sync"

	"github.com/starloop/starloop/interviewer"
	"github.com/starloop/starloop/prompts"
	"github.com/starloop/starloop/whichlp"
)

// Guesser collects the candidate's guesses of the LP each main question
// probes: typed on the terminal (it takes the keys while a guess is
// awaited and passes the rest on, see Keys), or, without a terminal, read
// from a reader one line per guess. Guesses and the main questions
// awaiting one are paired in order, whichever comes first.
type Guesser struct {
	keys <-chan byte

	bank       *prompts.Bank
	classifier *whichlp.Classifier
	out        io.Writer

	mu      sync.Mutex
	waiting []guessReq
	lines   []string
	got     map[int]Guess
}

type guessReq struct {
	n int
	q interviewer.Question
}

// NewGuesser reads guesses from raw, the terminal's keys, echoing them on
// out; or, when raw is nil, from lines, one guess a line. It stops when ctx
// is done.
func NewGuesser(ctx context.Context, raw <-chan byte, lines io.Reader, out io.Writer, bank *prompts.Bank) *Guesser {
	g := &Guesser{bank: bank, classifier: whichlp.New(bank.LPs()), got: map[int]Guess{}, out: out}
	if raw == nil {
		go g.readLines(lines)
		return g
	}
	fwd := make(chan byte, 8)
	g.keys = fwd
	go g.readKeys(ctx, raw, fwd)
	return g
}

// Keys are the key presses that are not part of a guess, for the Runner;
// nil without a terminal.
func (g *Guesser) Keys() <-chan byte { return g.keys }

func (g *Guesser) readKeys(ctx context.Context, raw <-chan byte, fwd chan<- byte) {
	defer close(fwd)
	var line []byte
	for {
		var b byte
		var ok bool
		select {
		case b, ok = <-raw:
			if !ok {
				return
			}
		case <-ctx.Done():
			return
		}
		g.mu.Lock()
		typing := len(g.waiting) > 0
		g.mu.Unlock()
		if !typing {
			select {
			case fwd <- b:
			case <-ctx.Done():
				return
			}
			continue
		}
		switch b {
		case '\r', '\n':
			fmt.Fprintln(g.out)
			g.add(string(line))
			line = line[:0]
		case 127, '\b':
			if len(line) > 0 {
				line = line[:len(line)-1]
				fmt.Fprint(g.out, "\b \b")
			}
		default:
			line = append(line, b)
			fmt.Fprintf(g.out, "%c", b)
		}
	}
}

func (g *Guesser) readLines(r io.Reader) {
	sc := bufio.NewScanner(r)
	for sc.Scan() {
		g.add(sc.Text())
	}
}

// expect prompts for a guess at the LP of answer n's question q. On a
// terminal what is typed is echoed after "Guess: ".
func (g *Guesser) expect(w io.Writer, n int, q interviewer.Question) {
	fmt.Fprintf(w, "Which LP does this question probe? Type your guess and press Enter, then answer.\n")
	if g.keys != nil {
		fmt.Fprint(w, "Guess: ")
	}
	g.mu.Lock()
	defer g.mu.Unlock()
	g.waiting = append(g.waiting, guessReq{n, q})
	g.pair()
}

func (g *Guesser) add(line string) {
	line = strings.TrimSpace(line)
	if line == "" {
		return
	}
	g.mu.Lock()
	defer g.mu.Unlock()
	g.lines = append(g.lines, line)
	g.pair()
}

// Typing reports whether a guess is awaited: the status line must not be
// drawn over what is being typed.
func (g *Guesser) Typing() bool {
	g.mu.Lock()
	defer g.mu.Unlock()
	return len(g.waiting) > 0
}

// pair scores the guesses for the questions awaiting them and confirms
// each; g.mu is held.
func (g *Guesser) pair() {
	for len(g.waiting) > 0 && len(g.lines) > 0 {
		req, said := g.waiting[0], g.lines[0]
		g.waiting, g.lines = g.waiting[1:], g.lines[1:]
		s := whichlp.ScoreGuess(g.bank, req.q.LP, said, g.classifier.Rank(req.q.Text))
		lg := Guess{Said: said, Score: s.Score}
		if s.Known {
			lg.LP = s.LP.Name
		}
		g.got[req.n] = lg
		fmt.Fprintf(g.out, "Your guess: %s. Now your answer.\n", lg.said())
	}
}

// said is the guess as understood: the LP's name, or what was typed when
// it names none.
func (g Guess) said() string {
	if g.LP != "" {
		return g.LP
	}
	return fmt.Sprintf("%q (no LP)", g.Said)
}

// result is the guess for answer n, if one was made.
func (g *Guesser) result(n int) (Guess, bool) {
	g.mu.Lock()
	defer g.mu.Unlock()
	r, ok := g.got[n]
	return r, ok
}

// line says how the guess of the LP asked (by name) fared.
func (g Guess) line(asked string) string {
	said := g.said()
	word := "wrong"
	switch {
	case g.Score >= 1:
		word = "right"
	case g.Score > 0:
		word = "close"
	}
	return fmt.Sprintf("you guessed %s; the question probed %s: %s", said, asked, word)
}

package session_test

import (
	"fmt"
	"os"
	"time"

	"github.com/starloop/starloop/audio"
	"github.com/starloop/starloop/session"
)

func Example() {
	dir, err := os.MkdirTemp("", "sessions")
	if err != nil {
		fmt.Println(err)
		return
	}
	defer os.RemoveAll(dir)

	start := time.Date(2026, 11, 27, 15, 45, 2, 0, time.Local)
	st, err := session.Open(dir, session.Options{Now: func() time.Time { return start.Add(time.Hour) }})
	if err != nil {
		fmt.Println(err)
		return
	}
	s, err := st.NewSession(session.Meta{Start: start, LPs: []string{"ownership"}})
	if err != nil {
		fmt.Println(err)
		return
	}
	rec, err := s.NewAnswer(1)
	if err != nil {
		fmt.Println(err)
		return
	}
	rec.WriteFrame(audio.NewFrame()) // the microphone's frames, as they come
	rec.Close()
	s.SaveAnswer(session.Answer{N: 1, LP: "ownership", Question: "Tell me about a time you took ownership."})
	s.Close(session.Complete)

	list, _ := session.List(dir)
	for _, m := range list {
		fmt.Println(m.ID, m.State, len(m.Answers), "answer(s)")
	}
	// Output:
	// 20261127-154502 complete 1 answer(s)
}

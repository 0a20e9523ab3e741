package report

import (
	"encoding/json"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/starloop/starloop/audio"
	"github.com/starloop/starloop/session"
)

// tenAnswerSession writes a 10-answer session to a temporary sessions
// folder: the test session's four records repeated, each with 20 s of
// recorded audio (the demo answers' length), as `starloop report` finds it.
func tenAnswerSession(b *testing.B) (dir, id string) {
	b.Helper()
	src := filepath.Join("testdata", "sessions", testSession)
	meta, answers, err := session.Load(filepath.Join("testdata", "sessions"), testSession)
	if err != nil {
		b.Fatal(err)
	}
	dir = b.TempDir()
	folder := filepath.Join(dir, testSession)
	if err := os.Mkdir(folder, 0o700); err != nil {
		b.Fatal(err)
	}
	pcm, err := audio.ReadWAVFile(filepath.Join(src, "answer-01.wav")) // 2 s
	if err != nil {
		b.Fatal(err)
	}
	var long []int16
	for range 10 {
		long = append(long, pcm...)
	}
	meta.Answers = nil
	for n := 1; n <= 10; n++ {
		a := answers[(n-1)%len(answers)]
		rec, err := os.ReadFile(filepath.Join(src, session.RecordName(a.N)))
		if err != nil {
			b.Fatal(err)
		}
		rec = []byte(strings.Replace(string(rec), session.AudioName(a.N), session.AudioName(n), 1))
		os.WriteFile(filepath.Join(folder, session.RecordName(n)), rec, 0o600)
		w, err := audio.CreateWAV(filepath.Join(folder, session.AudioName(n)))
		if err != nil {
			b.Fatal(err)
		}
		w.WritePCM(long)
		w.Close()
		meta.Answers = append(meta.Answers, session.AnswerRef{N: n, LP: a.LP, Question: a.Question, FollowUp: a.FollowUp,
			Audio: session.AudioName(n), Record: session.RecordName(n)})
	}
	m, _ := marshalMeta(meta)
	os.WriteFile(filepath.Join(folder, session.MetaFile), m, 0o600)
	return dir, testSession
}

// BenchmarkReport10 is what `starloop report` does for a 10-answer session
// of 20 s answers: load, read the recordings, measure delivery (pitch
// included) and render the HTML page.
func BenchmarkReport10(b *testing.B) {
	dir, id := tenAnswerSession(b)
	for b.Loop() {
		s, err := Load(dir, id, Options{LPName: lpName})
		if err != nil || len(s.Answers) != 10 {
			b.Fatal(err)
		}
		if err := HTML(io.Discard, s, HTMLOptions{}); err != nil {
			b.Fatal(err)
		}
	}
}

func marshalMeta(m session.Meta) ([]byte, error) { return json.MarshalIndent(m, "", "  ") }

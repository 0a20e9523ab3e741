package pocketsphinx

import (
	"bufio"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/starloop/starloop/audio"
	"github.com/starloop/starloop/internal/speechtest"
)

// The tests read WAV files with the audio package; the package itself takes
// samples and must not depend on it.

// utterance is one recording of the development set with its reference.
type utterance struct {
	id  string
	ref string
	pcm []int16
}

func (u utterance) duration() time.Duration {
	return time.Duration(len(u.pcm)) * time.Second / SampleRate
}

// loadCorpus reads every recording listed in refs.tsv.
func loadCorpus(tb testing.TB) []utterance {
	tb.Helper()
	dir := speechDir(tb)
	f, err := os.Open(filepath.Join(dir, "refs.tsv"))
	if err != nil {
		tb.Fatal(err)
	}
	defer f.Close()
	var utts []utterance
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		fields := strings.Split(sc.Text(), "\t")
		if len(fields) < 2 || fields[0] == "" {
			continue
		}
		pcm, err := audio.ReadWAVFile(filepath.Join(dir, fields[0]+".wav"))
		if err != nil {
			tb.Fatalf("%s: %v", fields[0], err)
		}
		utts = append(utts, utterance{id: fields[0], ref: fields[1], pcm: pcm})
	}
	if err := sc.Err(); err != nil {
		tb.Fatal(err)
	}
	if len(utts) == 0 {
		tb.Fatalf("%s/refs.tsv lists no recordings", dir)
	}
	return utts
}

// recording loads the corpus and returns the recording with the given id.
func recording(tb testing.TB, id string) utterance {
	tb.Helper()
	for _, u := range loadCorpus(tb) {
		if u.id == id {
			return u
		}
	}
	tb.Fatalf("%s is not in refs.tsv", id)
	return utterance{}
}

// speechDir is the folder of the shared recordings, or skips.
func speechDir(tb testing.TB) string { return speechtest.Dir(tb) }

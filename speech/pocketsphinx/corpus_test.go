package pocketsphinx

import (
	"bufio"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/starloop/starloop/audio"
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

// speechDir finds the shared recordings: ../shared/speech beside the module
// root, which is found by walking up from the test's directory to go.mod.
func speechDir(tb testing.TB) string {
	tb.Helper()
	dir, err := os.Getwd()
	if err != nil {
		tb.Fatal(err)
	}
	for {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			break
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			tb.Skip("no go.mod above the test directory, so no ../shared/speech to test with")
		}
		dir = parent
	}
	speech := filepath.Join(dir, "..", "shared", "speech")
	if _, err := os.Stat(filepath.Join(speech, "refs.tsv")); err != nil {
		tb.Skipf("recordings not found: %s/refs.tsv is missing (it sits beside the clone in CI)", speech)
	}
	return speech
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

package main

import (
	"bytes"
	"encoding/binary"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/starloop/starloop/audio"
)

// TestRecordingRule: analyze and transcribe read a recording by one rule.
// A recording over 1 MiB is judged; one cut short is read to its end with
// one line saying so; a header alone is an error of exit code 2; analyze
// refuses a recording over 15 minutes by its header alone.
func TestRecordingRule(t *testing.T) {
	if testing.Short() {
		t.Skip("pocketsphinx on 50 s of audio: skipped with -short")
	}
	speech := sharedSpeech(t)
	jfk, err := audio.ReadWAVFile(filepath.Join(speech, "jfk.wav"))
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	wav := func(name string, pcm []int16, statedBytes int) string {
		t.Helper()
		var b bytes.Buffer
		if err := audio.EncodeWAV(&b, pcm); err != nil {
			t.Fatal(err)
		}
		data := b.Bytes()
		if statedBytes >= 0 {
			// The canonical 44-byte header: the data size is its last field.
			binary.LittleEndian.PutUint32(data[40:44], uint32(statedBytes))
		}
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, data, 0o600); err != nil {
			t.Fatal(err)
		}
		return p
	}
	// jfk.wav and 30 s of silence: 41 s, 1.3 MB at 16 kHz 16-bit.
	long := wav("long.wav", append(append([]int16(nil), jfk...), make([]int16, 30*audio.SampleRate)...), -1)
	if fi, _ := os.Stat(long); fi.Size() <= 1<<20 {
		t.Fatalf("long.wav is %d bytes, want over 1 MiB", fi.Size())
	}
	// The header promises twice the samples the file holds.
	cut := wav("cut.wav", jfk, 4*len(jfk))
	headerOnly := wav("header.wav", nil, -1)
	// 20 minutes by its header, 11 s in fact.
	huge := wav("huge.wav", jfk, 20*60*2*audio.SampleRate)

	secs := float64(len(jfk)) / audio.SampleRate
	cutLine := fmt.Sprintf("starloop: %s: the file is cut short: its header promises %.1f s more than the %.1f s it holds; using what is there\n", cut, secs, secs)

	for _, tc := range []struct {
		args    []string
		code    int
		stdout  string // in stdout
		message string // stderr and the error's line, together
	}{
		{[]string{"analyze", long}, 0, "STAR", ""},
		{[]string{"analyze", cut}, 0, "STAR", cutLine},
		{[]string{"transcribe", cut}, 0, "country", cutLine},
		{[]string{"analyze", headerOnly}, 2, "", "starloop: read " + headerOnly + ": the recording holds no audio: a WAV header and no samples\n"},
		{[]string{"transcribe", headerOnly}, 2, "", "starloop: read " + headerOnly + ": the recording holds no audio: a WAV header and no samples\n"},
		{[]string{"analyze", huge}, 2, "", "starloop: read " + huge + ": the recording is 20 min long; at most 15 min is read (one answer)\n"},
	} {
		t.Run(strings.Join(tc.args, " "), func(t *testing.T) {
			stdout, stderr, err := runCLI(t, tc.args...)
			var line bytes.Buffer
			code := report(&line, err)
			if code != tc.code || stderr+line.String() != tc.message || !strings.Contains(stdout, tc.stdout) {
				t.Errorf("exit %d, printed %q, stdout %q\nwant exit %d, printed %q, stdout with %q", code, stderr+line.String(), stdout, tc.code, tc.message, tc.stdout)
			}
		})
	}
}

package backends

import (
	"bytes"
	"context"
	"encoding/json"
	"strings"
	"testing"
	"time"

	"github.com/starloop/starloop"
	"github.com/starloop/starloop/audio"
	"github.com/starloop/starloop/config"
	"github.com/starloop/starloop/interviewer"
	"github.com/starloop/starloop/prompts"
	"github.com/starloop/starloop/speech/openaitest"
)

const testKey = "sk-test-backends-0123456789"

func bank(t *testing.T) *prompts.Bank {
	t.Helper()
	b, err := prompts.Load()
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// remote is the settings of --remote against srv, the key from the
// environment.
func remote(t *testing.T, srv *openaitest.Server, key string) *config.Config {
	t.Helper()
	cfg, err := config.Resolve(config.Input{
		Flags: map[string]string{"remote": "true", "base-url": srv.URL, "tts-voice": "nova"},
		Env: func(k string) (string, bool) {
			if k == "OPENAI_API_KEY" {
				return key, true
			}
			return "", false
		},
	})
	if err != nil {
		t.Fatal(err)
	}
	return cfg
}

// TestOffline: no settings are the offline backends, named as a session
// records them; a voice flite lacks is an error before anything is said.
func TestOffline(t *testing.T) {
	s, err := New(context.Background(), Options{Bank: bank(t)})
	if err != nil {
		t.Fatal(err)
	}
	if stt, tts, coach := s.Names(); stt != "pocketsphinx" || tts != "flite" || coach != "rubric" {
		t.Errorf("Names = %s, %s, %s", stt, tts, coach)
	}
	if _, err := s.Voice(context.Background(), "no-such-voice", ""); err == nil {
		t.Error("a voice flite lacks was accepted")
	}
	v, err := s.Voice(context.Background(), "slt", "onyx")
	if err != nil {
		t.Fatal(err)
	}
	if pcm, err := v.Synthesize(context.Background(), "Hello."); err != nil || len(pcm) == 0 {
		t.Errorf("flite said %d samples, %v", len(pcm), err)
	}
}

// TestRemote: --remote builds one client, checked before use, behind
// which the offline backends stand: the remote's transcript and voice are
// used, each interviewer's own voice is asked for, and a failing remote
// falls back with a notice.
func TestRemote(t *testing.T) {
	srv := openaitest.New(t, testKey)
	srv.Transcribe = func([]int16) openaitest.Transcription { return openaitest.Transcription{Text: "remote words"} }
	var notices bytes.Buffer
	s, err := New(context.Background(), Options{Config: remote(t, srv, testKey), Bank: bank(t), Notices: &notices})
	if err != nil {
		t.Fatal(err)
	}
	if stt, tts, coach := s.Names(); stt != "openai whisper-1" || tts != "openai tts-1 nova" || coach != "rubric + openai gpt-4o-mini" {
		t.Errorf("Names = %s, %s, %s", stt, tts, coach)
	}
	ctx := context.Background()
	tr, err := s.Transcribe(ctx, make([]int16, 16000), s.Model)
	if err != nil || tr.Text != "remote words" {
		t.Errorf("Transcribe = %q, %v; want the remote's words", tr.Text, err)
	}
	v, err := s.Voice(ctx, "slt", "onyx")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := v.Synthesize(ctx, "Tell me about a time."); err != nil {
		t.Fatal(err)
	}
	reqs := srv.Requests(openaitest.PathSpeech)
	var sr openaitest.SpeechRequest
	if len(reqs) != 1 || json.Unmarshal(reqs[0].Body, &sr) != nil || sr.Voice != "onyx" {
		t.Errorf("speech requests %d, voice %q; want one, in the interviewer's own voice onyx", len(reqs), sr.Voice)
	}
	srv.FailAll(openaitest.PathChat, openaitest.ServerError)
	vd, err := s.Judge().Judge(ctx, interviewer.Answer{Transcript: starloop.Transcript{Text: "I fixed the build and cut failures by half."},
		Question: interviewer.Question{LP: "ownership", Text: "Tell me about a time you took ownership."}})
	// By hand: nine words, one of them "I".
	if err != nil || vd.Words != 9 || vd.I != 1 {
		t.Errorf("judge behind a failing coach: %d words, %d I, %v; want the rubric's verdict, 9 and 1", vd.Words, vd.I, err)
	}
	if !strings.Contains(notices.String(), "using offline") {
		t.Errorf("no notice of the fallback: %q", notices.String())
	}
}

// TestRemoteWrongKey: a key the server refuses is an error from New,
// before the first question.
func TestRemoteWrongKey(t *testing.T) {
	srv := openaitest.New(t, testKey)
	if _, err := New(context.Background(), Options{Config: remote(t, srv, "sk-wrong-key-0000000000"), Bank: bank(t)}); err == nil {
		t.Error("a wrong key was accepted")
	}
}

// TestTranscribeRecording: a cut-short file is one line on notices, and
// silence is NoSpeech naming the file.
func TestTranscribeRecording(t *testing.T) {
	srv := openaitest.New(t, testKey)
	srv.Transcribe = func([]int16) openaitest.Transcription { return openaitest.Transcription{Text: " "} }
	s, err := New(context.Background(), Options{Config: remote(t, srv, testKey), Bank: bank(t)})
	if err != nil {
		t.Fatal(err)
	}
	var notices bytes.Buffer
	rec := audio.Recording{PCM: make([]int16, 16000), Missing: 1500 * time.Millisecond}
	_, err = s.TranscribeRecording(context.Background(), &notices, "a.wav", rec, s.Model)
	if !starloop.IsKind(err, starloop.NoSpeech) || err.Error() != "transcribe a.wav: no words recognised" {
		t.Errorf("silence: %v", err)
	}
	if want := "starloop: a.wav: the file is cut short: its header promises 1.5 s more than the 1.0 s it holds; using what is there\n"; notices.String() != want {
		t.Errorf("notices %q, want %q", notices.String(), want)
	}
	srv.Transcribe = func([]int16) openaitest.Transcription { return openaitest.Transcription{Text: "we shipped"} }
	notices.Reset()
	if tr, err := s.TranscribeRecording(context.Background(), &notices, "b.wav", audio.Recording{PCM: make([]int16, 16000)}, s.Model); err != nil || tr.Text != "we shipped" || notices.Len() != 0 {
		t.Errorf("words: %q, %v, notices %q", tr.Text, err, notices.String())
	}
}

package main

import (
	"bytes"
	"context"
	"flag"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/urfave/cli/v2"

	"github.com/starloop/starloop"
	"github.com/starloop/starloop/audio"
	"github.com/starloop/starloop/audio/pulsetest"
	"github.com/starloop/starloop/enrol"
	"github.com/starloop/starloop/internal/speechtest"
	"github.com/starloop/starloop/session"
	"github.com/starloop/starloop/speech/flite"
	"github.com/starloop/starloop/speech/pocketsphinx"
	"github.com/starloop/starloop/speech/sphinxtrain"
	"github.com/starloop/starloop/speech/wer"
)

// voiced writes each text as N.wav, spoken by flite voice, with N.txt
// beside it, into a new folder.
func voiced(t *testing.T, voice string, texts []string) string {
	t.Helper()
	v, err := flite.New(flite.Config{Voice: voice})
	if err != nil {
		t.Skip(err)
	}
	dir := t.TempDir()
	for i, text := range texts {
		pcm, err := v.Synthesize(context.Background(), text)
		if err != nil {
			t.Fatal(err)
		}
		var b bytes.Buffer
		if err := audio.EncodeWAV(&b, pcm); err != nil {
			t.Fatal(err)
		}
		base := filepath.Join(dir, string(rune('a'+i/26))+string(rune('a'+i%26)))
		os.WriteFile(base+".wav", b.Bytes(), 0o600)
		os.WriteFile(base+".txt", []byte(text+"\n"), 0o600)
	}
	return dir
}

func needAdaptation(t *testing.T) {
	t.Helper()
	a := sphinxtrain.Adapter{ModelDir: "/usr/share/pocketsphinx/model/en-us/en-us", Dict: "/usr/share/pocketsphinx/model/en-us/cmudict-en-us.dict"}
	if err := a.Check(); err != nil {
		t.Skip(err)
	}
}

// wavWER transcribes every WAV of dir with args and returns the errors
// and words against the texts beside them.
func wavWER(t *testing.T, dir string, args ...string) wer.Tally {
	t.Helper()
	tally, _ := wavWERWarned(t, dir, args...)
	return tally
}

// wavWERWarned is wavWER that also gives the names of the WAVs for which
// transcribe said that the profile does not match the voice.
func wavWERWarned(t *testing.T, dir string, args ...string) (wer.Tally, []string) {
	t.Helper()
	wavs, _ := filepath.Glob(filepath.Join(dir, "*.wav"))
	var tally wer.Tally
	var warned []string
	for _, w := range wavs {
		ref, _ := os.ReadFile(strings.TrimSuffix(w, ".wav") + ".txt")
		out, errOut, err := runCLI(t, append(append([]string{"transcribe"}, args...), w)...)
		if err != nil && !starloop.IsKind(err, starloop.NoSpeech) {
			t.Fatalf("transcribe %s: %v\n%s", w, err, errOut)
		}
		if strings.Contains(errOut, "transcribe: "+enrol.Mismatch+"\n") {
			warned = append(warned, filepath.Base(w))
		}
		e, n := tally.Add(string(ref), out)
		t.Logf("%s %v: %d/%d wrong: %s", filepath.Base(w), args, e, n, strings.TrimSpace(out))
	}
	return tally, warned
}

// Answers not among the enrolment sentences, by another writer (the
// start of four answers of rubric/testdata/corpus/answers/w1.jsonl).
var heldOutAnswers = []string{
	"Sure, I'll walk through what I'd do. First I'd want data from the players' machines, so I'd add lightweight frame-time telemetry that only uploads a snapshot when a frame takes longer than, say, 50 milliseconds, with the last few seconds of profiler markers around it.",
	"I led product security at an ed-tech company whose platform held records for about two million schoolchildren, and our analytics team wanted to start sending raw event data, including student names, to a third-party analytics vendor.",
	"I work in IT support for logistics company, in a warehouse in Rotterdam. One morning, six o'clock, all handheld scanners stop to connect to the Wi-Fi, and the shift of eighty people cannot pick any order.",
	"A few years ago I was the senior electrical engineer on a line of cordless power tools, and we were in a cost-down program because margins had slipped after a component price spike.",
}

// A voice enrols from 20 read sentences; its answers, which it did not
// read in enrolment, are then heard better with the profile than without.
func TestEnrolFromDir(t *testing.T) {
	needAdaptation(t)
	if testing.Short() {
		t.Skip("voices 24 sentences and transcribes 8 recordings (2-3 minutes)")
	}
	const voice = "kal16"
	dir := voiced(t, voice, enrol.Sentences())
	test := voiced(t, voice, heldOutAnswers)

	out, errOut, err := runCLI(t, "enrol", "--from", dir, "--profile", "kal")
	if err != nil {
		t.Fatalf("enrol: %v\n%s", err, errOut)
	}
	if !strings.Contains(out, `Speaker profile "kal" made from 20 recordings`) {
		t.Errorf("output %q", out)
	}
	store, _ := profileStore()
	filepath.WalkDir(store.Dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			t.Fatal(err)
		}
		info, _ := d.Info()
		want := fs.FileMode(0o600)
		if d.IsDir() {
			want = fs.ModeDir | 0o700
		}
		if info.Mode() != want {
			t.Errorf("%s: mode %v, want %v", p, info.Mode(), want)
		}
		return nil
	})

	before := wavWER(t, test, "--no-profile")
	after := wavWER(t, test, "--profile", "kal")
	t.Logf("%d/%d words wrong without the profile, %d with it", before.Errors, before.Words, after.Errors)
	// kal16 makes about 23-25% errors on such answers and loses 30-40% of
	// them with a profile (package sphinxtrain: 10 answers each of two
	// writers; here 49 of 155 words wrong without, 29 with).
	// Demand at least 15% fewer errors, and 5 words.
	if float64(after.Errors) > 0.85*float64(before.Errors) || before.Errors-after.Errors < 5 {
		t.Errorf("%d words wrong with the profile, %d without (of %d): want at least 15%% and 5 fewer", after.Errors, before.Errors, before.Words)
	}
}

// A profile made for one speaker (the LJ Speech reader) does not wreck
// another's transcripts: a wrong profile in use must not crash nor much
// hurt, and transcribe says that it does not seem to match the voice.
func TestEnrolOtherSpeaker(t *testing.T) {
	needAdaptation(t)
	if testing.Short() {
		t.Skip("transcribes 4 recordings")
	}
	recs := speechtest.All(t)
	enrolDir, otherDir, ownDir := t.TempDir(), t.TempDir(), t.TempDir()
	n := 0
	for _, r := range recs {
		dst := otherDir
		if strings.HasPrefix(r.ID, "LJ001") && n < 6 {
			dst, n = enrolDir, n+1
		} else if strings.HasPrefix(r.ID, "LJ") {
			dst = ownDir
		}
		if err := os.Symlink(r.Path, filepath.Join(dst, r.ID+".wav")); err != nil {
			t.Fatal(err)
		}
		os.WriteFile(filepath.Join(dst, r.ID+".txt"), []byte(r.Reference), 0o600)
	}
	if _, errOut, err := runCLI(t, "enrol", "--from", enrolDir, "--profile", "lj"); err != nil {
		t.Fatalf("enrol: %v\n%s", err, errOut)
	}
	before := wavWER(t, otherDir, "--no-profile").Rate()
	tally, warned := wavWERWarned(t, otherDir, "--profile", "lj")
	after := tally.Rate()
	// Both other speakers are told that the profile is not theirs
	// (enrol.Fit), the LJ Speech reader's own held-out sentences not.
	if want := []string{"2412-153948-0000.wav", "jfk.wav"}; !slices.Equal(warned, want) {
		t.Errorf("warned of a wrong profile for %v, want %v", warned, want)
	}
	if _, warned := wavWERWarned(t, ownDir, "--profile", "lj"); len(warned) > 0 {
		t.Errorf("warned of a wrong profile for the profile's own speaker: %v", warned)
	}
	t.Logf("other speakers: WER %.1f%% without the LJ profile, %.1f%% with it", 100*before, 100*after)
	// Measured: 10 of 58 words wrong without, 8 with (package
	// sphinxtrain). A profile that moved the means all the way cost 12
	// more words, a quarter of the way 5; allow 3.
	if after > before+0.05 {
		t.Errorf("another speaker's profile costs %.1f points of WER (%.1f%% -> %.1f%%): want at most 5", 100*(after-before), 100*before, 100*after)
	}

	// After a practice session, its first answer is checked the same way.
	c := cliContext(t, "--profile", "lj")
	for _, tc := range []struct {
		wav  string
		warn bool
	}{{"jfk.wav", true}, {"LJ001-0007.wav", false}} {
		dir := t.TempDir()
		id := heardSession(t, dir, speechtest.Path(t, tc.wav))
		var out bytes.Buffer
		checkSessionProfile(c, &out, "starloop", dir, id)
		checking := "starloop: checking that speaker profile \"lj\" fits the voice (a few seconds)\n"
		if got, want := out.String(), checking+map[bool]string{true: "starloop: " + enrol.Mismatch + "\n"}[tc.warn]; got != want {
			t.Errorf("session of %s: said %q, want %q", tc.wav, got, want)
		}
	}
}

// cliContext is a command's context with the recogniser's flags set by
// args, as practice reads them.
func cliContext(t *testing.T, args ...string) *cli.Context {
	t.Helper()
	app := &cli.App{Flags: []cli.Flag{profileFlag(), noProfileFlag(), modelDirFlag()}}
	set := flag.NewFlagSet("test", flag.ContinueOnError)
	for _, f := range app.Flags {
		if err := f.Apply(set); err != nil {
			t.Fatal(err)
		}
	}
	if err := set.Parse(args); err != nil {
		t.Fatal(err)
	}
	c := cli.NewContext(app, set, nil)
	c.Context = context.Background()
	return c
}

// heardSession saves a session in dir whose one answer is the recording
// wav, with the transcript pocketsphinx makes of it, and returns its id.
func heardSession(t *testing.T, dir, wav string) string {
	t.Helper()
	pcm, err := audio.ReadWAVFile(wav)
	if err != nil {
		t.Fatal(err)
	}
	r, err := pocketsphinx.New(pocketsphinx.Config{})
	if err != nil {
		t.Skip(err)
	}
	defer r.Close()
	tr, err := r.Transcribe(context.Background(), pcm)
	if err != nil {
		t.Fatal(err)
	}
	store, err := session.Open(dir, session.Options{})
	if err != nil {
		t.Fatal(err)
	}
	s, err := store.NewSession(session.Meta{LPs: []string{"ownership"}})
	if err != nil {
		t.Fatal(err)
	}
	rec, err := s.NewAnswer(1)
	if err != nil {
		t.Fatal(err)
	}
	sr := audio.NewSliceReader(pcm)
	for f := audio.NewFrame(); sr.ReadFrame(f) == nil; {
		rec.WriteFrame(f)
	}
	if err := rec.Close(); err != nil {
		t.Fatal(err)
	}
	if err := s.SaveAnswer(session.Answer{N: 1, LP: "ownership", Question: "Tell me about a time.", Transcript: tr}); err != nil {
		t.Fatal(err)
	}
	if err := s.Close(session.Complete); err != nil {
		t.Fatal(err)
	}
	return s.ID()
}

func TestEnrolErrors(t *testing.T) {
	needAdaptation(t)
	empty := t.TempDir()
	var b bytes.Buffer
	audio.EncodeWAV(&b, make([]int16, 8000))
	silence := filepath.Join(t.TempDir(), "silence.wav")
	os.WriteFile(silence, b.Bytes(), 0o600)
	for _, tc := range []struct {
		name string
		args []string
		kind starloop.Kind
		msg  string
	}{
		{"empty folder", []string{"enrol", "--from", empty}, starloop.Invalid, "no .wav files"},
		{"bad name", []string{"enrol", "--from", empty, "--profile", "../x"}, starloop.Invalid, "profile name"},
		{"missing profile", []string{"transcribe", "--profile", "nobody", silence}, starloop.NotFound, `no speaker profile "nobody"`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, _, err := runCLI(t, tc.args...)
			if !starloop.IsKind(err, tc.kind) || !strings.Contains(err.Error(), tc.msg) || strings.Contains(err.Error(), "\n") {
				t.Errorf("error %v, want one line of kind %v saying %q", err, tc.kind, tc.msg)
			}
		})
	}
}

// Without SphinxTrain the error is one line saying what to install, before
// anything is read.
func TestEnrolMissingTools(t *testing.T) {
	empty := t.TempDir()
	_, _, err := runCLI(t, "enrol", "--from", filepath.Join(empty, "none"), "--tools", empty)
	const msg = "bw, map_adapt not found: install the Debian packages sphinxtrain"
	if !starloop.IsKind(err, starloop.NotFound) || !strings.Contains(err.Error(), msg) || strings.Contains(err.Error(), "\n") {
		t.Errorf("error %v, want one line saying %q", err, msg)
	}
}

// sessionOf saves a complete session in dir with the WAVs of src as its
// answers, as practice would.
func sessionOf(t *testing.T, dir, src string) {
	t.Helper()
	store, err := session.Open(dir, session.Options{})
	if err != nil {
		t.Fatal(err)
	}
	s, err := store.NewSession(session.Meta{LPs: []string{"ownership"}})
	if err != nil {
		t.Fatal(err)
	}
	wavs, _ := filepath.Glob(filepath.Join(src, "*.wav"))
	for i, w := range wavs {
		pcm, err := audio.ReadWAVFile(w)
		if err != nil {
			t.Fatal(err)
		}
		rec, err := s.NewAnswer(i + 1)
		if err != nil {
			t.Fatal(err)
		}
		r := audio.NewSliceReader(pcm)
		for f := audio.NewFrame(); r.ReadFrame(f) == nil; {
			rec.WriteFrame(f)
		}
		if err := rec.Close(); err != nil {
			t.Fatal(err)
		}
		if err := s.SaveAnswer(session.Answer{N: i + 1, LP: "ownership", Question: "Tell me about a time."}); err != nil {
			t.Fatal(err)
		}
	}
	if err := s.Close(session.Complete); err != nil {
		t.Fatal(err)
	}
}

// adapt refines an enrolled profile from a session's answers and either
// saves it or keeps the old one, saying which; the profile stays whole.
func TestAdaptFromSessions(t *testing.T) {
	needAdaptation(t)
	if testing.Short() {
		t.Skip("voices 9 sentences and transcribes about 15 recordings")
	}
	const voice = "kal16"
	enrolDir := voiced(t, voice, enrol.Sentences()[:6])
	sessions := t.TempDir()
	sessionOf(t, sessions, voiced(t, voice, heldOutAnswers[:3]))
	if _, errOut, err := runCLI(t, "enrol", "--from", enrolDir, "--profile", "kal-adapt"); err != nil {
		t.Fatalf("enrol: %v\n%s", err, errOut)
	}
	metas, _ := session.List(sessions)
	if _, errOut, err := runCLI(t, "review", metas[0].ID, "--sessions", sessions, "--correct", "2", "--text", heldOutAnswers[1]); err != nil {
		t.Fatalf("review --correct: %v\n%s", err, errOut)
	}
	out, errOut, err := runCLI(t, "adapt", "--profile", "kal-adapt", "--sessions", sessions)
	if err != nil {
		t.Fatalf("adapt: %v\n%s", err, errOut)
	}
	t.Logf("%s%s", out, errOut)
	// Answer 2 is used whole with the words given, the other two heard.
	if !strings.Contains(out, "Used 1 answer with the words you corrected in review") || !strings.Contains(out, "with confidence in the other 2") ||
		!strings.Contains(errOut, "adapting to the enrolment, 1 corrected answer and ") ||
		strings.Contains(errOut, "left out") ||
		!(strings.Contains(out, `Refined profile "kal-adapt" saved`) || strings.Contains(out, `Kept profile "kal-adapt" as it was`)) {
		t.Errorf("output %q", out)
	}
	store, _ := profileStore()
	recs, err := store.Recordings("kal-adapt")
	if err != nil || len(recs) != 6 {
		t.Errorf("%d enrolment recordings after adapt (%v), want 6", len(recs), err)
	}
	if _, err := os.Stat(filepath.Join(store.Path("kal-adapt"), "model", "means")); err != nil {
		t.Error(err)
	}
}

// review --correct saves what was said in an answer, beside its
// transcript; bad input is one line and saves nothing.
func TestReviewCorrect(t *testing.T) {
	sessions, src := t.TempDir(), t.TempDir()
	var b bytes.Buffer
	audio.EncodeWAV(&b, make([]int16, 8000))
	os.WriteFile(filepath.Join(src, "a.wav"), b.Bytes(), 0o600)
	sessionOf(t, sessions, src)
	metas, _ := session.List(sessions)
	id := metas[0].ID
	out, errOut, err := runCLI(t, "review", id, "--sessions", sessions, "--correct", "1", "--text", "I led the migration")
	if err != nil {
		t.Fatalf("%v\n%s", err, errOut)
	}
	if want := "Saved what you said in answer 1 of session " + id + "; starloop adapt will learn your voice from it.\n"; out != want {
		t.Errorf("output %q, want %q", out, want)
	}
	for _, tc := range []struct {
		args []string
		msg  string
	}{
		{[]string{"--correct", "2", "--text", "x"}, "no recorded answer 2"},
		{[]string{"--correct", "1", "--text", " "}, "the correction is empty"},
		{[]string{"--text", "x"}, "--text goes with --correct N"},
	} {
		_, _, err := runCLI(t, append([]string{"review", id, "--sessions", sessions}, tc.args...)...)
		if err == nil || !strings.Contains(err.Error(), tc.msg) || strings.Contains(err.Error(), "\n") {
			t.Errorf("%v: error %v, want one line saying %q", tc.args, err, tc.msg)
		}
	}
	if _, answers, _ := session.Load(sessions, id); len(answers) != 1 || answers[0].Corrected != "I led the migration" {
		t.Errorf("answers %+v", answers)
	}
}

func TestAdaptErrors(t *testing.T) {
	needAdaptation(t)
	if _, _, err := runCLI(t, "adapt", "--profile", "nobody", "--sessions", t.TempDir()); !starloop.IsKind(err, starloop.NotFound) || !strings.Contains(err.Error(), "starloop enrol --profile nobody") {
		t.Errorf("no profile: %v", err)
	}
	store, _ := profileStore()
	store.Save("lonely", map[string][]byte{"means": []byte("x")}, nil)
	if _, _, err := runCLI(t, "adapt", "--profile", "lonely", "--sessions", t.TempDir()); !starloop.IsKind(err, starloop.NotFound) || !strings.Contains(err.Error(), "no recorded answers") {
		t.Errorf("no answers: %v", err)
	}
}

// TestEnrolSpoken runs `starloop enrol` on virtual devices: a synthetic
// speaker (flite's kal16) reads each sentence into the virtual microphone
// when it is asked to, again when a take is refused, and the profile is
// made from the 20 takes.
func TestEnrolSpoken(t *testing.T) {
	needAdaptation(t)
	if testing.Short() {
		t.Skip("reads 20 sentences in real time")
	}
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Minute)
	defer cancel()
	pa := pulsetest.Start(t)
	v, err := flite.New(flite.Config{Voice: "kal16"})
	if err != nil {
		t.Skip(err)
	}
	sentences := enrol.Sentences()
	out, done := startCLI(ctx, []string{"starloop", "enrol", "--voice", "none", "--profile", "spoken"})
	for asked := 1; ; asked++ {
		// Wait for the next "recording..." or the end.
		for strings.Count(out.String(), "recording...") < asked {
			select {
			case err := <-done:
				if err != nil {
					t.Fatalf("enrol: %v\n%s", err, out.String())
				}
				goto finished
			case <-ctx.Done():
				t.Fatalf("enrol did not end:\n%s", out.String())
			case <-time.After(20 * time.Millisecond):
			}
		}
		i := strings.Count(out.String(), "  ok\n") // the sentence asked for
		if i >= len(sentences) {
			t.Fatalf("asked to read again after the last sentence:\n%s", out.String())
		}
		pcm, err := v.Synthesize(ctx, sentences[i])
		if err != nil {
			t.Fatal(err)
		}
		if err := pa.Speak(ctx, pcm); err != nil {
			t.Fatal(err)
		}
	}
finished:
	t.Logf("%s", out.String())
	if !strings.Contains(out.String(), `Speaker profile "spoken" made from 20 recordings`) {
		t.Errorf("output does not say the profile was made from 20 recordings")
	}
	store, _ := profileStore()
	recs, err := store.Recordings("spoken")
	if err != nil || len(recs) != 20 {
		t.Fatalf("%d recordings saved (%v), want 20", len(recs), err)
	}
	for i, r := range recs {
		if r.Text != sentences[i] {
			t.Errorf("recording %d holds %q, want %q", i+1, r.Text, sentences[i])
		}
	}
}

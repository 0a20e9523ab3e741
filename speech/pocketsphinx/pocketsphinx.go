// Package pocketsphinx transcribes speech offline with CMU PocketSphinx
// (Debian's libpocketsphinx 0.8+5prealpha, through cgo).
//
// Audio enters as 16 kHz mono signed 16-bit samples: a whole answer at once
// through Recognizer.Transcribe, or piece by piece while the person is still
// speaking through Recognizer.Start and Stream.Write, so that the text is
// ready soon after they stop. Text leaves as a starloop.Transcript whose
// word times are offsets into the audio given. The package reads the model
// files named in Config and nothing else: no environment, no audio files;
// cmd/ does the wiring.
//
// Three things here differ from calling the library plainly, each measured
// on the development recordings (figures in accuracy_test.go):
// features are extracted in Go-visible steps so that word times stay true
// when the library's voice activity detector drops silence; each utterance
// starts with a short lead-in of faint noise so that a recording cut at its
// first syllable keeps it; and the cepstral mean, which the library would
// adapt slowly from a fixed guess, is measured from the first second of
// each answer, measured again every second of speech after it, and carried
// from one answer to the next.
package pocketsphinx

import (
	"context"
	"errors"
	"fmt"
	"maps"
	"os"
	"slices"
	"strconv"
	"strings"
	"sync"

	"github.com/starloop/starloop"
)

// SampleRate is the only sample rate a Recognizer accepts: 16 kHz mono.
const SampleRate = 16000

// The Debian package pocketsphinx-en-us installs the US English model here.
const (
	DefaultModelDir = "/usr/share/pocketsphinx/model/en-us/en-us"
	DefaultLM       = "/usr/share/pocketsphinx/model/en-us/en-us.lm.bin"
	DefaultDict     = "/usr/share/pocketsphinx/model/en-us/cmudict-en-us.dict"
)

// Config says which model to load and how to search. The zero Config loads
// Debian's US English model with the options tuned for starloop.
type Config struct {
	ModelDir string // acoustic model directory (-hmm); default DefaultModelDir
	LM       string // n-gram language model (-lm); default DefaultLM
	Dict     string // pronunciation dictionary (-dict); default DefaultDict

	// Options are pocketsphinx command-line options, name with its dash
	// ("-beam": "1e-48"), applied over TunedOptions. An unknown name or a
	// bad value makes New fail. "-cmninit" (13 comma-separated numbers)
	// sets the cepstral mean the first answer starts from; the library
	// itself would let the model's feat.params override it.
	Options map[string]string

	// Words are pronunciations to add to the dictionary, for words of the
	// language model that it lacks (a story bank's names and jargon); see
	// speech/banklm. A word already in the dictionary gets a second
	// pronunciation. A phone the acoustic model does not know makes New
	// fail.
	Words []Pronunciation

	// LogFile receives the library's log (every option and model file it
	// reads, and why a load failed). Empty means no log at all. The library
	// has one log per process: the last New with a LogFile decides.
	LogFile string
}

// Pronunciation is a word and its phones in the acoustic model's phone set,
// separated by spaces ("K UW B ER N EH T IY Z").
type Pronunciation struct {
	Word, Phones string
}

// TunedOptions returns the search options New uses unless Config.Options
// overrides them. They were chosen by word error rate and real-time factor
// on starloop's development recordings; figures in accuracy_test.go.
func TunedOptions() map[string]string {
	return map[string]string{
		// The second, flat-lexicon pass: slower, and here no more accurate.
		"-fwdflat": "no",
		// The lattice pass is worth its cost (about 5 points of WER)...
		"-bestpath": "yes",
		// ...with a lighter language weight than the default 9.5.
		"-bestpathlw": "8.5",
		// At most 20 words may end in any one frame: noise (a crowd, a
		// fan) otherwise fills the lattice, and the lattice pass after the
		// answer took 390 ms instead of 70 on jfk.wav, for the same words.
		"-maxwpf": "20",
	}
}

// How a Stream starts an answer; see Recognizer.
const (
	// holdFrames: frames of speech (10 ms each) a Stream holds back at the
	// start of each answer to measure their cepstral mean before searching.
	holdFrames = 100
	// refreshFrames: after the hold, a Stream sets the cepstral mean again
	// every refreshFrames frames of speech (1 s), to the mean of all the
	// answer's speech so far. The library itself moves its mean only every
	// 3 s, and only a third of the way: a stream kept, for the rest of a
	// short answer, the first second's mean, which differs from the whole
	// answer's by how that second's sounds happen to fall. On the 12
	// development recordings in a room (room_test.go), streamed, 60 words
	// of 196 were wrong against 49 for a whole decode; with the mean set
	// again each second, 50; a session's streams, split at pauses, 60 and
	// 50, against 50 whole (speech/banklm/internal/measure -live). Setting
	// the mean is 13 divisions a second: no cost beside the search. The
	// earlier answers' mean keeps its weight throughout, which suits one
	// speaker on one microphone, as a Recognizer serves in a session; a
	// new speaker through the same Recognizer does worse (accuracy_test.go).
	refreshFrames = 100
	// priorWeight caps the weight, in frames, of the mean carried over from
	// earlier answers when it is blended with the held frames' mean.
	priorWeight = 500
	// coldWeight is the weight of the initial mean before any answer.
	coldWeight = 50
	// leadInSamples of faint noise, leadInAmplitude at most, start every
	// utterance (300 ms).
	leadInSamples   = 4800
	leadInAmplitude = 10
)

// defaultCMN is the cepstral mean a Recognizer starts from: the mean of the
// per-recording means of starloop's 12 development recordings. The model's
// own guess (41, -5.29, ...) is about 16 below typical speech in the energy
// coefficient, which cost a cold stream half its words.
func defaultCMN() []float32 {
	return []float32{56.98, 6.18, 1.41, 10.74, -13.72, -7.13, -16.85, 3.70, -2.18, -0.05, -2.77, -1.61, 4.83}
}

// Recognizer holds one loaded model and one decoder. Loading takes about
// half a second and some 100 MB, so make one and reuse it for every answer.
//
// A Recognizer decodes one utterance at a time: its methods may be called
// from several goroutines, but while a Stream is open (from Start until its
// Finish or Close) Transcribe and Start fail rather than wait.
//
// A Recognizer learns the microphone: each utterance refines its estimate of
// the cepstral mean (roughly, the loudness and colour of the voice on this
// microphone), which streams use from the start of the next answer. The
// first answer is the least accurate; transcribing a short sample first (a
// microphone check) warms it up.
type Recognizer struct {
	mu     sync.Mutex
	dec    *decoder // nil once closed
	stream *Stream  // the open stream, if any
	// heard is the weight, in frames, of the running cepstral mean: how
	// much speech it was measured from.
	heard int
	// These are constants in use; tests vary them to measure their effect.
	holdFrames, refreshFrames, leadIn, leadAmp int
}

// New loads the model that cfg names. A missing model file is a NotFound
// error that names the Debian package to install; a bad option is Invalid.
func New(cfg Config) (*Recognizer, error) {
	const op = "load speech model"
	if cfg.ModelDir == "" {
		cfg.ModelDir = DefaultModelDir
	}
	if cfg.LM == "" {
		cfg.LM = DefaultLM
	}
	if cfg.Dict == "" {
		cfg.Dict = DefaultDict
	}
	for _, f := range []struct{ what, path string }{
		{"acoustic model", cfg.ModelDir + "/mdef"},
		{"language model", cfg.LM},
		{"pronunciation dictionary", cfg.Dict},
	} {
		if _, err := os.Stat(f.path); err != nil {
			return nil, starloop.Errorf(starloop.NotFound, "%s: %s %s not found: install the Debian package pocketsphinx-en-us, or point to another model", op, f.what, f.path)
		}
	}
	opts := TunedOptions()
	maps.Copy(opts, cfg.Options)
	cmn := defaultCMN()
	if s, ok := opts["-cmninit"]; ok {
		v, err := parseCMN(s)
		if err != nil {
			return nil, starloop.E(op, starloop.Invalid, err)
		}
		cmn = v
	}
	args := []string{"-hmm", cfg.ModelDir, "-lm", cfg.LM, "-dict", cfg.Dict}
	if cfg.LogFile != "" {
		args = append(args, "-logfn", cfg.LogFile)
	}
	for _, k := range slices.Sorted(maps.Keys(opts)) {
		if !strings.HasPrefix(k, "-") {
			return nil, starloop.Errorf(starloop.Invalid, "%s: pocketsphinx option %q must start with a dash", op, k)
		}
		args = append(args, k, opts[k])
	}
	dec, err := newDecoder(args)
	if errors.As(err, new(parseError)) {
		return nil, starloop.Errorf(starloop.Invalid, "%s: pocketsphinx rejected an option or its value: %s", op, formatOptions(opts))
	}
	if err != nil {
		return nil, starloop.E(op, starloop.Other, err)
	}
	if len(cmn) != dec.ncep {
		dec.free()
		return nil, starloop.Errorf(starloop.Invalid, "%s: -cmninit has %d values; this model wants %d", op, len(cmn), dec.ncep)
	}
	dec.setCMN(cmn)
	for i, w := range cfg.Words {
		if err := dec.addWord(w.Word, w.Phones, i == len(cfg.Words)-1); err != nil {
			dec.free()
			return nil, starloop.E(op, starloop.Invalid, err)
		}
	}
	return &Recognizer{dec: dec, heard: coldWeight,
		holdFrames: holdFrames, refreshFrames: refreshFrames, leadIn: leadInSamples, leadAmp: leadInAmplitude}, nil
}

func parseCMN(s string) ([]float32, error) {
	var v []float32
	for f := range strings.SplitSeq(s, ",") {
		x, err := strconv.ParseFloat(strings.TrimSpace(f), 32)
		if err != nil {
			return nil, fmt.Errorf("-cmninit %q: %q is not a number", s, f)
		}
		v = append(v, float32(x))
	}
	return v, nil
}

func formatOptions(opts map[string]string) string {
	var b strings.Builder
	for _, k := range slices.Sorted(maps.Keys(opts)) {
		if b.Len() > 0 {
			b.WriteByte(' ')
		}
		fmt.Fprintf(&b, "%s %s", k, opts[k])
	}
	return b.String()
}

// Close frees the decoder. An open Stream is abandoned: its later calls
// fail. Close is idempotent.
func (r *Recognizer) Close() error {
	r.mu.Lock()
	defer r.mu.Unlock()
	if r.dec == nil {
		return nil
	}
	if r.stream != nil {
		r.dec.endUtt() //nolint:errcheck // the utterance is being thrown away
		r.stream.done = true
		r.stream = nil
	}
	r.dec.free()
	r.dec = nil
	return nil
}

// acquire locks r for a call that starts an utterance. On success the
// caller holds r.mu.
func (r *Recognizer) acquire(op string) error {
	r.mu.Lock()
	switch {
	case r.dec == nil:
		r.mu.Unlock()
		return starloop.Errorf(starloop.Other, "%s: speech recognizer is closed", op)
	case r.stream != nil:
		r.mu.Unlock()
		return starloop.Errorf(starloop.Other, "%s: speech recognizer is busy with another answer", op)
	}
	return nil
}

// Transcribe decodes one whole utterance of 16 kHz mono samples. Silence,
// or no samples at all, gives an empty Transcript and no error: whether
// that is a problem is the caller's call. It takes about a third of the
// audio's duration; ctx is checked every second of audio, and a canceled
// ctx gives a Canceled error.
//
// Transcribe normalises with the mean of the whole utterance, so it is a
// little more accurate than a Stream, which must begin before the answer
// is over.
func (r *Recognizer) Transcribe(ctx context.Context, pcm []int16) (starloop.Transcript, error) {
	t, _, err := r.TranscribeScored(ctx, pcm)
	return t, err
}

// TranscribeScored is Transcribe that also returns, for each word of the
// transcript, the decoder's posterior probability that it is right (0..1,
// from the lattice pass; 1 for every word when "-bestpath" is "no").
func (r *Recognizer) TranscribeScored(ctx context.Context, pcm []int16) (starloop.Transcript, []float64, error) {
	const op = "transcribe"
	if err := ctx.Err(); err != nil {
		return starloop.Transcript{}, nil, starloop.E(op, starloop.Canceled, err)
	}
	if err := r.acquire(op); err != nil {
		return starloop.Transcript{}, nil, err
	}
	defer r.mu.Unlock()
	d := r.dec
	if err := d.startUtt(); err != nil {
		return starloop.Transcript{}, nil, starloop.E(op, starloop.Other, err)
	}
	var u utt
	err := u.begin(d, r.leadIn, r.leadAmp)
	if err == nil {
		err = u.add(d, pcm)
	}
	if err == nil {
		err = u.flush(d)
	}
	if err == nil {
		if mean, n := u.heldMean(d); n > 0 {
			d.setCMN(mean)
			r.heard = min(n, priorWeight)
		}
		err = u.searchHeld(ctx, d)
	}
	if endErr := d.endUtt(); err == nil {
		err = endErr
	}
	switch {
	case ctx.Err() != nil:
		return starloop.Transcript{}, nil, starloop.E(op, starloop.Canceled, ctx.Err())
	case err != nil:
		return starloop.Transcript{}, nil, starloop.E(op, starloop.Other, err)
	}
	t, post := d.scoredTranscript(u.idx, u.lead)
	return t, post, nil
}

// Stream decodes one utterance while it is being recorded: Write the audio
// as it arrives, read Partial for a live view, and call Finish when the turn
// ends; most of the decoding is done by then. Call Finish or Close exactly
// once, or the Recognizer stays busy. Write and Finish are meant for one
// goroutine (the recorder); Partial may be called from another.
type Stream struct {
	r    *Recognizer
	ctx  context.Context
	u    utt
	done bool  // finished, closed, or abandoned by Recognizer.Close
	err  error // sticky: the first error from Write
	// holding is true until the first frames of speech have given their
	// cepstral mean; until then nothing is searched.
	holding bool
	// The cepstral mean: prior, the mean the utterance started from, of
	// weight priorW frames, and sum, the sum of the n frames of speech
	// extracted so far; the mean in use was set when there were setAt.
	prior    []float32
	priorW   float64
	sum      []float64
	n, setAt int
}

// Start begins a new utterance. ctx bounds the whole stream: once it is
// done, Write and Finish return a Canceled error.
func (r *Recognizer) Start(ctx context.Context) (*Stream, error) {
	const op = "start transcribing"
	if err := ctx.Err(); err != nil {
		return nil, starloop.E(op, starloop.Canceled, err)
	}
	if err := r.acquire(op); err != nil {
		return nil, err
	}
	defer r.mu.Unlock()
	if err := r.dec.startUtt(); err != nil {
		return nil, starloop.E(op, starloop.Other, err)
	}
	s := &Stream{r: r, ctx: ctx, holding: r.holdFrames > 0,
		prior: r.dec.cmn(), priorW: float64(min(r.heard, priorWeight)), sum: make([]float64, r.dec.ncep)}
	if err := s.u.begin(r.dec, r.leadIn, r.leadAmp); err != nil {
		r.dec.endUtt() //nolint:errcheck // already failing
		return nil, starloop.E(op, starloop.Other, err)
	}
	r.stream = s
	return s, nil
}

// Write decodes the next samples of the utterance (16 kHz mono). Any length
// is fine, a 20 ms frame or a whole second; the samples are not kept. After
// an error, every later Write returns the same error.
//
// The first second of speech is held back: it is measured first, for how
// this voice on this microphone sounds, and then searched in one go (about
// 0.4 s of work in the Write that completes it). After that each Write
// searches what it was given before it returns, and each second of speech
// refines the measure for what follows.
func (s *Stream) Write(pcm []int16) error {
	const op = "transcribe stream"
	if s.err != nil {
		return s.err
	}
	if err := s.ctx.Err(); err != nil {
		s.err = starloop.E(op, starloop.Canceled, err)
		return s.err
	}
	r := s.r
	r.mu.Lock()
	defer r.mu.Unlock()
	if s.done {
		s.err = starloop.Errorf(starloop.Other, "%s: stream already finished", op)
		return s.err
	}
	err := s.u.add(r.dec, pcm)
	if err == nil && s.holding && s.u.heldAudio(r.dec) >= r.holdFrames {
		err = s.release()
	} else if err == nil && !s.holding {
		err = s.search()
	}
	if err != nil {
		s.err = starloop.E(op, starloop.Other, err)
	}
	return s.err
}

// release ends the hold: the held frames give the cepstral mean, and are
// searched.
func (s *Stream) release() error {
	d := s.r.dec
	_, n := s.u.countHeld(d, s.u.held(d), s.sum)
	s.n += n
	s.setCMN()
	s.holding = false
	return s.u.searchHeld(context.Background(), d)
}

// search searches the held frames, and sets the cepstral mean again each
// time refreshFrames more frames of speech have been searched, at the same
// frame however the audio was split into Writes.
func (s *Stream) search() error {
	d, every := s.r.dec, s.r.refreshFrames
	if every <= 0 {
		return s.u.searchHeld(context.Background(), d)
	}
	for s.u.held(d) > 0 {
		walked, n := s.u.countHeld(d, every-(s.n-s.setAt), s.sum)
		s.n += n
		if err := s.u.searchFirst(d, walked); err != nil {
			return err
		}
		if s.n-s.setAt >= every {
			s.setCMN()
		}
	}
	return nil
}

// setCMN sets the running cepstral mean to the mean of the speech counted
// so far, blended with the mean the utterance started from (what earlier
// answers showed).
func (s *Stream) setCMN() {
	s.setAt = s.n
	if s.n == 0 || len(s.prior) != len(s.sum) { // no speech, or a model without CMN
		return
	}
	mean := make([]float32, len(s.sum))
	for j := range mean {
		mean[j] = float32((s.priorW*float64(s.prior[j]) + s.sum[j]) / (s.priorW + float64(s.n)))
	}
	s.r.dec.setCMN(mean)
}

// Partial is the best guess at the words so far, for a live view. It may
// change, even drop words, as more audio arrives; it is "" while the start
// of the answer is held back, and once the stream is finished.
func (s *Stream) Partial() string {
	r := s.r
	r.mu.Lock()
	defer r.mu.Unlock()
	if s.done {
		return ""
	}
	return r.dec.hyp()
}

// Finish ends the utterance and returns its transcript. Word times count
// from the first sample written. The Recognizer is free again afterwards,
// even when Finish returns an error.
func (s *Stream) Finish() (starloop.Transcript, error) {
	const op = "transcribe stream"
	r := s.r
	r.mu.Lock()
	defer r.mu.Unlock()
	if s.done {
		return starloop.Transcript{}, starloop.Errorf(starloop.Other, "%s: stream already finished", op)
	}
	s.done = true
	r.stream = nil
	d := r.dec
	err := s.err
	if err == nil {
		if err = s.u.flush(d); err == nil {
			if s.holding {
				err = s.release()
			} else {
				err = s.search()
			}
		}
	}
	endErr := d.endUtt()
	switch {
	case s.err != nil:
		return starloop.Transcript{}, s.err
	case s.ctx.Err() != nil:
		return starloop.Transcript{}, starloop.E(op, starloop.Canceled, s.ctx.Err())
	case err != nil:
		return starloop.Transcript{}, starloop.E(op, starloop.Other, err)
	case endErr != nil:
		return starloop.Transcript{}, starloop.E(op, starloop.Other, endErr)
	}
	r.heard = min(r.heard+s.u.audioFrames(), priorWeight)
	return d.transcript(s.u.idx, s.u.lead), nil
}

// Close abandons the utterance if it is not finished, freeing the
// Recognizer. It is safe after Finish and more than once, so it suits a
// defer.
func (s *Stream) Close() error {
	r := s.r
	r.mu.Lock()
	defer r.mu.Unlock()
	if s.done {
		return nil
	}
	s.done = true
	r.stream = nil
	r.dec.endUtt() //nolint:errcheck // the utterance is being thrown away
	return nil
}

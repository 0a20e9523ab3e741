package pocketsphinx

/*
#cgo pkg-config: pocketsphinx sphinxbase
#include <stdlib.h>
#include <pocketsphinx.h>
#include <sphinxbase/err.h>
#include <sphinxbase/fe.h>
#include <sphinxbase/feat.h>
#include <sphinxbase/cmn.h>
#include <sphinxbase/logmath.h>

#define SL_CEP_STEP 4

// sl_new parses argv into a configuration and loads a decoder from it.
// cmd_ln_init is variadic, which cgo cannot call, so the configuration is
// parsed from an argv array instead. *status is 0 on success, 1 when the
// arguments did not parse, 2 when the decoder failed to load.
static ps_decoder_t *sl_new(int argc, char **argv, int *status) {
	// The library logs every option and every model file it reads to
	// stderr unless told otherwise; -logfn, if given, redirects it again.
	err_set_logfp(NULL);
	cmd_ln_t *config = cmd_ln_parse_r(NULL, ps_args(), argc, argv, TRUE);
	if (config == NULL) {
		*status = 1;
		return NULL;
	}
	ps_decoder_t *ps = ps_init(config);
	cmd_ln_free_r(config);
	*status = ps == NULL ? 2 : 0;
	return ps;
}

static long sl_int_arg(ps_decoder_t *ps, const char *name) {
	return cmd_ln_int_r(ps_get_config(ps), name);
}

// sl_seg_post is the posterior probability of a segment of the best path,
// 0..1, from the lattice pass (-bestpath yes); 1 without one.
static double sl_seg_post(ps_decoder_t *ps, ps_seg_t *seg) {
	int32 ascr, lscr, lback;
	return logmath_exp(ps_get_logmath(ps), ps_seg_prob(seg, &ascr, &lscr, &lback));
}

static const char *sl_hyp(ps_decoder_t *ps) {
	int32 score;
	return ps_get_hyp(ps, &score);
}

// sl_process_cep searches n frames of cepstra laid out row after row. The
// frames go in a few at a time: given many at once, pocketsphinx fills its
// small circular feature queue and overwrites frames that the main search,
// which lags -pl_window frames behind the phone loop, has yet to score.
static int sl_process_cep(ps_decoder_t *ps, float *cep, int n, int ncep) {
	mfcc_t *rows[SL_CEP_STEP];
	int searched = 0;
	for (int i = 0; i < n; i += SL_CEP_STEP) {
		int k = n - i < SL_CEP_STEP ? n - i : SL_CEP_STEP;
		for (int j = 0; j < k; j++)
			rows[j] = (mfcc_t *)cep + (size_t)(i + j) * ncep;
		int r = ps_process_cep(ps, rows, k, FALSE, FALSE);
		if (r < 0)
			return r;
		searched += r;
	}
	return searched;
}

// The front end: the decoder's own feature extraction, run here instead so
// that the frames the voice activity detector drops are known. The decoder
// numbers only the frames it is given; timings need the real numbers.
typedef struct {
	fe_t *fe;
	int shift, size, ncep;
	long fed; // samples fed since the utterance started
} sl_front;

static int sl_front_init(sl_front *f, ps_decoder_t *ps) {
	f->fe = fe_init_auto_r(ps_get_config(ps));
	if (f->fe == NULL)
		return -1;
	fe_get_input_size(f->fe, &f->shift, &f->size);
	f->ncep = fe_get_output_size(f->fe);
	f->fed = 0;
	return 0;
}

static void sl_front_start(sl_front *f) {
	fe_start_utt(f->fe);
	f->fed = 0;
}

// Frames the front end has computed so far, kept or not.
static long sl_front_computed(sl_front *f) {
	return f->fed < f->size ? 0 : 1 + (f->fed - f->size) / f->shift;
}

// sl_front_process turns n samples into cepstra. Feeding one frame shift
// at a time makes every call compute at most one new frame, and the frames
// it returns (the new one, after a run of silence also the buffered
// frames just before it) are the latest ones: so their numbers are known.
// out receives up to cap frames of ncep values, idx their frame numbers.
// Returns the number of frames, or -1.
static int sl_front_process(sl_front *f, const short *pcm, size_t n, float *out, int *idx, int cap) {
	mfcc_t **rows = malloc(cap * sizeof(*rows));
	if (rows == NULL)
		return -1;
	for (int i = 0; i < cap; i++)
		rows[i] = (mfcc_t *)out + (size_t)i * f->ncep;
	int total = 0;
	const int16 *p = (const int16 *)pcm;
	while (n > 0) {
		size_t step = n < (size_t)f->shift ? n : (size_t)f->shift;
		size_t left = step;
		int32 nfr = cap - total;
		if (nfr <= 0 || fe_process_frames(f->fe, &p, &left, rows + total, &nfr, NULL) < 0) {
			free(rows);
			return -1;
		}
		f->fed += step - left;
		n -= step - left;
		long last = sl_front_computed(f);
		for (int j = 0; j < nfr; j++)
			idx[total + j] = (int)(last - nfr + j);
		total += nfr;
		if (left == step && nfr == 0) // no progress: the output is full
			break;
	}
	free(rows);
	return n == 0 ? total : -1;
}

// sl_front_end flushes the last, partial frame if the detector keeps it.
static int sl_front_end(sl_front *f, float *out, int *idx) {
	int32 nfr = 0;
	if (fe_end_utt(f->fe, (mfcc_t *)out, &nfr) < 0)
		return -1;
	if (nfr > 0)
		idx[0] = (int)sl_front_computed(f);
	return nfr;
}

static void sl_front_free(sl_front *f) {
	if (f->fe != NULL)
		fe_free(f->fe);
	f->fe = NULL;
}

static int sl_vad_prespeech(ps_decoder_t *ps) {
	return cmd_ln_int_r(ps_get_config(ps), "-vad_prespeech");
}

// The cepstral mean lives in the feature computation: feat_t and cmn_t are
// public structures in sphinxbase's headers.

static int sl_cmn_len(ps_decoder_t *ps) {
	feat_t *feat = ps_get_feat(ps);
	return feat->cmn == CMN_NONE || feat->cmn_struct == NULL ? 0 : feat->cmn_struct->veclen;
}

static void sl_cmn_get(ps_decoder_t *ps, float *vec) {
	cmn_live_get(ps_get_feat(ps)->cmn_struct, (mfcc_t *)vec);
}

static void sl_cmn_set(ps_decoder_t *ps, const float *vec) {
	cmn_live_set(ps_get_feat(ps)->cmn_struct, (const mfcc_t *)vec);
}

// sl_cmn_live makes the decoder normalise with the running mean. The model
// asks for batch CMN, which sphinxbase abandons for live CMN anyway the
// first time it is given audio in pieces; doing it up front makes every
// utterance behave the same.
static void sl_cmn_live(ps_decoder_t *ps) {
	feat_t *feat = ps_get_feat(ps);
	if (feat->cmn != CMN_NONE)
		feat->cmn = CMN_LIVE;
}
*/
import "C"

import (
	"errors"
	"fmt"
	"time"
	"unsafe"
)

// mfcc_t must be a 32-bit float for cepstra to be handled as []float32
// (sphinxbase is built that way unless FIXED_POINT is defined): the index
// is out of range, and the build fails, for any other size.
var _ = [1]struct{}{}[unsafe.Sizeof(C.mfcc_t(0))-4]

// decoder is the thin cgo layer: one ps_decoder_t and a front end that
// feeds it, no locking, no context. Everything above it is plain Go.
type decoder struct {
	ps        *C.ps_decoder_t
	front     C.sl_front
	ncep      int           // values per cepstral frame
	frame     time.Duration // time between frames (-frate)
	prespeech int           // frames the detector keeps before speech
}

// parseError is newDecoder's error when the library rejects the options.
type parseError struct{}

func (parseError) Error() string { return "pocketsphinx rejected the decoder options" }

// newDecoder loads a decoder from pocketsphinx command-line style
// arguments ("-hmm", dir, "-lm", file, ...).
func newDecoder(args []string) (*decoder, error) {
	// The argv array lives in C memory: cgo forbids passing Go memory that
	// holds pointers.
	argv := (**C.char)(C.calloc(C.size_t(len(args)+1), C.size_t(unsafe.Sizeof((*C.char)(nil)))))
	cargs := unsafe.Slice(argv, len(args)+1)
	defer func() {
		for _, p := range cargs {
			C.free(unsafe.Pointer(p))
		}
		C.free(unsafe.Pointer(argv))
	}()
	for i, a := range args {
		cargs[i] = C.CString(a)
	}
	var status C.int
	ps := C.sl_new(C.int(len(args)), argv, &status)
	switch status {
	case 1:
		return nil, parseError{}
	case 2:
		return nil, errors.New("pocketsphinx could not load the model (a file is missing or corrupt)")
	}
	d := &decoder{ps: ps}
	if C.sl_front_init(&d.front, ps) < 0 {
		C.ps_free(ps)
		return nil, errors.New("pocketsphinx could not set up feature extraction")
	}
	d.ncep = int(d.front.ncep)
	name := C.CString("-frate")
	defer C.free(unsafe.Pointer(name))
	frate := int(C.sl_int_arg(ps, name))
	if frate <= 0 {
		frate = 100
	}
	d.frame = time.Second / time.Duration(frate)
	d.prespeech = int(C.sl_vad_prespeech(ps))
	C.sl_cmn_live(ps)
	return d, nil
}

// addWord adds word to the dictionary with its phones (space-separated,
// from the model's phone set); update tells the search to take up the
// words added so far, which is slow, so only the last of several sets it.
func (d *decoder) addWord(word, phones string, update bool) error {
	cw, cp := C.CString(word), C.CString(phones)
	defer C.free(unsafe.Pointer(cw))
	defer C.free(unsafe.Pointer(cp))
	u := C.int(0)
	if update {
		u = 1
	}
	if C.ps_add_word(d.ps, cw, cp, u) < 0 {
		return fmt.Errorf("pocketsphinx refused the pronunciation %q of %q", phones, word)
	}
	return nil
}

func (d *decoder) free() {
	if d.ps != nil {
		C.sl_front_free(&d.front)
		C.ps_free(d.ps)
		d.ps = nil
	}
}

func (d *decoder) startUtt() error {
	if C.ps_start_utt(d.ps) < 0 {
		return errors.New("pocketsphinx could not start an utterance")
	}
	C.sl_front_start(&d.front)
	return nil
}

func (d *decoder) endUtt() error {
	if C.ps_end_utt(d.ps) < 0 {
		return errors.New("pocketsphinx could not end the utterance")
	}
	return nil
}

// features runs the front end over pcm and appends the frames it keeps to
// cep (ncep values each) and their frame numbers, counted from the start of
// the utterance, to idx.
func (d *decoder) features(pcm []int16, cep []float32, idx []int32) ([]float32, []int32, error) {
	if len(pcm) == 0 {
		return cep, idx, nil
	}
	shift := int(d.front.shift)
	limit := len(pcm)/shift + d.prespeech + 4
	cep, idx = grow(cep, limit*d.ncep), grow(idx, limit)
	out, oi := cep[len(cep):len(cep)+limit*d.ncep], idx[len(idx):len(idx)+limit]
	// The C code writes into Go memory it does not keep: cgo allows that
	// for memory without Go pointers.
	n := C.sl_front_process(&d.front, (*C.short)(unsafe.Pointer(&pcm[0])), C.size_t(len(pcm)),
		(*C.float)(unsafe.Pointer(&out[0])), (*C.int)(unsafe.Pointer(&oi[0])), C.int(limit))
	if n < 0 {
		return cep, idx, errors.New("pocketsphinx failed to extract features")
	}
	return cep[:len(cep)+int(n)*d.ncep], idx[:len(idx)+int(n)], nil
}

// endFeatures flushes the front end's last, partial frame.
func (d *decoder) endFeatures(cep []float32, idx []int32) ([]float32, []int32, error) {
	cep, idx = grow(cep, d.ncep), grow(idx, 1)
	out, oi := cep[len(cep):len(cep)+d.ncep], idx[len(idx):len(idx)+1]
	n := C.sl_front_end(&d.front, (*C.float)(unsafe.Pointer(&out[0])), (*C.int)(unsafe.Pointer(&oi[0])))
	if n < 0 {
		return cep, idx, errors.New("pocketsphinx failed to extract features")
	}
	return cep[:len(cep)+int(n)*d.ncep], idx[:len(idx)+int(n)], nil
}

// grow makes room for n more elements after len(s).
func grow[T any](s []T, n int) []T {
	if cap(s)-len(s) < n {
		t := make([]T, len(s), 2*cap(s)+n)
		copy(t, s)
		s = t
	}
	return s
}

// search decodes frames of cepstra (ncep values each).
func (d *decoder) search(cep []float32) error {
	n := len(cep) / d.ncep
	if n == 0 {
		return nil
	}
	if C.sl_process_cep(d.ps, (*C.float)(unsafe.Pointer(&cep[0])), C.int(n), C.int(d.ncep)) < 0 {
		return errors.New("pocketsphinx failed to decode the audio")
	}
	return nil
}

// hyp is the current best hypothesis, words separated by spaces.
func (d *decoder) hyp() string {
	h := C.sl_hyp(d.ps)
	if h == nil {
		return ""
	}
	return C.GoString(h)
}

// segment is one entry of the best path: a word, a filler or silence.
type segment struct {
	word       string
	start, end int     // first and last frame searched, inclusive
	post       float64 // posterior probability, 0..1
}

func (d *decoder) segments() []segment {
	var segs []segment
	for it := C.ps_seg_iter(d.ps); it != nil; it = C.ps_seg_next(it) {
		var sf, ef C.int
		C.ps_seg_frames(it, &sf, &ef)
		segs = append(segs, segment{word: C.GoString(C.ps_seg_word(it)), start: int(sf), end: int(ef),
			post: min(1, float64(C.sl_seg_post(d.ps, it)))}) // logmath rounds a certain word a hair over 1
	}
	return segs
}

// cmn returns the running cepstral mean, or nil when the model uses none.
func (d *decoder) cmn() []float32 {
	n := int(C.sl_cmn_len(d.ps))
	if n == 0 {
		return nil
	}
	v := make([]float32, n)
	C.sl_cmn_get(d.ps, (*C.float)(unsafe.Pointer(&v[0])))
	return v
}

// setCMN sets the running cepstral mean; v must be as long as d.cmn().
func (d *decoder) setCMN(v []float32) {
	if len(v) == 0 || len(v) != int(C.sl_cmn_len(d.ps)) {
		return
	}
	C.sl_cmn_set(d.ps, (*C.float)(unsafe.Pointer(&v[0])))
}

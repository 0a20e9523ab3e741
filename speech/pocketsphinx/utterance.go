package pocketsphinx

import (
	"context"
	"strings"
	"time"

	"github.com/starloop/starloop"
)

// searchChunk is how many frames (1 s) Transcribe searches between checks
// of its context.
const searchChunk = 100

// utt is the Go-side state of one utterance: the frames extracted but not
// yet searched, and where every searched frame sits in the recording.
type utt struct {
	cep []float32 // extracted frames not yet searched, ncep values each
	idx []int32   // frame number in the recording of every frame, searched or held
	// searched counts the frames already given to the search.
	searched int
	// lead is the number of frames of lead-in before the audio proper.
	lead int
}

// begin feeds the lead-in: n samples of faint noise that stand for the
// silence a recording would normally start with. A recording cut right at
// the first syllable otherwise loses it, because the search begins every
// utterance in silence and takes that syllable's first frames for it.
func (u *utt) begin(d *decoder, n, amplitude int) error {
	shift := int(d.front.shift)
	n -= n % shift
	if n <= 0 {
		return nil
	}
	pcm := make([]int16, n)
	seed := uint32(0x5eed)
	for i := range pcm {
		seed = seed*1664525 + 1013904223 // a fixed LCG: the same noise every time
		pcm[i] = int16(int(seed>>16)%(2*amplitude+1) - amplitude)
	}
	u.lead = n / shift
	return u.add(d, pcm)
}

// add extracts the features of pcm and holds them.
func (u *utt) add(d *decoder, pcm []int16) error {
	var err error
	u.cep, u.idx, err = d.features(pcm, u.cep, u.idx)
	return err
}

// flush extracts the last, partial frame at the end of the audio.
func (u *utt) flush(d *decoder) error {
	var err error
	u.cep, u.idx, err = d.endFeatures(u.cep, u.idx)
	return err
}

// held is the number of frames extracted and not yet searched.
func (u *utt) held(d *decoder) int { return len(u.cep) / d.ncep }

// audioFrames is the number of frames of the audio proper, searched or
// held, that the voice activity detector kept.
func (u *utt) audioFrames() int {
	n := 0
	for _, f := range u.idx {
		if int(f) >= u.lead {
			n++
		}
	}
	return n
}

// heldAudio is the number of held frames that belong to the audio proper
// rather than the lead-in.
func (u *utt) heldAudio(d *decoder) int {
	n := 0
	for _, f := range u.idx[u.searched:] {
		if int(f) >= u.lead {
			n++
		}
	}
	return n
}

// searchHeld searches every held frame, in pieces so ctx can interrupt.
func (u *utt) searchHeld(ctx context.Context, d *decoder) error {
	for len(u.cep) > 0 {
		if err := ctx.Err(); err != nil {
			return err
		}
		n := min(searchChunk*d.ncep, len(u.cep))
		if err := d.search(u.cep[:n]); err != nil {
			return err
		}
		u.searched += n / d.ncep
		u.cep = u.cep[n:]
	}
	u.cep = nil
	return nil
}

// countHeld walks the held frames from the first and adds those of the
// audio proper whose energy coefficient is not negative (the frames
// heldMean averages) to sum, until it has added want of them or run out.
// It returns how many frames it walked and how many it added.
func (u *utt) countHeld(d *decoder, want int, sum []float64) (walked, added int) {
	ncep := d.ncep
	for f := range u.held(d) {
		if added >= want {
			break
		}
		walked++
		c := u.cep[f*ncep : (f+1)*ncep]
		if int(u.idx[u.searched+f]) < u.lead || c[0] < 0 {
			continue
		}
		for j, x := range c {
			sum[j] += float64(x)
		}
		added++
	}
	return walked, added
}

// searchFirst searches the first n held frames.
func (u *utt) searchFirst(d *decoder, n int) error {
	if err := d.search(u.cep[:n*d.ncep]); err != nil {
		return err
	}
	u.searched += n
	u.cep = u.cep[n*d.ncep:]
	return nil
}

// heldMean is the mean of the held frames of the audio proper (not the
// lead-in) whose energy coefficient is not negative (sphinxbase's batch CMN
// skips the others as digital silence), and how many frames that was.
func (u *utt) heldMean(d *decoder) ([]float32, int) {
	ncep := d.ncep
	sum := make([]float64, ncep)
	n := 0
	for f := range u.held(d) {
		c := u.cep[f*ncep : (f+1)*ncep]
		if int(u.idx[u.searched+f]) < u.lead || c[0] < 0 {
			continue
		}
		for j, x := range c {
			sum[j] += float64(x)
		}
		n++
	}
	if n == 0 {
		return nil, 0
	}
	mean := make([]float32, ncep)
	for j := range mean {
		mean[j] = float32(sum[j] / float64(n))
	}
	return mean, n
}

// transcript reads the best path of the last utterance as a Transcript.
// idx maps the search's frame numbers, which skip the silence the detector
// dropped, to frame numbers in the recording.
func (d *decoder) transcript(idx []int32, lead int) starloop.Transcript {
	t, _ := d.scoredTranscript(idx, lead)
	return t
}

// scoredTranscript is transcript with each word's posterior probability.
func (d *decoder) scoredTranscript(idx []int32, lead int) (starloop.Transcript, []float64) {
	at := func(f int) time.Duration {
		if len(idx) == 0 {
			return time.Duration(f) * d.frame
		}
		f = max(0, min(f, len(idx)-1))
		return time.Duration(max(0, int(idx[f])-lead)) * d.frame
	}
	var words []starloop.Word
	var post []float64
	for _, s := range d.segments() {
		if isFiller(s.word) {
			continue
		}
		post = append(post, s.post)
		words = append(words, starloop.Word{
			Text:  baseWord(s.word),
			Start: at(s.start),
			End:   at(s.end) + d.frame,
		})
	}
	return starloop.Transcript{Text: starloop.TextFromWords(words), Words: words}, post
}

// isFiller reports whether a segment is not a word: the sentence markers <s>
// and </s>, silence <sil>, and noise fillers such as [NOISE] or ++UH++.
func isFiller(w string) bool {
	return w == "" || strings.HasPrefix(w, "<") || strings.HasPrefix(w, "[") || strings.HasPrefix(w, "+")
}

// baseWord strips the alternate-pronunciation marker: "read(2)" is "read".
func baseWord(w string) string {
	if i := strings.IndexByte(w, '('); i > 0 && strings.HasSuffix(w, ")") {
		return w[:i]
	}
	return w
}

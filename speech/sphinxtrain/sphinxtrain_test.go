package sphinxtrain

import (
	"bytes"
	"context"
	"encoding/binary"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/starloop/starloop"
	"github.com/starloop/starloop/audio"
	"github.com/starloop/starloop/internal/speechtest"
	"github.com/starloop/starloop/speech/pocketsphinx"
)

// sendumpFile builds a sendump by its documented layout.
func sendumpFile(headers []string, ncw, nsen int, data []byte) []byte {
	le := binary.LittleEndian
	var b []byte
	for _, h := range headers {
		b = le.AppendUint32(b, uint32(len(h)+1))
		b = append(append(b, h...), 0)
	}
	b = le.AppendUint32(b, 0)
	b = le.AppendUint32(b, uint32(ncw))
	b = le.AppendUint32(b, uint32(nsen))
	return append(b, data...)
}

func TestConvertSendump(t *testing.T) {
	dir := t.TempDir()
	in, out := filepath.Join(dir, "sendump"), filepath.Join(dir, "mixture_weights")
	// One stream, two codewords, two senones. Stored codeword by codeword:
	// codeword 0 has bytes 0 (senone 0) and 7 (senone 1), codeword 1 the
	// reverse. A byte b is the weight 1.0001^-(b<<10): 1 and
	// 1.0001^-7168 = 0.48833; normalised 0.67189 and 0.32811 (worked out
	// with Python's math module).
	data := []byte{0, 7, 7, 0}
	if err := os.WriteFile(in, sendumpFile([]string{"BEGIN FILE FORMAT DESCRIPTION", "END FILE FORMAT DESCRIPTION", "feature_count 1"}, 2, 2, data), 0o600); err != nil {
		t.Fatal(err)
	}
	if err := convertSendump(in, out); err != nil {
		t.Fatal(err)
	}
	b, err := os.ReadFile(out)
	if err != nil {
		t.Fatal(err)
	}
	hdr, body, ok := bytes.Cut(b, []byte("endhdr\n"))
	if !ok || !bytes.HasPrefix(hdr, []byte("s3\nversion 1.0\n")) {
		t.Fatalf("header %q", hdr)
	}
	if (len(hdr)+len("endhdr\n"))%4 != 0 {
		t.Errorf("data starts at %d, not on a 4-byte boundary", len(hdr)+7)
	}
	le := binary.LittleEndian
	want := []uint32{0x11223344, 2, 1, 2, 4}
	for i, w := range want {
		if g := le.Uint32(body[4*i:]); g != w {
			t.Errorf("header word %d = %#x, want %#x", i, g, w)
		}
	}
	weights := []float64{0.67189, 0.32811, 0.32811, 0.67189} // senone 0: cw 0, 1; senone 1
	for i, w := range weights {
		g := float64(math.Float32frombits(le.Uint32(body[4*(len(want)+i):])))
		if math.Abs(g-w) > 1e-4 {
			t.Errorf("weight %d = %.5f, want %.5f", i, g, w)
		}
	}
	if len(body) != 4*(len(want)+len(weights)) {
		t.Errorf("%d bytes of data, want %d", len(body), 4*(len(want)+len(weights)))
	}
}

func TestConvertSendumpRejects(t *testing.T) {
	dir := t.TempDir()
	for name, b := range map[string][]byte{
		"truncated":     sendumpFile([]string{"title", "feature_count 1"}, 2, 2, []byte{0, 7, 7}),
		"clustered":     sendumpFile([]string{"title", "cluster_count 16"}, 2, 2, []byte{0, 7, 7, 0}),
		"not a sendump": []byte("s3\nversion 1.0\nendhdr\n"),
	} {
		t.Run(name, func(t *testing.T) {
			in := filepath.Join(dir, strings.ReplaceAll(name, " ", "-"))
			os.WriteFile(in, b, 0o600)
			if err := convertSendump(in, in+".out"); err == nil {
				t.Error("no error")
			}
		})
	}
}

// Without the tools the error is one line that names what to install,
// before any work is done.
func TestMissingTools(t *testing.T) {
	a := &Adapter{ModelDir: pocketsphinx.DefaultModelDir, Dict: pocketsphinx.DefaultDict, ToolDir: t.TempDir()}
	_, err := a.Adapt(context.Background(), []Utterance{{Name: "x", PCM: make([]int16, 16000), Text: "hello"}})
	if !starloop.IsKind(err, starloop.NotFound) {
		t.Fatalf("error %v, want a NotFound", err)
	}
	msg := err.Error()
	for _, s := range []string{"bw", "map_adapt", "sphinxtrain"} {
		if !strings.Contains(msg, s) {
			t.Errorf("%q does not mention %s", msg, s)
		}
	}
	if strings.Contains(msg, "\n") {
		t.Errorf("%q is more than one line", msg)
	}
}

func TestUnknownWord(t *testing.T) {
	if err := (&Adapter{ModelDir: pocketsphinx.DefaultModelDir, Dict: pocketsphinx.DefaultDict}).Check(); err != nil {
		t.Skip(err)
	}
	a := &Adapter{ModelDir: pocketsphinx.DefaultModelDir, Dict: pocketsphinx.DefaultDict}
	_, err := a.Adapt(context.Background(), []Utterance{{Name: "07.wav", PCM: make([]int16, 16000), Text: "we shipped the zxqvbn release"}})
	if !starloop.IsKind(err, starloop.Invalid) || !strings.Contains(err.Error(), `"zxqvbn"`) || !strings.Contains(err.Error(), "07.wav") {
		t.Errorf("error %v, want Invalid naming 07.wav and the word", err)
	}
}

// gauBytes builds a parameter file by its documented layout: one
// codebook, one stream of vector length 2, one density; with a checksum
// word after the values, as SphinxTrain writes them.
func gauBytes(values ...float32) []byte {
	le := binary.LittleEndian
	b := []byte("s3\nversion 1.0\nchksum0 yes\nendhdr\n")
	for _, v := range []uint32{0x11223344, 1, 1, 1, 2, uint32(len(values))} {
		b = le.AppendUint32(b, v)
	}
	for _, v := range values {
		b = le.AppendUint32(b, math.Float32bits(v))
	}
	return le.AppendUint32(b, 0xdeadbeef)
}

func TestBlendGau(t *testing.T) {
	out, err := blendGau(gauBytes(0, 10), gauBytes(4, 20), 0.5)
	if err != nil {
		t.Fatal(err)
	}
	// Halfway: 0 -> 2, 10 -> 15; no checksum written, nor announced.
	hdr, body, _ := bytes.Cut(out, []byte("endhdr\n"))
	if bytes.Contains(hdr, []byte("chksum")) || (len(hdr)+7)%4 != 0 {
		t.Errorf("header %q", hdr)
	}
	le := binary.LittleEndian
	want := []uint32{0x11223344, 1, 1, 1, 2, 2, math.Float32bits(2), math.Float32bits(15)}
	if len(body) != 4*len(want) {
		t.Fatalf("%d bytes after the header, want %d", len(body), 4*len(want))
	}
	for i, w := range want {
		if g := le.Uint32(body[4*i:]); g != w {
			t.Errorf("word %d = %#x, want %#x", i, g, w)
		}
	}
	if _, err := blendGau(gauBytes(0, 10), gauBytes(4, 20, 1, 1), 0.5); err == nil {
		t.Error("files of different sizes blended")
	}
	if _, err := blendGau([]byte("s3\nendhdr\n"), gauBytes(4, 20), 0.5); err == nil {
		t.Error("a truncated file blended")
	}
}

// bw's summary line, as bw 5.0 printed it for LJ001-0002.wav (189
// frames): the fourth field is the log-likelihood per frame, the fifth
// the total, -156.5821 * 189 = -29594.0.
func TestFrameLogLik(t *testing.T) {
	log := "INFO: cmn.c(133): CMN: 58.81 15.37\n" +
		"utt>     0   u000  189    0   100 21  8 9 2.526905e-102 -1.565821e+02 -2.959402e+04 utt 0.019x\n" +
		"overall> stats 189 (-0) -1.565821e+02 -2.959402e+04 0.019x 3.297e\n"
	if ll, err := frameLogLik(log); err != nil || ll != -156.5821 {
		t.Errorf("frameLogLik = %v, %v; want -156.5821", ll, err)
	}
	for name, log := range map[string]string{
		"no summary": "INFO: nothing\n",
		"no frames":  "overall> stats 0 (-0) 0 0\n",
	} {
		if _, err := frameLogLik(log); err == nil {
			t.Errorf("%s: no error", name)
		}
	}
}

// Score on a real recording: the model as installed scores the same
// twice, and a recording aligned with the wrong words scores worse than
// with its own.
func TestScore(t *testing.T) {
	a := &Adapter{ModelDir: pocketsphinx.DefaultModelDir, Dict: pocketsphinx.DefaultDict}
	if err := a.Check(); err != nil {
		t.Skip(err)
	}
	pcm, err := audio.ReadWAVFile(speechtest.Path(t, "LJ001-0002.wav"))
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	right, err := a.Score(ctx, []Utterance{{Name: "LJ001-0002", PCM: pcm, Text: "in being comparatively modern"}}, "", "")
	if err != nil {
		t.Fatal(err)
	}
	if len(right) != 2 || right[0] != right[1] || right[0] >= 0 {
		t.Errorf("scores %v: want two equal negative log-likelihoods", right)
	}
	wrong, err := a.Score(ctx, []Utterance{{Name: "LJ001-0002", PCM: pcm, Text: "the press yard"}}, "")
	if err != nil {
		t.Fatal(err)
	}
	if wrong[0] >= right[0] {
		t.Errorf("wrong words score %.2f, right ones %.2f: want lower", wrong[0], right[0])
	}
}

// Every method runs the tools to the end on real speech and leaves means
// of the model's shape, some of them moved, and variances and mixture
// weights when asked.
func TestAdaptMethods(t *testing.T) {
	if testing.Short() {
		t.Skip("runs SphinxTrain's tools three times")
	}
	a := &Adapter{ModelDir: pocketsphinx.DefaultModelDir, Dict: pocketsphinx.DefaultDict, MLLR: true}
	if err := a.Check(); err != nil {
		t.Skip(err)
	}
	var utts []Utterance
	for _, r := range speechtest.All(t) {
		if strings.HasPrefix(r.ID, "LJ001") {
			pcm, err := audio.ReadWAVFile(r.Path)
			if err != nil {
				t.Fatal(err)
			}
			utts = append(utts, Utterance{Name: r.ID, PCM: pcm, Text: r.Reference})
		}
	}
	model, err := os.ReadFile(filepath.Join(pocketsphinx.DefaultModelDir, "means"))
	if err != nil {
		t.Fatal(err)
	}
	m, _ := parseGau(model)
	variances, err := os.ReadFile(filepath.Join(pocketsphinx.DefaultModelDir, "variances"))
	if err != nil {
		t.Fatal(err)
	}
	v, _ := parseGau(variances)
	for name, a := range map[string]*Adapter{
		"default":       {},
		"tau 10":        {Tau: 10, Passes: 1},
		"MLLR, then 10": {Tau: 10, MLLR: true, Passes: 1},
		"MLLR shift":    {Tau: 10, MLLR: true, MLLRShift: true, Passes: 1},
		"all":           {Variances: true, MixWeights: true, Passes: 1},
		"held-out step": {Steps: []float64{0.1, 0.5}, Passes: 1},
	} {
		t.Run(name, func(t *testing.T) {
			a.ModelDir, a.Dict = pocketsphinx.DefaultModelDir, pocketsphinx.DefaultDict
			var steps []string
			a.Progress = func(s string) {
				if strings.HasPrefix(s, "step ") {
					steps = append(steps, s)
				}
			}
			out, err := a.Adapt(context.Background(), utts)
			if err != nil {
				t.Fatal(err)
			}
			movedFrom(t, "means", out["means"], m)
			if a.Variances {
				movedFrom(t, "variances", out["variances"], v)
			}
			if _, ok := out["variances"]; ok != a.Variances {
				t.Errorf("variances adapted: %v, want %v", ok, a.Variances)
			}
			if a.MixWeights {
				mixtureWeights(t, out["mixture_weights"], m)
			} else if _, ok := out["mixture_weights"]; ok {
				t.Error("mixture weights adapted, not asked")
			}
			if a.Steps != nil {
				// Each candidate scored on the held-out recording, then
				// one chosen.
				if len(steps) != 3 || steps[2] != "step 0.1 chosen" && steps[2] != "step 0.5 chosen" {
					t.Errorf("told %q, want both steps scored and one chosen", steps)
				}
			}
		})
	}
}

// movedFrom checks that b holds parameters of the dimensions of the
// model's, some of them moved.
func movedFrom(t *testing.T, name string, b []byte, model *gauFile) {
	t.Helper()
	g, err := parseGau(b)
	if err != nil {
		t.Fatalf("%s: %v", name, err)
	}
	moved := 0
	for i, v := range g.values {
		if v != model.values[i] {
			moved++
		}
	}
	if fmt.Sprint(g.dims) != fmt.Sprint(model.dims) || moved == 0 {
		t.Errorf("%s of dimensions %v (model %v), %d of %d moved", name, g.dims, model.dims, moved, len(g.values))
	}
}

// mixtureWeights checks that b is a mixture_weights file (see
// convertSendump) for the model's senones, with a weight for each density
// of the means' codebooks in each stream, a senone's weights in a stream
// summing to 1.
func mixtureWeights(t *testing.T, b []byte, means *gauFile) {
	t.Helper()
	_, body, ok := bytes.Cut(b, []byte("endhdr\n"))
	le := binary.LittleEndian
	if !ok || len(body) < 20 || le.Uint32(body) != 0x11223344 {
		t.Fatalf("mixture weights: no header")
	}
	senones, streams, codewords, n := le.Uint32(body[4:]), le.Uint32(body[8:]), le.Uint32(body[12:]), le.Uint32(body[16:])
	// pocketsphinx-en-us has 5,126 senones (n_tied_state, printed by
	// pocketsphinx_mdef_convert -text).
	if senones != 5126 || streams != means.dims[1] || codewords != means.dims[2] || n != senones*streams*codewords || len(body) < int(20+4*n) {
		t.Fatalf("mixture weights of %d senones, %d streams, %d codewords, %d values in %d bytes", senones, streams, codewords, n, len(body))
	}
	for i := range senones * streams {
		sum := 0.0
		for c := range codewords {
			sum += float64(math.Float32frombits(le.Uint32(body[20+4*(i*codewords+c):])))
		}
		if math.Abs(sum-1) > 1e-3 {
			t.Fatalf("senone %d, stream %d: weights sum to %.4f", i/streams, i%streams, sum)
		}
	}
}

// Options loads each file of a saved adaptation with its pocketsphinx
// option, and nothing else.
func TestOptions(t *testing.T) {
	dir := t.TempDir()
	for _, f := range []string{"means", "variances", "mixture_weights", "notes.txt"} {
		os.WriteFile(filepath.Join(dir, f), []byte("x"), 0o600)
	}
	got := Options(dir)
	want := map[string]string{
		"-mean": filepath.Join(dir, "means"),
		"-var":  filepath.Join(dir, "variances"),
		"-mixw": filepath.Join(dir, "mixture_weights"),
	}
	if fmt.Sprint(got) != fmt.Sprint(want) {
		t.Errorf("Options = %v, want %v", got, want)
	}
	os.Remove(filepath.Join(dir, "variances"))
	os.Remove(filepath.Join(dir, "mixture_weights"))
	if got := Options(dir); len(got) != 1 || got["-mean"] == "" {
		t.Errorf("means only: Options = %v", got)
	}
	if got := Options(""); len(got) != 0 {
		t.Errorf("no profile: Options = %v", got)
	}
}

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
// of the model's shape, some of them moved.
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
	for name, a := range map[string]*Adapter{
		"default":       {},
		"tau 10":        {Tau: 10, Passes: 1},
		"MLLR, then 10": {Tau: 10, MLLR: true, Passes: 1},
	} {
		t.Run(name, func(t *testing.T) {
			a.ModelDir, a.Dict = pocketsphinx.DefaultModelDir, pocketsphinx.DefaultDict
			out, err := a.Adapt(context.Background(), utts)
			if err != nil {
				t.Fatal(err)
			}
			g, err := parseGau(out["means"])
			if err != nil {
				t.Fatal(err)
			}
			moved := 0
			for i, v := range g.values {
				if v != m.values[i] {
					moved++
				}
			}
			if fmt.Sprint(g.dims) != fmt.Sprint(m.dims) || moved == 0 {
				t.Errorf("means of dimensions %v (model %v), %d of %d moved", g.dims, m.dims, moved, len(g.values))
			}
		})
	}
}

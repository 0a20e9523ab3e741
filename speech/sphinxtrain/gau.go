package sphinxtrain

import (
	"bytes"
	"encoding/binary"
	"fmt"
	"math"
)

// gauFile is a SphinxTrain Gaussian parameter file (means, variances): an
// "s3" text header ending in "endhdr\n", a byte-order word 0x11223344,
// then the number of codebooks, streams and densities, each stream's
// vector length, the number of values, the float32 values, and a checksum
// when the header says "chksum0 yes".
type gauFile struct {
	dims   []uint32 // codebooks, streams, densities, then each stream's length
	values []float32
}

func parseGau(b []byte) (*gauFile, error) {
	const end = "endhdr\n"
	i := bytes.Index(b, []byte(end))
	if !bytes.HasPrefix(b, []byte("s3\n")) || i < 0 {
		return nil, fmt.Errorf("not a SphinxTrain parameter file")
	}
	b = b[i+len(end):]
	le := binary.LittleEndian
	word := func() (uint32, bool) {
		if len(b) < 4 {
			return 0, false
		}
		v := le.Uint32(b)
		b = b[4:]
		return v, true
	}
	if v, ok := word(); !ok || v != 0x11223344 {
		return nil, fmt.Errorf("not a little-endian SphinxTrain parameter file")
	}
	g := &gauFile{}
	for range 3 {
		v, ok := word()
		if !ok {
			return nil, fmt.Errorf("truncated parameter file")
		}
		g.dims = append(g.dims, v)
	}
	want := uint64(0)
	for range g.dims[1] {
		v, ok := word()
		if !ok || g.dims[1] > 64 {
			return nil, fmt.Errorf("truncated parameter file")
		}
		g.dims = append(g.dims, v)
		want += uint64(v)
	}
	want *= uint64(g.dims[0]) * uint64(g.dims[2])
	n, ok := word()
	if !ok || uint64(n) != want || uint64(len(b)) < 4*want {
		return nil, fmt.Errorf("parameter file: %d values, want %d", n, want)
	}
	g.values = make([]float32, n)
	for j := range g.values {
		g.values[j] = math.Float32frombits(le.Uint32(b[4*j:]))
	}
	return g, nil
}

// bytes writes g without a checksum, which readers then do not look for.
func (g *gauFile) bytes() []byte {
	var o bytes.Buffer
	o.WriteString("s3\nversion 1.0\n")
	if pad := (o.Len() + len("endhdr\n")) & 3; pad != 0 {
		o.WriteString("    "[:4-pad])
	}
	o.WriteString("endhdr\n")
	le := binary.LittleEndian
	b := le.AppendUint32(o.Bytes(), 0x11223344)
	for _, d := range g.dims {
		b = le.AppendUint32(b, d)
	}
	b = le.AppendUint32(b, uint32(len(g.values)))
	for _, v := range g.values {
		b = le.AppendUint32(b, math.Float32bits(v))
	}
	return b
}

// blendGau moves each value of model the fraction w of the way to the
// same value of adapted; the files must have the same dimensions.
func blendGau(model, adapted []byte, w float64) ([]byte, error) {
	m, err := parseGau(model)
	if err != nil {
		return nil, err
	}
	a, err := parseGau(adapted)
	if err != nil {
		return nil, err
	}
	if fmt.Sprint(m.dims) != fmt.Sprint(a.dims) {
		return nil, fmt.Errorf("adapted parameters have dimensions %v, the model's %v", a.dims, m.dims)
	}
	for i, v := range m.values {
		m.values[i] = float32(float64(v) + w*float64(a.values[i]-v))
	}
	return m.bytes(), nil
}

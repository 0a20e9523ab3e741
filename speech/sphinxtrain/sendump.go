package sphinxtrain

import (
	"bytes"
	"encoding/binary"
	"fmt"
	"math"
	"os"
)

// convertSendump writes the mixture weights of a pocketsphinx sendump file
// as the SphinxTrain mixture_weights file bw reads.
//
// A sendump (pocketsphinx's ptm_mgau.c and SphinxTrain's sendump.py read it)
// is a header of length-prefixed strings ended by a zero length, then the
// number of codewords and of senones (int32 each), then for each feature
// stream and each codeword one byte per senone: the weight's negated
// logarithm, base 1.0001, shifted right by 10 bits. A mixture_weights file
// is an "s3" text header, a byte-order word 0x11223344, the dimensions
// senones, streams, codewords and their product, then float32 weights in
// that order. Each senone's weights are normalised to sum to 1, which the
// quantisation had blurred.
func convertSendump(in, out string) error {
	b, err := os.ReadFile(in)
	if err != nil {
		return err
	}
	bad := fmt.Errorf("%s: not a pocketsphinx sendump file", in)
	le := binary.LittleEndian
	pos := 0
	nfeat, shift := 1, 10
	for first := true; ; first = false {
		if pos+4 > len(b) {
			return bad
		}
		n := int(le.Uint32(b[pos:]))
		pos += 4
		if n == 0 {
			break
		}
		if n > 65536 || pos+n > len(b) {
			return bad // big-endian files are not handled: Debian's is little
		}
		s := string(bytes.TrimRight(b[pos:pos+n], "\x00"))
		pos += n
		var v int
		switch {
		case first:
		case sscan(s, "feature_count %d", &v):
			nfeat = v
		case sscan(s, "mixw_shift %d", &v):
			shift = v
		case sscan(s, "cluster_count %d", &v) && v != 0:
			return fmt.Errorf("%s: clustered mixture weights are not supported", in)
		}
	}
	if pos+8 > len(b) {
		return bad
	}
	ncw, nsen := int(le.Uint32(b[pos:])), int(le.Uint32(b[pos+4:]))
	pos += 8
	if ncw <= 0 || nsen <= 0 || nfeat <= 0 || len(b)-pos != nfeat*ncw*nsen {
		return bad
	}
	data := b[pos:]
	w := make([]float32, nsen*nfeat*ncw)
	for f := range nfeat {
		for c := range ncw {
			row := data[(f*ncw+c)*nsen:]
			for s := range nsen {
				w[(s*nfeat+f)*ncw+c] = float32(math.Pow(1.0001, -float64(int(row[s])<<shift)))
			}
		}
	}
	for i := 0; i < len(w); i += ncw {
		var sum float64
		for _, x := range w[i : i+ncw] {
			sum += float64(x)
		}
		for j := i; j < i+ncw; j++ {
			w[j] = float32(float64(w[j]) / sum)
		}
	}

	var o bytes.Buffer
	o.WriteString("s3\nversion 1.0\n")
	if pad := (o.Len() + len("endhdr\n")) & 3; pad != 0 {
		o.WriteString("    "[:4-pad])
	}
	o.WriteString("endhdr\n")
	for _, v := range []uint32{0x11223344, uint32(nsen), uint32(nfeat), uint32(ncw), uint32(len(w))} {
		o.Write(le.AppendUint32(nil, v))
	}
	for _, x := range w {
		o.Write(le.AppendUint32(nil, math.Float32bits(x)))
	}
	return os.WriteFile(out, o.Bytes(), 0o600)
}

func sscan(s, format string, v *int) bool {
	n, err := fmt.Sscanf(s, format, v)
	return err == nil && n == 1
}

package lm

import (
	"bufio"
	"bytes"
	"cmp"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"math"
	"slices"
)

// The binary format is sphinxbase's "trie" (lm_trie.c, ngram_model_trie.c
// in sphinxbase 5prealpha), little-endian as written on x86:
//
//	"Trie Language Model"        19 bytes, no terminator
//	order                        uint8
//	counts                       order × uint32 (unigrams first)
//	quantiser (order > 1)        int32 0, then 65536 float32 bin centres for
//	                             each of: bigram probs, bigram backoffs (for
//	                             each middle order), highest-order probs
//	unigrams                     (counts[0]+1) × {prob, bow float32; next uint32}
//	middle orders, highest order bit-packed arrays, each padded (see baseSize)
//	words                        int32 byte count, then NUL-terminated words
//
// The trie runs backwards: a unigram's children are the bigrams that end
// in it, keyed by their first word; a bigram's children the trigrams that
// end in it. A middle entry is word id | 16-bit backoff bin | 16-bit prob
// bin | index of its first child; the entry after the last holds the end
// of the children. A highest-order entry is word id | 16-bit prob bin.
// Children are sorted by word id. Scores are in sphinxbase's log base
// 1.0001, which every pocketsphinx decoder uses by default.
const trieHeader = "Trie Language Model"

const (
	quantBits = 16
	quantBins = 1 << quantBits
	// logBase10 converts log base 1.0001 to log10.
	logBase10 = 4.342727686266485e-05 // log10(1.0001)
)

func toLog10(x float32) float32 { return float32(float64(x) * logBase10) }
func fromLog10(x float32) float32 {
	if x <= noProb {
		return float32(noProb / logBase10)
	}
	return float32(float64(x) / logBase10)
}

// requiredBits is the number of bits that hold values up to max.
func requiredBits(max uint32) uint {
	n := uint(0)
	for max > 0 {
		n++
		max >>= 1
	}
	return n
}

// baseSize is the bytes of a packed array: one extra entry for the end
// pointer, rounded up to bytes, and 8 spare bytes so that reading a 64-bit
// word at the last entry stays inside.
func baseSize(entries uint32, vocab uint32, otherBits uint) int {
	total := requiredBits(vocab) + otherBits
	return int((uint64(1+entries)*uint64(total)+7)/8) + 8
}

func readBits(mem []byte, off uint64, n uint) uint32 {
	v := binary.LittleEndian.Uint64(mem[off>>3:])
	return uint32(v>>(off&7)) & (1<<n - 1)
}

func writeBits(mem []byte, off uint64, n uint, v uint32) {
	p := mem[off>>3:]
	w := binary.LittleEndian.Uint64(p)
	w |= uint64(v&(1<<n-1)) << (off & 7)
	binary.LittleEndian.PutUint64(p, w)
}

// ReadBinary reads a model in sphinxbase's binary trie format of order 1
// to 3. Probabilities come out as log10, rounded as the file stores them
// (quantised to 65536 levels above unigrams).
func ReadBinary(r io.Reader) (*Model, error) {
	br := bufio.NewReaderSize(r, 1<<20)
	hdr := make([]byte, len(trieHeader))
	if _, err := io.ReadFull(br, hdr); err != nil || string(hdr) != trieHeader {
		return nil, errors.New("not a sphinxbase binary trie language model")
	}
	var order uint8
	if err := binary.Read(br, binary.LittleEndian, &order); err != nil {
		return nil, err
	}
	if order < 1 || order > 3 {
		return nil, fmt.Errorf("model of order %d: only orders 1 to 3 are supported", order)
	}
	counts := make([]uint32, order)
	if err := binary.Read(br, binary.LittleEndian, counts); err != nil {
		return nil, err
	}
	if counts[0] >= maxWords {
		return nil, fmt.Errorf("%d words: at most %d are supported", counts[0], maxWords-1)
	}
	for _, c := range counts[1:] {
		if c >= 1<<25 { // sphinxbase's own limit
			return nil, fmt.Errorf("%d n-grams of one order: at most %d are supported", c, 1<<25-1)
		}
	}
	var tables [][]float32 // middle prob, middle bow, ..., highest prob
	if order > 1 {
		var dummy int32
		if err := binary.Read(br, binary.LittleEndian, &dummy); err != nil {
			return nil, err
		}
		for range 2*(int(order)-2) + 1 {
			t := make([]float32, quantBins)
			if err := binary.Read(br, binary.LittleEndian, t); err != nil {
				return nil, fmt.Errorf("quantiser: %w", err)
			}
			tables = append(tables, t)
		}
	}
	type uni struct {
		Prob, Bow float32
		Next      uint32
	}
	unis := make([]uni, counts[0]+1)
	if err := binary.Read(br, binary.LittleEndian, unis); err != nil {
		return nil, fmt.Errorf("unigrams: %w", err)
	}
	var mid, long []byte
	if order == 3 {
		mid = make([]byte, baseSize(counts[1], counts[0], 2*quantBits+requiredBits(counts[2])))
		if _, err := io.ReadFull(br, mid); err != nil {
			return nil, fmt.Errorf("bigrams: %w", err)
		}
	}
	if order > 1 {
		long = make([]byte, baseSize(counts[order-1], counts[0], quantBits))
		if _, err := io.ReadFull(br, long); err != nil {
			return nil, fmt.Errorf("n-grams: %w", err)
		}
	}
	var size int32
	if err := binary.Read(br, binary.LittleEndian, &size); err != nil {
		return nil, fmt.Errorf("words: %w", err)
	}
	buf := make([]byte, size)
	if _, err := io.ReadFull(br, buf); err != nil {
		return nil, fmt.Errorf("words: %w", err)
	}
	words := make([]string, 0, counts[0])
	for w := range bytes.SplitSeq(bytes.TrimSuffix(buf, []byte{0}), []byte{0}) {
		words = append(words, string(w))
	}
	if len(words) != int(counts[0]) {
		return nil, fmt.Errorf("%d words for %d unigrams", len(words), counts[0])
	}
	m := newModel(int(order), words)
	if order > 1 {
		m.bi = make(map[[2]int32]Entry, counts[1])
	}
	if order > 2 {
		m.tri = make(map[key3]float32, counts[2])
	}
	for i := range m.uni {
		m.uni[i] = Entry{toLog10(unis[i].Prob), toLog10(unis[i].Bow)}
	}
	wordBits := requiredBits(counts[0])
	switch order {
	case 2:
		total := uint64(wordBits + quantBits)
		for u := range counts[0] {
			for j := unis[u].Next; j < unis[u+1].Next; j++ {
				off := uint64(j) * total
				v := readBits(long, off, wordBits)
				p := tables[0][readBits(long, off+uint64(wordBits), quantBits)]
				m.bi[[2]int32{int32(v), int32(u)}] = Entry{Prob: toLog10(p)}
			}
		}
	case 3:
		nextBits := requiredBits(counts[2])
		midTotal := uint64(wordBits + 2*quantBits + nextBits)
		longTotal := uint64(wordBits + quantBits)
		next := func(j uint32) uint32 {
			return readBits(mid, uint64(j)*midTotal+uint64(wordBits+2*quantBits), nextBits)
		}
		for u := range counts[0] {
			for j := unis[u].Next; j < unis[u+1].Next; j++ {
				off := uint64(j) * midTotal
				v := readBits(mid, off, wordBits)
				bow := tables[1][readBits(mid, off+uint64(wordBits), quantBits)]
				p := tables[0][readBits(mid, off+uint64(wordBits+quantBits), quantBits)]
				m.bi[[2]int32{int32(v), int32(u)}] = Entry{toLog10(p), toLog10(bow)}
				for k := next(j); k < next(j+1); k++ {
					koff := uint64(k) * longTotal
					t := readBits(long, koff, wordBits)
					p := tables[2][readBits(long, koff+uint64(wordBits), quantBits)]
					m.tri[k3(int32(t), int32(v), int32(u))] = toLog10(p)
				}
			}
		}
	}
	return m, nil
}

// WriteBinary writes m in sphinxbase's binary trie format, which
// pocketsphinx loads as it loads Debian's en-us.lm.bin. A trigram whose
// last two words are not a bigram of m gets that bigram, with the
// probability m gives it by backing off and no backoff weight of its own,
// because the trie reaches trigrams through it; sphinxbase does the same.
func WriteBinary(w io.Writer, m *Model) error {
	if m.Order < 1 || m.Order > 3 {
		return fmt.Errorf("model of order %d: only orders 1 to 3 are supported", m.Order)
	}
	nw := uint32(len(m.Words))
	if nw >= maxWords {
		return fmt.Errorf("%d words: at most %d are supported", nw, maxWords-1)
	}
	type bigram struct {
		v, u int32 // "v u": u is the last word
		e    Entry
	}
	type trigram struct {
		t, v, u int32
		p       float32
	}
	// Sort by packed keys, last word first: the trie's order.
	type bkey struct {
		k uint64
		e Entry
	}
	type tkey struct {
		k uint64
		p float32
	}
	bks := make([]bkey, 0, len(m.bi))
	for k, e := range m.bi {
		bks = append(bks, bkey{uint64(k[1])<<21 | uint64(k[0]), e})
	}
	tks := make([]tkey, 0, len(m.tri))
	blank := map[[2]int32]bool{}
	for k, p := range m.tri {
		a, b, c := k.ids()
		tks = append(tks, tkey{uint64(c)<<42 | uint64(b)<<21 | uint64(a), p})
		if _, ok := m.bi[[2]int32{b, c}]; !ok && !blank[[2]int32{b, c}] {
			blank[[2]int32{b, c}] = true
			bks = append(bks, bkey{uint64(c)<<21 | uint64(b), Entry{Prob: float32(m.logProbID([]int32{b}, c))}})
		}
	}
	slices.SortFunc(bks, func(a, b bkey) int { return cmp.Compare(a.k, b.k) })
	slices.SortFunc(tks, func(a, b tkey) int { return cmp.Compare(a.k, b.k) })
	const mask = maxWords - 1
	bis := make([]bigram, len(bks))
	for i, b := range bks {
		bis[i] = bigram{v: int32(b.k & mask), u: int32(b.k >> 21), e: b.e}
	}
	tris := make([]trigram, len(tks))
	for i, t := range tks {
		tris[i] = trigram{t: int32(t.k & mask), v: int32(t.k >> 21 & mask), u: int32(t.k >> 42), p: t.p}
	}
	bw := bufio.NewWriterSize(w, 1<<20)
	bw.WriteString(trieHeader)
	bw.WriteByte(byte(m.Order))
	counts := []uint32{nw, uint32(len(bis)), uint32(len(tris))}[:m.Order]
	binary.Write(bw, binary.LittleEndian, counts)

	var midProb, midBow, longProb []float32
	if m.Order > 1 {
		bw.Write(make([]byte, 4))
		if m.Order == 3 {
			midProb = make([]float32, len(bis))
			midBow = make([]float32, len(bis))
			for i, b := range bis {
				midProb[i], midBow[i] = fromLog10(b.e.Prob), fromLog10(b.e.Bow)
			}
			longProb = make([]float32, len(tris))
			for i, t := range tris {
				longProb[i] = fromLog10(t.p)
			}
			midProb, midBow = makeBins(midProb), makeBins(midBow)
			binary.Write(bw, binary.LittleEndian, midProb)
			binary.Write(bw, binary.LittleEndian, midBow)
		} else {
			longProb = make([]float32, len(bis))
			for i, b := range bis {
				longProb[i] = fromLog10(b.e.Prob)
			}
		}
		longProb = makeBins(longProb)
		binary.Write(bw, binary.LittleEndian, longProb)
	}

	// Unigrams with the index of their first child.
	first := make([]uint32, nw+1)
	for _, b := range bis {
		first[b.u+1]++
	}
	for i := 1; i <= int(nw); i++ {
		first[i] += first[i-1]
	}
	for i, e := range m.uni {
		binary.Write(bw, binary.LittleEndian, [2]float32{fromLog10(e.Prob), fromLog10(e.Bow)})
		binary.Write(bw, binary.LittleEndian, first[i])
	}
	binary.Write(bw, binary.LittleEndian, [2]float32{0, 0})
	binary.Write(bw, binary.LittleEndian, first[nw])

	wordBits := requiredBits(nw)
	switch m.Order {
	case 2:
		long := make([]byte, baseSize(uint32(len(bis)), nw, quantBits))
		total := uint64(wordBits + quantBits)
		for i, b := range bis {
			off := uint64(i) * total
			writeBits(long, off, wordBits, uint32(b.v))
			writeBits(long, off+uint64(wordBits), quantBits, encodeBin(longProb, fromLog10(b.e.Prob)))
		}
		bw.Write(long)
	case 3:
		nextBits := requiredBits(uint32(len(tris)))
		mid := make([]byte, baseSize(uint32(len(bis)), nw, 2*quantBits+nextBits))
		midTotal := uint64(wordBits + 2*quantBits + nextBits)
		long := make([]byte, baseSize(uint32(len(tris)), nw, quantBits))
		longTotal := uint64(wordBits + quantBits)
		k := 0
		for i, b := range bis {
			off := uint64(i) * midTotal
			writeBits(mid, off, wordBits, uint32(b.v))
			q := encodeBin(midProb, fromLog10(b.e.Prob))<<quantBits | encodeBin(midBow, fromLog10(b.e.Bow))
			writeBits(mid, off+uint64(wordBits), 2*quantBits, q)
			writeBits(mid, off+uint64(wordBits+2*quantBits), nextBits, uint32(k))
			for ; k < len(tris) && tris[k].u == b.u && tris[k].v == b.v; k++ {
				koff := uint64(k) * longTotal
				writeBits(long, koff, wordBits, uint32(tris[k].t))
				writeBits(long, koff+uint64(wordBits), quantBits, encodeBin(longProb, fromLog10(tris[k].p)))
			}
		}
		writeBits(mid, uint64(len(bis))*midTotal+uint64(wordBits+2*quantBits), nextBits, uint32(k))
		bw.Write(mid)
		bw.Write(long)
	}
	size := 0
	for _, w := range m.Words {
		size += len(w) + 1
	}
	binary.Write(bw, binary.LittleEndian, int32(size))
	for _, w := range m.Words {
		bw.WriteString(w)
		bw.WriteByte(0)
	}
	return bw.Flush()
}

// makeBins quantises values (sorted in place) to quantBins levels of equal
// population, each the mean of its values, as sphinxbase trains its
// quantiser; an empty level repeats the one before.
func makeBins(values []float32) []float32 {
	slices.Sort(values)
	centres := make([]float32, quantBins)
	n := uint64(len(values))
	start := uint64(0)
	for i := range uint64(quantBins) {
		end := n * (i + 1) / quantBins
		switch {
		case end == start && i == 0:
			centres[i] = float32(math.Inf(-1))
		case end == start:
			centres[i] = centres[i-1]
		default:
			sum := 0.0
			for _, v := range values[start:end] {
				sum += float64(v)
			}
			centres[i] = float32(sum / float64(end-start))
		}
		start = end
	}
	return centres
}

// encodeBin is the index of the bin centre nearest v.
func encodeBin(bins []float32, v float32) uint32 {
	i, _ := slices.BinarySearch(bins, v) // first centre >= v
	switch {
	case i == 0:
		return 0
	case i == len(bins):
		return uint32(len(bins) - 1)
	case v-bins[i-1] < bins[i]-v:
		return uint32(i - 1)
	}
	return uint32(i)
}

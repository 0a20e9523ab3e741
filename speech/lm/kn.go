package lm

import (
	"math"
	"slices"
)

// Train builds an interpolated Kneser-Ney trigram model from sentences of
// normalised words (without <s> and </s>: Train adds them). discount is
// the absolute discount D of every order, in (0, 1); 0 estimates one per
// order from the counts of counts, D = n1/(n1+2·n2) (Ney, Essen and Kneser
// 1994), the choice of SRILM and KenLM for plain Kneser-Ney.
//
// As in KenLM, the highest order and n-grams that start with <s> keep
// their counts; the other lower orders count the distinct words seen
// before them (continuation counts). The unigram level is interpolated
// with a uniform distribution over the vocabulary, so every word of the
// training text has a probability; <s> gets -99, as it is never predicted.
// The interpolation weights γ(h) = D·N1+(h·)/c(h·) are exactly the backoff
// weights of the model written in backoff form.
func Train(sentences [][]string, discount float64) *Model {
	seen := map[string]bool{}
	for _, s := range sentences {
		for _, w := range s {
			seen[w] = true
		}
	}
	delete(seen, BOS)
	delete(seen, EOS)
	words := []string{BOS, EOS}
	for w := range seen {
		words = append(words, w)
	}
	slices.Sort(words[2:])
	m := newModel(3, words)
	bos := int32(0)

	c3 := map[[3]int32]float64{}    // small: a few thousand sentences
	bosBi := map[[2]int32]float64{} // "<s> w" keeps its count
	for _, s := range sentences {
		ids := []int32{bos}
		for _, w := range s {
			ids = append(ids, m.ids[w])
		}
		ids = append(ids, 1) // </s>
		bosBi[[2]int32{ids[0], ids[1]}]++
		for i := 2; i < len(ids); i++ {
			c3[[3]int32{ids[i-2], ids[i-1], ids[i]}]++
		}
	}
	// Adjusted counts of the lower orders.
	a2 := map[[2]int32]float64{}
	maps2 := func(k [2]int32, v float64) { a2[k] += v }
	for k, c := range bosBi {
		maps2(k, c)
	}
	for k := range c3 {
		if k[1] != bos {
			maps2([2]int32{k[1], k[2]}, 1)
		}
	}
	a1 := make([]float64, len(words))
	for k := range a2 {
		a1[k[1]]++
	}

	d3, d2, d1 := discount, discount, discount
	if discount == 0 {
		d3 = estimateDiscount(func(yield func(float64) bool) {
			for _, c := range c3 {
				if !yield(c) {
					return
				}
			}
		})
		d2 = estimateDiscount(func(yield func(float64) bool) {
			for _, c := range a2 {
				if !yield(c) {
					return
				}
			}
		})
		d1 = estimateDiscount(func(yield func(float64) bool) {
			for _, c := range a1[1:] {
				if c > 0 && !yield(c) {
					return
				}
			}
		})
	}

	// Unigrams: (a1(w) - D1)/Σa1 + D1·types/Σa1 / |V|, where V leaves out <s>.
	total, types := 0.0, 0.0
	for _, c := range a1 {
		if c > 0 {
			total += c
			types++
		}
	}
	p1 := make([]float64, len(words))
	for w := 1; w < len(words); w++ {
		uniform := 1 / float64(len(words)-1)
		if total == 0 {
			p1[w] = uniform
			continue
		}
		p1[w] = math.Max(a1[w]-d1, 0)/total + d1*types/total*uniform
	}
	// Bigrams.
	sum2 := map[int32]float64{}
	n2 := map[int32]float64{}
	for k, c := range a2 {
		sum2[k[0]] += c
		n2[k[0]]++
	}
	gamma2 := func(v int32) float64 { return d2 * n2[v] / sum2[v] }
	p2 := map[[2]int32]float64{}
	for k, c := range a2 {
		p2[k] = math.Max(c-d2, 0)/sum2[k[0]] + gamma2(k[0])*p1[k[1]]
	}
	// Trigrams.
	sum3 := map[[2]int32]float64{}
	n3 := map[[2]int32]float64{}
	for k, c := range c3 {
		h := [2]int32{k[0], k[1]}
		sum3[h] += c
		n3[h]++
	}
	lower := func(v, w int32) float64 {
		if p, ok := p2[[2]int32{v, w}]; ok {
			return p
		}
		return gamma2(v) * p1[w]
	}
	for k, c := range c3 {
		h := [2]int32{k[0], k[1]}
		p := math.Max(c-d3, 0)/sum3[h] + d3*n3[h]/sum3[h]*lower(k[1], k[2])
		m.tri[k3(k[0], k[1], k[2])] = float32(math.Log10(p))
	}

	for w := range words {
		m.uni[w].Prob = float32(math.Log10(p1[w]))
		if sum2[int32(w)] > 0 {
			m.uni[w].Bow = float32(math.Log10(gamma2(int32(w))))
		}
	}
	m.uni[bos].Prob = noProb
	for k, p := range p2 {
		e := Entry{Prob: float32(math.Log10(p))}
		if s := sum3[k]; s > 0 {
			e.Bow = float32(math.Log10(d3 * n3[k] / s))
		}
		m.bi[k] = e
	}
	return m
}

// estimateDiscount is n1/(n1+2·n2) over the counts given, or 0.5 when
// there are too few to tell, kept within [0.1, 0.9].
func estimateDiscount(counts func(yield func(float64) bool)) float64 {
	var n1, n2 float64
	for c := range counts {
		switch c {
		case 1:
			n1++
		case 2:
			n2++
		}
	}
	if n1 == 0 || n2 == 0 {
		return 0.5
	}
	return min(max(n1/(n1+2*n2), 0.1), 0.9)
}

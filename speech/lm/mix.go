package lm

import (
	"fmt"
	"math"
)

// Mix interpolates models linearly into one backoff model, to be loaded
// like any other: p(w|h) = Σᵢ λᵢ·pᵢ(w|h) for every n-gram that any of the
// models holds, each pᵢ with its own backoff (0 for a word model i does
// not know). The backoff weight of each context is then recomputed so
// that the model sums to one:
//
//	bow(h) = (1 - Σ_{w: hw kept} p(w|h)) / (1 - Σ_{w: hw kept} p(w|h'))
//
// where h' is h without its oldest word. This is SRILM's static mixture
// (ngram -mix-lm): exact for every n-gram kept, an approximation for the
// n-grams that back off. Unlike sphinxbase's run-time interpolation
// (ngram_model_set), the decoder's language weight then scales the
// mixture, not each part.
//
// The vocabulary is the union, in the order of the models; weights must be
// positive and sum to 1.
func Mix(models []*Model, weights []float64) (*Model, error) {
	if len(models) == 0 || len(models) != len(weights) {
		return nil, fmt.Errorf("mix: %d models and %d weights", len(models), len(weights))
	}
	sum := 0.0
	for _, w := range weights {
		if w <= 0 {
			return nil, fmt.Errorf("mix: weight %g is not positive", w)
		}
		sum += w
	}
	if math.Abs(sum-1) > 1e-6 {
		return nil, fmt.Errorf("mix: weights sum to %g, not 1", sum)
	}
	order := 0
	var words []string
	index := map[string]int32{}
	for _, m := range models {
		order = max(order, m.Order)
		for _, w := range m.Words {
			if _, ok := index[w]; !ok {
				index[w] = int32(len(words))
				words = append(words, w)
			}
		}
	}
	if len(words) >= maxWords {
		return nil, fmt.Errorf("mix: %d words; at most %d are supported", len(words), maxWords-1)
	}
	out := newModel(order, words)
	// local[i][id] is the id in models[i] of the mixed model's word id, or -1.
	local := make([][]int32, len(models))
	for i, m := range models {
		local[i] = make([]int32, len(words))
		for j := range local[i] {
			local[i][j] = -1
		}
		for id, w := range m.Words {
			local[i][index[w]] = int32(id)
		}
	}
	// prob is the mixture of the models' p(w|h) for word ids of out.
	hbuf := make([]int32, 0, 2)
	// prob is the mixture of the models' p(w|h) for word ids of out;
	// model own, if not -1, holds the n-gram with log10 probability ownP,
	// which saves looking it up.
	probOwn := func(h []int32, w int32, own int, ownP float32) float64 {
		p := 0.0
		for i, m := range models {
			if i == own {
				p += weights[i] * math.Pow(10, float64(ownP))
				continue
			}
			lw := local[i][w]
			if lw < 0 {
				continue
			}
			hbuf = hbuf[:0]
			for _, id := range h {
				if l := local[i][id]; l >= 0 {
					hbuf = append(hbuf, l)
				} else {
					hbuf = hbuf[:0]
				}
			}
			if len(hbuf) > m.Order-1 {
				hbuf = hbuf[len(hbuf)-(m.Order-1):]
			}
			p += weights[i] * math.Pow(10, m.logProbID(hbuf, lw))
		}
		return p
	}
	prob := func(h []int32, w int32) float64 { return probOwn(h, w, -1, 0) }
	bos, hasBOS := index[BOS]
	for w := range words {
		if hasBOS && int32(w) == bos {
			out.uni[w].Prob = noProb
			continue
		}
		out.uni[w].Prob = float32(math.Log10(prob(nil, int32(w))))
	}
	// The n-grams, with sums of their probabilities per context: hi over
	// p(w|h), lo over p(w|h').
	nbi, ntri := 0, 0
	for _, m := range models {
		nbi += len(m.bi)
		ntri += len(m.tri)
	}
	out.bi = make(map[[2]int32]Entry, nbi)
	out.tri = make(map[key3]float32, ntri)
	ctx1 := make([][2]float64, len(words))
	// global[i][id] is the mixed model's id of models[i]'s word id.
	global := make([][]int32, len(models))
	for i, m := range models {
		global[i] = make([]int32, len(m.Words))
		for id, w := range m.Words {
			global[i][id] = index[w]
		}
	}
	for i, m := range models {
		g := global[i]
		for k, own := range m.bi {
			key := [2]int32{g[k[0]], g[k[1]]}
			if i > 0 { // a model's own n-grams are distinct
				if _, ok := out.bi[key]; ok {
					continue
				}
			}
			p := probOwn(key[:1], key[1], i, own.Prob)
			out.bi[key] = Entry{Prob: float32(math.Log10(p))}
			ctx1[key[0]][0] += p
			ctx1[key[0]][1] += math.Pow(10, float64(out.uni[key[1]].Prob))
		}
	}
	for w, s := range ctx1 {
		if s[0] > 0 {
			out.uni[w].Bow = backoff(s[0], s[1])
		}
	}
	ctx2 := make(map[[2]int32][2]float64, nbi)
	for i, m := range models {
		g := global[i]
		for k, own := range m.tri {
			a, b, c := k.ids()
			key := [3]int32{g[a], g[b], g[c]}
			packed := k3(key[0], key[1], key[2])
			if i > 0 {
				if _, ok := out.tri[packed]; ok {
					continue
				}
			}
			p := probOwn(key[:2], key[2], i, own)
			out.tri[packed] = float32(math.Log10(p))
			h := [2]int32{key[0], key[1]}
			s := ctx2[h]
			s[0] += p
			s[1] += math.Pow(10, out.logProbID(key[1:2], key[2]))
			ctx2[h] = s
		}
	}
	for h, s := range ctx2 {
		e, ok := out.bi[h]
		if !ok { // a context that is no bigram of any model: add it
			e.Prob = float32(math.Log10(prob(h[:1], h[1])))
		}
		e.Bow = backoff(s[0], s[1])
		out.bi[h] = e
	}
	return out, nil
}

// backoff is log10 of (1-hi)/(1-lo), kept finite when quantised inputs
// leave no mass.
func backoff(hi, lo float64) float32 {
	const floor = 1e-6
	return float32(math.Log10(math.Max(1-hi, floor) / math.Max(1-lo, floor)))
}

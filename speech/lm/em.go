package lm

import (
	"fmt"
	"math"
)

// FitWeights finds the mixing weights of models that maximise the
// likelihood of held-out sentences under Σᵢ λᵢ·pᵢ(w|h), by expectation
// maximisation (Jelinek and Mercer's deleted interpolation): starting from
// equal weights, each step sets λᵢ to the mean over the held-out words of
// λᵢ·pᵢ / Σⱼ λⱼ·pⱼ. Each step raises the likelihood; it stops after iters
// steps or when no weight moves by more than 1e-5. Words that no model
// knows are skipped. It returns the weights and the mixture's perplexity
// on the text.
func FitWeights(models []*Model, sentences [][]string, iters int) ([]float64, float64, error) {
	var probs [][]float64 // per word: p under each model
	for _, s := range sentences {
		padded := append(append([]string{BOS}, s...), EOS)
		for i := 1; i < len(padded); i++ {
			h := padded[max(0, i-2):i]
			row := make([]float64, len(models))
			any := false
			for j, m := range models {
				row[j] = math.Pow(10, m.LogProb(h, padded[i]))
				any = any || row[j] > 0
			}
			if any {
				probs = append(probs, row)
			}
		}
	}
	if len(probs) == 0 {
		return nil, 0, fmt.Errorf("fit weights: no held-out word is known to any model")
	}
	lambda := make([]float64, len(models))
	for i := range lambda {
		lambda[i] = 1 / float64(len(models))
	}
	next := make([]float64, len(models))
	for range iters {
		clear(next)
		for _, row := range probs {
			total := 0.0
			for j, p := range row {
				total += lambda[j] * p
			}
			for j, p := range row {
				next[j] += lambda[j] * p / total
			}
		}
		moved := 0.0
		for j := range next {
			next[j] /= float64(len(probs))
			moved = math.Max(moved, math.Abs(next[j]-lambda[j]))
		}
		copy(lambda, next)
		if moved < 1e-5 {
			break
		}
	}
	logSum := 0.0
	for _, row := range probs {
		total := 0.0
		for j, p := range row {
			total += lambda[j] * p
		}
		logSum += math.Log(total)
	}
	return lambda, math.Exp(-logSum / float64(len(probs))), nil
}

// Perplexity is the perplexity of the mixture Σᵢ λᵢ·pᵢ(w|h) on sentences,
// counting the words (and sentence ends) that models[0] knows: mixtures
// that share their first model, such as the stock model alone (weights
// 1, 0, ...) and the stock model mixed with others, are then compared on
// the same words. It also returns how many words were counted.
func Perplexity(models []*Model, weights []float64, sentences [][]string) (float64, int) {
	logSum, n := 0.0, 0
	for _, s := range sentences {
		padded := append(append([]string{BOS}, s...), EOS)
		for i := 1; i < len(padded); i++ {
			if _, ok := models[0].ids[padded[i]]; !ok {
				continue
			}
			h := padded[max(0, i-2):i]
			total := 0.0
			for j, m := range models {
				if weights[j] > 0 {
					total += weights[j] * math.Pow(10, m.LogProb(h, padded[i]))
				}
			}
			logSum += math.Log(total)
			n++
		}
	}
	if n == 0 {
		return math.Inf(1), 0
	}
	return math.Exp(-logSum / float64(n)), n
}

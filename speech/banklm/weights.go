package banklm

// DefaultWeights are the mixing weights of the stock, domain and personal
// models, fitted by expectation maximisation (lm.FitWeights) with
// `go run ./speech/banklm/internal/measure -fit` on held-out text that
// nothing else was tuned on: testdata/dev/heldout-text.txt (2,755 words
// of answers by another writer, about stories in no bank) together with
// testdata/tune/answers.txt (391 words of answers written for the README's
// example bank, the personal model built from that bank's notes). The fit
// gave 0.748, 0.164, 0.088 (perplexity 290).
//
// Fitted on the bank's answers alone, EM gives the personal model half the
// weight (0.43, 0.07, 0.50; perplexity 60), but then every word of the
// notes is likely after any word, and general speech suffers: jfk.wav went
// from 4 to 13 errors in 22 words. The mixed text stands for a practice
// session, where some answers tell no story of the bank.
//
// Without a story bank the personal share goes to the other two in
// proportion (0.82, 0.18).
var DefaultWeights = [3]float64{0.748, 0.164, 0.088}

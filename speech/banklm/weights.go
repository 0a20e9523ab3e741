package banklm

// DefaultWeights are the mixing weights of the stock, domain and personal
// models, fitted by expectation maximisation (lm.FitWeights) in two steps,
// `go run ./speech/banklm/internal/measure -fit`:
//
//   - stock against domain on testdata/dev/heldout-text.txt (2,755 words of
//     answers by another writer, about stories in no bank): 0.809, 0.191;
//   - all three on testdata/tune/answers.txt (391 words of answers written
//     for the README's example bank, the personal model built from that
//     bank's notes): personal 0.502.
//
// The personal share is the second fit's; stock and domain keep the first
// fit's ratio. Without a story bank the personal share goes to the other
// two in that ratio (0.8, 0.2). The tuning text is small: the personal
// weight is good to about ±0.1.
var DefaultWeights = [3]float64{0.40, 0.10, 0.50}

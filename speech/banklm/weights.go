package banklm

// DefaultWeights are the mixing weights of the stock, domain and personal
// models, chosen in two steps by `go run ./speech/banklm/internal/measure
// -fit`, on text that nothing else was tuned on:
//
//  1. Expectation maximisation (lm.FitWeights) on held-out interview
//     answers: testdata/dev/heldout-text.txt (2,755 words of answers by
//     another writer, about stories in no bank) together with
//     testdata/tune/answers.txt (391 words of answers written for the
//     README's example bank, the personal model built from that bank's
//     notes). It gave 0.748, 0.164, 0.088 (perplexity 290).
//  2. General speech must not suffer. On general English text of our own
//     (testdata/general/text.txt: 917 words of narrative, history and
//     speeches, no interview), that mixture was 11.2% more perplexed than
//     the stock model alone (200.8 against 180.5): every n-gram of general
//     English keeps only 0.748 of its stock probability, and the small
//     models' sentence openings ("i led", "we") crowd out others. On the
//     shared real recordings (read books and a speech, 196 words) the
//     bank's model made 36 errors against the stock model's 33 decoding
//     whole recordings, and 51 against 36 as one stream, where the
//     first-second cepstral mean leaves the acoustics weak and the
//     language model leads. So the domain and personal share shrinks
//     toward the stock model until the mixture is at most 5% more
//     perplexed by the general text: 0.59 of it, 0.852, 0.096, 0.052
//     (the 5% was set before checking the recordings, which were not
//     tuned on). It costs the interview text little (perplexity 293
//     against 289 on the stock model's words).
//
// Measured with the measure command (see there), before and after:
//
//	                      flite dev set (2,256 words)   real recordings (196 words)
//	                      slt     rms     both          batch        one stream
//	stock                 28.1%   17.4%   22.7%         16.8% (33)   18.4% (36)
//	+ domain, before      25.4%   15.7%   20.5%         17.3% (34)   22.4% (44)
//	+ domain, now         26.1%   15.6%   20.8%         17.3% (34)   22.4% (44)
//	+ personal, before    19.1%   10.8%   15.0%         18.4% (36)   26.0% (51)
//	+ personal, now       20.4%   10.5%   15.4%         16.8% (33)   18.4% (36)
//
// The interview model alone still costs the real recordings one error in
// batch and eight as a stream: the weight of the domain model is not what
// does it (0.101 instead of 0.18 changed nothing).
//
// Fitted on the bank's answers alone, EM gives the personal model half the
// weight (0.43, 0.07, 0.50; perplexity 60), but then every word of the
// notes is likely after any word, and general speech suffers: jfk.wav went
// from 4 to 13 errors in 22 words. The mixed text stands for a practice
// session, where some answers tell no story of the bank.
//
// Without a story bank the personal share goes to the other two in
// proportion (0.899, 0.101).
var DefaultWeights = [3]float64{0.852, 0.096, 0.052}

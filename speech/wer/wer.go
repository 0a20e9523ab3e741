// Package wer measures how far a transcript is from a reference: the word
// error rate (WER) that every transcription backend is judged by.
//
// Text enters as strings, as a reference was published ("Printing, in the
// only sense...", "forty-two line Bible", "about 1455") or as a recogniser
// wrote it. Normalize turns each into the lower-case spoken words a
// recogniser can output, and WER counts the substitutions, deletions and
// insertions that turn one word list into the other. Tally adds results up
// over a set of recordings. Nothing here reads files or the environment.
package wer

// WER returns the least number of word substitutions, deletions and
// insertions that turn ref into hyp (the Levenshtein distance over words),
// and the number of reference words. The rate is errors/refWords; it can
// exceed 1 when the hypothesis inserts many words. Words are compared
// exactly: normalise both sides first (see Normalize).
func WER(ref, hyp []string) (errors, refWords int) {
	// prev[j] is the distance between ref[:i-1] and hyp[:j]; one row of the
	// classic table is enough.
	prev := make([]int, len(hyp)+1)
	cur := make([]int, len(hyp)+1)
	for j := range prev {
		prev[j] = j // j insertions
	}
	for i := 1; i <= len(ref); i++ {
		cur[0] = i // i deletions
		for j := 1; j <= len(hyp); j++ {
			best := prev[j-1] // match or substitution
			if ref[i-1] != hyp[j-1] {
				best++
			}
			if d := prev[j] + 1; d < best { // deletion of ref[i-1]
				best = d
			}
			if ins := cur[j-1] + 1; ins < best { // insertion of hyp[j-1]
				best = ins
			}
			cur[j] = best
		}
		prev, cur = cur, prev
	}
	return prev[len(hyp)], len(ref)
}

// Score normalises ref and hyp with Normalize and returns WER of the results.
func Score(ref, hyp string) (errors, refWords int) {
	return WER(Normalize(ref), Normalize(hyp))
}

// Tally adds up errors and reference words over many utterances. The corpus
// rate is total errors over total words, so long recordings weigh more than
// short ones; the mean of per-file rates would let a three-word file count
// as much as a forty-word one. The zero Tally is ready to use.
type Tally struct {
	Errors int // substitutions + deletions + insertions, summed
	Words  int // reference words, summed
}

// Add scores one utterance (normalising both texts), adds it to the tally
// and returns the utterance's own counts.
func (t *Tally) Add(ref, hyp string) (errors, refWords int) {
	errors, refWords = Score(ref, hyp)
	t.Errors += errors
	t.Words += refWords
	return errors, refWords
}

// Rate is Errors/Words, or 0 when no words were tallied.
func (t Tally) Rate() float64 {
	return Rate(t.Errors, t.Words)
}

// Rate is errors/refWords as a fraction (0.2 is 20%), or 0 when refWords is 0.
func Rate(errors, refWords int) float64 {
	if refWords == 0 {
		return 0
	}
	return float64(errors) / float64(refWords)
}

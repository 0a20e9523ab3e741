package enrol

import (
	"bufio"
	"os"
	"strings"
	"testing"

	"github.com/starloop/starloop/speech/wer"
)

// The enrolment sentences hold every phone of the dictionary's US English
// at least once, so that adaptation sees every phone's codebook. Counted
// independently (a Python count over the same dictionary): OY once (in
// "deployed"), ZH twice, the rarest.
func TestSentencesCoverEveryPhone(t *testing.T) {
	f, err := os.Open("/usr/share/pocketsphinx/model/en-us/cmudict-en-us.dict")
	if err != nil {
		t.Skip(err)
	}
	defer f.Close()
	pron := map[string][]string{}
	phones := map[string]int{}
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		fields := strings.Fields(sc.Text())
		if len(fields) < 2 {
			continue
		}
		for _, p := range fields[1:] {
			phones[p] += 0
		}
		if !strings.Contains(fields[0], "(") {
			pron[fields[0]] = fields[1:]
		}
	}
	for _, s := range Sentences() {
		for _, w := range wer.Normalize(s) {
			p, ok := pron[w]
			if !ok {
				t.Errorf("%q (in %q) is not in the dictionary", w, s)
			}
			for _, ph := range p {
				phones[ph]++
			}
		}
	}
	if len(phones) != 39 {
		t.Errorf("the dictionary has %d phones, want the 39 of US English", len(phones))
	}
	for p, n := range phones {
		if n == 0 {
			t.Errorf("phone %s is never read", p)
		}
	}
}

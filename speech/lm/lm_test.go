package lm

import (
	"bytes"
	"math"
	"os"
	"strings"
	"testing"
)

func sents(lines ...string) [][]string {
	var out [][]string
	for _, l := range lines {
		out = append(out, strings.Fields(l))
	}
	return out
}

func near(t *testing.T, what string, got, want float64) {
	t.Helper()
	if math.Abs(got-want) > 1e-5 {
		t.Errorf("%s = %.6f, want %.6f", what, got, want)
	}
}

// prob is p(w|h) as a probability, h written as one string.
func prob(m *Model, h, w string) float64 {
	return math.Pow(10, m.LogProb(strings.Fields(h), w))
}

// The corpus {"a b", "b"} with D = 0.5, worked by hand:
//
//	padded: <s> a b </s>, <s> b </s>
//	trigram counts: <s> a b, a b </s>, <s> b </s>: 1 each
//	bigram counts: <s> a 1, <s> b 1 (raw, they start with <s>);
//	  a b 1, b </s> 2 (distinct words before them)
//	unigram counts (distinct words before): a 1, b 2, </s> 1; sum 4, 3 types
//	p(w) = (c-0.5)/4 + 0.5·3/4·1/3:  a 0.25, b 0.5, </s> 0.25
//	γ(<s>) = 0.5·2/2 = 0.5, γ(a) = 0.5·1/1 = 0.5, γ(b) = 0.5·1/2 = 0.25
//	p(a|<s>) = 0.5/2 + 0.5·0.25 = 0.375;  p(b|<s>) = 0.25 + 0.5·0.5 = 0.5
//	p(b|a) = 0.5 + 0.5·0.5 = 0.75;  p(</s>|b) = 1.5/2 + 0.25·0.25 = 0.8125
//	γ(<s> a) = γ(a b) = γ(<s> b) = 0.5
//	p(b|<s> a) = 0.5 + 0.5·0.75 = 0.875
//	p(</s>|a b) = p(</s>|<s> b) = 0.5 + 0.5·0.8125 = 0.90625
//	backing off: p(a|b) = 0.25·0.25 = 0.0625; p(a|a b) = 0.5·0.0625 = 0.03125
func TestTrainKneserNeyByHand(t *testing.T) {
	m := Train(sents("a b", "b"), 0.5)
	for _, c := range []struct {
		h, w string
		want float64
	}{
		{"", "a", 0.25}, {"", "b", 0.5}, {"", "</s>", 0.25},
		{"<s>", "a", 0.375}, {"<s>", "b", 0.5}, {"a", "b", 0.75}, {"b", "</s>", 0.8125},
		{"<s> a", "b", 0.875}, {"a b", "</s>", 0.90625}, {"<s> b", "</s>", 0.90625},
		{"b", "a", 0.0625}, {"b", "b", 0.125}, {"a b", "a", 0.03125},
		{"x", "a", 0.25}, // an unknown word in the history is forgotten
	} {
		near(t, "p("+c.w+"|"+c.h+")", prob(m, c.h, c.w), c.want)
	}
	if e, _ := m.Unigram("<s>"); e.Prob != noProb {
		t.Errorf("<s> has log10 probability %g, want %d", e.Prob, noProb)
	}
	if p := m.LogProb(nil, "zebra"); !math.IsInf(p, -1) {
		t.Errorf("an unknown word has log10 probability %g, want -Inf", p)
	}
	for _, c := range []struct {
		ctx  string
		want float64
	}{{"<s>", 0.5}, {"a", 0.5}, {"b", 0.25}} {
		e, _ := m.Unigram(c.ctx)
		near(t, "bow("+c.ctx+")", math.Pow(10, float64(e.Bow)), c.want)
	}
	if e, _ := m.Bigram("a", "b"); math.Abs(math.Pow(10, float64(e.Bow))-0.5) > 1e-6 {
		t.Errorf("bow(a b) = %g, want 0.5", math.Pow(10, float64(e.Bow)))
	}
}

// sumsToOne checks that p(·|h) sums to 1 over the vocabulary (without <s>)
// for each history.
func sumsToOne(t *testing.T, m *Model, hs ...string) {
	t.Helper()
	for _, h := range hs {
		sum := 0.0
		for _, w := range m.Words {
			if w != BOS {
				sum += prob(m, h, w)
			}
		}
		near(t, "Σ p(·|"+h+")", sum, 1)
	}
}

func TestTrainSumsToOne(t *testing.T) {
	m := Train(sents("the cat sat on the mat", "the dog sat", "a cat and a dog", "on the mat the cat sat"), 0)
	sumsToOne(t, m, "", "<s>", "the", "cat", "sat", "<s> the", "the cat", "on the", "mat the", "dog dog")
}

// Mixing {"a b", "b"} (X, above) with {"c"} (Y) half and half, by hand.
// Y: p(c) = p(</s>) = 0.5; p(c|<s>) = 0.5/1 + 0.5·0.5 = 0.75;
// p(</s>|<s> c) = 0.5 + 0.5·0.75 = 0.875.
//
//	p(a) = ½·0.25 = 0.125, p(b) = 0.25, p(c) = ½·0.5 = 0.25,
//	p(</s>) = ½·0.25 + ½·0.5 = 0.375
//	p(b|a) = ½·0.75 + ½·0 = 0.375 (Y knows no b)
//	p(</s>|b) = ½·0.8125 + ½·0.5 (Y knows no b: p(</s>)) = 0.65625
//	p(c|<s>) = ½·0 + ½·0.75 = 0.375 (X knows no c)
//	p(b|<s> a) = ½·0.875 = 0.4375
//	p(</s>|<s> c) = ½·0.25 (X knows no c, so its p(</s>)) + ½·0.875 = 0.5625
//	bow(a) = (1 - p(b|a)) / (1 - p(b)) = 0.625/0.75, so the backed-off
//	p(c|a) = 0.625/0.75 · 0.25 = 0.208333
func TestMixByHand(t *testing.T) {
	x := Train(sents("a b", "b"), 0.5)
	y := Train(sents("c"), 0.5)
	m, err := Mix([]*Model{x, y}, []float64{0.5, 0.5})
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		h, w string
		want float64
	}{
		{"", "a", 0.125}, {"", "b", 0.25}, {"", "c", 0.25}, {"", "</s>", 0.375},
		{"a", "b", 0.375}, {"b", "</s>", 0.65625}, {"<s>", "c", 0.375},
		{"<s> a", "b", 0.4375}, {"<s> c", "</s>", 0.5625},
		{"a", "c", 0.625 / 0.75 * 0.25},
	} {
		near(t, "p("+c.w+"|"+c.h+")", prob(m, c.h, c.w), c.want)
	}
	sumsToOne(t, m, "", "<s>", "a", "b", "c", "<s> a", "a b", "<s> b", "<s> c", "c a")
}

// Mixing a model with itself gives it back: for a Kneser-Ney model the
// recomputed backoff weight is exactly γ(h).
func TestMixWithItself(t *testing.T) {
	x := Train(sents("the cat sat on the mat", "the dog sat", "a cat and a dog"), 0)
	m, err := Mix([]*Model{x, x}, []float64{0.3, 0.7})
	if err != nil {
		t.Fatal(err)
	}
	for _, h := range []string{"", "<s>", "the", "cat", "<s> the", "the cat", "a dog", "mat mat"} {
		for _, w := range x.Words[1:] {
			near(t, "p("+w+"|"+h+")", prob(m, h, w), prob(x, h, w))
		}
	}
}

func TestMixRejectsBadWeights(t *testing.T) {
	x := Train(sents("a"), 0)
	for _, w := range [][]float64{{0.5}, {0.5, 0.6}, {1, 0}, {-0.5, 1.5}} {
		if _, err := Mix([]*Model{x, x}, w); err == nil {
			t.Errorf("Mix with weights %v: no error", w)
		}
	}
}

// Held-out sentence "a" under X = {"a b", "b"} and Y = {"c"}:
// p(a|<s>) is 0.375 under X and 0 under Y (no a), so its posterior for X
// is 1; p(</s>|<s> a) is 0.5·(0.5·0.25) = 0.0625 under X and, Y knowing no
// a, Y's p(</s>) = 0.5. EM's fixed point λ = ½(1 + 0.0625λ/(0.0625λ +
// 0.5(1-λ))) is λ = 4/7 (then the fraction is (1/28)/(1/4) = 1/7).
func TestFitWeightsByHand(t *testing.T) {
	x := Train(sents("a b", "b"), 0.5)
	y := Train(sents("c"), 0.5)
	w, ppl, err := FitWeights([]*Model{x, y}, sents("a"), 500)
	if err != nil {
		t.Fatal(err)
	}
	near(t, "λ(X)", w[0], 4.0/7)
	near(t, "λ(Y)", w[1], 3.0/7)
	// perplexity: exp(-½(ln(4/7·0.375) + ln(4/7·0.0625 + 3/7·0.5)))
	near(t, "perplexity", ppl, math.Exp(-0.5*(math.Log(4.0/7*0.375)+math.Log(4.0/7*0.0625+3.0/7*0.5))))
	if _, _, err := FitWeights([]*Model{x}, nil, 10); err == nil {
		t.Error("FitWeights on no text: no error")
	}
}

// Perplexity of X = {"a b", "b"} and Y = {"c"} (worked above) on "a c":
// X knows no c, so c is not counted, and X's history is cut at c:
// p(a|<s>) = 0.375 and p(</s>) = 0.25 under X alone. Mixed half and half
// on "a": p(a|<s>) = ½·0.375 + ½·0 and p(</s>|<s> a) = ½·0.0625 + ½·0.5.
func TestPerplexityByHand(t *testing.T) {
	x := Train(sents("a b", "b"), 0.5)
	y := Train(sents("c"), 0.5)
	ppl, n := Perplexity([]*Model{x, y}, []float64{1, 0}, sents("a c"))
	near(t, "perplexity of X on \"a c\"", ppl, math.Exp(-0.5*(math.Log(0.375)+math.Log(0.25))))
	if n != 2 {
		t.Errorf("%d words counted, want 2 (a and </s>)", n)
	}
	ppl, _ = Perplexity([]*Model{x, y}, []float64{0.5, 0.5}, sents("a"))
	near(t, "perplexity of the mixture on \"a\"", ppl, math.Exp(-0.5*(math.Log(0.1875)+math.Log(0.28125))))
}

// A model survives the binary format, to its quantisation.
func TestBinaryRoundTrip(t *testing.T) {
	x := Train(sents("the cat sat on the mat", "the dog sat", "a cat and a dog", "dogs and cats"), 0)
	var buf bytes.Buffer
	if err := WriteBinary(&buf, x); err != nil {
		t.Fatal(err)
	}
	y, err := ReadBinary(&buf)
	if err != nil {
		t.Fatal(err)
	}
	if got, want := y.Counts(), x.Counts(); !equal(got, want) {
		t.Errorf("counts %v, want %v", got, want)
	}
	for _, h := range []string{"", "<s>", "the", "<s> the", "the cat", "a dog", "mat mat"} {
		for _, w := range x.Words[1:] {
			if got, want := y.LogProb(strings.Fields(h), w), x.LogProb(strings.Fields(h), w); math.Abs(got-want) > 1e-3 {
				t.Errorf("log10 p(%s|%s) = %.4f after the round trip, want %.4f", w, h, got, want)
			}
		}
	}
	if _, err := ReadBinary(strings.NewReader("Darpa Trigram LM")); err == nil {
		t.Error("ReadBinary of another format: no error")
	}
}

func equal(a, b []int) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

// The stock model reads as libsphinxbase reads it: the expected values are
// libsphinxbase's own ngram_score, ngram_bg_score and ngram_tg_score on the
// same file (Debian 12, libsphinxbase3 0.8+5prealpha+1-16), converted to
// log10.
func TestReadStockModel(t *testing.T) {
	const stock = "/usr/share/pocketsphinx/model/en-us/en-us.lm.bin"
	if testing.Short() {
		t.Skip("reads a 27 MB model")
	}
	f, err := os.Open(stock)
	if err != nil {
		t.Skipf("no stock model: %v (install pocketsphinx-en-us)", err)
	}
	defer f.Close()
	m, err := ReadBinary(f)
	if err != nil {
		t.Fatal(err)
	}
	if got, want := m.Counts(), []int{72547, 2051541, 1669625}; !equal(got, want) {
		t.Errorf("counts %v, want %v", got, want)
	}
	for _, c := range []struct {
		h, w string
		want float64
	}{
		{"", "the", -1.389456}, {"of", "the", -0.698528}, {"one of", "the", -0.305771},
		{"in the", "middle", -1.632040}, {"zebra of", "the", -0.698528},
	} {
		if got := m.LogProb(strings.Fields(c.h), c.w); math.Abs(got-c.want) > 1e-4 {
			t.Errorf("log10 p(%s|%s) = %.6f, libsphinxbase says %.6f", c.w, c.h, got, c.want)
		}
	}
}

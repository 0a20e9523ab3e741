package banklm

import (
	"bytes"
	"context"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/starloop/starloop/speech/lm"
)

func TestSentences(t *testing.T) {
	for _, c := range []struct {
		in   string
		want []string // sentences, words separated by spaces
	}{
		{"p99 spiked to 9 s; now 240 ms.", []string{"p ninety nine spiked to nine seconds", "now two hundred forty milliseconds"}},
		{"Saved $2M and $1.5k. Hosting cost fell by 40%!", []string{"saved two million dollars and one point five thousand dollars", "hosting cost fell by forty percent"}},
		{"Cut deploys from 3 h to 15 min\nTomás led it", []string{"cut deploys from three hours to fifteen minutes", "tomas led it"}},
		{"Paged at 2 a.m. on 0.4% of calls", []string{"paged at two a m on zero point four percent of calls"}},
	} {
		var got []string
		for _, s := range Sentences(c.in) {
			got = append(got, strings.Join(s, " "))
		}
		if !slices.Equal(got, c.want) {
			t.Errorf("Sentences(%q)\n got %q\nwant %q", c.in, got, c.want)
		}
	}
}

// fakeT2P is a letter-to-sound tool that knows a few words, in flite's
// phone set.
type fakeT2P map[string]string

func (f fakeT2P) Phones(_ context.Context, w string) ([]string, error) {
	if p, ok := f[w]; ok {
		return strings.Fields(p), nil
	}
	return nil, os.ErrNotExist
}

func TestPronounce(t *testing.T) {
	d, err := ReadDict(strings.NewReader("s EH S\nq K Y UW\nt T IY\nl EH L\ncolor K AH L ER\ntime T AY M\nouts AW T S\nouts(2) AW T\nfavorite F EY V ER IH T\n"))
	if err != nil {
		t.Fatal(err)
	}
	t2p := fakeT2P{"kubernetes": "k ax b er1 n iy1 t s", "zorg": "z ao1 r g", "bad": "b xx d"}
	acr := Acronyms("We used SQS and TTLs on EC2, not sqsx or SQSes.")
	if want := map[string]bool{"sqs": false, "ttls": true, "ec": false}; !maps.Equal(acr, want) {
		t.Errorf("Acronyms = %v, want %v", acr, want)
	}
	for _, c := range []struct{ word, want string }{
		{"sqs", "EH S K Y UW EH S"},          // an acronym, letter by letter
		{"ttls", "T IY T IY EH L Z"},         // a plural acronym
		{"colour", "K AH L ER"},              // British spelling
		{"favourite", "F EY V ER IH T"},      // British spelling inside
		{"timeouts", "T AY M AW T S"},        // two words run together
		{"kubernetes", "K AH B ER N IY T S"}, // letter to sound, ax is AH
		{"bad", ""},                          // a phone the model lacks
		{"unknown", ""},                      // nothing knows it
	} {
		if got := Pronounce(context.Background(), d, t2p, c.word, acr); got != c.want {
			t.Errorf("Pronounce(%q) = %q, want %q", c.word, got, c.want)
		}
	}
	if p := Pronounce(context.Background(), d, nil, "zorg", acr); p != "" {
		t.Errorf("without a phonetizer, Pronounce(zorg) = %q, want none", p)
	}
}

// tinyBuilder is a Builder over a small stock model and dictionary written
// to a temporary folder, so that builds take milliseconds.
func tinyBuilder(t *testing.T) *Builder {
	t.Helper()
	dir := t.TempDir()
	stock := lm.Train([][]string{strings.Fields("the team met the customer"), strings.Fields("we shipped it")}, 0)
	var buf bytes.Buffer
	if err := lm.WriteBinary(&buf, stock); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "stock.lm.bin"), buf.Bytes(), 0o600); err != nil {
		t.Fatal(err)
	}
	dict := "the DH AH\nteam T IY M\nmet M EH T\ncustomer K AH S T AH M ER\nwe W IY\nshipped SH IH P T\nit IH T\n" +
		"a AH\nrollback R OW L B AE K\ns EH S\nq K Y UW\n"
	if err := os.WriteFile(filepath.Join(dir, "dict"), []byte(dict), 0o600); err != nil {
		t.Fatal(err)
	}
	return &Builder{StockLM: filepath.Join(dir, "stock.lm.bin"), Dict: filepath.Join(dir, "dict"),
		CacheDir: filepath.Join(dir, "cache", "lm"), Domain: "We did a rollback.",
		Phones: fakeT2P{"kestrel": "k eh1 s t r ax l"}}
}

func TestBuildCachesPerBank(t *testing.T) {
	b := tinyBuilder(t)
	ctx := context.Background()
	bank := "Kestrel checkout\nMoved the queue to SQS"
	m1, err := b.Build(ctx, bank)
	if err != nil {
		t.Fatal(err)
	}
	f, err := os.Open(m1.LM)
	if err != nil {
		t.Fatal(err)
	}
	merged, err := lm.ReadBinary(f)
	f.Close()
	if err != nil {
		t.Fatal(err)
	}
	for _, w := range []string{"team", "rollback", "kestrel", "sqs"} { // stock, domain, personal
		if _, ok := merged.Unigram(w); !ok {
			t.Errorf("the merged model lacks %q", w)
		}
	}
	want := []Pronunciation{{"kestrel", "K EH S T R AH L"}, {"sqs", "EH S K Y UW EH S"}}
	slices.SortFunc(m1.Words, func(a, b Pronunciation) int { return strings.Compare(a.Word, b.Word) })
	if !slices.Equal(m1.Words, want) {
		t.Errorf("added words %v, want %v", m1.Words, want)
	}
	for path, mode := range map[string]os.FileMode{m1.LM: 0o600, b.CacheDir: 0o700} {
		if st, err := os.Stat(path); err != nil || st.Mode().Perm() != mode {
			t.Errorf("%s: %v, mode %v, want %v", path, err, st.Mode().Perm(), mode)
		}
	}

	// The same bank again comes from the cache, even with the stock model
	// gone from the builder's sight... as long as its file is unchanged.
	st, _ := os.Stat(m1.LM)
	m2, err := b.Build(ctx, bank)
	if err != nil {
		t.Fatal(err)
	}
	st2, _ := os.Stat(m2.LM)
	if m2.LM != m1.LM || !st2.ModTime().Equal(st.ModTime()) || len(m2.Words) != len(m1.Words) {
		t.Errorf("second build of the same bank: %v, want the cached %v", m2, m1)
	}
	// A changed bank is a new model.
	m3, err := b.Build(ctx, bank+"\nAdded a runbook")
	if err != nil {
		t.Fatal(err)
	}
	if m3.LM == m1.LM {
		t.Error("a changed bank reused the old model")
	}
	// No bank: stock and domain only.
	m4, err := b.Build(ctx, "")
	if err != nil {
		t.Fatal(err)
	}
	if m4.LM == m1.LM || m4.LM == m3.LM {
		t.Error("the model without a bank is one of the banks' models")
	}
}

func TestBuildMissingStock(t *testing.T) {
	b := tinyBuilder(t)
	b.StockLM = filepath.Join(t.TempDir(), "none.lm.bin")
	_, err := b.Build(context.Background(), "Kestrel")
	if err == nil || !strings.Contains(err.Error(), "pocketsphinx-en-us") {
		t.Errorf("Build without a stock model: %v, want an error naming the package", err)
	}
}

func TestPruneKeepsTheNewest(t *testing.T) {
	dir := t.TempDir()
	for i, name := range []string{"a", "b", "c"} {
		for _, ext := range []string{".lm.bin", ".dict"} {
			p := filepath.Join(dir, name+ext)
			if err := os.WriteFile(p, nil, 0o600); err != nil {
				t.Fatal(err)
			}
			when := time.Date(2026, 1, 1+i, 0, 0, 0, 0, time.UTC)
			if err := os.Chtimes(p, when, when); err != nil {
				t.Fatal(err)
			}
		}
	}
	prune(dir, 2)
	left, _ := filepath.Glob(filepath.Join(dir, "*"))
	for i := range left {
		left[i] = filepath.Base(left[i])
	}
	if want := []string{"b.dict", "b.lm.bin", "c.dict", "c.lm.bin"}; !slices.Equal(left, want) {
		t.Errorf("left %v, want %v", left, want)
	}
}

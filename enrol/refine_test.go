package enrol

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/starloop/starloop"
	"github.com/starloop/starloop/profile"
	"github.com/starloop/starloop/speech/sphinxtrain"
)

// adapter remembers what it was given and returns fixed means.
type adapter struct{ got []sphinxtrain.Utterance }

func (a *adapter) Adapt(_ context.Context, utts []sphinxtrain.Utterance) (sphinxtrain.Adaptation, error) {
	a.got = utts
	return sphinxtrain.Adaptation{"means": []byte("new")}, nil
}

const enrolText = "we cut costs by ten percent"

// ears hear an answer (5 s) as seven words half a second apart with the
// given posteriors, and an enrolment recording (1 s) with curErrs words
// wrong with the profile's model and candErrs with any other.
type ears struct {
	cur               string
	curErrs, candErrs int
	post              []float64
}

func (e *ears) hear(_ context.Context, dir string, pcm []int16) (starloop.Transcript, []float64, error) {
	if len(pcm) == 16000 {
		words := []string{"we", "cut", "costs", "by", "ten", "percent"}
		n := e.candErrs
		if dir == e.cur {
			n = e.curErrs
		}
		for i := range n {
			words[i] = "uh"
		}
		t := starloop.Transcript{}
		for _, w := range words {
			t.Words = append(t.Words, starloop.Word{Text: w})
		}
		t.Text = starloop.TextFromWords(t.Words)
		return t, nil, nil
	}
	var t starloop.Transcript
	for i, w := range []string{"a", "b", "c", "d", "e", "f", "g"} {
		at := time.Duration(i)*500*time.Millisecond + 100*time.Millisecond
		t.Words = append(t.Words, starloop.Word{Text: w, Start: at, End: at + 300*time.Millisecond})
	}
	t.Text = starloop.TextFromWords(t.Words)
	return t, e.post, nil
}

// enrolled is a store holding profile ana, made from 5 enrolment
// recordings of 1 s, and the folder of its model (means "old").
func enrolled(t *testing.T) (profile.Store, string) {
	t.Helper()
	store := profile.Store{Dir: t.TempDir()}
	var recs []profile.Recording
	for range 5 {
		recs = append(recs, profile.Recording{PCM: make([]int16, 16000), Text: enrolText})
	}
	if err := store.Save("ana", sphinxtrain.Adaptation{"means": []byte("old")}, recs); err != nil {
		t.Fatal(err)
	}
	cur, _ := store.Model("ana")
	return store, cur
}

func TestRefine(t *testing.T) {
	for _, tc := range []struct {
		name              string
		curErrs, candErrs int
		replaced          bool
	}{
		{"better", 2, 1, true},
		{"as good", 1, 1, true},
		{"worse", 1, 2, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			store, cur := enrolled(t)
			e := &ears{cur: cur, curErrs: tc.curErrs, candErrs: tc.candErrs, post: []float64{0.95, 0.95, 0.95, 0.5, 0.99, 0.99, 0.2}}
			a := &adapter{}
			r := &Refine{Adapter: a, Store: store, Name: "ana", Hear: e.hear}
			res, err := r.Run(context.Background(), []Answer{{PCM: make([]int16, 80000)}})
			if err != nil {
				t.Fatal(err)
			}
			// The enrolment (5) and one stretch: words a-c, sure; d is
			// not, and e-f are too few. a starts at 0.1 s, c ends at
			// 1.4 s: with 150 ms each side, 0 to 1.55 s = 24800 samples.
			if len(a.got) != 6 || a.got[5].Text != "a b c" || len(a.got[5].PCM) != 24800 {
				t.Fatalf("adapted to %d utterances, last %q (%d samples)", len(a.got), a.got[len(a.got)-1].Text, len(a.got[len(a.got)-1].PCM))
			}
			if res.Stretches != 1 || res.Audio != 1550*time.Millisecond {
				t.Errorf("result %+v", res)
			}
			// 5 recordings of 6 words.
			if res.Before.Errors != 5*tc.curErrs || res.After.Errors != 5*tc.candErrs || res.Before.Words != 30 {
				t.Errorf("before %+v, after %+v", res.Before, res.After)
			}
			b, _ := os.ReadFile(filepath.Join(cur, "means"))
			want := map[bool]string{true: "new", false: "old"}[tc.replaced]
			if res.Replaced != tc.replaced || string(b) != want {
				t.Errorf("replaced %v, means %q; want %v, %q", res.Replaced, b, tc.replaced, want)
			}
			if got, _ := store.Recordings("ana"); len(got) != 5 {
				t.Errorf("%d enrolment recordings kept, want 5", len(got))
			}
		})
	}
}

func TestRefineNothingSure(t *testing.T) {
	store := profile.Store{Dir: t.TempDir()}
	store.Save("ana", sphinxtrain.Adaptation{"means": []byte("old")}, []profile.Recording{{PCM: make([]int16, 16000), Text: enrolText}})
	e := &ears{post: []float64{0.95, 0.95, 0.5, 0.95, 0.95, 0.5, 0.95}}
	_, err := (&Refine{Adapter: &adapter{}, Store: store, Name: "ana", Hear: e.hear}).Run(context.Background(), []Answer{{PCM: make([]int16, 80000)}})
	if !starloop.IsKind(err, starloop.NoSpeech) {
		t.Errorf("error %v, want NoSpeech", err)
	}
}

// TestRefineCorrected: an answer the person corrected is used whole, with
// their words, however unsure the recogniser was of it, and is not heard;
// an answer without a correction is still heard for sure stretches.
func TestRefineCorrected(t *testing.T) {
	store := profile.Store{Dir: t.TempDir()}
	var recs []profile.Recording
	for range 5 {
		recs = append(recs, profile.Recording{PCM: make([]int16, 16000), Text: enrolText})
	}
	store.Save("ana", sphinxtrain.Adaptation{"means": []byte("old")}, recs)
	cur, _ := store.Model("ana")
	heard := 0
	e := &ears{cur: cur, post: []float64{0.5, 0.5, 0.5, 0.5, 0.5, 0.5, 0.5}} // nothing sure
	hear := func(ctx context.Context, dir string, pcm []int16) (starloop.Transcript, []float64, error) {
		if len(pcm) != 16000 {
			heard++
		}
		return e.hear(ctx, dir, pcm)
	}
	a := &adapter{}
	said := "we moved the payment service to the cloud"
	res, err := (&Refine{Adapter: a, Store: store, Name: "ana", Hear: hear}).Run(context.Background(),
		[]Answer{{PCM: make([]int16, 48000), Corrected: said}, {PCM: make([]int16, 80000)}})
	if err != nil {
		t.Fatal(err)
	}
	if len(a.got) != 6 || a.got[5].Text != said || len(a.got[5].PCM) != 48000 {
		t.Fatalf("adapted to %d utterances, last %q (%d samples); want 6, the corrected answer whole", len(a.got), a.got[len(a.got)-1].Text, len(a.got[len(a.got)-1].PCM))
	}
	if heard != 1 || res.Corrected != 1 || res.Stretches != 0 || res.Audio != 3*time.Second {
		t.Errorf("heard %d answers, result %+v; want 1 heard, 1 corrected, 3 s", heard, res)
	}
}

// TestRefineStrangers: an answer that Fits takes for another voice is left
// out, heard or corrected; when every answer is, nothing is adapted and
// the error says that the profile does not match the voice.
func TestRefineStrangers(t *testing.T) {
	store := profile.Store{Dir: t.TempDir()}
	var recs []profile.Recording
	for range 5 {
		recs = append(recs, profile.Recording{PCM: make([]int16, 16000), Text: enrolText})
	}
	store.Save("ana", sphinxtrain.Adaptation{"means": []byte("old")}, recs)
	cur, _ := store.Model("ana")
	e := &ears{cur: cur, post: []float64{0.95, 0.95, 0.95, 0.5, 0.5, 0.5, 0.5}}
	// Ana's answers are 5 s long, the stranger's 6 s.
	var checked []string
	fits := func(_ context.Context, dir string, pcm []int16, words string) (bool, error) {
		if dir != cur {
			t.Errorf("checked against %s, want the profile's model %s", dir, cur)
		}
		checked = append(checked, words)
		return len(pcm) == 80000, nil
	}
	stranger := []Answer{{PCM: make([]int16, 96000)}, {PCM: make([]int16, 96000), Corrected: "we shipped it"}}
	a := &adapter{}
	r := &Refine{Adapter: a, Store: store, Name: "ana", Hear: e.hear, Fits: fits}
	res, err := r.Run(context.Background(), append([]Answer{{PCM: make([]int16, 80000)}}, stranger...))
	if err != nil {
		t.Fatal(err)
	}
	if len(a.got) != 6 || a.got[5].Text != "a b c" || res.Strangers != 2 || res.Stretches != 1 || res.Corrected != 0 {
		t.Errorf("adapted to %d utterances (last %q), result %+v; want the enrolment and answer 1's stretch, 2 strangers", len(a.got), a.got[len(a.got)-1].Text, res)
	}
	if len(checked) != 3 || checked[0] != "a b c d e f g" || checked[2] != "we shipped it" {
		t.Errorf("checked %q: want each answer, with the words heard or corrected", checked)
	}
	a = &adapter{}
	r.Adapter = a
	_, err = r.Run(context.Background(), stranger)
	if !starloop.IsKind(err, starloop.Invalid) || !strings.Contains(err.Error(), Mismatch) || a.got != nil {
		t.Errorf("only strangers: error %v, adapted %d; want Invalid saying %q, nothing adapted", err, len(a.got), Mismatch)
	}
}

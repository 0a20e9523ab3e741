package pocketsphinx

// TEMPORARY: tuning harness, deleted before hand-off.

import (
	"context"
	"fmt"
	"os"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/starloop/starloop/speech/wer"
)

func newExp(t *testing.T) *Recognizer {
	r, err := New(Config{Options: envOptions()})
	if err != nil {
		t.Fatal(err)
	}
	if c := os.Getenv("PSX_CMN"); c != "" {
		var v []float32
		for _, f := range strings.Split(c, ",") {
			var x float32
			fmt.Sscan(f, &x)
			v = append(v, x)
		}
		r.dec.setCMN(v)
	}
	if h := os.Getenv("PSX_HEARD"); h != "" {
		fmt.Sscan(h, &r.heard)
	}
	if h := os.Getenv("PSX_LEAD"); h != "" {
		fmt.Sscan(h, &r.leadIn, &r.leadAmp)
	}
	if h := os.Getenv("PSX_HOLD"); h != "" {
		fmt.Sscan(h, &r.holdFrames)
	}
	return r
}

func envOptions() map[string]string {
	opts := map[string]string{}
	f := strings.Fields(os.Getenv("PSX_OPTS"))
	for i := 0; i+1 < len(f); i += 2 {
		opts[f[i]] = f[i+1]
	}
	return opts
}

func TestExperiment(t *testing.T) {
	if os.Getenv("PSX") == "" {
		t.Skip()
	}
	utts := loadCorpus(t)
	if os.Getenv("PSX_PAD") != "" {
		var ms int
		fmt.Sscan(os.Getenv("PSX_PAD"), &ms)
		pad := make([]int16, ms*16)
		seed := uint32(1)
		for i := range pad {
			seed = seed*1664525 + 1013904223
			pad[i] = int16(int32(seed>>16)%21 - 10)
		}
		for i := range utts {
			utts[i].pcm = append(append([]int16{}, pad...), utts[i].pcm...)
		}
	}
	ctx := context.Background()
	var batch, cold, carried wer.Tally
	var audio, batchCPU time.Duration
	verbose := os.Getenv("PSX_V") != ""
	mode := os.Getenv("PSX")
	if strings.Contains(mode, "b") {
		r := newExp(t)
		for _, u := range utts {
			t0 := time.Now()
			tr, err := r.Transcribe(ctx, u.pcm)
			batchCPU += time.Since(t0)
			audio += u.duration()
			if err != nil {
				t.Fatal(err)
			}
			e, n := batch.Add(u.ref, tr.Text)
			if verbose {
				t.Logf("batch %-18s %2d/%2d %q", u.id, e, n, tr.Text)
			}
		}
		r.Close()
		t.Logf("BATCH WER %.1f%% (%d/%d) RTF %.3f", 100*batch.Rate(), batch.Errors, batch.Words, batchCPU.Seconds()/audio.Seconds())
	}
	stream := func(r *Recognizer, u utterance) string {
		s, err := r.Start(ctx)
		if err != nil {
			t.Fatal(err)
		}
		for i := 0; i < len(u.pcm); i += 320 {
			if err := s.Write(u.pcm[i:min(i+320, len(u.pcm))]); err != nil {
				t.Fatal(err)
			}
		}
		tr, err := s.Finish()
		if err != nil {
			t.Fatal(err)
		}
		return tr.Text
	}
	if strings.Contains(mode, "c") {
		for _, u := range utts {
			r := newExp(t)
			hyp := stream(r, u)
			e, n := cold.Add(u.ref, hyp)
			if verbose {
				t.Logf("cold  %-18s %2d/%2d %q", u.id, e, n, hyp)
			}
			r.Close()
		}
		t.Logf("COLD STREAM WER %.1f%% (%d/%d)", 100*cold.Rate(), cold.Errors, cold.Words)
	}
	if strings.Contains(mode, "s") {
		r := newExp(t)
		for _, u := range utts {
			hyp := stream(r, u)
			e, n := carried.Add(u.ref, hyp)
			if verbose {
				t.Logf("carry %-18s %2d/%2d %q cmn=%v", u.id, e, n, hyp, r.dec.cmn()[:3])
			}
		}
		r.Close()
		t.Logf("CARRIED STREAM WER %.1f%% (%d/%d)", 100*carried.Rate(), carried.Errors, carried.Words)
	}
}

func TestExpTiming(t *testing.T) {
	if os.Getenv("PSXT") == "" {
		t.Skip()
	}
	utts := loadCorpus(t)
	r, err := New(Config{Options: envOptions()})
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	u := utts[0]
	pad := make([]int16, 2*SampleRate)
	seed := uint32(1)
	for i := range pad {
		seed = seed*1664525 + 1013904223
		pad[i] = int16(int32(seed>>16)%61 - 30)
	}
	for _, pcm := range [][]int16{u.pcm, append(append([]int16{}, pad...), u.pcm...)} {
		tr, err := r.Transcribe(context.Background(), pcm)
		if err != nil {
			t.Fatal(err)
		}
		var b strings.Builder
		for _, w := range tr.Words {
			b.WriteString(w.Text + "@" + w.Start.String() + "-" + w.End.String() + " ")
		}
		t.Logf("%v: %s", time.Duration(len(pcm))*time.Second/SampleRate, b.String())
	}
}

func TestExpFront(t *testing.T) {
	if os.Getenv("PSXF") == "" {
		t.Skip()
	}
	utts := loadCorpus(t)
	r, err := New(Config{Options: envOptions(), LogFile: "/tmp/psx/log.txt"})
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	d := r.dec
	d.startUtt()
	var u utt
	if err := u.add(d, utts[0].pcm); err != nil {
		t.Fatal(err)
	}
	u.flush(d)
	t.Logf("ncep %d shift %d size %d fed %d frames %d idx first %v last %v", d.ncep, d.front.shift, d.front.size, d.front.fed, len(u.idx), u.idx[:min(5, len(u.idx))], u.idx[max(0, len(u.idx)-5):])
	t.Logf("mean %v cmn %v", first(u.heldMean(d)), d.cmn())
	gaps := 0
	for i := 1; i < len(u.idx); i++ {
		if u.idx[i] != u.idx[i-1]+1 {
			gaps++
			t.Logf("gap %d -> %d", u.idx[i-1], u.idx[i])
		}
	}
	if os.Getenv("PSXF") == "set" {
		d.setCMN(first(u.heldMean(d)))
	}
	t.Logf("cmn now %v; frame 100: %v", d.cmn(), u.cep[100*13:101*13])
	if os.Getenv("PSXF") == "full" {
		if err := d.search(u.cep); err != nil {
			t.Fatal(err)
		}
	} else if err := u.searchHeld(context.Background(), d); err != nil {
		t.Fatal(err)
	}
	t.Logf("hyp %q", d.hyp())
	t.Logf("end: %v", d.endUtt())
	t.Logf("hyp %q segs %v", d.hyp(), d.segments())
}

func TestExpMean(t *testing.T) {
	if os.Getenv("PSXM") == "" {
		t.Skip()
	}
	utts := loadCorpus(t)
	r := newExp(t)
	defer r.Close()
	d := r.dec
	sum := make([]float64, d.ncep)
	for _, u0 := range utts {
		d.startUtt()
		var u utt
		u.add(d, u0.pcm)
		u.flush(d)
		m := first(u.heldMean(d))
		t.Logf("%s %.2f", u0.id, m)
		for j := range m {
			sum[j] += float64(m[j]) / float64(len(utts))
		}
		d.endUtt()
	}
	var b strings.Builder
	for j, v := range sum {
		if j > 0 {
			b.WriteByte(',')
		}
		fmt.Fprintf(&b, "%.2f", v)
	}
	t.Logf("mean of means: %s", b.String())
}

func first(m []float32, _ int) []float32 { return m }

func TestExpChunks(t *testing.T) {
	if os.Getenv("PSXC") == "" {
		t.Skip()
	}
	u := loadCorpus(t)[0]
	feats := func(chunk int) ([]float32, []int32) {
		r := newExp(t)
		defer r.Close()
		d := r.dec
		d.startUtt()
		var x utt
		for i := 0; i < len(u.pcm); i += chunk {
			if err := x.add(d, u.pcm[i:min(i+chunk, len(u.pcm))]); err != nil {
				t.Fatal(err)
			}
		}
		x.flush(d)
		d.endUtt()
		return x.cep, x.idx
	}
	c1, i1 := feats(320)
	for _, ch := range []int{7, 160, 1000, len(u.pcm)} {
		c2, i2 := feats(ch)
		t.Logf("chunk %d: frames %d vs %d, idx equal %v, cep equal %v", ch, len(i2), len(i1), slices.Equal(i1, i2), slices.Equal(c1, c2))
	}
	for _, ch := range []int{320, 7, 1000, len(u.pcm)} {
		r := newExp(t)
		tr := stream(t, r, u.pcm, ch)
		t.Logf("cold chunk %d: %s", ch, tr.Text)
		r.Close()
	}
}

func BenchmarkExpFinish(b *testing.B) {
	u := recording(b, "jfk")
	pcm := slices.Concat(u.pcm, faintNoise(3*SampleRate/10, 20))
	r := newRecognizer(b, Config{Options: envOptions()})
	var total time.Duration
	for b.Loop() {
		b.StopTimer()
		s, _ := r.Start(context.Background())
		for i := 0; i < len(pcm); i += 320 {
			s.Write(pcm[i:min(i+320, len(pcm))])
		}
		b.StartTimer()
		start := time.Now()
		s.Finish()
		total += time.Since(start)
	}
	b.ReportMetric(float64(total.Microseconds())/1000/float64(b.N), "ms-finish")
}

package session

import "testing"

// frame is the samples in one 20 ms frame at 16 kHz.
const frame = 320

// TestLatestRecordings: newest session first, within it the last answer
// first, and no more than asked for.
func TestLatestRecordings(t *testing.T) {
	dir := t.TempDir()
	st := openStore(t, dir)
	for _, frames := range [][]int{{2, 3}, {1}} {
		s := newSession(t, st)
		for i, f := range frames {
			record(t, s, i+1, f)
			if err := s.SaveAnswer(Answer{N: i + 1, Question: "Tell me about a time."}); err != nil {
				t.Fatal(err)
			}
		}
		if err := s.Close(Complete); err != nil {
			t.Fatal(err)
		}
	}
	got, err := LatestRecordings(dir, 2)
	if err != nil {
		t.Fatal(err)
	}
	// frames 1 of the second session, then 3 of the first's answer 2.
	if len(got) != 2 || len(got[0]) != frame || len(got[1]) != 3*frame {
		t.Fatalf("got %d recordings, lengths %v; want 2, of %d and %d samples", len(got), lens(got), frame, 3*frame)
	}
	if got[1][2*frame] != 3 {
		t.Errorf("the second recording's third frame starts with %d, want 3", got[1][2*frame])
	}
	if all, _ := LatestRecordings(dir, 10); len(all) != 3 {
		t.Errorf("LatestRecordings(10) gave %d, want all 3", len(all))
	}
}

func lens(pcm [][]int16) []int {
	var out []int
	for _, p := range pcm {
		out = append(out, len(p))
	}
	return out
}

package audio

import (
	"fmt"
	"math"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// amp converts a level in dBFS to the standard deviation (for noise) or
// RMS of a signal in sample units.
func amp(dbfs float64) float64 { return 32768 * math.Pow(10, dbfs/20) }

// toneAt returns a 1 kHz sine whose RMS is dbfs.
func toneAt(n int, dbfs float64) []int16 { return tone(n, 1000, amp(dbfs)*math.Sqrt2) }

func samplesOf(d time.Duration) int { return int(d * SampleRate / time.Second) }

const frame = FrameDuration

// within fails unless got is want +- tol.
func within(t *testing.T, what string, got, want, tol time.Duration) {
	t.Helper()
	if got < want-tol || got > want+tol {
		t.Errorf("%s = %v, want %v +- %v", what, got, want, tol)
	}
}

// events runs a default VAD over pcm and returns every event.
func events(pcm []int16) []VADEvent {
	v := NewVAD(VADConfig{})
	var evs []VADEvent
	for off := 0; off < len(pcm); off += FrameSize {
		evs = append(evs, v.Push(pcm[off:min(off+FrameSize, len(pcm))]))
	}
	return evs
}

func TestVADNoSpeech(t *testing.T) {
	const n = 5 * SampleRate
	rising := noise(10*SampleRate, 1, 7)
	for i := range rising {
		// From -60 to -35 dBFS over 10 s: 2.5 dB/s, far slower than any
		// word starts, but 25 dB in all.
		db := -60 + 25*float64(i)/float64(len(rising))
		rising[i] = toInt16(float64(rising[i]) * amp(db) / 32768)
	}
	click := noise(n, amp(-50), 3)
	mix(click, SampleRate, toneAt(samplesOf(40*time.Millisecond), -10)) // 2 frames: shorter than MinSpeech
	impulses := noise(n, amp(-50), 4)
	for s := SampleRate; s < n; s += SampleRate / 2 {
		impulses[s] = 30000
	}
	tests := []struct {
		name      string
		pcm       []int16
		wantFloor float64 // dBFS at the end, +- 3 dB; NaN to skip
	}{
		{"digital silence", make([]int16, n), MinDBFS},
		// White noise keeps its level through the high-pass (it loses
		// 76/8000 of its power, 0.04 dB); the floor sits on the quieter
		// frames, within a couple of dB below the mean.
		{"noise at -50 dBFS", noise(n, amp(-50), 1), -50},
		{"noise at -30 dBFS", noise(n, amp(-30), 2), -30},
		{"hiss below the absolute gate", noise(n, amp(-70), 5), -70},
		{"noise rising slowly by 25 dB", rising, -35},
		{"a 40 ms click", click, -50},
		{"impulses twice a second", impulses, -50},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			evs := events(tt.pcm)
			for _, ev := range evs {
				if ev.Speech || ev.SpeechStarted || ev.SpeechStopped {
					t.Fatalf("speech reported at %v: %+v", ev.At, ev)
				}
			}
			last := evs[len(evs)-1].NoiseFloor
			if math.Abs(last-tt.wantFloor) > 3 {
				t.Errorf("noise floor %.1f dBFS at the end, want %.1f +- 3", last, tt.wantFloor)
			}
		})
	}
}

// TestVADToneBurst puts a 1 kHz tone of known start and length into noise
// (or silence) and checks that the detector finds one segment whose edges
// are within two frames of the truth, reported at the times its contract
// says.
func TestVADToneBurst(t *testing.T) {
	tests := []struct {
		name         string
		noiseDBFS    float64 // 0 for digital silence
		toneDBFS     float64
		start, lengt time.Duration
	}{
		{"loud tone in silence", 0, -20, time.Second, 1500 * time.Millisecond},
		{"tone 30 dB over noise", -50, -20, time.Second, 1500 * time.Millisecond},
		{"tone 15 dB over noise", -50, -35, time.Second, 1500 * time.Millisecond},
		{"tone 20 dB over loud noise", -40, -20, 2 * time.Second, time.Second},
		{"tone off the frame grid", -50, -25, 1013 * time.Millisecond, 777 * time.Millisecond},
		{"tone just longer than MinSpeech", -50, -25, time.Second, 140 * time.Millisecond},
		{"long tone", -50, -25, time.Second, 8 * time.Second},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			total := tt.start + tt.lengt + 2*time.Second
			pcm := make([]int16, samplesOf(total))
			if tt.noiseDBFS != 0 {
				pcm = noise(len(pcm), amp(tt.noiseDBFS), 11)
			}
			mix(pcm, samplesOf(tt.start), toneAt(samplesOf(tt.lengt), tt.toneDBFS))

			var started, stopped []VADEvent
			for _, ev := range events(pcm) {
				if ev.SpeechStarted {
					started = append(started, ev)
				}
				if ev.SpeechStopped {
					stopped = append(stopped, ev)
				}
			}
			if len(started) != 1 || len(stopped) != 1 {
				t.Fatalf("%d starts and %d stops, want one of each", len(started), len(stopped))
			}
			end := tt.start + tt.lengt
			within(t, "start", started[0].Start, tt.start, 2*frame)
			within(t, "stopped segment start", stopped[0].Start, tt.start, 2*frame)
			within(t, "end", stopped[0].End, end, 2*frame)
			// Confirmed on the frame that completes 100 ms of speech, the
			// one beginning 80 ms after the start; stopped on the first
			// frame after 300 ms of hangover.
			within(t, "SpeechStarted reported at", started[0].At, started[0].Start+80*time.Millisecond, 0)
			within(t, "SpeechStopped reported at", stopped[0].At, stopped[0].End+300*time.Millisecond, 0)
		})
	}
}

func TestVADToneTooQuiet(t *testing.T) {
	// -60 dBFS is below the -55 dBFS gate even in digital silence.
	pcm := make([]int16, 3*SampleRate)
	mix(pcm, SampleRate, toneAt(SampleRate, -60))
	if segs := DetectSpeech(pcm, VADConfig{}); len(segs) != 0 {
		t.Errorf("segments %v in a tone below the gate", segs)
	}
}

func TestVADHangoverBridgesGaps(t *testing.T) {
	tests := []struct {
		gap  time.Duration
		want int // segments
	}{
		{100 * time.Millisecond, 1},
		{280 * time.Millisecond, 1}, // under the 300 ms hangover
		{500 * time.Millisecond, 2},
	}
	for _, tt := range tests {
		t.Run(tt.gap.String(), func(t *testing.T) {
			pcm := noise(4*SampleRate, amp(-50), 21)
			burst := toneAt(samplesOf(500*time.Millisecond), -25)
			mix(pcm, SampleRate, burst)
			mix(pcm, SampleRate+len(burst)+samplesOf(tt.gap), burst)
			segs := DetectSpeech(pcm, VADConfig{})
			if len(segs) != tt.want {
				t.Fatalf("segments %v, want %d", segs, tt.want)
			}
			within(t, "first start", segs[0].Start, time.Second, 2*frame)
			within(t, "last end", segs[len(segs)-1].End, time.Second+time.Second+tt.gap, 2*frame)
		})
	}
}

// TestVADNoiseStepBecomesFloor: a noise that steps up 20 dB and stays (a fan
// turned on) first looks like speech, but the floor rises during speech
// with a 10 s time constant, so speech must end once the level is within
// OffsetDB (5 dB) of it: 20*exp(-t/10 s) = 5 gives t = 10*ln 4 = 13.9 s,
// plus 0.3 s of hangover.
func TestVADNoiseStepBecomesFloor(t *testing.T) {
	pcm := noise(40*SampleRate, amp(-60), 31)
	step := samplesOf(5 * time.Second)
	copy(pcm[step:], noise(len(pcm)-step, amp(-40), 32))
	segs := DetectSpeech(pcm, VADConfig{})
	if len(segs) != 1 {
		t.Fatalf("segments %v, want one", segs)
	}
	within(t, "start", segs[0].Start, 5*time.Second, 2*frame)
	within(t, "end", segs[0].End, 5*time.Second+13900*time.Millisecond, 1500*time.Millisecond)
}

func TestVADFinish(t *testing.T) {
	// A tone still going when the stream ends is closed by Finish.
	pcm := noise(2*SampleRate, amp(-50), 41)
	mix(pcm, SampleRate, toneAt(SampleRate, -20))
	segs := DetectSpeech(pcm, VADConfig{})
	if len(segs) != 1 {
		t.Fatalf("segments %v, want one", segs)
	}
	within(t, "start", segs[0].Start, time.Second, 2*frame)
	within(t, "end", segs[0].End, 2*time.Second, 0)
	if ev := NewVAD(VADConfig{}).Finish(); ev.SpeechStopped {
		t.Error("Finish on a fresh VAD reported speech")
	}
}

// speechSpan finds where sound above dbfs begins and ends in a recording,
// with sox's silence effect (an independent detector: 20 ms above the
// threshold), as sample offsets.
func speechSpan(t *testing.T, path string, dbfs int) (first, last int) {
	t.Helper()
	n := soxiInt(t, "-s", path)
	dir := t.TempDir()
	lead, trail := filepath.Join(dir, "lead.wav"), filepath.Join(dir, "trail.wav")
	th := fmt.Sprintf("%dd", dbfs)
	run(t, "sox", path, lead, "silence", "1", "0.02", th)
	run(t, "sox", path, trail, "reverse", "silence", "1", "0.02", th, "reverse")
	return n - soxiInt(t, "-s", lead), soxiInt(t, "-s", trail)
}

// TestVADRealSpeech embeds each recording between 1 s and 1.5 s of padding
// (digital silence, white noise from Go, pink noise from sox) and checks
// what any sound detector with the VAD's thresholds must do, using sox's
// silence effect as the independent judge of where sound is:
//   - speech cannot start before sound first rises above the -55 dBFS gate,
//     and must have started by the time sound first exceeds -30 dBFS (at
//     least 15 dB over any padding here, so over the 9 dB onset);
//   - likewise it must end after the last sound above -30 dBFS and cannot
//     end after the last above -55 dBFS;
//   - every frame above -30 dBFS lies inside a segment (or within the two
//     frames around its edges).
//
// Where real speech starts between those bounds depends on the background:
// jfk.wav opens with 200 ms of crowd noise at -42 dBFS, which is sound in
// silence but background in -50 dBFS noise.
func TestVADRealSpeech(t *testing.T) {
	files := speechFiles(t)
	needSox(t)
	pinkPath := filepath.Join(t.TempDir(), "pink.wav")
	// -R makes sox's noise repeatable.
	run(t, "sox", "-R", "-n", "-r", "16000", "-c", "1", "-b", "16", pinkPath, "synth", "30", "pinknoise", "vol", "0.02")
	pink := soxPCM(t, pinkPath)
	pinkDB := MeasureLevel(pink).DBFS
	pads := []struct {
		name string
		make func(n int) []int16
	}{
		{"silence", func(n int) []int16 { return make([]int16, n) }},
		{"white noise -50 dBFS", func(n int) []int16 { return noise(n, amp(-50), 51) }},
		{fmt.Sprintf("pink noise %.0f dBFS", pinkDB), func(n int) []int16 { return append([]int16(nil), pink[:n]...) }},
	}
	const gate, loud = -55, -30
	for _, path := range files {
		speech, err := ReadWAVFile(path)
		if err != nil {
			t.Fatal(err)
		}
		firstAny, lastAny := speechSpan(t, path, gate)
		firstLoud, lastLoud := speechSpan(t, path, loud)
		for _, pad := range pads {
			name := strings.TrimSuffix(filepath.Base(path), ".wav") + "/" + pad.name
			t.Run(name, func(t *testing.T) {
				before := SampleRate
				pcm := pad.make(before + len(speech) + 3*SampleRate/2)
				mix(pcm, before, speech)
				segs := DetectSpeech(pcm, VADConfig{})
				if len(segs) == 0 {
					t.Fatal("no speech found")
				}
				at := func(sample int) time.Duration { return time.Duration(before+sample) * time.Second / SampleRate }
				start, end := segs[0].Start, segs[len(segs)-1].End
				if start < at(firstAny)-2*frame || start > at(firstLoud)+2*frame {
					t.Errorf("speech starts at %v, want between %v and %v", start, at(firstAny), at(firstLoud))
				}
				if end < at(lastLoud)-2*frame || end > at(lastAny)+2*frame {
					t.Errorf("speech ends at %v, want between %v and %v", end, at(lastLoud), at(lastAny))
				}
				for off := 0; off+FrameSize <= len(speech); off += FrameSize {
					if MeasureLevel(speech[off:off+FrameSize]).DBFS < loud {
						continue
					}
					ft := at(off)
					inside := false
					for _, s := range segs {
						inside = inside || (ft >= s.Start-2*frame && ft < s.End+2*frame)
					}
					if !inside {
						t.Errorf("frame at %v is above %d dBFS but outside every segment %v", ft, loud, segs)
						break
					}
				}
				var heard time.Duration
				for _, s := range segs {
					heard += s.Duration()
				}
				t.Logf("%d segments, %v of speech from %v to %v", len(segs), heard, start, end)
			})
		}
	}
}

package delivery

import (
	"math"
	"testing"
	"time"

	"github.com/starloop/starloop"
)

func ms(n int) time.Duration { return time.Duration(n) * time.Millisecond }

func word(text string, start, end int) starloop.Word {
	return starloop.Word{Text: text, Start: ms(start), End: ms(end)}
}

// answer is a hand-made timed transcript. Gaps between words: 100, 100,
// 2300, 100, 1300, 100, 100 ms; first word at 0.5 s, last ends at 7.0 s.
var answerWords = []starloop.Word{
	word("I", 500, 800), word("led", 900, 1200), word("the", 1300, 1500),
	word("migration", 3800, 4400), word("and", 4500, 4700), word("um", 6000, 6200),
	word("it", 6300, 6500), word("worked", 6600, 7000),
}

func TestMeasure(t *testing.T) {
	eightSeconds := make([]int16, 8*16000)
	tests := []struct {
		name  string
		pcm   []int16
		words []starloop.Word
		opt   Options
		want  Figures
	}{
		{
			// Speaking time 7.0-0.5 = 6.5 s less the 2.3 s pause = 4.2 s;
			// 8 words / 4.2 s = 114.29 wpm; 8 words / 8 s = 60 wpm;
			// 1 filler / 8 s = 7.5 a minute.
			name: "fillers kept", pcm: eightSeconds, words: answerWords, opt: Options{KeepsFillers: true},
			want: Figures{Words: 8, Duration: 8 * time.Second, SpeakingTime: ms(4200), WPMSpeaking: 8 / 4.2 * 60, WPMOverall: 60,
				LongPauses: 1, MidPauses: 2, LongestPause: ms(2300), FillersCounted: true, Fillers: 1, FillersPerMinute: 7.5,
				Pitch: Pitch{Frames: 400}},
		},
		{
			name: "fillers dropped by the recogniser", pcm: eightSeconds, words: answerWords,
			want: Figures{Words: 8, Duration: 8 * time.Second, SpeakingTime: ms(4200), WPMSpeaking: 8 / 4.2 * 60, WPMOverall: 60,
				LongPauses: 1, MidPauses: 2, LongestPause: ms(2300), Pitch: Pitch{Frames: 400}},
		},
		{
			// No audio: the duration is the last word's end, 7 s; 8/7*60.
			name: "no audio", words: answerWords,
			want: Figures{Words: 8, Duration: 7 * time.Second, SpeakingTime: ms(4200), WPMSpeaking: 8 / 4.2 * 60, WPMOverall: 8.0 / 7 * 60,
				LongPauses: 1, MidPauses: 2, LongestPause: ms(2300)},
		},
		{
			// Gaps of 2 s, 1.2 s and 1.25 s: 2 s is not a long pause (not
			// longer than 2 s) but is a mid pause, 1.2 s is neither, 1.25 s
			// is a mid pause. Speaking 0..5.45 s, 4 words.
			name: "thresholds are strict", words: []starloop.Word{word("a", 0, 1000), word("b", 3000, 3000), word("c", 4200, 4200), word("d", 5450, 5450)},
			want: Figures{Words: 4, Duration: ms(5450), SpeakingTime: ms(5450), WPMSpeaking: 4 / 5.45 * 60, WPMOverall: 4 / 5.45 * 60,
				MidPauses: 2, LongestPause: 2 * time.Second},
		},
		{
			// A recording cut to 5 s (a crash) against words to 7 s: 8/7*60.
			name: "recording shorter than the words", pcm: make([]int16, 5*16000), words: answerWords,
			want: Figures{Words: 8, Duration: 7 * time.Second, SpeakingTime: ms(4200), WPMSpeaking: 8 / 4.2 * 60, WPMOverall: 8.0 / 7 * 60,
				LongPauses: 1, MidPauses: 2, LongestPause: ms(2300), Pitch: Pitch{Frames: 250}},
		},
		{
			name: "silence", pcm: make([]int16, 16000),
			want: Figures{Duration: time.Second, Pitch: Pitch{Frames: 50}},
		},
		{name: "nothing at all"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := Measure(tt.pcm, starloop.Transcript{Words: tt.words}, tt.opt)
			if !close(got.WPMSpeaking, tt.want.WPMSpeaking) || !close(got.WPMOverall, tt.want.WPMOverall) || !close(got.FillersPerMinute, tt.want.FillersPerMinute) {
				t.Errorf("rates = %.4f, %.4f, %.4f; want %.4f, %.4f, %.4f", got.WPMSpeaking, got.WPMOverall, got.FillersPerMinute,
					tt.want.WPMSpeaking, tt.want.WPMOverall, tt.want.FillersPerMinute)
			}
			got.WPMSpeaking, got.WPMOverall, got.FillersPerMinute = tt.want.WPMSpeaking, tt.want.WPMOverall, tt.want.FillersPerMinute
			if got != tt.want {
				t.Errorf("Measure =\n %+v\nwant\n %+v", got, tt.want)
			}
		})
	}
}

func close(a, b float64) bool { return math.Abs(a-b) < 1e-9 }

func TestPercentile(t *testing.T) {
	// 1..11: q=0.1 is at rank 1.0 -> 2; q=0.5 at rank 5 -> 6; q=0.9 at 9 -> 10.
	v := []float64{1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11}
	for _, c := range []struct{ q, want float64 }{{0, 1}, {0.1, 2}, {0.5, 6}, {0.9, 10}, {1, 11}, {0.05, 1.5}} {
		if got := percentile(v, c.q); !close(got, c.want) {
			t.Errorf("percentile(1..11, %v) = %v, want %v", c.q, got, c.want)
		}
	}
}

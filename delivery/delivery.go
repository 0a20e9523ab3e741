// Package delivery measures how an answer was spoken, as opposed to what it
// said: pace (words per minute), pauses, hesitation fillers and pitch
// variation (a monotone flag).
//
// Data enters as one answer's audio (16 kHz mono 16-bit PCM, as
// audio.ReadWAVFile returns it) and its timed transcript; it leaves as a
// Figures value, plain numbers that reports print. Nothing here reads files
// or devices: the caller loads the audio.
package delivery

import (
	"strings"
	"time"

	"github.com/starloop/starloop"
	"github.com/starloop/starloop/audio"
	"github.com/starloop/starloop/lexicon"
)

// Coaching thresholds (see DOMAIN.md), the defaults of Options.
const (
	DefaultLongPause         = 2 * time.Second
	DefaultMidPause          = 1200 * time.Millisecond
	DefaultMonotoneSemitones = 2.0
)

// Options tune Measure. The zero value uses the defaults above.
type Options struct {
	// LongPause: gaps between words longer than this are counted as long
	// pauses and left out of the speaking time.
	LongPause time.Duration
	// MidPause: gaps between words longer than this, inside the answer,
	// read as uncertainty.
	MidPause time.Duration
	// MonotoneSemitones: a pitch spread under this is flagged monotone.
	MonotoneSemitones float64
	// KeepsFillers says the transcriber writes hesitations ("um", "uh")
	// as words. Most recognisers (pocketsphinx among them) drop them, and
	// then a filler rate of zero would be a lie, so Measure only counts
	// fillers when this is true.
	KeepsFillers bool
}

func (o Options) withDefaults() Options {
	if o.LongPause <= 0 {
		o.LongPause = DefaultLongPause
	}
	if o.MidPause <= 0 {
		o.MidPause = DefaultMidPause
	}
	if o.MonotoneSemitones <= 0 {
		o.MonotoneSemitones = DefaultMonotoneSemitones
	}
	return o
}

// Figures are the delivery measures of one answer. Rates are 0 when their
// denominator is (no words, no audio).
type Figures struct {
	Words int `json:"words"`
	// Duration is the length of the audio, or the end of the last word
	// when that is later (no audio, or a recording cut short).
	Duration time.Duration `json:"duration"`
	// SpeakingTime runs from the first word's start to the last word's
	// end, less the gaps longer than LongPause.
	SpeakingTime time.Duration `json:"speaking_time"`
	// WPMSpeaking is Words per minute of SpeakingTime; WPMOverall per
	// minute of Duration (thinking time and silences included).
	WPMSpeaking float64 `json:"wpm_speaking"`
	WPMOverall  float64 `json:"wpm_overall"`
	// LongPauses counts gaps between words longer than LongPause;
	// MidPauses those longer than MidPause (so MidPauses >= LongPauses).
	// The silence before the first word is a thinking pause and is not
	// counted in either, nor in LongestPause.
	LongPauses   int           `json:"long_pauses"`
	MidPauses    int           `json:"mid_pauses"`
	LongestPause time.Duration `json:"longest_pause"`
	// Fillers and FillersPerMinute (per minute of Duration) are set only
	// when Options.KeepsFillers; FillersCounted says whether they were.
	FillersCounted   bool    `json:"fillers_counted"`
	Fillers          int     `json:"fillers,omitempty"`
	FillersPerMinute float64 `json:"fillers_per_minute,omitempty"`
	Pitch            Pitch   `json:"pitch"`
}

// Pitch summarises the voiced pitch of an answer.
type Pitch struct {
	Frames int `json:"frames"` // analysis frames (one per 20 ms of audio)
	Voiced int `json:"voiced"` // frames with a pitch
	// P10Hz, MedianHz and P90Hz are percentiles of the voiced frames' f0.
	P10Hz    float64 `json:"p10_hz,omitempty"`
	MedianHz float64 `json:"median_hz,omitempty"`
	P90Hz    float64 `json:"p90_hz,omitempty"`
	// SpreadSemitones is 12*log2(P90Hz/P10Hz): how far the voice moves,
	// ignoring the odd octave error at either end.
	SpreadSemitones float64 `json:"spread_semitones"`
	// Monotone is true when there is enough voiced speech to judge (at
	// least MinVoiced frames) and the spread is under the threshold.
	Monotone bool `json:"monotone"`
}

// MinVoiced is the fewest voiced frames (1 s of voicing) that Pitch judges
// monotone or not; with less, Monotone stays false.
const MinVoiced = 50

// isHesitation reports whether w is a filler sound that a transcript which
// keeps fillers writes as a word, in any case and with punctuation around.
func isHesitation(w string) bool {
	return lexicon.IsHesitation(strings.Trim(strings.ToLower(w), ".,;:!?-"))
}

// Measure computes the delivery figures of one answer from its audio (may
// be nil: pitch is then empty and Duration comes from the words) and its
// transcript (untimed words give no pace or pauses).
func Measure(pcm []int16, t starloop.Transcript, opt Options) Figures {
	opt = opt.withDefaults()
	var f Figures
	words := make([]starloop.Word, 0, len(t.Words))
	for _, w := range t.Words {
		if strings.TrimSpace(w.Text) != "" {
			words = append(words, w)
		}
	}
	f.Words = len(words)
	f.Duration = time.Duration(len(pcm)) * time.Second / audio.SampleRate
	if len(words) > 0 {
		f.Duration = max(f.Duration, words[len(words)-1].End)
	}
	if len(words) > 0 {
		f.SpeakingTime = words[len(words)-1].End - words[0].Start
		for i := 1; i < len(words); i++ {
			gap := words[i].Start - words[i-1].End
			if gap > f.LongestPause {
				f.LongestPause = gap
			}
			if gap > opt.MidPause {
				f.MidPauses++
			}
			if gap > opt.LongPause {
				f.LongPauses++
				f.SpeakingTime -= gap
			}
		}
	}
	f.WPMSpeaking = perMinute(f.Words, f.SpeakingTime)
	f.WPMOverall = perMinute(f.Words, f.Duration)
	if opt.KeepsFillers {
		f.FillersCounted = true
		for _, w := range words {
			if isHesitation(w.Text) {
				f.Fillers++
			}
		}
		f.FillersPerMinute = perMinute(f.Fillers, f.Duration)
	}
	if pcm != nil {
		f.Pitch = Summarize(TrackPitch(pcm, PitchConfig{}), opt.MonotoneSemitones)
	}
	return f
}

func perMinute(n int, d time.Duration) float64 {
	if d <= 0 {
		return 0
	}
	return float64(n) / d.Minutes()
}

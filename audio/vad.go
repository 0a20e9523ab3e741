package audio

import (
	"math"
	"time"
)

// VADConfig tunes the voice activity detector. The zero value of any field
// selects its default, so VADConfig{} is a sensible detector for a headset
// or laptop microphone.
type VADConfig struct {
	// OnsetDB is how far above the noise floor a frame must be to start
	// speech (default 9 dB); OffsetDB how far above it a frame must stay to
	// continue speech (default 5 dB). The gap is hysteresis.
	OnsetDB, OffsetDB float64
	// MinLevelDBFS is an absolute gate: quieter frames are never speech,
	// however quiet the floor (default -55 dBFS). It keeps a near-silent
	// input's hiss from counting as speech.
	MinLevelDBFS float64
	// MinSpeech is how long loud frames must last, uninterrupted, before
	// speech is reported (default 100 ms), so clicks and taps do not count.
	MinSpeech time.Duration
	// Hangover is how long speech is still reported after the last loud
	// frame (default 300 ms), bridging the gaps between words.
	Hangover time.Duration
	// FloorRise is the time constant with which the noise floor rises toward
	// a louder input while there is no speech (default 1 s); FloorRiseSpeech
	// the same during speech (default 10 s), so that a noise that steps up
	// and stays is eventually taken as the new floor instead of as endless
	// speech. FloorFall is the time constant with which the floor follows a
	// quieter input (default 40 ms).
	FloorRise, FloorRiseSpeech, FloorFall time.Duration
}

func (c VADConfig) withDefaults() VADConfig {
	def := func(v *float64, d float64) {
		if *v == 0 {
			*v = d
		}
	}
	defD := func(v *time.Duration, d time.Duration) {
		if *v <= 0 {
			*v = d
		}
	}
	def(&c.OnsetDB, 9)
	def(&c.OffsetDB, 5)
	def(&c.MinLevelDBFS, -55)
	defD(&c.MinSpeech, 100*time.Millisecond)
	defD(&c.Hangover, 300*time.Millisecond)
	defD(&c.FloorRise, time.Second)
	defD(&c.FloorRiseSpeech, 10*time.Second)
	defD(&c.FloorFall, 40*time.Millisecond)
	return c
}

// VADEvent is the detector's report on one frame.
type VADEvent struct {
	// At is the offset of the frame's start from the first frame pushed.
	At time.Duration
	// Speech is true while speech is confirmed: from the frame that
	// reports SpeechStarted up to, not including, the one that reports
	// SpeechStopped (so it covers the hangover).
	Speech bool
	// SpeechStarted is set on the frame that completes MinSpeech of loud
	// frames (the frame starting MinSpeech-FrameDuration after Start); Start
	// then says when the speech began.
	SpeechStarted bool
	// SpeechStopped is set on the first frame after the hangover (the
	// frame starting at End+Hangover); Start and End then bound the
	// segment, End being the end of its last loud frame.
	SpeechStopped bool
	Start, End    time.Duration
	// Level is the frame's level as MeasureLevel gives it.
	Level Level
	// NoiseFloor is the detector's estimate of the background level, in
	// dBFS of the high-passed signal it listens to (below 75 Hz removed).
	NoiseFloor float64
}

type vadState uint8

const (
	vadQuiet   vadState = iota
	vadPending          // loud, but not yet for MinSpeech
	vadSpeech
)

// VAD is an energy-based voice activity detector with an adaptive noise
// floor. Push it every frame, in order; it only reports, and leaves what to
// do about silence (the interviewer's patience window) to its caller.
//
// It listens to the frame's energy after a high-pass filter that removes
// DC offset and rumble. The floor falls quickly to a quieter input and
// rises slowly to a louder one, so a background that changes gradually is
// followed while speech, which comes and goes, stays above it. The floor
// starts at the level of the first frame, so start pushing before the user
// speaks: speech that is already under way is missed until its first pause.
// The filter rings for a few milliseconds after a sound stops dead: into
// digital silence (never what a real microphone gives) that can make End one
// frame late for sounds louder than about -25 dBFS, the ringing of a tone
// cut at a zero crossing being 32 dB below the tone and the gate -55 dBFS.
// A VAD is not safe for concurrent use.
type VAD struct {
	cfg                   VADConfig
	minFrames, hangFrames int
	riseQuiet, riseSpeech float64 // per-frame smoothing factors
	fall                  float64
	n                     int // frames pushed
	floor                 float64
	state                 vadState
	start, lastLoud       int     // frame indexes
	runLen                int     // loud frames in the pending run
	hpX, hpY              float64 // high-pass filter state
}

// hpPole is the high-pass filter's pole: y[n] = x[n] - x[n-1] + hpPole*y[n-1]
// has its -3 dB point near (1-hpPole)*SampleRate/(2*pi) = 76 Hz.
const hpPole = 0.97

// NewVAD returns a detector; fields of cfg left zero take their defaults.
func NewVAD(cfg VADConfig) *VAD {
	cfg = cfg.withDefaults()
	frames := func(d time.Duration) int { return max(1, int((d+FrameDuration-1)/FrameDuration)) }
	alpha := func(tau time.Duration) float64 {
		return 1 - math.Exp(-float64(FrameDuration)/float64(tau))
	}
	return &VAD{
		cfg:        cfg,
		minFrames:  frames(cfg.MinSpeech),
		hangFrames: frames(cfg.Hangover),
		riseQuiet:  alpha(cfg.FloorRise),
		riseSpeech: alpha(cfg.FloorRiseSpeech),
		fall:       alpha(cfg.FloorFall),
	}
}

// Push feeds the next frame (any length, normally FrameSize) and reports on
// it.
func (v *VAD) Push(f Frame) VADEvent {
	ev := VADEvent{At: time.Duration(v.n) * FrameDuration, Level: MeasureLevel(f)}
	e := v.energyDB(f)
	if v.n == 0 {
		v.floor = e
	}
	i := v.n
	v.n++

	gate := func(above float64) bool { return e >= v.cfg.MinLevelDBFS && e >= v.floor+above }
	switch v.state {
	case vadQuiet:
		if gate(v.cfg.OnsetDB) {
			v.state, v.start, v.runLen = vadPending, i, 0
		}
	case vadSpeech:
		if gate(v.cfg.OffsetDB) {
			v.lastLoud = i
		} else if i-v.lastLoud > v.hangFrames {
			v.state = vadQuiet
			ev.SpeechStopped = true
			ev.Start = time.Duration(v.start) * FrameDuration
			ev.End = time.Duration(v.lastLoud+1) * FrameDuration
		}
	}
	if v.state == vadPending {
		if i == v.start || gate(v.cfg.OffsetDB) {
			v.runLen++
			v.lastLoud = i
			if v.runLen >= v.minFrames {
				v.state = vadSpeech
				ev.SpeechStarted = true
				ev.Start = time.Duration(v.start) * FrameDuration
			}
		} else {
			v.state = vadQuiet // a click: too short to be speech
		}
	}
	ev.Speech = v.state == vadSpeech

	switch {
	case e < v.floor:
		v.floor += (e - v.floor) * v.fall
	case v.state == vadQuiet:
		v.floor += (e - v.floor) * v.riseQuiet
	default:
		v.floor += (e - v.floor) * v.riseSpeech
	}
	ev.NoiseFloor = v.floor
	return ev
}

// Finish ends the stream: if speech is under way it reports SpeechStopped
// for it as if the hangover had run out now, with End at the end of its last
// loud frame; otherwise it returns an event with only At set. The VAD then
// starts a fresh segment search but keeps its noise floor and clock.
func (v *VAD) Finish() VADEvent {
	ev := VADEvent{At: time.Duration(v.n) * FrameDuration, NoiseFloor: v.floor}
	if v.state == vadSpeech {
		ev.SpeechStopped = true
		ev.Start = time.Duration(v.start) * FrameDuration
		ev.End = time.Duration(v.lastLoud+1) * FrameDuration
	}
	v.state = vadQuiet
	return ev
}

// energyDB is the frame's RMS level in dBFS after the high-pass filter.
func (v *VAD) energyDB(f Frame) float64 {
	if len(f) == 0 {
		return MinDBFS
	}
	var sum float64
	x1, y1 := v.hpX, v.hpY
	for _, s := range f {
		x := float64(s)
		y := x - x1 + hpPole*y1
		x1, y1 = x, y
		sum += y * y
	}
	v.hpX, v.hpY = x1, y1
	return DBFS(math.Sqrt(sum/float64(len(f))) / 32768)
}

// Segment is a stretch of speech, as offsets from the start of the audio.
type Segment struct {
	Start, End time.Duration
}

// Duration is End - Start.
func (s Segment) Duration() time.Duration { return s.End - s.Start }

// DetectSpeech runs a VAD with cfg over a whole clip of 16 kHz mono PCM and
// returns its speech segments in order; none means no speech was heard.
func DetectSpeech(pcm []int16, cfg VADConfig) []Segment {
	v := NewVAD(cfg)
	var segs []Segment
	for off := 0; off < len(pcm); off += FrameSize {
		if ev := v.Push(pcm[off:min(off+FrameSize, len(pcm))]); ev.SpeechStopped {
			segs = append(segs, Segment{ev.Start, ev.End})
		}
	}
	if ev := v.Finish(); ev.SpeechStopped {
		segs = append(segs, Segment{ev.Start, ev.End})
	}
	return segs
}

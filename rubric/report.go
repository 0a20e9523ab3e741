package rubric

// Report is the rubric's judgement of one answer. Its JSON form is part of
// starloop's interface: field names do not change.
type Report struct {
	// Answer is false when there is no attempt at an answer: a refusal
	// ("I can't think of one"), a few words, off-topic chatter.
	Answer bool `json:"answer"`
	// Specific is true when the answer tells one specific past story, not
	// a habit ("I usually ..."), a hypothetical ("I would ...") or a blur
	// of many occasions. It is judged apart from the STAR parts and never
	// changes them: a hypothetical can still name an action.
	Specific bool `json:"specific"`
	STAR     STAR `json:"star"`
	// Complete is true when all four STAR parts are present.
	Complete bool `json:"complete"`
	// MeasurableResult is true when a measure stands in the Result.
	MeasurableResult bool      `json:"measurable_result"`
	Metrics          []Metric  `json:"metrics"`
	Ownership        Ownership `json:"ownership"`
	// LP ranks the Leadership Principles the answer gives evidence of,
	// best first, scores in [0, 1]. Principles with no evidence are left out.
	LP []LPScore `json:"lp"`
	// Words is the number of words, as defined on token in tokens.go: runs
	// of characters between spaces, hyphens, dashes and slashes that hold a
	// letter or a digit.
	Words int `json:"words"`
	// Minutes is the answer's length in minutes, set only when timed.
	Minutes   float64  `json:"minutes,omitempty"`
	Fillers   Fillers  `json:"fillers"`
	TooLong   bool     `json:"too_long"`
	FollowUp  FollowUp `json:"follow_up"`
	Truncated bool     `json:"truncated,omitempty"` // only the first MaxWords words were judged
	// Clauses is the answer cut into clauses, each with its STAR label, for
	// display and debugging.
	Clauses []Clause `json:"clauses,omitempty"`

	// unmeasured is how sure the measure model is that the result states
	// no measure (judge.unmeasured): above 0 when it thinks none was. Set
	// only when MeasurableResult is false, the only case it is read.
	unmeasured float64
	// heard is set when the transcript has word timings: a recogniser's,
	// judged by DefaultHeardPolicy.
	heard bool
}

// STAR holds the four parts of a STAR answer.
type STAR struct {
	Situation Part `json:"situation"`
	Task      Part `json:"task"`
	Action    Part `json:"action"`
	Result    Part `json:"result"`
}

// Part is what the rubric found of one STAR part.
type Part struct {
	// Present is true when some clause of the answer plays this part,
	// however short or weak.
	Present bool `json:"present"`
	// Share is the fraction of the answer's words (of its spoken time, when
	// timed) in clauses labelled with this part. The four shares sum to at
	// most 1; the rest is filler or unlabelled.
	Share float64 `json:"share"`
	// Spans are the runs of consecutive clauses labelled with this part.
	Spans []Span `json:"spans"`
	// Margin is how sure the judge is: the most by which some clause's
	// score for this part beats its best other label. Positive when a
	// clause plays the part; when no clause does, how far the nearest one
	// was from playing it (near 0: unsure, so no follow-up asks for it).
	Margin float64 `json:"margin,omitempty"`
}

// Span is a run of words. Start and End are word indexes, End exclusive;
// Text is cut from the answer's text from the first word up to the next
// span's first word, so it keeps its punctuation and spans joined with
// single spaces read as the answer. StartTime and EndTime are seconds from
// the start of the audio, set when timed.
type Span struct {
	Start     int      `json:"start"`
	End       int      `json:"end"`
	Text      string   `json:"text"`
	StartTime *float64 `json:"start_time,omitempty"`
	EndTime   *float64 `json:"end_time,omitempty"`
}

// Clause is one clause of the answer with the label the rubric gave it:
// "situation", "task", "action", "result" or "" for none.
type Clause struct {
	Span
	Label string `json:"label"`
}

// Ownership counts first-person pronouns.
type Ownership struct {
	I  int `json:"i"`  // i, me, my, mine, myself, i'm, i've, i'd, i'll
	We int `json:"we"` // we, us, our, ours, ourselves, we're, we've, we'd, we'll, let's
	// MostlyWe is true when more of the action clauses are done by "we"
	// (our team, my team and I) than by "I".
	MostlyWe bool `json:"mostly_we"`
	// IAction and WeAction count the action clauses done by "I" and by
	// "we".
	IAction  int `json:"i_action"`
	WeAction int `json:"we_action"`
}

// LPScore is the evidence for one Leadership Principle.
type LPScore struct {
	ID    string  `json:"id"`
	Name  string  `json:"name"`
	Score float64 `json:"score"`
	// Cues are the phrases that counted, as said, at most five.
	Cues []string `json:"cues,omitempty"`
}

// Fillers counts filler words and phrases.
type Fillers struct {
	Count int `json:"count"`
	// PerMinute is per minute of audio when timed; otherwise it is estimated
	// at 150 words a minute and Estimated is true.
	PerMinute float64 `json:"per_minute"`
	Estimated bool    `json:"estimated,omitempty"`
	// Words maps each filler ("um", "you know", "like") to its count.
	Words map[string]int `json:"words"`
}

// FollowUp is the next thing the interviewer should ask.
type FollowUp struct {
	Reason Reason `json:"reason"`
	// Question is empty when every candidate was already asked: the
	// interviewer should move on to a new question.
	Question string `json:"question"`
	// Why says in a sentence what in the answer led to this follow-up.
	Why string `json:"why"`
}

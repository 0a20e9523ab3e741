package interviewer_test

import (
	"fmt"
	"time"

	"github.com/starloop/starloop"
	"github.com/starloop/starloop/interviewer"
)

// A Machine is driven by feeding it events; it answers with commands and
// does no I/O itself. Here the person thinks for 20 s, speaks for 10 s and
// stops; 3 s later the turn ends and the reply, prepared meanwhile, plays.
func ExampleMachine() {
	plan, err := interviewer.NewPlan([]interviewer.Pool{
		{LP: "ownership", Questions: []string{"Tell me about a time you took on something outside your area."}},
	}, 1, 7)
	if err != nil {
		fmt.Println(err)
		return
	}
	m, err := interviewer.NewMachine(plan, interviewer.Config{})
	if err != nil {
		fmt.Println(err)
		return
	}
	start := time.Date(2026, 11, 27, 9, 0, 0, 0, time.UTC)
	at := func(s int) time.Time { return start.Add(time.Duration(s) * time.Second) }
	show := func(cmds []interviewer.Command) {
		for _, c := range cmds {
			fmt.Printf("  %T\n", c)
		}
		fmt.Println(m.State())
	}

	show(m.Start())
	show(m.Update(interviewer.PlaybackDone{ID: 1}))
	show(m.Update(interviewer.Tick{Now: at(0)}))
	show(m.Update(interviewer.SpeechStarted{At: at(20)}))
	show(m.Update(interviewer.SpeechStopped{At: at(30)}))
	// The runner reports the transcript, then the judge's verdict (no
	// follow-up, so the reply is the closing line), then the reply's audio.
	show(m.Update(interviewer.TranscriptReady{Attempt: 1, Transcript: starloop.Transcript{Text: "I moved billing to a queue."}}))
	show(m.Update(interviewer.ReportReady{Attempt: 1, Verdict: interviewer.Verdict{Action: true, Words: 6}}))
	show(m.Update(interviewer.ReplyReady{Attempt: 1, Audio: []int16{0}}))
	show(m.Update(interviewer.Tick{Now: at(32)}))
	show(m.Update(interviewer.Tick{Now: at(33)}))
	// Output:
	//   interviewer.Say
	// asking
	//   interviewer.StartRecording
	// listening
	// listening
	// listening
	//   interviewer.FinishTranscript
	// pending
	//   interviewer.JudgeAnswer
	// pending
	//   interviewer.SynthesizeReply
	// pending
	// pending
	// pending
	//   interviewer.StopRecording
	//   interviewer.TurnEnded
	//   interviewer.ShowVerdict
	//   interviewer.Play
	//   interviewer.SaveAnswer
	// following up
}

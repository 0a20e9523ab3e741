package day_test

import (
	"fmt"

	"github.com/starloop/starloop/day"
)

func ExampleNewDay() {
	day, err := day.NewDay(day.Options{
		Interviewers: 3,
		Questions:    1,
		EnglishRound: 2,
		Intro:        true,
		// Most needed first, as stories.ByNeed orders them.
		LPs: []string{"earn-trust", "dive-deep", "ownership", "frugality", "think-big", "bias-for-action"},
	})
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, r := range day.Rounds {
		fmt.Println(r.N, r.Interviewer, r.Voice, r.LPs, r.English)
	}
	// Output:
	// 0 Jordan rms [] false
	// 1 Priya slt [earn-trust dive-deep] false
	// 2 Marcus kal16 [ownership frugality] true
	// 3 Alan awb [think-big bias-for-action] false
}

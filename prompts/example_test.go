package prompts_test

import (
	"fmt"

	"github.com/starloop/starloop/prompts"
)

func ExampleBank_Lookup() {
	bank, err := prompts.Load()
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, name := range []string{"Dive Deep", "backbone", "bias", "earth's best employer", "best"} {
		lp, err := bank.Lookup(name)
		if err != nil {
			fmt.Println(err)
			continue
		}
		fmt.Printf("%s -> %s (%s)\n", name, lp.ID, lp.Name)
	}
	// Output:
	// Dive Deep -> dive-deep (Dive Deep)
	// backbone -> have-backbone (Have Backbone; Disagree and Commit)
	// bias -> bias-for-action (Bias for Action)
	// earth's best employer -> earths-best-employer (Strive to be Earth's Best Employer)
	// look up LP "best": ambiguous; could be hire-and-develop-the-best, earths-best-employer
}

func ExampleBank_Generic() {
	bank, err := prompts.Load()
	if err != nil {
		fmt.Println(err)
		return
	}
	ladder := bank.Generic(prompts.ReasonLadder)
	fmt.Println("gentlest:", ladder[0])
	fmt.Println("hardest:", ladder[len(ladder)-1])
	// Output:
	// gentlest: Can you tell me more about that?
	// hardest: Tell me about another time.
}

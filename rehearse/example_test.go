package rehearse_test

import (
	"fmt"

	"github.com/starloop/starloop"
	"github.com/starloop/starloop/rehearse"
)

func ExampleMeasure() {
	points, err := rehearse.ParseScript("- Eight years in payments.\n- Led the billing migration.\n")
	if err != nil {
		fmt.Println(err)
		return
	}
	r := rehearse.Measure(points, starloop.Transcript{Text: "i spent eight years in payments"}, rehearse.Options{})
	for _, p := range r.Points {
		fmt.Println(p.N, p.Said)
	}
	fmt.Printf("%d of %d\n", r.Said, len(r.Points))
	// Output:
	// 1 true
	// 2 false
	// 1 of 2
}

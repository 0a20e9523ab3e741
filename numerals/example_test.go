package numerals_test

import (
	"fmt"

	"github.com/starloop/starloop/numerals"
)

func ExampleText() {
	fmt.Println(numerals.Text("one of the calls took five hundred milliseconds and ninety five percent finished in forty five seconds"))
	// Output: one of the calls took 500 ms and 95% finished in 45 seconds
}

package reuse_test

import (
	"fmt"

	"github.com/starloop/starloop/reuse"
)

func Example() {
	// The background teaches which words are common; in the loop it is the
	// prompt bank's questions and the story bank.
	ix := reuse.New([]string{
		"Tell me about a time you moved a system to the cloud.",
		"Tell me about a time you cut costs.",
	})
	ix.Add(reuse.Doc{ID: "billing", Title: "Billing migration",
		Text: "Moved billing from the Dallas data centre to AWS; hosting cost fell 40%."})
	ix.Add(reuse.Doc{ID: "warehouse", Title: "Warehouse to BigQuery",
		Text: "Moved the Hadoop warehouse to BigQuery; 900 nightly jobs; retired 60 servers."})

	m, _ := ix.Match("so i moved billing out of the dallas data centre onto aws and hosting went down forty percent")
	fmt.Println(m.Reused, m.Doc.ID)
	fmt.Println(m.Message())
	fmt.Println(m.Numbers)
	// Output:
	// true billing
	// this is the Billing migration story from your story bank
	// [40%]
}

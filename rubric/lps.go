package rubric

// lpNames are the display names of the Leadership Principles, by the ids
// the prompt bank and the LP model use.
var lpNames = map[string]string{
	"customer-obsession":              "Customer Obsession",
	"ownership":                       "Ownership",
	"invent-and-simplify":             "Invent and Simplify",
	"are-right-a-lot":                 "Are Right, A Lot",
	"learn-and-be-curious":            "Learn and Be Curious",
	"hire-and-develop-the-best":       "Hire and Develop the Best",
	"insist-on-the-highest-standards": "Insist on the Highest Standards",
	"think-big":                       "Think Big",
	"bias-for-action":                 "Bias for Action",
	"frugality":                       "Frugality",
	"earn-trust":                      "Earn Trust",
	"dive-deep":                       "Dive Deep",
	"have-backbone":                   "Have Backbone; Disagree and Commit",
	"deliver-results":                 "Deliver Results",
	"earths-best-employer":            "Strive to be Earth's Best Employer",
	"success-and-scale":               "Success and Scale Bring Broad Responsibility",
}

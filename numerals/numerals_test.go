package numerals

import "testing"

func TestText(t *testing.T) {
	tests := []struct {
		name, in, want string
	}{
		{"empty", "", ""},
		{"no numbers", "i led the migration", "i led the migration"},
		{"seconds", "it took forty five seconds", "it took 45 seconds"},
		{"milliseconds", "p99 fell to five hundred milliseconds", "p99 fell to 500 ms"},
		{"one millisecond", "under one millisecond", "under 1 ms"},
		{"percent", "ninety five percent of requests", "95% of requests"},
		{"per cent", "ninety five per cent", "95%"},
		{"small percent", "a five percent drop", "a 5% drop"},
		{"zero percent", "zero percent loss", "0% loss"},
		{"one of the", "one of the services", "one of the services"},
		{"small count stays a word", "three engineers and one manager", "three engineers and one manager"},
		{"small with time unit", "from three hours to fifteen minutes", "from 3 hours to 15 minutes"},
		{"small with days stays", "two days later", "two days later"},
		{"ten", "ten people", "10 people"},
		{"a hundred", "a hundred customers", "100 customers"},
		{"a hundred percent", "a hundred percent sure", "100% sure"},
		{"a alone", "a team of twelve", "a team of 12"},
		{"a thousand", "a thousand requests", "1000 requests"},
		{"one hundred and twenty", "one hundred and twenty tickets", "120 tickets"},
		{"and between numbers stays", "two and three", "two and three"},
		{"twelve and fifteen", "twelve and fifteen", "12 and 15"},
		{"hundred and trailing and", "two hundred and then more", "200 and then more"},
		{"year 2023", "in twenty twenty three we shipped", "in 2023 we shipped"},
		{"year 1999", "back in nineteen ninety nine", "back in 1999"},
		{"year 2005", "twenty oh five", "2005"},
		{"year 2010", "twenty ten", "2010"},
		{"twenty five is not a year", "twenty five services", "25 services"},
		{"two thousand twenty three", "two thousand twenty three", "2023"},
		{"thousands", "forty five thousand dollars", "$45,000"},
		{"dollars", "saved forty dollars", "saved $40"},
		{"million dollars", "two million dollars a year", "$2 million a year"},
		{"a million dollars", "a million dollars", "$1 million"},
		{"million users", "two million users", "2 million users"},
		{"three point five million", "three million five hundred thousand", "3.5 million"},
		{"uneven million", "one million two hundred thirty four thousand", "1,234,000"},
		{"decimal million", "two point five million dollars", "$2.5 million"},
		{"point five", "point five", "0.5"},
		{"point five percent", "down point five percent", "down 0.5%"},
		{"three point two five", "three point two five seconds", "3.25 seconds"},
		{"point oh five", "one point oh five", "1.05"},
		{"the point stays", "the point five of us made", "the point five of us made"},
		{"at some point", "at some point two of us left", "at some point two of us left"},
		{"point without digits", "point taken", "point taken"},
		{"fifteen hundred", "fifteen hundred servers", "1500 servers"},
		{"twenty five hundred", "twenty five hundred", "2500"},
		{"two numbers", "one two three", "one two three"},
		{"teen teen", "twelve fifteen", "12 15"},
		{"punctuation ends a number", "Forty, fifty percent.", "40, 50%."},
		{"capitals", "Ninety Five percent", "95%"},
		{"digits and percent", "cut it by 40 percent", "cut it by 40%"},
		{"digits alone", "about 40 people", "about 40 people"},
		{"digits and dollars", "2 million dollars", "2 million dollars"},
		{"digit dollars", "40 dollars", "$40"},
		{"digits ms", "500 milliseconds", "500 ms"},
		{"decimal digits kept", "2.5 seconds.", "2.5 seconds."},
		{"hundreds stays", "hundreds of tickets", "hundreds of tickets"},
		{"million alone stays", "million", "million"},
		{"ordinal stays", "the first two weeks", "the first two weeks"},
		{"quoted", `"ninety percent"`, `"90%"`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := Text(tt.in); got != tt.want {
				t.Errorf("Text(%q) = %q, want %q", tt.in, got, tt.want)
			}
		})
	}
}

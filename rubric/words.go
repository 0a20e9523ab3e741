package rubric

// Word classes the rubric's grammar leans on. They are closed, small and
// general English: none is tuned to a particular story.

func set(words ...string) map[string]bool {
	m := make(map[string]bool, len(words))
	for _, w := range words {
		m[w] = true
	}
	return m
}

// habitual adverbs turn "I talk to" into a habit rather than an event.
var habitual = set("always", "usually", "often", "sometimes", "typically", "generally", "normally", "tend", "tends")

// modals make what follows hypothetical or future: "I would", "we could".
var modals = set("would", "could", "should", "will", "might", "may", "must", "can", "'d", "shall", "i'd", "we'd", "i'll", "we'll", "you'd", "you'll")

// pastBe are the past forms of "be".
var pastBe = set("was", "were", "wasn't", "weren't")

// pastHave is "had": a state ("we had a problem") or an obligation ("I had to").
var pastHave = set("had", "hadn't")

// irregularPast lists English irregular past forms (and a few regular ones
// whose -ed is not spelled plainly). Forms that equal the base ("put",
// "cut", "set", "read") are past only in a story already told in the past.
var irregularPast = set(
	"arose", "awoke", "bore", "beat", "became", "began", "bent", "bet", "bid", "bit",
	"bled", "blew", "broke", "brought", "broadcast", "built", "burnt", "bought", "caught",
	"chose", "came", "cost", "crept", "dealt", "dug", "did", "drew", "drank", "drove",
	"ate", "fell", "fed", "felt", "fought", "found", "fled", "flew", "forbade", "forgot",
	"forgave", "froze", "got", "gave", "went", "grew", "hung", "heard", "hid", "held",
	"hurt", "kept", "knew", "laid", "led", "leapt", "learnt", "left", "lent", "let", "lay",
	"lit", "lost", "made", "meant", "met", "paid", "proved", "quit", "ran", "rang", "rose",
	"rebuilt", "redid", "rewrote", "reran", "rethought", "retook", "said", "saw", "sought",
	"sold", "sent", "shook", "shot", "showed", "shut", "sang", "sank", "sat", "slept",
	"slid", "spoke", "sped", "spent", "spun", "split", "spread", "sprang", "stood", "stole",
	"stuck", "struck", "strove", "swore", "swept", "swam", "swung", "took", "taught",
	"tore", "told", "thought", "threw", "understood", "undertook", "underwent", "upheld",
	"woke", "wore", "won", "wound", "withdrew", "withheld", "wrote", "overcame", "oversaw",
	"overheard", "overtook", "outgrew", "mislead", "misled", "misunderstood", "foresaw",
	"undid", "upset", "broadened", "forecast", "inputted", "cut", "put", "set", "read",
	"didn't", "couldn't", "wasn't", "weren't", "hadn't", "shut",
)

// notPast are words ending in -ed that are not verbs in the past.
var notPast = set(
	"need", "feed", "speed", "seed", "indeed", "proceed", "succeed", "exceed", "greed",
	"breed", "deed", "weed", "bleed", "bed", "red", "shed", "hundred", "embed", "med",
	"fed", "led", "wed", "sled", "bred", "shred", "ted", "ned", "ed", "reed", "heed",
)

// isPastVerb reports whether w reads as a verb in the past tense.
func isPastVerb(w string) bool {
	if irregularPast[w] {
		return true
	}
	if len(w) < 4 || notPast[w] {
		return false
	}
	if w[len(w)-2:] != "ed" {
		return false
	}
	// -eed words are past only when the e is doubled by the ending: agreed.
	if len(w) >= 4 && w[len(w)-3] == 'e' {
		switch w {
		case "agreed", "freed", "guaranteed", "disagreed", "decreed", "refereed":
			return true
		}
		return false
	}
	for _, c := range w {
		if c < 'a' || c > 'z' {
			return false
		}
	}
	return true
}

// isIngForm reports whether w reads as a present participle ("working").
func isIngForm(w string) bool {
	if len(w) < 5 || w[len(w)-3:] != "ing" {
		return false
	}
	switch w {
	case "thing", "nothing", "something", "anything", "everything", "during", "morning",
		"evening", "spring", "string", "ceiling", "meeting", "building", "king", "ring",
		"bring", "sting", "swing", "wing", "sibling", "pudding", "wedding", "earring":
		return false
	}
	return true
}
func isLetters(w string) bool {
	for i := 0; i < len(w); i++ {
		if w[i] < 'a' || w[i] > 'z' {
			return false
		}
	}
	return true
}

// determiners open a noun phrase.
var determiners = set("the", "my", "our", "a", "an", "their", "his", "her", "this", "that",
	"one", "every", "each", "some", "all", "no", "your")

package starloop

import "strings"

// JoinAnd lists items as a sentence does: "a", "a and b", "a, b and c".
func JoinAnd(items []string) string {
	switch len(items) {
	case 0:
		return ""
	case 1:
		return items[0]
	}
	return strings.Join(items[:len(items)-1], ", ") + " and " + items[len(items)-1]
}

// Plural is one or many, as n asks: "1 answer", "2 answers" are
// fmt.Sprintf("%d %s", n, Plural(n, "answer", "answers")). Both forms are
// given, as English has no one rule ("story", "stories"; "it", "them").
func Plural(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}

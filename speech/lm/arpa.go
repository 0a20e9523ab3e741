package lm

import (
	"bufio"
	"cmp"
	"fmt"
	"io"
	"slices"
)

// WriteARPA writes m as an ARPA text model, n-grams sorted by word ids.
func WriteARPA(w io.Writer, m *Model) error {
	bw := bufio.NewWriterSize(w, 1<<20)
	fmt.Fprintf(bw, "\\data\\\n")
	for i, c := range m.Counts() {
		fmt.Fprintf(bw, "ngram %d=%d\n", i+1, c)
	}
	fmt.Fprintf(bw, "\n\\1-grams:\n")
	for id, e := range m.uni {
		fmt.Fprintf(bw, "%.6f\t%s", e.Prob, m.Words[id])
		if m.Order > 1 {
			fmt.Fprintf(bw, "\t%.6f", e.Bow)
		}
		bw.WriteByte('\n')
	}
	if m.Order > 1 {
		fmt.Fprintf(bw, "\n\\2-grams:\n")
		keys := make([][2]int32, 0, len(m.bi))
		for k := range m.bi {
			keys = append(keys, k)
		}
		slices.SortFunc(keys, func(a, b [2]int32) int { return cmp.Or(cmp.Compare(a[0], b[0]), cmp.Compare(a[1], b[1])) })
		for _, k := range keys {
			e := m.bi[k]
			fmt.Fprintf(bw, "%.6f\t%s %s", e.Prob, m.Words[k[0]], m.Words[k[1]])
			if m.Order > 2 {
				fmt.Fprintf(bw, "\t%.6f", e.Bow)
			}
			bw.WriteByte('\n')
		}
	}
	if m.Order > 2 {
		fmt.Fprintf(bw, "\n\\3-grams:\n")
		keys := make([]key3, 0, len(m.tri))
		for k := range m.tri {
			keys = append(keys, k)
		}
		slices.Sort(keys)
		for _, k := range keys {
			a, b, c := k.ids()
			fmt.Fprintf(bw, "%.6f\t%s %s %s\n", m.tri[k], m.Words[a], m.Words[b], m.Words[c])
		}
	}
	fmt.Fprintf(bw, "\n\\end\\\n")
	return bw.Flush()
}

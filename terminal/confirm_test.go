package terminal

import (
	"bytes"
	"strings"
	"testing"
)

func TestConfirm(t *testing.T) {
	for _, tc := range []struct {
		in   string
		want bool
	}{
		{"y\n", true}, {"YES\n", true}, {" yes \n", true}, {"y", true},
		{"\n", false}, {"", false}, {"n\n", false}, {"yeah\n", false}, {"no\ny\n", false},
	} {
		var out bytes.Buffer
		got, err := Confirm(strings.NewReader(tc.in), &out, "Delete session 20261207-014314?")
		if err != nil || got != tc.want || out.String() != "Delete session 20261207-014314? [y/N] " {
			t.Errorf("%q: %v, %v, asked %q; want %v", tc.in, got, err, out.String(), tc.want)
		}
	}
}

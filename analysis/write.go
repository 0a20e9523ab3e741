package analysis

import (
	"bufio"
	"io"

	"github.com/starloop/starloop"
)

// Write writes the result to w as `starloop analyze` prints it: the saved
// report as JSON with asJSON (see WriteJSON), else for a person (see
// WriteText, in colour if color). A failed write is an error of kind
// Other.
func (res Result) Write(w io.Writer, asJSON, color bool) error {
	bw := bufio.NewWriter(w)
	var err error
	if asJSON {
		err = res.WriteJSON(bw)
	} else {
		res.WriteText(bw, color)
	}
	if err == nil {
		err = bw.Flush()
	}
	if err != nil {
		return starloop.E("write report", starloop.Other, err)
	}
	return nil
}

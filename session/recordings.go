package session

import (
	"path/filepath"
	"slices"

	"github.com/starloop/starloop/audio"
)

// LatestRecordings reads the recordings of the latest n answers in the
// sessions in dir, newest first. Sessions and recordings that cannot be
// read, and empty recordings, are skipped.
func LatestRecordings(dir string, n int) ([][]int16, error) {
	metas, err := List(dir)
	if err != nil {
		return nil, err
	}
	var out [][]int16
	for _, m := range slices.Backward(metas) {
		_, answers, err := Load(dir, m.ID)
		if err != nil {
			continue
		}
		for _, a := range slices.Backward(answers) {
			if len(out) == n {
				return out, nil
			}
			if pcm, err := audio.ReadWAVFile(filepath.Join(dir, m.ID, a.Audio)); err == nil && len(pcm) > 0 {
				out = append(out, pcm)
			}
		}
	}
	return out, nil
}

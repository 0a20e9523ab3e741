package audio

import (
	"bytes"
	"encoding/binary"
	"math"
	"math/rand/v2"
	"os/exec"
	"strconv"
	"strings"
	"testing"

	"github.com/starloop/starloop/internal/speechtest"
)

// needSox skips the test when sox (the independent reference) is missing.
func needSox(t testing.TB) {
	t.Helper()
	for _, tool := range []string{"sox", "soxi"} {
		if _, err := exec.LookPath(tool); err != nil {
			t.Skipf("%s not installed", tool)
		}
	}
}

// run runs a command and returns its standard output, failing the test on
// error.
func run(t testing.TB, name string, args ...string) []byte {
	t.Helper()
	var stderr bytes.Buffer
	cmd := exec.Command(name, args...)
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("%s %s: %v: %s", name, strings.Join(args, " "), err, stderr.String())
	}
	return out
}

// soxiInt returns soxi's answer to flag (-s samples, -r rate, -c channels,
// -b bits) for path.
func soxiInt(t testing.TB, flag, path string) int {
	t.Helper()
	s := strings.TrimSpace(string(run(t, "soxi", flag, path)))
	n, err := strconv.Atoi(s)
	if err != nil {
		t.Fatalf("soxi %s %s: %q is not a number", flag, path, s)
	}
	return n
}

// soxPCM decodes path with sox (not our code) to 16 kHz mono 16-bit samples,
// without dither, so that it is an independent reference.
func soxPCM(t testing.TB, path string) []int16 {
	t.Helper()
	raw := run(t, "sox", "-D", path, "-t", "raw", "-e", "signed-integer", "-b", "16",
		"-L", "-c", "1", "-r", "16000", "-")
	pcm := make([]int16, len(raw)/2)
	for i := range pcm {
		pcm[i] = int16(binary.LittleEndian.Uint16(raw[2*i:]))
	}
	return pcm
}

// tone returns n samples of a sine of amplitude amp (in sample units) and
// frequency hz at 16 kHz, starting at phase 0.
func tone(n int, hz, amp float64) []int16 {
	pcm := make([]int16, n)
	for i := range pcm {
		pcm[i] = saturate(amp * math.Sin(2*math.Pi*hz*float64(i)/SampleRate))
	}
	return pcm
}

// noise returns n samples of Gaussian noise with standard deviation sd, from
// a fixed seed so every run sees the same signal.
func noise(n int, sd float64, seed uint64) []int16 {
	rng := rand.New(rand.NewPCG(seed, 0x5eed))
	pcm := make([]int16, n)
	for i := range pcm {
		pcm[i] = toInt16(rng.NormFloat64() * sd / 32768)
	}
	return pcm
}

// mix adds b into a starting at sample off, saturating; a is modified.
func mix(a []int16, off int, b []int16) {
	for i, v := range b {
		a[off+i] = toInt16((float64(a[off+i]) + float64(v)) / 32768)
	}
}

// compare returns the correlation of a and b over their common length and
// the signal-to-error ratio in dB (energy of ref over energy of ref-got).
func compare(ref, got []int16) (corr, snrDB float64) {
	n := min(len(ref), len(got))
	var sab, saa, sbb, see float64
	for i := range n {
		a, b := float64(ref[i]), float64(got[i])
		sab += a * b
		saa += a * a
		sbb += b * b
		see += (a - b) * (a - b)
	}
	return sab / math.Sqrt(saa*sbb), 10 * math.Log10(saa/see)
}

// speechFiles returns the shared recordings of real speech, or skips.
func speechFiles(t testing.TB) []string {
	t.Helper()
	var files []string
	for _, r := range speechtest.All(t) {
		files = append(files, r.Path)
	}
	return files
}

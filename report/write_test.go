package report

import (
	"path/filepath"
	"testing"
	"time"
)

func TestAudioDir(t *testing.T) {
	sess := filepath.Join("s", "20260101-090000")
	for _, tt := range []struct{ out, want string }{
		{filepath.Join(sess, "report.html"), ""},
		{"report.html", "s/20260101-090000"},
		{filepath.Join("out", "r.html"), "../s/20260101-090000"},
		{filepath.Join(sess, "sub", "r.html"), ".."},
	} {
		if got := AudioDir(tt.out, sess); got != tt.want {
			t.Errorf("AudioDir(%q, %q) = %q, want %q", tt.out, sess, got, tt.want)
		}
	}
}

func TestClock(t *testing.T) {
	for d, want := range map[time.Duration]string{
		0:                                     "0:00",
		1499 * time.Millisecond:               "0:01",
		59500 * time.Millisecond:              "1:00",
		2*time.Minute + 5*time.Second:         "2:05",
		12*time.Minute + 59*time.Second:       "12:59",
		61*time.Minute + 500*time.Millisecond: "61:01",
	} {
		if got := Clock(d); got != want {
			t.Errorf("Clock(%v) = %q, want %q", d, got, want)
		}
	}
}

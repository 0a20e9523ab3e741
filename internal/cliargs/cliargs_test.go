package cliargs

import (
	"strings"
	"testing"

	"github.com/urfave/cli/v2"
)

func TestFlagsFirst(t *testing.T) {
	cmds := []*cli.Command{
		{Name: "review", Flags: []cli.Flag{&cli.IntFlag{Name: "play"}, &cli.StringFlag{Name: "sessions"}, &cli.BoolFlag{Name: "json"}}},
		{Name: "stories", Flags: []cli.Flag{&cli.StringFlag{Name: "stories", Aliases: []string{"file"}}},
			Subcommands: []*cli.Command{{Name: "check", Flags: []cli.Flag{&cli.StringFlag{Name: "stories"}}}}},
		{Name: "analyze", Flags: []cli.Flag{&cli.StringFlag{Name: "lp"}}},
	}
	for _, tc := range []struct{ in, want string }{
		{"review ID --play 1", "review --play 1 ID"},
		{"review ID --json --sessions D", "review --json --sessions D ID"},
		{"review ID --play=2", "review --play=2 ID"},
		{"review --play 1 ID", "review --play 1 ID"},
		{"review ID -- --play 1", "review ID -- --play 1"},
		{"review ID --play 1 --generate-bash-completion", "review --play 1 ID --generate-bash-completion"},
		{"analyze - --lp ownership", "analyze --lp ownership -"},
		{"stories check x.yaml --stories s.yaml", "stories check --stories s.yaml x.yaml"},
		{"stories --file s.yaml check", "stories --file s.yaml check"},
		{"stories --file s.yaml", "stories --file s.yaml"},
		{"--help review ID --play 1", "--help review --play 1 ID"},
		{"nosuch a --b c", "nosuch a --b c"},
	} {
		in := append([]string{"starloop"}, strings.Fields(tc.in)...)
		if got := strings.Join(FlagsFirst(cmds, in), " "); got != "starloop "+tc.want {
			t.Errorf("%q: got %q, want %q", tc.in, got, "starloop "+tc.want)
		}
	}
}

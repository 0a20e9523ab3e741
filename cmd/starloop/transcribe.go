package main

import (
	"encoding/json"
	"fmt"
	"io"
	"time"

	"github.com/urfave/cli/v2"

	"github.com/starloop/starloop"
	"github.com/starloop/starloop/audio"
	"github.com/starloop/starloop/speech/pocketsphinx"
)

// transcribeCommand is `starloop transcribe`: one WAV file to text.
func transcribeCommand(env *appEnv) *cli.Command {
	return &cli.Command{
		Name:      "transcribe",
		Usage:     "turn a recorded answer (WAV) into text, offline or with --stt openai",
		UsageText: "starloop transcribe [--json] [--stt openai] [--model-dir DIR] [--lm FILE] [--dict FILE] [--profile NAME|--no-profile] FILE.wav",
		Description: "Transcribes a PCM WAV file of any common sample rate and channel count with\n" +
			"pocketsphinx (it is converted to 16 kHz mono first) and prints the words on\n" +
			"one line. With --json it prints {\"text\", \"words\": [{\"text\", \"start\", \"end\"}],\n" +
			"\"duration\"}, times in seconds from the start of the file. A file with no\n" +
			"recognisable speech exits with status 5.",
		Flags: append([]cli.Flag{
			jsonFlag("print the transcript with word times as one JSON object"),
			modelDirFlag(), profileFlag(), noProfileFlag(),
			&cli.StringFlag{Name: "lm", Usage: "pocketsphinx language model `FILE`", Value: pocketsphinx.DefaultLM, EnvVars: []string{"STARLOOP_LM"}},
			&cli.StringFlag{Name: "dict", Usage: "pocketsphinx pronunciation dictionary `FILE`", Value: pocketsphinx.DefaultDict, EnvVars: []string{"STARLOOP_DICT"}},
		}, remoteFlags()...),
		Action: func(c *cli.Context) error {
			if c.NArg() != 1 {
				return starloop.Errorf(starloop.Invalid, "transcribe: give exactly one WAV file")
			}
			name := c.Args().First()
			op := "transcribe " + name
			pcm, err := audio.ReadWAVFile(name)
			if err != nil {
				return err // already says which file and what is wrong with it
			}
			b, err := newBackends(c, env.stderr)
			if err != nil {
				return err
			}
			model := b.model // with the speaker profile, if any
			model.LM, model.Dict = c.String("lm"), c.String("dict")
			t, err := b.transcribe(c.Context, pcm, model)
			if starloop.IsKind(err, starloop.NotFound) {
				return starloop.E("", starloop.NotFound, fmt.Errorf(
					"%w (the model's paths: --model-dir, --lm, --dict or STARLOOP_MODEL_DIR, STARLOOP_LM, STARLOOP_DICT)", err))
			}
			if err != nil {
				return starloop.E(op, starloop.Other, err)
			}
			if t.Text == "" {
				return starloop.Errorf(starloop.NoSpeech, "%s: no words recognised", op)
			}
			if c.Bool("json") {
				duration := time.Duration(len(pcm)) * time.Second / audio.SampleRate
				return writeTranscriptJSON(env.stdout, t, duration)
			}
			_, err = fmt.Fprintln(env.stdout, t.Text)
			return err
		},
	}
}

// transcriptJSON is the --json output: times in seconds, not the
// nanoseconds that time.Duration would marshal to.
type transcriptJSON struct {
	Text     string     `json:"text"`
	Words    []wordJSON `json:"words"`
	Duration float64    `json:"duration"`
}

type wordJSON struct {
	Text  string  `json:"text"`
	Start float64 `json:"start"`
	End   float64 `json:"end"`
}

func writeTranscriptJSON(w io.Writer, t starloop.Transcript, duration time.Duration) error {
	out := transcriptJSON{Text: t.Text, Words: make([]wordJSON, len(t.Words)), Duration: duration.Seconds()}
	for i, wd := range t.Words {
		out.Words[i] = wordJSON{Text: wd.Text, Start: wd.Start.Seconds(), End: wd.End.Seconds()}
	}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(out)
}

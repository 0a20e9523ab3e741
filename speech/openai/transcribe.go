package openai

import (
	"bytes"
	"context"
	"net/http"
	"strings"
	"time"

	goopenai "github.com/sashabaranov/go-openai"

	"github.com/starloop/starloop"
	"github.com/starloop/starloop/audio"
)

// fillerPrompts keep the fillers in: Whisper drops "um" and "uh" unless the
// prompt shows them, and delivery feedback counts them.
var fillerPrompts = map[string]string{
	"en": "Um, uh, like, you know, so, I mean.",
	"ko": "음, 어, 그, 저기, 뭐랄까, 그러니까.",
}

// FillerPrompt is the prompt sent with an answer in language lang.
func FillerPrompt(lang string) string {
	if p, ok := fillerPrompts[lang]; ok {
		return p
	}
	return fillerPrompts["en"]
}

// wordTimings reports whether model gives word timestamps (verbose_json).
// OpenAI's gpt-4o transcribe models take only json or text; other servers'
// models are assumed to be Whisper-like, and a 400 makes Transcribe ask
// again without them.
func wordTimings(model string) bool {
	return !strings.HasPrefix(model, "gpt-")
}

// Transcribe sends one whole answer (16 kHz mono) and returns its
// transcript, with word timings when the model gives them. No samples give
// an empty transcript without a call.
func (c *Client) Transcribe(ctx context.Context, pcm []int16) (starloop.Transcript, error) {
	const op = "remote transcription"
	if len(pcm) == 0 {
		return starloop.Transcript{}, nil
	}
	ctx, cancel := context.WithTimeout(ctx, c.cfg.Timeout)
	defer cancel()
	var wav bytes.Buffer
	if err := audio.EncodeWAV(&wav, pcm); err != nil {
		return starloop.Transcript{}, starloop.E(op, starloop.Other, err)
	}
	req := goopenai.AudioRequest{
		Model:    c.cfg.STTModel,
		FilePath: "answer.wav",
		Prompt:   FillerPrompt(c.cfg.Language),
		Language: c.cfg.Language,
		Format:   goopenai.AudioResponseFormatJSON,
	}
	if wordTimings(c.cfg.STTModel) {
		req.Format = goopenai.AudioResponseFormatVerboseJSON
		req.TimestampGranularities = []goopenai.TranscriptionTimestampGranularity{goopenai.TranscriptionTimestampGranularityWord}
	}
	req.Reader = bytes.NewReader(wav.Bytes())
	resp, err := c.api.CreateTranscription(ctx, req)
	if err != nil && req.Format == goopenai.AudioResponseFormatVerboseJSON {
		if f := failureOf(c.fail(op, err, c.cfg.Timeout)); f != nil && f.Status == http.StatusBadRequest {
			// The model takes no verbose_json: ask for plain text.
			req.Format, req.TimestampGranularities = goopenai.AudioResponseFormatJSON, nil
			req.Reader = bytes.NewReader(wav.Bytes())
			resp, err = c.api.CreateTranscription(ctx, req)
		}
	}
	if err != nil {
		return starloop.Transcript{}, c.fail(op, err, c.cfg.Timeout)
	}
	t := starloop.Transcript{Text: strings.TrimSpace(resp.Text)}
	for _, w := range resp.Words {
		text := strings.TrimSpace(w.Word)
		if text == "" {
			continue
		}
		if w.End < w.Start || w.Start < 0 {
			return starloop.Transcript{}, c.fail(op, errMalformed, c.cfg.Timeout)
		}
		t.Words = append(t.Words, starloop.Word{Text: text, Start: seconds(w.Start), End: seconds(w.End)})
	}
	if t.Text == "" && len(t.Words) > 0 {
		t.Text = starloop.TextFromWords(t.Words)
	}
	return t, nil
}

func seconds(s float64) time.Duration {
	return time.Duration(s * float64(time.Second)).Round(time.Millisecond)
}

package openai

import (
	"bytes"
	"context"
	"encoding/binary"
	"io"
	"strings"

	goopenai "github.com/sashabaranov/go-openai"

	"github.com/starloop/starloop"
	"github.com/starloop/starloop/audio"
	"github.com/starloop/starloop/interviewer"
)

var _ interviewer.Voice = (*Client)(nil)

// PCMRate is the sample rate of the "pcm" speech format: 24 kHz, 16-bit
// little-endian, mono.
const PCMRate = 24000

// maxSpeech caps a speech answer: a minute of 24 kHz PCM is 2.9 MB.
const maxSpeech = 64 << 20

// MaxSpeechText is the most text one Synthesize call takes (the API's limit).
const MaxSpeechText = 4096

// WithVoice is the client speaking with another remote voice (alloy,
// nova, onyx...), everything else shared: a loop's interviewers each have
// their own.
func (c *Client) WithVoice(voice string) *Client {
	cp := *c
	cp.cfg.TTSVoice = voice
	return &cp
}

// Synthesize speaks text with the configured model, voice and speed and
// returns it as 16 kHz mono. It asks for raw PCM; a server that answers
// with a WAV instead is understood too.
func (c *Client) Synthesize(ctx context.Context, text string) ([]int16, error) {
	const op = "remote voice"
	text = strings.TrimSpace(text)
	if text == "" {
		return nil, nil
	}
	if len(text) > MaxSpeechText {
		return nil, starloop.Errorf(starloop.Invalid, "%s: over 4096 characters to say", op)
	}
	ctx, cancel := context.WithTimeout(ctx, c.cfg.Timeout)
	defer cancel()
	resp, err := c.api.CreateSpeech(ctx, goopenai.CreateSpeechRequest{
		Model:          goopenai.SpeechModel(c.cfg.TTSModel),
		Input:          text,
		Voice:          goopenai.SpeechVoice(c.cfg.TTSVoice),
		ResponseFormat: goopenai.SpeechResponseFormatPcm,
		Speed:          c.cfg.TTSSpeed,
	})
	if err != nil {
		return nil, c.fail(op, err, c.cfg.Timeout)
	}
	defer resp.Close()
	data, err := io.ReadAll(io.LimitReader(resp, maxSpeech+1))
	if err != nil {
		return nil, c.fail(op, err, c.cfg.Timeout)
	}
	if len(data) > maxSpeech {
		return nil, c.fail(op, errMalformed, c.cfg.Timeout)
	}
	if bytes.HasPrefix(data, []byte("RIFF")) {
		pcm, err := audio.DecodeWAV(bytes.NewReader(data))
		if err != nil {
			return nil, c.fail(op, errMalformed, c.cfg.Timeout)
		}
		return pcm, nil
	}
	if len(data) == 0 || len(data)%2 != 0 {
		return nil, c.fail(op, errMalformed, c.cfg.Timeout)
	}
	raw := make([]int16, len(data)/2)
	for i := range raw {
		raw[i] = int16(binary.LittleEndian.Uint16(data[2*i:]))
	}
	pcm, err := audio.Resample(raw, PCMRate, audio.SampleRate)
	if err != nil {
		return nil, starloop.E(op, starloop.Other, err)
	}
	return pcm, nil
}

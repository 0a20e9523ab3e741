package openai

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"strings"

	goopenai "github.com/sashabaranov/go-openai"

	"github.com/starloop/starloop"
	"github.com/starloop/starloop/interviewer"
	"github.com/starloop/starloop/prompts"
)

// CoachRequest is what the coach is given about one answer.
type CoachRequest struct {
	LPName   string // e.g. "Ownership"
	Question string // the thread's main question
	// Thread is the thread so far, the answer being judged last.
	Thread []prompts.Exchange
	// Rubric is the offline rubric's report on the answer, as JSON.
	Rubric json.RawMessage
	// Asked lists the follow-ups already asked in this thread.
	Asked []string
}

// CoachReply is the coach's judgement of the story so far.
type CoachReply struct {
	Situation        bool   `json:"situation"`
	Task             bool   `json:"task"`
	Action           bool   `json:"action"`
	Result           bool   `json:"result"`
	MeasurableResult bool   `json:"measurable_result"`
	Feedback         string `json:"feedback"`
	FollowUp         string `json:"follow_up"`
	Reason           string `json:"reason"`
}

// CoachReasons are the reasons the coach may give, the rubric's own.
var coachReasons = []string{
	"no_answer", "missing_action", "missing_result", "missing_situation",
	"missing_task", "no_measure", "mostly_we", "too_long", "lp_ladder",
}

// coachSchema is CoachReply as a strict JSON schema.
var coachSchema = json.RawMessage(`{
  "type": "object",
  "properties": {
    "situation": {"type": "boolean"},
    "task": {"type": "boolean"},
    "action": {"type": "boolean"},
    "result": {"type": "boolean"},
    "measurable_result": {"type": "boolean"},
    "feedback": {"type": "string"},
    "follow_up": {"type": "string"},
    "reason": {"type": "string", "enum": ["no_answer", "missing_action", "missing_result", "missing_situation", "missing_task", "no_measure", "mostly_we", "too_long", "lp_ladder"]}
  },
  "required": ["situation", "task", "action", "result", "measurable_result", "feedback", "follow_up", "reason"],
  "additionalProperties": false
}`)

// Coach asks the chat model to judge the story so far and to phrase the
// next follow-up. It asks for a reply that follows a JSON schema; a server
// that refuses schemas (HTTP 400) is asked again for a plain JSON object.
func (c *Client) Coach(ctx context.Context, r CoachRequest) (CoachReply, error) {
	const op = "remote coach"
	ctx, cancel := context.WithTimeout(ctx, c.cfg.Timeout)
	defer cancel()
	rubric := string(r.Rubric)
	if rubric == "" {
		rubric = "{}"
	}
	system, user, err := prompts.CoachPrompt(prompts.CoachInput{
		LPName: r.LPName, Language: langOrEmpty(c.cfg.Language), Question: r.Question,
		Thread: r.Thread, Rubric: rubric, Asked: r.Asked, Reasons: coachReasons,
	})
	if err != nil {
		return CoachReply{}, err
	}
	req := goopenai.ChatCompletionRequest{
		Model: c.cfg.CoachModel,
		Messages: []goopenai.ChatCompletionMessage{
			{Role: goopenai.ChatMessageRoleSystem, Content: system},
			{Role: goopenai.ChatMessageRoleUser, Content: user},
		},
		ResponseFormat: &goopenai.ChatCompletionResponseFormat{
			Type: goopenai.ChatCompletionResponseFormatTypeJSONSchema,
			JSONSchema: &goopenai.ChatCompletionResponseFormatJSONSchema{
				Name: "star_judgement", Schema: coachSchema, Strict: true,
			},
		},
	}
	resp, err := c.api.CreateChatCompletion(ctx, req)
	if err != nil {
		if f := failureOf(c.fail(op, err, c.cfg.Timeout)); f != nil && f.Status == http.StatusBadRequest {
			req.ResponseFormat = &goopenai.ChatCompletionResponseFormat{Type: goopenai.ChatCompletionResponseFormatTypeJSONObject}
			resp, err = c.api.CreateChatCompletion(ctx, req)
		}
	}
	if err != nil {
		return CoachReply{}, c.fail(op, err, c.cfg.Timeout)
	}
	if len(resp.Choices) == 0 {
		return CoachReply{}, c.fail(op, fmt.Errorf("%w: no choices", errMalformed), c.cfg.Timeout)
	}
	var reply CoachReply
	if err := json.Unmarshal([]byte(resp.Choices[0].Message.Content), &reply); err != nil {
		return CoachReply{}, c.fail(op, fmt.Errorf("%w: %v", errMalformed, err), c.cfg.Timeout)
	}
	reply.FollowUp = strings.Join(strings.Fields(reply.FollowUp), " ")
	reply.Feedback = strings.TrimSpace(reply.Feedback)
	return reply, nil
}

func langOrEmpty(lang string) string {
	if lang == "en" {
		return ""
	}
	return lang
}

// CoachedReport is what is saved of an answer the coach judged: the
// rubric's report (the offline judge's record, as it saves it), the
// coach's reply, and where they disagree.
type CoachedReport struct {
	Rubric json.RawMessage `json:"rubric"`
	Coach  CoachReply      `json:"coach"`
	// Disagree names each STAR part or measure the two judge differently,
	// e.g. "result: rubric yes, coach no".
	Disagree []string `json:"disagree,omitempty"`
}

// Judge is a judge that asks the offline judge first, then the coach. The
// offline rubric stays the source of truth for the figures (parts, measures,
// I and we): the verdict is the offline one, with the coach's wording of the
// follow-up when the rubric has one to ask, and a CoachedReport as its
// Report. lpName maps an LP id to its name for the prompt. The coach's
// error is returned as is, so a fallback can judge offline instead.
func (c *Client) Judge(offline interviewer.Judge, lpName func(id string) string) interviewer.Judge {
	return &coachJudge{c: c, offline: offline, lpName: lpName}
}

type coachJudge struct {
	c       *Client
	offline interviewer.Judge
	lpName  func(string) string
}

func (j *coachJudge) Judge(ctx context.Context, a interviewer.Answer) (interviewer.Verdict, error) {
	v, err := j.offline.Judge(ctx, a)
	if err != nil || strings.TrimSpace(a.Transcript.Text) == "" {
		// Nothing said: nothing to coach, and no follow-up will be asked.
		return v, err
	}
	thread := make([]prompts.Exchange, 0, len(a.Thread)+1)
	for _, t := range a.Thread {
		thread = append(thread, prompts.Exchange{Question: t.Question.Text, Answer: t.Transcript.Text})
	}
	thread = append(thread, prompts.Exchange{Question: a.Question.Text, Answer: a.Transcript.Text})
	if thread[0].Question == "" {
		thread[0].Question = "Tell me about a time." // an answer judged on its own
	}
	name := a.Question.LP
	if j.lpName != nil {
		name = j.lpName(name)
	}
	if name == "" {
		name = "any Leadership Principle"
	}
	reply, err := j.c.Coach(ctx, CoachRequest{LPName: name, Question: thread[0].Question, Thread: thread, Rubric: v.Report, Asked: a.Asked})
	if err != nil {
		return v, err
	}
	if v.FollowUp.Question != "" && reply.FollowUp != "" {
		v.FollowUp.Question = reply.FollowUp
	}
	rec, err := json.Marshal(CoachedReport{Rubric: v.Report, Coach: reply, Disagree: Disagree(v, reply)})
	if err != nil {
		return v, starloop.E("remote coach", starloop.Other, err)
	}
	v.Report = rec
	return v, nil
}

// Coached reads the record of an answer the coach judged, as Judge makes
// it and the session saves it; nil for any other record (the offline
// judge's own, or none).
func Coached(rec json.RawMessage) *CoachedReport {
	var c CoachedReport
	if json.Unmarshal(rec, &c) != nil || len(c.Rubric) == 0 || string(c.Rubric) == "null" {
		return nil
	}
	return &c
}

// Disagree lists where the rubric's verdict v and the coach's reply r
// judge a STAR part, or the presence of a measure in the result, apart.
func Disagree(v interviewer.Verdict, r CoachReply) []string {
	var out []string
	yes := func(b bool) string {
		if b {
			return "yes"
		}
		return "no"
	}
	for _, p := range []struct {
		name        string
		rubric, llm bool
	}{
		{"situation", v.Situation, r.Situation},
		{"task", v.Task, r.Task},
		{"action", v.Action, r.Action},
		{"result", v.Result, r.Result},
		{"measurable result", len(v.Measures) > 0, r.MeasurableResult},
	} {
		if p.rubric != p.llm {
			out = append(out, fmt.Sprintf("%s: rubric %s, coach %s", p.name, yes(p.rubric), yes(p.llm)))
		}
	}
	return out
}

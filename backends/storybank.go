package backends

import (
	"context"
	"io"
	"path/filepath"

	"github.com/starloop/starloop/prompts"
	"github.com/starloop/starloop/speech/banklm"
	"github.com/starloop/starloop/speech/flite"
	"github.com/starloop/starloop/speech/pocketsphinx"
	"github.com/starloop/starloop/stories"
)

// BankBuilder builds story banks' speech models into the folder lm under
// cacheDir: the stock model and dictionary mixed with the interview
// domain and qbank's questions, new words pronounced by flite's
// letter-to-sound rules when flite has them. Progress lines go to
// notices.
func BankBuilder(cacheDir string, qbank *prompts.Bank, notices io.Writer) *banklm.Builder {
	b := &banklm.Builder{StockLM: pocketsphinx.DefaultLM, Dict: pocketsphinx.DefaultDict,
		CacheDir: filepath.Join(cacheDir, "lm"), Domain: banklm.DomainText() + "\n" + banklm.QuestionText(qbank), Progress: notices}
	if t2p, err := flite.NewLetterToSound(""); err == nil {
		b.Phones = t2p
	}
	return b
}

// StoryModel returns model with the language model of bank (the story
// bank; extra is more personal text, such as a rehearsal script) merged
// into the stock and interview models by b, and its words added to the
// dictionary. With build it builds the model if it is not cached (a batch
// command); without, it takes what is cached and says on notices how to
// build the rest (see banklm.Builder.Pick). When no model serves, model is
// returned as it is.
func StoryModel(ctx context.Context, model pocketsphinx.Config, b *banklm.Builder, bank []stories.Story, qbank *prompts.Bank, extra string, build bool, notices io.Writer) pocketsphinx.Config {
	text := banklm.StoryText(bank, qbank.Name) + "\n" + extra
	m, ok := b.Pick(ctx, text, len(bank), build, notices)
	if !ok {
		return model
	}
	model.LM, model.Dict = m.LM, pocketsphinx.DefaultDict
	model.Words = model.Words[:0:0]
	for _, w := range m.Words {
		model.Words = append(model.Words, pocketsphinx.Pronunciation{Word: w.Word, Phones: w.Phones})
	}
	return model
}

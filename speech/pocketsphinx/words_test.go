package pocketsphinx

import (
	"strings"
	"testing"

	"github.com/starloop/starloop"
)

func TestConfigWords(t *testing.T) {
	r, err := New(Config{Words: []Pronunciation{{"kestrel", "K EH S T R AH L"}, {"sqs", "EH S K Y UW EH S"}}})
	if err != nil {
		t.Fatalf("New with two added words: %v", err)
	}
	r.Close()
	_, err = New(Config{Words: []Pronunciation{{"zorg", "Z QQ R G"}}})
	if !starloop.IsKind(err, starloop.Invalid) || !strings.Contains(err.Error(), "zorg") {
		t.Errorf("New with a phone the model lacks: %v, want an Invalid error naming the word", err)
	}
}

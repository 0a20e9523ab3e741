package backends

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/starloop/starloop/speech/pocketsphinx"
	"github.com/starloop/starloop/stories"
)

// TestStoryModel: a session (no build) with nothing cached keeps its
// model and says how to build the bank's; a batch command builds it into
// the cache, and the next session takes that one.
func TestStoryModel(t *testing.T) {
	if _, err := os.Stat(pocketsphinx.DefaultLM); err != nil {
		t.Skipf("no stock model: %v", err)
	}
	qbank := bank(t)
	data, err := os.ReadFile("../stories/testdata/example.yaml")
	if err != nil {
		t.Fatal(err)
	}
	f := stories.Parse("example.yaml", data, qbank)
	cache := t.TempDir()
	var notices bytes.Buffer
	b := BankBuilder(cache, qbank, &notices)
	base := pocketsphinx.Config{ModelDir: "m", Words: []pocketsphinx.Pronunciation{{Word: "old", Phones: "OW L D"}}}
	ctx := context.Background()
	if got := StoryModel(ctx, base, b, f.Stories, qbank, "", false, &notices); got.LM != "" || len(got.Words) != 1 {
		t.Errorf("nothing cached: %+v, want the model as it was", got)
	}
	if !strings.Contains(notices.String(), "`starloop stories check` builds it") {
		t.Errorf("notices %q: want how to build the bank's model", notices.String())
	}
	if testing.Short() {
		return // building the model takes seconds
	}
	built := StoryModel(ctx, base, b, f.Stories, qbank, "", true, &notices)
	if !strings.HasPrefix(built.LM, filepath.Join(cache, "lm")+string(filepath.Separator)) || built.Dict != pocketsphinx.DefaultDict || built.ModelDir != "m" {
		t.Errorf("built: LM %q, Dict %q, ModelDir %q; want a model in the cache, the stock dictionary, the same acoustic model", built.LM, built.Dict, built.ModelDir)
	}
	for _, w := range built.Words {
		if w.Word == "old" {
			t.Error("the words of the model passed in were kept: the bank's replace them")
		}
	}
	if again := StoryModel(ctx, base, b, f.Stories, qbank, "", false, &notices); again.LM != built.LM {
		t.Errorf("the next session loads %q, want the cached %q", again.LM, built.LM)
	}
}

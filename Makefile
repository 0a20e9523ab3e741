# starloop: `make practice` sets everything up and starts a spoken session;
# `make test` sets everything up and runs the checks CI runs.
GO      ?= go
BIN     := bin/starloop
ARGS    ?=

.PHONY: all deps build practice demo test fmt-check vet staticcheck race unit bench clean model spoken-corpus blind

all: build

deps:
	@scripts/install-deps.sh

build: deps
	$(GO) build -o $(BIN) ./cmd/starloop

practice: build
	$(BIN) practice $(ARGS)

demo: build
	$(BIN) demo $(ARGS)

test: deps fmt-check vet staticcheck race unit

fmt-check:
	@out=$$(gofmt -l $$(git ls-files '*.go' 2>/dev/null || find . -name '*.go')); \
	if [ -n "$$out" ]; then echo "gofmt needed on:"; echo "$$out"; exit 1; fi

vet:
	$(GO) vet ./...

STATICCHECK := $(shell $(GO) env GOPATH)/bin/staticcheck

# Unused code and doc-comment slips.
staticcheck:
	$(STATICCHECK) ./...

# The race detector on the packages that link no C (the interview loop, the
# rubric, sessions, reports, remote backends): about a minute. -short skips
# the rubric's retraining tests, which race nothing and run below.
race:
	$(GO) test -race -short -count=1 -p 1 $$($(GO) list -f '{{.ImportPath}}{{range .Deps}} {{.}}{{end}}' ./... \
		| grep -v 'starloop/audio/portaudio\|starloop/speech/pocketsphinx' | cut -d' ' -f1)

# One package at a time: the spoken tests run in real time on virtual
# devices, and a second package's CPU-heavy tests beside them on a 2-core
# machine can starve the sound server.
unit:
	$(GO) test -count=1 -p 1 -timeout 30m ./...

bench: deps
	$(GO) test -run '^$$' -bench . -benchmem ./...

# The judges' models are data: `make model` retrains them from their labelled
# corpora (rubric/testdata/corpus; the prompt bank and whichlp/testdata/
# train.tsv) and rewrites rubric/model/ and whichlp/model/; a test fails
# when a model and its corpus drift apart.
model:
	cd rubric && $(GO) generate .
	cd whichlp && $(GO) generate .

# The spoken form of every corpus answer (flite voices -> pocketsphinx):
# slow (about 10 s an answer on 2 cores), incremental, and checked in, so
# `make test` never re-synthesises. Run `make model` after it.
spoken-corpus: deps
	$(GO) run ./rubric/internal/speak

# The blind split is scored at checkpoints only, never tuned to.
blind:
	STARLOOP_BLIND=1 $(GO) test -count=1 -run TestBlind -v ./rubric

clean:
	rm -rf bin

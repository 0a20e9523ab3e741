# starloop: `make practice` sets everything up and starts a spoken session;
# `make test` sets everything up and runs the checks CI runs.
GO      ?= go
BIN     := bin/starloop
ARGS    ?=

.PHONY: all deps build practice demo test fmt-check vet staticcheck race unit bench clean

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

# Unused code and doc-comment slips. rubric/ is left out until the judge's
# rewrite drops its unused unitInfo; put it back then.
staticcheck:
	$(STATICCHECK) $$($(GO) list ./... | grep -v '/rubric$$')

# The race detector on the packages that link no C (the interview loop, the
# rubric, sessions, reports, remote backends): about a minute.
race:
	$(GO) test -race -count=1 -p 1 $$($(GO) list -f '{{.ImportPath}}{{range .Deps}} {{.}}{{end}}' ./... \
		| grep -v 'starloop/audio/portaudio\|starloop/speech/pocketsphinx' | cut -d' ' -f1)

# One package at a time: the spoken tests run in real time on virtual
# devices, and a second package's CPU-heavy tests beside them on a 2-core
# machine can starve the sound server.
unit:
	$(GO) test -count=1 -p 1 -timeout 30m ./...

bench: deps
	$(GO) test -run '^$$' -bench . -benchmem ./...

clean:
	rm -rf bin

# starloop: `make practice` sets everything up and starts a spoken session;
# `make test` sets everything up and runs the checks CI runs.
GO      ?= go
BIN     := bin/starloop
ARGS    ?=

.PHONY: all deps build practice demo test fmt-check vet staticcheck race unit unit-devices unit-cpu lanes bench clean model spoken-corpus blind

all: build

deps:
	@scripts/install-deps.sh

build: deps
	$(GO) build -o $(BIN) ./cmd/starloop

practice: build
	$(BIN) practice $(ARGS)

demo: build
	$(BIN) demo $(ARGS)

test: deps fmt-check vet staticcheck lanes

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
unit: unit-devices unit-cpu

# The packages whose tests play and record in real time on virtual devices
# (a private PulseAudio daemon, environment pointed at it).
DEVICE_PKGS := audio/portaudio audio/pulsetest audio/virtual cmd/starloop

unit-devices:
	$(GO) test -count=1 -p 1 -timeout 30m $(addprefix ./,$(DEVICE_PKGS))

unit-cpu:
	$(GO) test -count=1 -p 1 -timeout 30m $$($(GO) list ./... | grep -v -x $(foreach p,$(DEVICE_PKGS),-e '.*/$(p)'))

# What `make test` runs after the static checks: two lanes at once, so
# that it takes as long as the longer lane rather than the sum (about 11
# minutes instead of 20 on 2 cores). The device tests, which mostly wait
# on real time, run at normal priority; the race detector and every other
# package's tests, which are CPU-bound, run beside them only on a core
# that would otherwise idle (SCHED_IDLE, chrt from util-linux, which every
# Debian has), so that they cannot delay the sound server or a capture
# callback: at nice 10 a spoken test once heard its own interviewer with
# enough errors (ALSA xruns in its log) to fail. The CPU lane's output is
# printed whole when both lanes are done; either lane failing fails the
# target.
lanes:
	@cpu=$$(mktemp); \
	chrt --idle 0 $(MAKE) --no-print-directory -k race unit-cpu > $$cpu 2>&1 & pid=$$!; \
	$(MAKE) --no-print-directory unit-devices; dev=$$?; \
	wait $$pid; rc=$$?; cat $$cpu; rm -f $$cpu; \
	echo "device lane: exit $$dev; race and CPU lane: exit $$rc"; \
	[ $$dev -eq 0 ] && [ $$rc -eq 0 ]

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

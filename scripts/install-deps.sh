#!/usr/bin/env bash
# Installs the Debian packages starloop builds, runs and tests with, and the Go
# modules it needs. Idempotent: packages already present are not touched, and
# apt is not called at all when nothing is missing.
set -euo pipefail

packages=(
  pkg-config gcc              # cgo
  libpocketsphinx-dev libsphinxbase-dev pocketsphinx-en-us  # offline speech recognition
  sphinxtrain sphinxbase-utils pocketsphinx  # speaker adaptation (enrol): bw, map_adapt, sphinx_fe, pocketsphinx_mdef_convert
  flite                       # offline interviewer voice
  portaudio19-dev libasound2-dev  # microphone and speaker
  pulseaudio pulseaudio-utils libasound2-plugins  # virtual devices for tests; ALSA -> PulseAudio
  sox                         # test fixtures: resampling, mixing, measuring
  chromium                    # tests: the HTML report opened headless
)

missing=()
for p in "${packages[@]}"; do
  [[ $p == \#* ]] && continue
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$p")
  fi
done

if ((${#missing[@]})); then
  echo "install-deps: installing ${missing[*]}" >&2
  sudo=""
  if [[ $(id -u) != 0 ]]; then
    command -v sudo >/dev/null || { echo "install-deps: need root or sudo to install: ${missing[*]}" >&2; exit 1; }
    sudo="sudo"
  fi
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi

if ! command -v go >/dev/null; then
  echo "install-deps: Go is not on PATH; install Go 1.26 or newer first" >&2
  exit 1
fi
cd "$(dirname "$0")/.."
go mod download

# staticcheck, pinned: make test runs it. A new version is a deliberate
# change here (it may find new things), not whatever is newest today.
staticcheck_version=0.8.2
staticcheck="$(go env GOPATH)/bin/staticcheck"
if ! "$staticcheck" -version 2>/dev/null | grep -qF "($staticcheck_version)"; then
  echo "install-deps: installing staticcheck v$staticcheck_version" >&2
  go install "honnef.co/go/tools/cmd/staticcheck@v$staticcheck_version"
fi

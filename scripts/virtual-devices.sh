#!/usr/bin/env bash
# Starts a private PulseAudio daemon with starloop's virtual devices, the same
# ones audio/pulsetest gives the tests: a speaker (a null sink) and a
# microphone that hears whatever is played into its feed. Nothing touches
# your own sound server or $HOME; everything lives in one folder (mode 0700).
#
#   eval "$(scripts/virtual-devices.sh start)"  # start; point this shell at it
#   scripts/virtual-devices.sh speak FILE.wav   # say FILE into the microphone
#   scripts/virtual-devices.sh record OUT.wav   # record the speaker until Ctrl-C
#   scripts/virtual-devices.sh env              # print the exports again
#   scripts/virtual-devices.sh stop             # stop the daemon, remove the folder
#
# Start it before starloop: ALSA (and so PortAudio) decides whether "default"
# means PulseAudio when it loads. The folder is $STARLOOP_PULSE_DIR, else
# $XDG_RUNTIME_DIR/starloop-pulse, else /tmp/starloop-pulse-$UID.
set -euo pipefail
umask 077 # the folder, its configuration and any recording are private

dir=${STARLOOP_PULSE_DIR:-${XDG_RUNTIME_DIR:-/tmp}/starloop-pulse}
[[ -n ${STARLOOP_PULSE_DIR:-} || -n ${XDG_RUNTIME_DIR:-} ]] || dir=/tmp/starloop-pulse-$UID

speaker=starloop_speaker mic=starloop_mic feed=starloop_mic_feed room=starloop_room

exports() {
  cat <<EOF
export PULSE_SERVER=unix:$dir/native
export PULSE_RUNTIME_PATH=$dir/runtime
export PULSE_STATE_PATH=$dir/state
export PULSE_COOKIE=$dir/cookie
export PULSE_CLIENTCONFIG=$dir/client.conf
export XDG_CONFIG_HOME=$dir/config
export ALSA_CONFIG_PATH=/usr/share/alsa/alsa.conf:$dir/asound.conf
EOF
}

# clean removes the folder, but only if it is one this script made.
clean() {
  [[ -e $dir ]] || return 0
  [[ -f $dir/default.pa ]] || { echo "virtual-devices: $dir was not made by this script; not removing it" >&2; exit 1; }
  rm -rf "$dir"
}

running() { [[ -f $dir/pid ]] && kill -0 "$(cat "$dir/pid")" 2>/dev/null; }

start() {
  command -v pulseaudio >/dev/null || { echo "virtual-devices: pulseaudio is not installed (scripts/install-deps.sh)" >&2; exit 1; }
  if running; then exports; return; fi
  clean
  mkdir -p "$dir" "$dir/runtime" "$dir/state" "$dir/config"
  cat >"$dir/default.pa" <<EOF
load-module module-null-sink sink_name=$speaker rate=48000 channels=2 norewinds=1 sink_properties=device.description=starloop-virtual-speaker
set-default-sink $speaker
load-module module-null-sink sink_name=$room rate=48000 channels=2 norewinds=1 sink_properties=device.description=starloop-silent-room
load-module module-virtual-source source_name=$mic master=$room.monitor uplink_sink=$feed source_properties=device.description=starloop-virtual-microphone
set-default-source $mic
load-module module-native-protocol-unix socket=$dir/native auth-anonymous=1 auth-cookie-enabled=0
EOF
  printf 'daemonize = no\nexit-idle-time = -1\nflat-volumes = no\ndefault-sample-rate = 48000\ndefault-sample-channels = 2\n' >"$dir/daemon.conf"
  printf 'autospawn = no\n' >"$dir/client.conf"
  cat >"$dir/asound.conf" <<EOF
pcm.$mic {
	type asym
	capture.pcm { type pulse device $mic }
	hint { show on description "starloop virtual microphone" }
}
pcm.$speaker {
	type asym
	playback.pcm { type pulse device $speaker }
	hint { show on description "starloop virtual speaker" }
}
EOF
  eval "$(exports)"
  PULSE_CONFIG=$dir/daemon.conf setsid pulseaudio -n --file="$dir/default.pa" --daemonize=no \
    --exit-idle-time=-1 --use-pid-file=no --system=no --log-target=file:"$dir/log" </dev/null >/dev/null 2>&1 &
  echo $! >"$dir/pid"
  for _ in $(seq 500); do
    if pactl info >/dev/null 2>&1; then exports; return; fi
    running || break
    sleep 0.01
  done
  echo "virtual-devices: pulseaudio did not start; see $dir/log" >&2
  exit 1
}

stop() {
  if running; then
    kill "$(cat "$dir/pid")"
    for _ in $(seq 200); do running || break; sleep 0.01; done
  fi
  clean
}

need_running() { running || { echo "virtual-devices: not running; start it first" >&2; exit 1; }; eval "$(exports)"; }

case ${1:-} in
  start) start ;;
  stop) stop ;;
  env) need_running; exports ;;
  speak) need_running; exec paplay --device="$feed" "${2:?usage: $0 speak FILE}" ;;
  record) need_running; exec parec --device="$speaker.monitor" --file-format=wav "${2:?usage: $0 record OUT.wav}" ;;
  *) sed -n '2,16p' "$0" | sed 's/^# \{0,1\}//' >&2; exit 2 ;;
esac

#!/usr/bin/env bash
# System packages taonode needs outside npm:
#   ffmpeg (+ ffprobe) for packages/media — required;
#   chromium for the dashboard's browser test (driven by playwright-core, never a browser download) —
#   optional: without it that one test skips with a message.
# Installs only what is missing, so it is cheap to run on every setup.
# Called by scripts/setup.sh; safe to run by hand.
set -euo pipefail

need_ffmpeg=0
need_chromium=0
if ! command -v ffmpeg >/dev/null 2>&1 || ! command -v ffprobe >/dev/null 2>&1; then need_ffmpeg=1; fi
if [ ! -x /usr/bin/chromium ] && [ "${TAONODE_SKIP_CHROMIUM:-0}" != 1 ]; then need_chromium=1; fi
if [ "$need_ffmpeg" = 0 ] && [ "$need_chromium" = 0 ]; then
  exit 0
fi

sudo_cmd=()
can_apt=0
if command -v apt-get >/dev/null 2>&1; then
  if [ "$(id -u)" -eq 0 ]; then can_apt=1
  elif command -v sudo >/dev/null 2>&1; then sudo_cmd=(sudo); can_apt=1
  fi
fi

apt_updated=0
apt_install() {
  export DEBIAN_FRONTEND=noninteractive
  if [ "$apt_updated" = 0 ]; then "${sudo_cmd[@]}" apt-get update -qq; apt_updated=1; fi
  "${sudo_cmd[@]}" apt-get install -y -qq --no-install-recommends "$@" >/dev/null
}

if [ "$need_ffmpeg" = 1 ]; then
  echo "system-deps: ffmpeg not found; installing it"
  if [ "$can_apt" = 1 ]; then
    apt_install ffmpeg
  elif command -v apt-get >/dev/null 2>&1; then
    echo "system-deps: need root (or sudo) to apt-get install ffmpeg; install it yourself or pass --media.ffmpeg_path" >&2
    exit 1
  elif command -v brew >/dev/null 2>&1; then
    brew install ffmpeg
  else
    echo "system-deps: no apt-get or brew here; install ffmpeg (with ffprobe) yourself or pass --media.ffmpeg_path" >&2
    exit 1
  fi
  ffmpeg -hide_banner -version | head -n 1
fi

if [ "$need_chromium" = 1 ]; then
  if [ "$can_apt" = 1 ]; then
    echo "system-deps: chromium not found; installing Debian's chromium (dashboard browser test)"
    apt_install chromium || echo "system-deps: chromium could not be installed; the dashboard browser test will skip" >&2
  else
    echo "system-deps: no /usr/bin/chromium and no apt-get as root; the dashboard browser test will skip" >&2
  fi
fi

#!/usr/bin/env bash
# System packages taonode needs outside npm: ffmpeg (+ ffprobe) for packages/media.
# Installs only what is missing, so it is cheap to run on every setup.
# Called by scripts/setup.sh; safe to run by hand.
set -euo pipefail

if command -v ffmpeg >/dev/null 2>&1 && command -v ffprobe >/dev/null 2>&1; then
  exit 0
fi

echo "system-deps: ffmpeg not found; installing it"
if command -v apt-get >/dev/null 2>&1; then
  sudo_cmd=()
  if [ "$(id -u)" -ne 0 ]; then
    if command -v sudo >/dev/null 2>&1; then sudo_cmd=(sudo); else
      echo "system-deps: need root (or sudo) to apt-get install ffmpeg; install it yourself or pass --media.ffmpeg_path" >&2
      exit 1
    fi
  fi
  export DEBIAN_FRONTEND=noninteractive
  "${sudo_cmd[@]}" apt-get update -qq
  "${sudo_cmd[@]}" apt-get install -y -qq --no-install-recommends ffmpeg >/dev/null
elif command -v brew >/dev/null 2>&1; then
  brew install ffmpeg
else
  echo "system-deps: no apt-get or brew here; install ffmpeg (with ffprobe) yourself or pass --media.ffmpeg_path" >&2
  exit 1
fi
ffmpeg -hide_banner -version | head -n 1

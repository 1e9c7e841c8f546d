#!/usr/bin/env bash
# Installs the Debian packages the engine builds and tests with, only those missing.
# Runs as root (CI and the dev machines) or through sudo when available.
# --system adds what only the system tests need: Chromium for the web app's browser tests
# and a WebSocket client for the fault matrix (Debian's python3, /usr/bin/python3).
set -euo pipefail
pkgs=(
  build-essential clang libclang-rt-14-dev cmake pkg-config python3 ffmpeg wrk
  libavcodec-dev libavformat-dev libavfilter-dev libavutil-dev libswscale-dev libswresample-dev
  libcairo2-dev libpango1.0-dev libpng-dev fonts-noto-cjk fonts-noto-color-emoji
  libespeak-ng-dev espeak-ng-data flite1-dev
  libfluidsynth-dev fluid-soundfont-gm
  libjansson-dev libcmocka-dev libcurl4-openssl-dev libsqlite3-dev libssl-dev libmicrohttpd-dev
)
[ "${1:-}" = "--system" ] && pkgs+=(chromium python3-websocket)
missing=()
for p in "${pkgs[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
[ ${#missing[@]} -eq 0 ] && exit 0
echo "bootstrap: installing ${missing[*]}"
sudo=""; [ "$(id -u)" -eq 0 ] || sudo="sudo"
export DEBIAN_FRONTEND=noninteractive
$sudo apt-get update -q
$sudo apt-get install -y -q --no-install-recommends "${missing[@]}"

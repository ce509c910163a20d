#!/usr/bin/env bash
# Makes sure a Chromium is there for the browser tests (`npm run test:e2e`): Debian's
# package, installed with apt-get when this runs as root, never a browser download
# (see docs/adr/0028). Elsewhere it says how, and leaves the rest of the setup to go on.
# E2E_CHROMIUM=/path/to/chrome points the tests (and this check) at another binary.
set -euo pipefail

browser="${E2E_CHROMIUM:-/usr/bin/chromium}"
if [ -x "$browser" ]; then
  echo "Chromium found at $browser."
  exit 0
fi

if [ -n "${E2E_CHROMIUM:-}" ]; then
  echo "E2E_CHROMIUM is $E2E_CHROMIUM, which is not an executable file: fix it or unset it." >&2
  exit 1
fi

if [ "$(id -u)" -eq 0 ] && command -v apt-get >/dev/null 2>&1; then
  echo "No Chromium at $browser; installing Debian's chromium and fonts-dejavu ..."
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq chromium fonts-dejavu >/dev/null
  echo "Chromium $("$browser" --version 2>/dev/null | awk '{print $2}') installed at $browser."
  exit 0
fi

cat >&2 <<HOW
No Chromium at $browser: the browser tests (npm run test:e2e) need one; the rest works without.
  Debian/Ubuntu:  sudo apt-get update && sudo apt-get install -y chromium fonts-dejavu
  Elsewhere:      install Chromium or Chrome and set E2E_CHROMIUM=/path/to/the/binary
HOW

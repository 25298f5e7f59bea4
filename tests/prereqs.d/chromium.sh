#!/usr/bin/env bash
# Installs Debian's Chromium for the dashboard's Playwright tests (tests/StageControl.Dashboard.Tests), which drive
# /usr/bin/chromium and never download a browser of their own (PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1).
# Idempotent: returns at once when /usr/bin/chromium is present.
set -euo pipefail
if [ -x /usr/bin/chromium ]; then
  exit 0
fi
sudo=""
if [ "$(id -u)" != "0" ]; then sudo="sudo -n"; fi
export DEBIAN_FRONTEND=noninteractive
$sudo apt-get update -qq
$sudo apt-get install -y -qq --no-install-recommends chromium fonts-liberation >/dev/null
[ -x /usr/bin/chromium ] || { echo "prereqs/chromium: /usr/bin/chromium still missing after installing chromium" >&2; exit 1; }

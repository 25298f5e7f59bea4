#!/usr/bin/env bash
# Installs Debian's liblo-tools (oscsend/oscdump) for the OSC interop test when oscsend is missing.
# Idempotent: returns at once when oscsend is on PATH.
set -euo pipefail
if command -v oscsend >/dev/null 2>&1; then
  exit 0
fi
sudo=""
if [ "$(id -u)" != "0" ]; then sudo="sudo -n"; fi
export DEBIAN_FRONTEND=noninteractive
$sudo apt-get update -qq
$sudo apt-get install -y -qq --no-install-recommends liblo-tools >/dev/null
command -v oscsend >/dev/null 2>&1 || { echo "prereqs/osc: oscsend still missing after installing liblo-tools" >&2; exit 1; }

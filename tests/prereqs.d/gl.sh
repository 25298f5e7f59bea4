#!/usr/bin/env bash
# Installs Debian's EGL (glvnd) and Mesa's DRI drivers, which hold llvmpipe, for the headless render tests
# (StageControl.Render.Tests, stagectl bench render) when either is missing (shared/notes/gl-headless.md §2).
# Idempotent: returns at once when libEGL.so.1 and swrast_dri.so are both present.
set -euo pipefail
have_egl() { ldconfig -p 2>/dev/null | grep -q 'libEGL\.so\.1 ' || ls /usr/lib/*/libEGL.so.1 >/dev/null 2>&1; }
have_llvmpipe() { ls /usr/lib/*/dri/swrast_dri.so >/dev/null 2>&1; }
if have_egl && have_llvmpipe; then
  exit 0
fi
sudo=""
if [ "$(id -u)" != "0" ]; then sudo="sudo -n"; fi
export DEBIAN_FRONTEND=noninteractive
$sudo apt-get update -qq
$sudo apt-get install -y -qq --no-install-recommends libegl1 libgl1-mesa-dri >/dev/null
if ! have_egl || ! have_llvmpipe; then
  echo "prereqs/gl: libEGL.so.1 or swrast_dri.so still missing after installing libegl1 libgl1-mesa-dri" >&2
  exit 1
fi

#!/usr/bin/env bash
# Installs the gRPC interop peers used by tests/StageControl.Rpc.Tests (tests/interop/): Debian's python3-grpcio
# (the python scripts encode their tiny messages by hand, so no protobuf stubs are needed), and @grpc/grpc-js +
# @grpc/proto-loader from npm into tests/interop/node (Debian's nodejs and npm first, when npm is missing).
# Idempotent: does nothing when everything is present.
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)

# The system interpreter, explicitly: a pyenv python3 earlier on PATH cannot see Debian's dist-packages.
if ! /usr/bin/python3 -c 'import grpc' >/dev/null 2>&1; then
  sudo_cmd=""
  if [ "$(id -u)" != "0" ]; then sudo_cmd="sudo"; fi
  export DEBIAN_FRONTEND=noninteractive
  $sudo_cmd apt-get update -qq
  $sudo_cmd apt-get install -y -qq --no-install-recommends python3-grpcio >/dev/null
fi

if [ ! -d "$root/tests/interop/node/node_modules/@grpc/grpc-js" ]; then
  if ! command -v npm >/dev/null 2>&1; then
    sudo_cmd=""
    if [ "$(id -u)" != "0" ]; then sudo_cmd="sudo"; fi
    export DEBIAN_FRONTEND=noninteractive
    $sudo_cmd apt-get update -qq
    $sudo_cmd apt-get install -y -qq --no-install-recommends nodejs npm >/dev/null
  fi
  (cd "$root/tests/interop/node" && npm ci --no-audit --no-fund --loglevel=error)
fi

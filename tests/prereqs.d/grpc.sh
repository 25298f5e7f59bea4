#!/usr/bin/env bash
# Installs the gRPC interop peers used by tests/StageControl.Rpc.Tests (tests/interop/): Debian's python3-grpcio
# with python3-protobuf and python3-grpc-tools (stubs are generated at test time), and @grpc/grpc-js +
# @grpc/proto-loader from npm into tests/interop/node. Idempotent: does nothing when everything is present.
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
    echo "prereqs/grpc: npm is required for the @grpc/grpc-js interop tests (apt-get install nodejs npm)" >&2
    exit 1
  fi
  (cd "$root/tests/interop/node" && npm ci --no-audit --no-fund --loglevel=error)
fi

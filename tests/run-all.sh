#!/usr/bin/env bash
# Runs every StageControl test: installs what is missing, builds the solution in Release (zero warnings
# allowed), runs each test project, and ends with one line `N passed, N failed, N skipped` counted from
# the TRX result files (not from dotnet test's console output). Exits non-zero on any failure.
# Usage: bash tests/run-all.sh [extra dotnet test args, e.g. --filter Category!=Slow]
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$root"

# Prerequisites ---------------------------------------------------------------------------------------
# The .NET 10 SDK is the one prerequisite we cannot install from Debian's archive; everything else the
# tests need is installed here when missing: each script in tests/prereqs.d/ installs one peer (apt or npm
# packages) when it is absent, and is idempotent.
if ! command -v dotnet >/dev/null 2>&1; then
  echo "run-all: the .NET 10 SDK is required (https://learn.microsoft.com/dotnet/core/install/linux-debian)" >&2
  exit 2
fi
for prereq in tests/prereqs.d/*.sh; do
  [ -e "$prereq" ] || continue
  bash "$prereq"
done

results="$root/artifacts/test-results"
rm -rf "$results"; mkdir -p "$results"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1
# The dashboard's Playwright tests drive Debian's chromium (prereqs.d/chromium.sh) and save screenshots beside the TRX
# files; Playwright must never fetch a browser of its own.
export PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 STAGECONTROL_TEST_RESULTS="$results"

# Build: Release, warnings are errors; CS1591 (missing XML doc) is only a warning by design, so count it too.
build_log="$results/build.log"
if ! dotnet build StageControl.sln -c Release -tl:off -nologo -v minimal -clp:Summary >"$build_log" 2>&1; then
  tail -40 "$build_log"
  echo "0 passed, 1 failed"
  exit 1
fi
warnings=$(grep -Eo '^ *[0-9]+ Warning\(s\)' "$build_log" | tail -1 | grep -Eo '[0-9]+' || echo 0)
if [ "${warnings:-0}" != "0" ]; then
  grep -E 'warning [A-Z]+[0-9]+' "$build_log" | sort -u | head -40
  echo "run-all: the Release build has $warnings warning(s); the project keeps zero." >&2
  echo "0 passed, 1 failed"
  exit 1
fi

# Test: one TRX file per test project.
projects=$(find tests -name '*.Tests.csproj' -o -name 'StageControl.IntegrationTests.csproj' | sort)
status=0
expected=0
for p in $projects; do
  expected=$((expected + 1))
  name=$(basename "$p" .csproj)
  echo "== $name"
  if ! dotnet test "$p" -c Release --no-build -nologo \
      --logger "trx;LogFileName=$name.trx" --results-directory "$results" "$@"; then
    status=1
  fi
done

# Count from the TRX <Counters .../> element of each result file.
passed=0; failed=0; skipped=0; found=0
for trx in "$results"/*.trx; do
  [ -e "$trx" ] || continue
  found=$((found + 1))
  counters=$(grep -o '<Counters [^>]*>' "$trx" | head -1)
  get() { echo "$counters" | grep -Eo " $1=\"[0-9]+\"" | grep -Eo '[0-9]+' || echo 0; }
  passed=$((passed + $(get passed)))
  failed=$((failed + $(get failed) + $(get error) + $(get timeout) + $(get aborted)))
  skipped=$((skipped + $(get notExecuted)))
done
if [ "$found" -lt "$expected" ]; then
  echo "run-all: $expected test projects but only $found result files: a test host crashed." >&2
  failed=$((failed + expected - found))
  status=1
fi
[ "$failed" -eq 0 ] || status=1
echo "$passed passed, $failed failed, $skipped skipped"
exit $status

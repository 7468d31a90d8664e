#!/usr/bin/env bash
# Installs what the tests need, builds, runs every suite (.NET and Node), and ends with one line:
#   Tests: N passed, N failed[, N skipped]
# Exits non-zero when anything failed. Safe to run again: installs only what is missing.
set -uo pipefail
cd "$(dirname "$0")"
root=$(pwd)
logs=$(mktemp -d)
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

step() { printf '\n== %s\n' "$*"; }

install_debian_packages() {
  local missing=()
  command -v chromium >/dev/null 2>&1 || missing+=(chromium)
  ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || missing+=(postgresql)
  [ ${#missing[@]} -eq 0 ] && return 0
  step "installing Debian packages: ${missing[*]}"
  if [ "$(id -u)" -ne 0 ]; then
    echo "need root to install ${missing[*]}; tests that use them will fail" >&2
    return 0
  fi
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >"$logs/apt.log" 2>&1 \
    || { tail -20 "$logs/apt.log" >&2; return 1; }
}

install_debian_packages || exit 1

step "npm ci (tests/clients)"
(cd tests/clients && npm ci --no-audit --no-fund --loglevel=error) || exit 1

step "npm ci (bench/peers)"
(cd bench/peers && npm ci --no-audit --no-fund --loglevel=error) || exit 1

step "dotnet build"
dotnet build Chatwire.slnx -c Debug -nologo -v quiet 2>&1 | tee "$logs/build.log" | grep -E "error|Warn|Error" | grep -v "^\s*0 " 
if [ "${PIPESTATUS[0]}" -ne 0 ]; then
  echo "build failed" >&2
  echo "Tests: 0 passed, 1 failed"
  exit 1
fi

passed=0; failed=0; skipped=0

step "dotnet test"
for project in tests/*.Tests/*.csproj; do
  name=$(basename "$project" .csproj)
  dotnet test "$project" --no-build -nologo --logger "console;verbosity=normal" >"$logs/$name.log" 2>&1
  code=$?
  # The VSTest summary block: "Total tests: N", then "Passed: N", "Failed: N", "Skipped: N" lines.
  if ! grep -qE "^Total tests: [0-9]+" "$logs/$name.log"; then
    echo "$name: no test summary (exit $code)"; tail -40 "$logs/$name.log"; failed=$((failed + 1)); continue
  fi
  count() { grep -E "^\s+$1: [0-9]+\s*$" "$logs/$name.log" | tail -1 | grep -oE "[0-9]+" || echo 0; }
  p=$(count Passed); f=$(count Failed); s=$(count Skipped)
  echo "$name: $p passed, $f failed, $s skipped"
  if [ "$f" -ne 0 ] || [ "$code" -ne 0 ]; then
    grep -E "^\s+Failed |Error Message|Assert\.|Expected|Actual" "$logs/$name.log" | head -60
    [ "$f" -eq 0 ] && f=1
  fi
  passed=$((passed + p)); failed=$((failed + f)); skipped=$((skipped + s))
done

step "node --test (tests/clients)"
(cd tests/clients && node --test --test-concurrency=1 --test-reporter=spec --test-reporter-destination=stdout test/) >"$logs/node.log" 2>&1
code=$?
p=$(grep -E "^ℹ pass [0-9]+" "$logs/node.log" | awk '{print $3}'); p=${p:-0}
f=$(grep -E "^ℹ fail [0-9]+" "$logs/node.log" | awk '{print $3}'); f=${f:-0}
s=$(grep -E "^ℹ skipped [0-9]+" "$logs/node.log" | awk '{print $3}'); s=${s:-0}
echo "node: $p passed, $f failed, $s skipped"
if [ "$f" -ne 0 ] || [ "$code" -ne 0 ]; then
  grep -B2 -A25 -E "^✖|failing tests" "$logs/node.log" | head -120
  [ "$f" -eq 0 ] && f=1
fi
passed=$((passed + p)); failed=$((failed + f)); skipped=$((skipped + s))

# Benchmarks are not tests: this only keeps the load generator and the peers working. One short
# smoke run per scenario (a few connections, every target), each counted as one test.
step "bench smoke (one test per scenario; bench/README.md has the real runs)"
for scenario in idle burst paced upstream; do
  timeout 120 dotnet bench/Chatwire.Bench/bin/Debug/net10.0/Chatwire.Bench.dll "$scenario" --smoke >"$logs/bench-$scenario.log" 2>&1
  if [ $? -eq 0 ]; then
    echo "bench $scenario: passed ($(grep -c '^PASS' "$logs/bench-$scenario.log") rows, $(grep -c '^SKIP' "$logs/bench-$scenario.log") skipped)"
    passed=$((passed + 1))
  else
    echo "bench $scenario: FAILED"; tail -30 "$logs/bench-$scenario.log"
    failed=$((failed + 1))
  fi
done

echo
echo "Tests: $passed passed, $failed failed, $skipped skipped"
[ "$failed" -eq 0 ]

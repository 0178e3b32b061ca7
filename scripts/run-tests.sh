#!/usr/bin/env bash
# Runs every test suite of an already built tree: the CTest suites (unit, integration), then
# the browser tests (node's test runner) when tests/browser/ holds any *.test.mjs.
# Every part runs even if an earlier one failed; exits non-zero if any part failed.
# Expects: build/ built (make build), assets copied (make assets); PostgreSQL settings, if any,
# come from the environment (tests/support/with-postgres.sh).
set -euo pipefail
cd "$(dirname "$0")/.."

failed=()

echo "== ctest"
ctest --test-dir build --output-on-failure -j2 || failed+=(ctest)

if [[ -f build-sanitize/CTestTestfile.cmake ]]; then
  echo "== unit tests under AddressSanitizer and UndefinedBehaviorSanitizer"
  ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
    ctest --test-dir build-sanitize -L unit --output-on-failure -j2 || failed+=(sanitizers)
fi

if [[ -n $(find tests/browser -name '*.test.mjs' -print -quit 2>/dev/null) ]]; then
  echo "== browser tests"
  node --test tests/browser/ || failed+=(browser)
else
  echo "== browser tests: none in tests/browser/"
fi

if ((${#failed[@]})); then
  echo "run-tests: FAILED: ${failed[*]}" >&2
  exit 1
fi
echo "run-tests: all parts passed"

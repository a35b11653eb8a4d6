#!/usr/bin/env bash
# `npm test`: every test, in the order a clean clone needs them.
#   1. types (tsc --noEmit)   2. the static site (npm run build)   3. vitest: unit + browser
# Ends with one line "tests: N passed, N failed" (and a non-zero exit on any failure).
set -uo pipefail
cd "$(dirname "$0")/.."
mkdir -p test/.artifacts
status=0

echo "== types: tsc --noEmit"
npx tsc --noEmit || status=1

echo "== build: npm run build"
if ! npm run build > test/.artifacts/build.log 2>&1; then
  tail -40 test/.artifacts/build.log
  echo "the build failed (log: test/.artifacts/build.log)"
  status=1
fi
grep -E "^\s*(└|├|│)" test/.artifacts/build.log | tail -20 || true

echo "== vitest: unit and browser tests"
npx vitest run --reporter=default --reporter=json --outputFile.json=test/.artifacts/vitest.json || status=1

node -e '
const fs = require("fs");
let r = {numPassedTests: 0, numFailedTests: 0, numPendingTests: 0};
try { r = JSON.parse(fs.readFileSync("test/.artifacts/vitest.json", "utf8")); } catch {}
const failed = r.numFailedTests + (process.argv[1] === "1" && r.numFailedTests === 0 ? 1 : 0);
console.log("");
console.log(`tests: ${r.numPassedTests} passed, ${failed} failed` + (r.numPendingTests ? `, ${r.numPendingTests} skipped` : ""));
' "$status"
exit $status

#!/usr/bin/env bash
# `npm test`: every test, in the order a clean clone needs them.
#   1. side by side: types (tsc --noEmit), the static site (npm run build), the unit tests
#   2. the browser tests, alone on the machine (they time the page's main thread) against the site
# Ends with one line "tests: N passed, N failed" (and a non-zero exit on any failure).
set -uo pipefail
cd "$(dirname "$0")/.."
A=test/.artifacts
mkdir -p "$A"
rm -f "$A"/unit.json "$A"/browser.json
status=0

echo "== types (tsc --noEmit), build (npm run build) and unit tests, side by side"
npx tsc --noEmit > "$A/tsc.log" 2>&1 &
tsc=$!
npm run build > "$A/build.log" 2>&1 &
build=$!
npx vitest run --project unit --reporter=default --reporter=json --outputFile.json="$A/unit.json" > "$A/unit.log" 2>&1 &
unit=$!

if wait $tsc; then echo "types: ok"; else cat "$A/tsc.log"; echo "the type check failed"; status=1; fi
if wait $build; then
  grep -E "^\s*(└|├|│)" "$A/build.log" | tail -20 || true
  echo "build: ok"
else
  tail -40 "$A/build.log"
  echo "the build failed (log: $A/build.log)"
  status=1
fi
wait $unit || status=1
cat "$A/unit.log"

echo "== browser tests"
npx vitest run --project browser --reporter=default --reporter=json --outputFile.json="$A/browser.json" || status=1

node -e '
const fs = require("fs");
const total = {passed: 0, failed: 0, skipped: 0};
for (const file of ["unit.json", "browser.json"]) {
  let r = {numPassedTests: 0, numFailedTests: 1, numPendingTests: 0}; // a run that wrote no report failed
  try { r = JSON.parse(fs.readFileSync(`test/.artifacts/${file}`, "utf8")); } catch {}
  total.passed += r.numPassedTests;
  total.failed += r.numFailedTests;
  total.skipped += r.numPendingTests;
}
if (process.argv[1] === "1" && total.failed === 0) total.failed = 1; // the type check or the build
console.log("");
console.log(`tests: ${total.passed} passed, ${total.failed} failed` + (total.skipped ? `, ${total.skipped} skipped` : ""));
' "$status"
exit $status

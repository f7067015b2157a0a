#!/usr/bin/env bash
# The whole suite: unit and HTTP tests on PGlite, the same on PostgreSQL when TEST_DATABASE_URL is
# set, then the browser journeys in Debian's Chromium.
set -euo pipefail
cd "$(dirname "$0")/.."

# Each tier's time, printed at the end (and by .ci/run after it).
times=()
tier() { local name=$1; shift; local t0; t0=$(date +%s); "$@"; times+=("$name: $(( $(date +%s) - t0 )) s"); }
report() { echo "== Tier times"; for line in "${times[@]}"; do echo "   $line"; done; }
trap report EXIT

echo "== Unit and HTTP tests on PGlite"
tier "PGlite" env -u TEST_DATABASE_URL npx vitest run

if [ -n "${TEST_DATABASE_URL:-}" ]; then
  echo "== The same tests on PostgreSQL ($TEST_DATABASE_URL)"
  tier "PostgreSQL" npx vitest run
else
  echo "== PostgreSQL tier not run: set TEST_DATABASE_URL (e.g. postgres://postgres@127.0.0.1:5432/test) to run it"
fi

CHROMIUM="${CHROMIUM_PATH:-/usr/bin/chromium}"
if [ -x "$CHROMIUM" ]; then
  [ -f dist/web/index.html ] || npm run build
  echo "== Browser tests in $CHROMIUM"
  tier "Chromium" npx playwright test
else
  echo "== Browser tier not run: no Chromium at $CHROMIUM (apt-get install -y chromium)"
fi

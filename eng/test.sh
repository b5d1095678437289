#!/usr/bin/env bash
# The test command: compiles and lints the Bicep in infra/ (eng/bicep.sh), starts PostgreSQL and Azurite
# (eng/start-services.sh), runs the whole suite against them, and stops again whatever it had to start
# (OUTREACH_KEEP_SERVICES=1 keeps them running).
# Extra arguments go to `dotnet test` (Microsoft.Testing.Platform with xunit v3), e.g.
#   eng/test.sh --filter-class "Outreach.Functions.Tests.Persistence.*"
# Exit code: non-zero when any test fails or the build breaks.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
cd "$ROOT"

"$ROOT/eng/start-services.sh"
mapfile -t started < <(grep -v '^$' "$STARTED_FILE" || true)
cleanup() {
  if [ ${#started[@]} -gt 0 ] && [ -z "${OUTREACH_KEEP_SERVICES:-}" ]; then
    "$ROOT/eng/stop-services.sh" "${started[@]}" || true
  fi
}
trap cleanup EXIT
# shellcheck disable=SC1090
source "$ENV_FILE"

results="$LOCAL/test-results"
rm -rf "$results"
status=0
bicep=0
"$ROOT/eng/bicep.sh" || bicep=$?
dotnet test --solution "$ROOT/Outreach.sln" \
  --results-directory "$results" \
  --report-xunit-trx \
  "$@" || status=$?

# One plain summary line, summed over the TRX files of every test project.
if compgen -G "$results/*.trx" >/dev/null; then
  read -r passed failed skipped < <(
    grep -ho '<Counters [^>]*>' "$results"/*.trx | awk '
      { for (i = 1; i <= NF; i++) { split($i, kv, "="); gsub(/"/, "", kv[2]); c[kv[1]] += kv[2] } }
      END { printf "%d %d %d\n", c["passed"], c["failed"], c["total"] - c["executed"] }')
  echo "tests: $passed passed, $failed failed, $skipped skipped"
  if [ "$status" -eq 0 ] && [ "$passed" -eq 0 ]; then
    log "no test ran"
    status=1
  fi
else
  log "no test results were written (build failure?)"
  [ "$status" -ne 0 ] || status=1
fi
if [ "$bicep" -ne 0 ]; then
  log "the Bicep in infra/ does not build or lint cleanly"
  [ "$status" -ne 0 ] || status=$bicep
fi
exit "$status"

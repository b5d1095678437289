#!/usr/bin/env bash
# The test command: compiles and lints the Bicep in infra/ (eng/bicep.sh), starts PostgreSQL and Azurite
# (eng/start-services.sh), builds the web console and installs Debian's chromium (eng/web.sh --browser), runs the
# whole suite against them, and stops again whatever it had to start
# (OUTREACH_KEEP_SERVICES=1 keeps them running).
# Extra arguments go to `dotnet test` (Microsoft.Testing.Platform with xunit v3), e.g.
#   eng/test.sh --filter-class "Outreach.Tests.Persistence.*"
# A hung test host cannot eat the run: the platform stops it after OUTREACH_TEST_TIMEOUT (15m), the tests still
# running then count as failed, and a test running for over 2 minutes is named while it runs (xunit.runner.json).
# Exit code: non-zero when any test fails, the run is stopped or crashes, or the build breaks. The last line is
# always `tests: N passed, N failed, N skipped`.
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

# The web console and a browser for its tests (Debian's chromium).
"$ROOT/eng/web.sh" --browser

results="$LOCAL/test-results"
rm -rf "$results"
status=0
bicep=0
"$ROOT/eng/bicep.sh" || bicep=$?
test_timeout="${OUTREACH_TEST_TIMEOUT:-15m}"
dotnet test --solution "$ROOT/Outreach.sln" \
  --results-directory "$results" \
  --report-xunit-trx \
  --timeout "$test_timeout" \
  "$@" || status=$?

# What the platform's exit code means, when it is not a plain "a test failed" (2).
case "$status" in
  0|2) ;;
  3) log "the test run was stopped before it finished (the $test_timeout limit, OUTREACH_TEST_TIMEOUT, or a cancel): tests still running then are reported failed" ;;
  7) log "the test host crashed (exit code 7): the tests it had finished are counted below; look above for the last test it started" ;;
  8) log "no test ran (exit code 8): check the filter" ;;
  *) log "dotnet test ended with exit code $status (see https://aka.ms/testingplatform/exitcodes; a build error is shown above)" ;;
esac

if [ "$bicep" -ne 0 ]; then
  log "the Bicep in infra/ does not build or lint cleanly"
  [ "$status" -ne 0 ] || status=$bicep
fi

# One plain summary line, summed over the TRX files of every test project; it is always the last line.
if compgen -G "$results/*.trx" >/dev/null; then
  read -r passed failed skipped < <(
    grep -ho '<Counters [^>]*>' "$results"/*.trx | awk '
      { for (i = 1; i <= NF; i++) { split($i, kv, "="); gsub(/"/, "", kv[2]); c[kv[1]] += kv[2] } }
      END { printf "%d %d %d\n", c["passed"], c["failed"], c["total"] - c["executed"] }')
  if [ "$status" -eq 0 ] && [ "$passed" -eq 0 ]; then
    log "no test ran"
    status=1
  fi
else
  log "no test results were written: the build failed or the test host died before it could write them (see above)"
  [ "$status" -ne 0 ] || status=1
  passed=0 failed=0 skipped=0
fi
echo "tests: $passed passed, $failed failed, $skipped skipped"
exit "$status"

#!/usr/bin/env bash
# Benchmarks, each against a baseline measured in the same run (never timed unit tests):
#   eng/bench.sh ingest [--rows N] [--runs N]          the CSV importer vs psql \copy of the same rows (target >= 0.5x)
#   eng/bench.sh pipeline [--prospects N] [--latency-ms N]  the pipeline vs the same activity code without the engine (target >= 0.3x)
#   eng/bench.sh providers [--rate R] [--seconds S] [--callers C]  a provider client vs a provider enforcing R req/s
#                                                    (target: successes >= 0.85 R, <= 5% of attempts answered 429)
#   eng/bench.sh api [--prospects N] [--requests N]  GET /api/batches/{id} handler vs SELECT 1, p50/p99 (target p99 <= 5x)
# Starts the local services like eng/test.sh (and stops what it started); uses a throw-away database.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
cd "$ROOT"

build_cli() {
  local out
  out=$(dotnet build "$ROOT/Outreach.Cli" -c Release -v quiet -nologo 2>&1) || { echo "$out" >&2; die "building Outreach.Cli failed"; }
}

what="${1:-}"
case "$what" in
  ingest|pipeline|api|providers) shift ;;
  *) die "usage: eng/bench.sh ingest [--rows N] [--runs N] | pipeline [--prospects N] [--latency-ms N] | providers [--rate R] [--seconds S] [--callers C] | api [--prospects N] [--requests N]" ;;
esac

"$ROOT/eng/start-services.sh"
mapfile -t started < <(grep -v '^$' "$STARTED_FILE" || true)
cleanup() { [ ${#started[@]} -eq 0 ] || [ -n "${OUTREACH_KEEP_SERVICES:-}" ] || "$ROOT/eng/stop-services.sh" "${started[@]}" || true; }
trap cleanup EXIT
# shellcheck disable=SC1090
source "$ENV_FILE"

build_cli
dotnet "$ROOT/Outreach.Cli/bin/Release/net10.0/outreach.dll" bench "$what" "$@"

#!/usr/bin/env bash
# Benchmarks, each against a baseline measured in the same run (never timed unit tests):
#   eng/bench.sh ingest [--rows N] [--runs N]          the CSV importer vs psql \copy of the same rows (target >= 0.5x)
#   eng/bench.sh pipeline [--prospects N] [--latency-ms N]  the pipeline vs the engine's ceiling (target >= 0.5x)
# Starts the local services like eng/test.sh (and stops what it started); uses a throw-away database.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
cd "$ROOT"

what="${1:-}"
case "$what" in
  ingest|pipeline) shift ;;
  providers|api) die "'$what' arrives with its issue; available now: ingest, pipeline" ;;
  *) die "usage: eng/bench.sh ingest [--rows N] [--runs N] | pipeline [--prospects N] [--latency-ms N]" ;;
esac

"$ROOT/eng/start-services.sh"
mapfile -t started < <(grep -v '^$' "$STARTED_FILE" || true)
cleanup() { [ ${#started[@]} -eq 0 ] || [ -n "${OUTREACH_KEEP_SERVICES:-}" ] || "$ROOT/eng/stop-services.sh" "${started[@]}" || true; }
trap cleanup EXIT
# shellcheck disable=SC1090
source "$ENV_FILE"

dotnet build "$ROOT/Outreach.Cli" -c Release -v quiet -nologo >/dev/null
dotnet "$ROOT/Outreach.Cli/bin/Release/net10.0/outreach.dll" bench "$what" "$@"

#!/usr/bin/env bash
# The demo: starts local PostgreSQL and Azurite, applies the migrations, and runs samples/prospects.csv
# through the whole pipeline on the local Durable engine (`outreach run`), with the sample campaign
# (created from samples/campaign.json on the first run). It prints the batch summary, the rejected rows
# and where the results CSV is; it exits non-zero unless the batch ends COMPLETED.
# Running it again does not process the sample twice: the upload is recognised by its content, and the
# demo shows the batch it made the first time. Services stay up; eng/stop-services.sh stops them.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
cd "$ROOT"

"$ROOT/eng/start-services.sh"
# shellcheck disable=SC1090
source "$ENV_FILE"

log "building the outreach command"
dotnet build "$ROOT/Outreach.Cli" -v quiet -nologo >/dev/null
outreach() { dotnet "$ROOT/Outreach.Cli/bin/Debug/net10.0/outreach.dll" "$@"; }

outreach migrate
outreach run samples/prospects.csv --campaign samples/campaign.json --json > "$LOCAL/demo-batch.json"
outreach status "$(sed -n 's/^  "id": "\(.*\)",$/\1/p' "$LOCAL/demo-batch.json")"

status=$(sed -n 's/^  "status": "\(.*\)",$/\1/p' "$LOCAL/demo-batch.json")
if [ "$status" != "COMPLETED" ]; then
  log "the sample batch ended $status, not COMPLETED"
  exit 1
fi
log "done: open the emails in .local/results/, or run \`source .local/services.env\` and explore with psql"

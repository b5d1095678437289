#!/usr/bin/env bash
# The demo command. Today it brings up what the foundation has: local PostgreSQL and Azurite, and the
# schema (outreach migrate). The end-to-end run — `outreach run samples/prospects.csv` producing
# researched emails — arrives with the pipeline; until then this script says so and stops there.
# Services are left running for you to explore; eng/stop-services.sh stops them.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
cd "$ROOT"

"$ROOT/eng/start-services.sh"
# shellcheck disable=SC1090
source "$ENV_FILE"

log "building the outreach command"
dotnet build "$ROOT/Outreach.Cli" -v quiet -nologo >/dev/null
dotnet "$ROOT/Outreach.Cli/bin/Debug/net10.0/outreach.dll" migrate

cat <<TEXT

Outreach is set up locally:
  PostgreSQL  127.0.0.1:${PG_PORT}, database ${PG_DATABASE}, schema migrated
              (source .local/services.env, then psql shows the tables: \\dt)
  Azurite     blob/queue/table on 127.0.0.1:${AZURITE_BLOB_PORT}-${AZURITE_TABLE_PORT}

Not yet: turning samples/prospects.csv into emails. That is \`outreach run\`, which arrives with the
durable pipeline; this demo will run it as soon as it exists.
Stop the services with eng/stop-services.sh.
TEXT

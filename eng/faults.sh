#!/usr/bin/env bash
# The fault-injection run: a real `outreach run` of N prospects (default 3,000) through LinkedIn enrichment
# against a stand-in Enrich Layer that echoes the caller's key in its errors, while
#   1. PostgreSQL is stopped (pg_ctl stop -m fast: sessions end with 57P01) for S seconds (default 20),
#   2. Azurite is stopped for S seconds (the task hub's queues and tables, the upload and results blobs),
#   3. the run gets SIGTERM, and a second `outreach run` of the same file resumes the batch.
# It then checks the batch ended COMPLETED with exact counters and no FAILED prospect, and that the key is
# nowhere: not in any table (pg_dump), not in either run's logs (--verbose), not in Azurite's files (the
# Durable history and queues, the blobs, the results). Prints the figures; exits non-zero on any miss.
#   eng/faults.sh [--prospects N] [--outage-seconds S]
# Uses a database of its own (outreach_faults, recreated) and a task hub of its own; services it started
# are stopped at the end (OUTREACH_KEEP_SERVICES=1 keeps them).
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
cd "$ROOT"

prospects=3000
outage=20
while [ $# -gt 0 ]; do
  case "$1" in
    --prospects) prospects=$2; shift 2 ;;
    --outage-seconds) outage=$2; shift 2 ;;
    *) die "usage: eng/faults.sh [--prospects N] [--outage-seconds S]" ;;
  esac
done

"$ROOT/eng/start-services.sh"
mapfile -t started < <(grep -v '^$' "$STARTED_FILE" || true)
work="$LOCAL/faults"
fake_pid=""
run_pid=""
cleanup() {
  [ -z "$run_pid" ] || kill -KILL "$run_pid" 2>/dev/null || true
  [ -z "$fake_pid" ] || kill -TERM "$fake_pid" 2>/dev/null || true
  [ ${#started[@]} -eq 0 ] || [ -n "${OUTREACH_KEEP_SERVICES:-}" ] || "$ROOT/eng/stop-services.sh" "${started[@]}" || true
}
trap cleanup EXIT
# shellcheck disable=SC1090
source "$ENV_FILE"

log "building the outreach command (Release)"
out=$(dotnet build "$ROOT/Outreach.Cli" -c Release -v quiet -nologo 2>&1) || { echo "$out" >&2; die "building Outreach.Cli failed"; }
cli="$ROOT/Outreach.Cli/bin/Release/net10.0/outreach.dll"
outreach() { dotnet "$cli" "$@"; }
psql_bin="$(pg_bindir)/psql"
[ -x "$psql_bin" ] || die "psql not found"

rm -rf "$work" && mkdir -p "$work"
database=outreach_faults
"$psql_bin" -d postgres -qc "DROP DATABASE IF EXISTS $database WITH (FORCE)" -c "CREATE DATABASE $database" >/dev/null
connection="${ConnectionStrings__Outreach/Database=$PG_DATABASE;/Database=$database;}"
outreach migrate --connection "$connection" >/dev/null
elapsed() { awk -v from="$1" -v to="$2" 'BEGIN { printf "%.1f", to - from }'; }
sql() { "$psql_bin" -d "$database" -tAc "$1" 2>/dev/null; }
progress() { sql "SELECT coalesce(max(generated_emails), 0) FROM batches" || echo 0; }

key="sk-fault-$(head -c 16 /dev/urandom | od -An -tx1 | tr -d ' \n')"
csv="$work/fault-prospects.csv"
awk -v n="$prospects" 'BEGIN {
  print "Email,Full Name,Company,Title,LinkedIn URL"
  for (i = 1; i <= n; i++) printf "p%d@fault.example,Person %d,Company %d,Head of Platform,https://www.linkedin.com/in/fault-person-%d\n", i, i, i % 50, i
}' > "$csv"
# verification off: the stand-in addresses are at a reserved .example domain, which does not exist.
cat > "$work/fault-campaign.json" <<JSON
{"name":"Fault injection","emailSubject":"An idea for {{company}}","prompt":"Offer a short call about cloud costs.",
 "enrichmentFlags":["linkedin"],"requiredEnrichment":[],"verification":"off",
 "service":{"name":"Fault injection service","description":"A two-week cloud cost review.","valueProposition":"Lower cloud bills."}}
JSON

node "$ROOT/eng/tools/fakes/enrichlayer.mjs" "$work/fake.port" &
fake_pid=$!
for _ in $(seq 1 40); do [ -s "$work/fake.port" ] && break; sleep 0.25; done
[ -s "$work/fake.port" ] || die "the stand-in Enrich Layer did not start"

export ConnectionStrings__Outreach="$connection"
export TaskHubName="faults$(date +%s)"
export Providers__Llm=template
export Providers__EnrichLayer__ApiKey="$key"
export Providers__EnrichLayer__BaseUrl="http://127.0.0.1:$(cat "$work/fake.port")/"
export Providers__EnrichLayer__RequestsPerSecond=1000

wait_for() {
  local target=$1
  while [ "$(progress)" -lt "$target" ]; do
    kill -0 "$run_pid" 2>/dev/null || { tail -n 30 "$work/run1.log" >&2; die "outreach run ended before $target emails"; }
    sleep 0.5
  done
}
outage_of() {
  local service=$1
  log "$service: down for ${outage}s at $(progress) emails"
  "$ROOT/eng/stop-services.sh" "$service" 2>&1 | sed 's/^/  /' >&2
  sleep "$outage"
  # Without the run's settings in the environment: start-services.sh would take them as a server to use.
  env -u ConnectionStrings__Outreach -u AzureWebJobsStorage "$ROOT/eng/start-services.sh" 2>&1 | grep -v ready | sed 's/^/  /' >&2
  log "$service: back at $(progress) emails"
}

cd "$work"
start=$(date +%s.%N)
# dotnet itself in the background (not a shell function, which would run in a subshell): SIGTERM must reach it.
dotnet "$cli" run "$csv" --campaign "$work/fault-campaign.json" --verbose > "$work/run1.out" 2> "$work/run1.log" &
run_pid=$!
wait_for $((prospects / 10))
outage_of postgres
wait_for $((prospects * 4 / 10))
outage_of azurite
wait_for $((prospects * 2 / 3))
stopped_at=$(progress)
term=$(date +%s.%N)
kill -TERM "$run_pid"
set +e; wait "$run_pid"; first_exit=$?; set -e
run_pid=""
stop_seconds=$(elapsed "$term" "$(date +%s.%N)")
log "SIGTERM at $stopped_at emails: exit $first_exit after ${stop_seconds}s"

rerun=$(date +%s.%N)
set +e; outreach run "$csv" --campaign "$work/fault-campaign.json" --verbose --json > "$work/run2.json" 2> "$work/run2.log"; second_exit=$?; set -e
end=$(date +%s.%N)

row=$(sql "SELECT status, total_prospects, enriched_prospects, generated_emails, failed_prospects FROM batches")
not_completed=$(sql "SELECT count(*) FROM prospects WHERE status <> 'COMPLETED' OR error_message IS NOT NULL")
emails=$(sql "SELECT count(*) FROM generated_emails")
linkedin=$(sql "SELECT count(*) FROM prospect_enrichments WHERE linkedin_summary IS NOT NULL")
stats=$(curl -s "http://127.0.0.1:$(cat "$work/fake.port")/stats" || echo '{}')
in_tables=$("$(pg_bindir)/pg_dump" -d "$database" --data-only 2>/dev/null | grep -c -- "$key" || true)
in_logs=$(cat "$work/run1.log" "$work/run2.log" "$work/run1.out" "$work/run2.json" | grep -c -- "$key" || true)
in_storage=$( (grep -rl -- "$key" "$LOCAL/azurite" "$work/.local" 2>/dev/null || true) | wc -l)
redacted=$(sql "SELECT count(*) FROM prospect_enrichments WHERE enrichment_data::text LIKE '%[redacted]%'")

cat <<REPORT | tee "$work/figures.txt"
fault-injection run: $prospects prospects, PostgreSQL and Azurite each down ${outage}s, SIGTERM at $stopped_at emails
  first run:  exit $first_exit, stopped ${stop_seconds}s after SIGTERM
  second run: exit $second_exit, $(elapsed "$rerun" "$end")s; whole run $(elapsed "$start" "$end")s
  batch:      $row (status|total|enriched|emails|failed)
  prospects not COMPLETED or with an error: $not_completed; generated_emails rows: $emails; LinkedIn summaries: $linkedin
  stand-in Enrich Layer: $stats (refusals echo the key)
  the key in tables: $in_tables, in logs and output: $in_logs, in Azurite's files and the results: $in_storage; stored provider errors with the key [redacted]: $redacted
REPORT

[ "$first_exit" -eq 130 ] || die "the stopped run exited $first_exit, not 130"
[ "$second_exit" -eq 0 ] || { tail -n 30 "$work/run2.log" >&2; die "the second run exited $second_exit"; }
[ "$row" = "COMPLETED|$prospects|$prospects|$prospects|0" ] || die "the batch is $row"
[ "$not_completed" -eq 0 ] && [ "$emails" -eq "$prospects" ] || die "$not_completed prospects not COMPLETED, $emails emails"
[ "$in_tables" -eq 0 ] && [ "$in_logs" -eq 0 ] && [ "$in_storage" -eq 0 ] || die "the key leaked"
log "passed"

#!/usr/bin/env bash
# Starts the local services Outreach needs, on loopback only, and writes .local/services.env:
#   - PostgreSQL: a cluster of its own in a git-ignored folder on 127.0.0.1:$OUTREACH_PG_PORT (55432),
#     installing Debian's postgresql packages when no server is installed. When ConnectionStrings__Outreach
#     is already set, that server is used instead and nothing is started.
#   - Azurite (blob, queue, table) from the npm devDependency on 127.0.0.1:10000-10002.
#   - dnsmasq (Debian's dnsmasq-base) on 127.0.0.1:$OUTREACH_DNS_PORT (55353), the DNS server the address
#     verification tests query: it answers for *.test only (MX, A and TXT records below) and nothing else.
# Safe to run again: services already running are left alone. eng/stop-services.sh stops them.
#   source .local/services.env   # then: dotnet test, dotnet run --project Outreach.Cli -- migrate, psql …
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

mkdir -p "$LOCAL"
started=()

start_postgres() {
  if [ -n "${ConnectionStrings__Outreach:-}" ]; then
    log "PostgreSQL: using the server in ConnectionStrings__Outreach (not starting one)"
    PG_CONNECTION="$ConnectionStrings__Outreach"
    return
  fi

  local bindir home data password_file
  bindir=$(pg_bindir || true)
  if [ -z "$bindir" ]; then
    log "PostgreSQL: no server installed; installing Debian's postgresql packages"
    apt_install postgresql postgresql-client
    bindir=$(pg_bindir) || die "postgresql installed but initdb not found under /usr/lib/postgresql"
  fi

  home=$(pg_home)
  data="$home/data"
  password_file="$LOCAL/pg-password"
  [ -s "$password_file" ] || (umask 077 && head -c 18 /dev/urandom | base64 | tr -d '/+=' > "$password_file")
  local password
  password=$(cat "$password_file")

  if [ ! -s "$data/PG_VERSION" ]; then
    log "PostgreSQL: initializing a cluster in $data"
    mkdir -p "$home"
    local pwfile="$home/.pwfile"
    (umask 077 && printf '%s\n' "$password" > "$pwfile")
    [ "$(id -u)" -ne 0 ] || chown -R postgres:postgres "$home"
    as_pg_owner "$bindir/initdb" -D "$data" -U "$PG_USER" --pwfile="$pwfile" \
      --auth-local=scram-sha-256 --auth-host=scram-sha-256 -E UTF8 --locale=C.UTF-8 >/dev/null
    rm -f "$pwfile"
  fi

  if as_pg_owner "$bindir/pg_ctl" -D "$data" status >/dev/null 2>&1; then
    log "PostgreSQL: already running on 127.0.0.1:$PG_PORT"
  else
    port_open "$PG_PORT" && die "127.0.0.1:$PG_PORT is taken by another process; set OUTREACH_PG_PORT"
    log "PostgreSQL: starting on 127.0.0.1:$PG_PORT"
    # A throw-away development cluster: durability settings are traded for speed (tests create and
    # drop many databases). Never use these settings for data you care about. pg_stat_statements lets
    # eng/bench.sh count the SQL statements a prospect costs.
    as_pg_owner "$bindir/pg_ctl" -D "$data" -l "$home/postgres.log" -w -t 60 start -o \
      "-p $PG_PORT -c listen_addresses=127.0.0.1 -k $home -c max_connections=300 -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c shared_preload_libraries=pg_stat_statements" >/dev/null \
      || { tail -n 20 "$home/postgres.log" >&2; die "PostgreSQL did not start"; }
    started+=(postgres)
  fi

  export PGPASSWORD="$password"
  if ! "$bindir/psql" -h 127.0.0.1 -p "$PG_PORT" -U "$PG_USER" -d postgres -tAc \
      "SELECT 1 FROM pg_database WHERE datname = '$PG_DATABASE'" | grep -q 1; then
    "$bindir/psql" -h 127.0.0.1 -p "$PG_PORT" -U "$PG_USER" -d postgres -qc "CREATE DATABASE \"$PG_DATABASE\"" >/dev/null
    log "PostgreSQL: created database $PG_DATABASE"
  fi
  PG_CONNECTION="Host=127.0.0.1;Port=$PG_PORT;Database=$PG_DATABASE;Username=$PG_USER;Password=$password"
  PG_PSQL_ENV="export PGHOST=127.0.0.1 PGPORT=$PG_PORT PGUSER=$PG_USER PGDATABASE=$PG_DATABASE PGPASSWORD='$password'"
}

start_azurite() {
  if port_open "$AZURITE_BLOB_PORT"; then
    log "Azurite: something already listens on 127.0.0.1:$AZURITE_BLOB_PORT; using it"
    return
  fi

  if [ ! -x "$ROOT/node_modules/.bin/azurite" ]; then
    log "Azurite: installing the npm devDependency (npm ci)"
    (cd "$ROOT" && npm ci --no-audit --no-fund --loglevel=error >/dev/null)
  fi

  mkdir -p "$LOCAL/azurite"
  log "Azurite: starting on 127.0.0.1:$AZURITE_BLOB_PORT-$AZURITE_TABLE_PORT"
  # setsid + nohup: the emulator outlives this script and the terminal that ran it. --disableTelemetry: by default
  # Azurite traces every request for Microsoft's telemetry and, offline, spools it to disk — a fifth of its CPU under
  # the pipeline (docs/performance.md), and nothing a local run should send anywhere.
  setsid nohup "$ROOT/node_modules/.bin/azurite" \
    --silent --skipApiVersionCheck --loose --disableTelemetry \
    --location "$LOCAL/azurite" \
    --blobHost 127.0.0.1 --blobPort "$AZURITE_BLOB_PORT" \
    --queueHost 127.0.0.1 --queuePort "$AZURITE_QUEUE_PORT" \
    --tableHost 127.0.0.1 --tablePort "$AZURITE_TABLE_PORT" \
    > "$LOCAL/azurite.log" 2>&1 < /dev/null &
  echo $! > "$LOCAL/azurite.pid"
  wait_for_port "$AZURITE_BLOB_PORT" Azurite 60
  wait_for_port "$AZURITE_QUEUE_PORT" Azurite 30
  wait_for_port "$AZURITE_TABLE_PORT" Azurite 30
  started+=(azurite)
}

# The test zone: mx-ok.test has an MX; no-mx.test exists (a TXT record)
# but has no MX; null-mx.test publishes the RFC 7505 null MX; any other *.test name does not exist.
start_dnsmasq() {
  if port_open_udp "$DNS_PORT"; then
    log "dnsmasq: something already answers on 127.0.0.1:$DNS_PORT; using it"
    return
  fi

  if ! command -v dnsmasq >/dev/null && [ ! -x /usr/sbin/dnsmasq ]; then
    log "dnsmasq: not installed; installing Debian's dnsmasq-base"
    apt_install dnsmasq-base
  fi

  local dnsmasq
  dnsmasq=$(command -v dnsmasq || echo /usr/sbin/dnsmasq)
  log "dnsmasq: starting on 127.0.0.1:$DNS_PORT"
  setsid nohup "$dnsmasq" --keep-in-foreground --conf-file=/dev/null --port="$DNS_PORT" --listen-address=127.0.0.1 --bind-interfaces \
    --no-resolv --no-hosts --no-poll --user="$(id -un)" --pid-file= --local=/test/ \
    --mx-host=mx-ok.test,mail.mx-ok.test,10 --address=/mail.mx-ok.test/127.0.0.1 \
    --txt-record=no-mx.test,"v=spf1 -all" --mx-host=null-mx.test,.,0 \
    > "$LOCAL/dnsmasq.log" 2>&1 < /dev/null &
  echo $! > "$LOCAL/dnsmasq.pid"
  for _ in $(seq 1 40); do port_open_udp "$DNS_PORT" && break; sleep 0.25; done
  port_open_udp "$DNS_PORT" || die "dnsmasq did not start (see $LOCAL/dnsmasq.log)"
  started+=(dnsmasq)
}

PG_PSQL_ENV=""
start_postgres
start_azurite
start_dnsmasq

# Azurite's well-known development account key (public, documented by Microsoft; not a secret).
devkey="Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw=="
storage="DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey=$devkey;BlobEndpoint=http://127.0.0.1:$AZURITE_BLOB_PORT/devstoreaccount1;QueueEndpoint=http://127.0.0.1:$AZURITE_QUEUE_PORT/devstoreaccount1;TableEndpoint=http://127.0.0.1:$AZURITE_TABLE_PORT/devstoreaccount1;"

umask 077
{
  echo "# Written by eng/start-services.sh; source it to reach the local services."
  printf 'export ConnectionStrings__Outreach=%q\n' "$PG_CONNECTION"
  printf 'export AzureWebJobsStorage=%q\n' "$storage"
  printf 'export OUTREACH_TEST_DNS=%q\n' "127.0.0.1:$DNS_PORT"
  [ -z "$PG_PSQL_ENV" ] || echo "$PG_PSQL_ENV"
} > "$ENV_FILE"
# What this run started (one per line, possibly none), so eng/test.sh stops only that.
: > "$STARTED_FILE"
for service in "${started[@]}"; do printf '%s\n' "$service" >> "$STARTED_FILE"; done
log "ready: source $ENV_FILE"

#!/usr/bin/env bash
# Stops what eng/start-services.sh started: the local PostgreSQL cluster, Azurite and dnsmasq.
#   eng/stop-services.sh [postgres] [azurite] [dnsmasq]    (all when none is named)
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

# A process that has exited but was not yet reaped by its parent (a zombie) still answers kill -0.
alive() { kill -0 "$1" 2>/dev/null && [ "$(ps -o stat= -p "$1" 2>/dev/null | cut -c1)" != "Z" ]; }

# Stops the process group a pid file names (start-services.sh runs each service under setsid, so it leads one):
# SIGTERM, up to 10 s to go, then SIGKILL.
stop_group() {
  local name=$1 pidfile=$2 pid
  [ -s "$pidfile" ] || return 0
  pid=$(cat "$pidfile")
  if alive "$pid"; then
    kill -TERM -- "-$pid" 2>/dev/null || kill -TERM "$pid" 2>/dev/null || true
    for _ in $(seq 1 40); do alive "$pid" || break; sleep 0.25; done
    if alive "$pid"; then
      log "$name: still running 10s after SIGTERM; killing it"
      kill -KILL -- "-$pid" 2>/dev/null || kill -KILL "$pid" 2>/dev/null || true
      sleep 0.5
    fi
    if alive "$pid"; then
      log "$name: could not stop process $pid"
    else
      log "$name: stopped"
    fi
  fi
  rm -f "$pidfile"
}

which=("$@")
[ ${#which[@]} -gt 0 ] || which=(postgres azurite dnsmasq)

for service in "${which[@]}"; do
  case "$service" in
    postgres)
      bindir=$(pg_bindir || true)
      data="$(pg_home)/data"
      if [ -n "$bindir" ] && [ -s "$data/PG_VERSION" ] && as_pg_owner "$bindir/pg_ctl" -D "$data" status >/dev/null 2>&1; then
        as_pg_owner "$bindir/pg_ctl" -D "$data" -m fast -w stop >/dev/null && log "PostgreSQL: stopped"
      fi
      ;;
    azurite) stop_group Azurite "$LOCAL/azurite.pid" ;;
    dnsmasq) stop_group dnsmasq "$LOCAL/dnsmasq.pid" ;;
    *) die "unknown service '$service' (postgres, azurite, dnsmasq)" ;;
  esac
done

#!/usr/bin/env bash
# Stops what eng/start-services.sh started: the local PostgreSQL cluster, Azurite and dnsmasq.
#   eng/stop-services.sh [postgres] [azurite] [dnsmasq]    (all when none is named)
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

# A process that has exited but was not yet reaped by its parent (a zombie) still answers kill -0.
alive() { kill -0 "$1" 2>/dev/null && [ "$(ps -o stat= -p "$1" 2>/dev/null | cut -c1)" != "Z" ]; }

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
    azurite)
      if [ -s "$LOCAL/azurite.pid" ]; then
        pid=$(cat "$LOCAL/azurite.pid")
        if alive "$pid"; then
          # setsid made the emulator a group leader: stop the whole group, gracefully first.
          kill -TERM -- "-$pid" 2>/dev/null || kill -TERM "$pid" 2>/dev/null || true
          for _ in $(seq 1 40); do alive "$pid" || break; sleep 0.25; done
          if alive "$pid"; then
            log "Azurite: still running 10s after SIGTERM; killing it"
            kill -KILL -- "-$pid" 2>/dev/null || kill -KILL "$pid" 2>/dev/null || true
            sleep 0.5
          fi
          if alive "$pid"; then
            log "Azurite: could not stop process $pid"
          else
            log "Azurite: stopped"
          fi
        fi
        rm -f "$LOCAL/azurite.pid"
      fi
      ;;
    dnsmasq)
      if [ -s "$LOCAL/dnsmasq.pid" ]; then
        pid=$(cat "$LOCAL/dnsmasq.pid")
        if alive "$pid"; then
          kill -TERM -- "-$pid" 2>/dev/null || kill -TERM "$pid" 2>/dev/null || true
          for _ in $(seq 1 20); do alive "$pid" || break; sleep 0.25; done
          alive "$pid" && kill -KILL -- "-$pid" 2>/dev/null || true
          log "dnsmasq: stopped"
        fi
        rm -f "$LOCAL/dnsmasq.pid"
      fi
      ;;
    *) die "unknown service '$service' (postgres, azurite, dnsmasq)" ;;
  esac
done

# Shared by the eng/ scripts: paths, ports and small helpers. Source it; do not run it.
# shellcheck shell=bash

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
LOCAL="$ROOT/.local"
ENV_FILE="$LOCAL/services.env"
STARTED_FILE="$LOCAL/started-services"

PG_PORT="${OUTREACH_PG_PORT:-55432}"
PG_USER="outreach"
PG_DATABASE="${OUTREACH_PG_DATABASE:-outreach}"
AZURITE_BLOB_PORT="${OUTREACH_AZURITE_BLOB_PORT:-10000}"
AZURITE_QUEUE_PORT="${OUTREACH_AZURITE_QUEUE_PORT:-10001}"
AZURITE_TABLE_PORT="${OUTREACH_AZURITE_TABLE_PORT:-10002}"
DNS_PORT="${OUTREACH_DNS_PORT:-55353}"

log() { printf '[%s] %s\n' "$(basename "$0")" "$*" >&2; }
die() { log "error: $*"; exit 1; }

# Installs Debian packages (as root, or through sudo), quietly.
apt_install() {
  local sudo=""
  [ "$(id -u)" -eq 0 ] || sudo="sudo"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "$@" >/dev/null
}

# True when something accepts TCP connections on 127.0.0.1:$1.
port_open() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

# Whether a DNS server answers on UDP 127.0.0.1:$1 (a query for the test zone's mx-ok.test). Node is on every
# machine this project runs on; bash cannot read UDP replies.
port_open_udp() {
  node -e '
    const s = require("dgram").createSocket("udp4");
    const q = Buffer.from("123401000001000000000000056d782d6f6b04746573740000 0f0001".replace(/ /g, ""), "hex");
    const t = setTimeout(() => process.exit(1), 500);
    s.on("message", m => { clearTimeout(t); process.exit(m.readUInt16BE(0) === 0x1234 ? 0 : 1); });
    s.send(q, Number(process.argv[1]), "127.0.0.1");
  ' "$1" 2>/dev/null
}

wait_for_port() {
  local port=$1 what=$2 seconds=${3:-60}
  for ((i = 0; i < seconds * 4; i++)); do
    port_open "$port" && return 0
    sleep 0.25
  done
  die "$what did not open 127.0.0.1:$port within ${seconds}s"
}

# PostgreSQL refuses to run as root; as root, run its tools as the 'postgres' system user.
as_pg_owner() {
  if [ "$(id -u)" -eq 0 ]; then
    runuser -u postgres -- "$@"
  else
    "$@"
  fi
}

# The newest installed PostgreSQL server's bin directory, or nothing.
pg_bindir() {
  local dir
  dir=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
  [ -n "$dir" ] && [ -x "$dir/initdb" ] && printf '%s' "$dir"
}

# Where the cluster lives: .local/pg in the checkout when the postgres user can reach it, else a
# per-checkout folder under /tmp (a checkout under a private home directory is not traversable).
pg_home() {
  if [ "$(id -u)" -ne 0 ] || runuser -u postgres -- test -x "$ROOT" 2>/dev/null; then
    printf '%s' "$LOCAL/pg"
  else
    printf '/tmp/outreach-pg-%s' "$(printf '%s' "$ROOT" | sha256sum | cut -c1-12)"
  fi
}

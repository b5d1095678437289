#!/usr/bin/env bash
# Builds the web console: Outreach.Web (TypeScript, Preact, Vite) into Outreach.Web/dist, which `outreach serve`
# serves at / (and the outreach tool carries as its wwwroot). npm ci runs only when the lock file changed.
# --browser also installs Debian's chromium (/usr/bin/chromium) for the browser tests; no browser is downloaded.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
cd "$ROOT/Outreach.Web"

if [ ! -f node_modules/.package-lock.json ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  log "installing the console's npm packages (npm ci)"
  npm ci --no-audit --no-fund --loglevel=error
fi
log "building the console into Outreach.Web/dist"
npm run build --silent >/dev/null

if [ "${1:-}" = "--browser" ] && [ ! -x /usr/bin/chromium ]; then
  log "chromium: not installed; installing Debian's chromium"
  apt_install chromium
fi

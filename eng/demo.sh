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

# The outreach command, installed like any .NET tool from a package packed from this clone: for this machine's
# platform and ReadyToRun (precompiled, so a read verb costs about half the CPU of the portable package — see
# docs/cli.md), with a version of its own each time so NuGet's cache never hands back an older build. Packing takes a
# couple of minutes; a second run on the same sources keeps the tool it installed.
rid=$(dotnet --info | sed -n 's/^ *RID: *//p' | head -n 1)
[ -n "$rid" ] || die "dotnet --info names no runtime identifier to pack the outreach command for"
state=""
if git -C "$ROOT" rev-parse --is-inside-work-tree >/dev/null 2>&1; then
  state=$( { git -C "$ROOT" rev-parse HEAD; git -C "$ROOT" status --porcelain; git -C "$ROOT" diff HEAD; echo "$rid"; } | sha256sum | cut -c1-16)
fi
if [ -n "$state" ] && [ -x "$LOCAL/bin/outreach" ] && [ "$(cat "$LOCAL/packages/source-state" 2>/dev/null)" = "$state" ]; then
  log "the outreach command in .local/bin was packed from these sources; keeping it"
else
  log "building the web console and the outreach command ($rid, ReadyToRun), and installing it into .local/bin"
  "$ROOT/eng/web.sh"
  version="0.1.0-local.$(date +%Y%m%d%H%M%S)"
  rm -rf "$LOCAL/packages"
  out=$(dotnet pack "$ROOT/Outreach.Cli" -c Release -r "$rid" -p:PublishReadyToRun=true -o "$LOCAL/packages" -p:Version="$version" -v quiet -nologo 2>&1) \
    || { echo "$out" >&2; die "packing the outreach command failed"; }
  dotnet tool uninstall Outreach.Cli --tool-path "$LOCAL/bin" >/dev/null 2>&1 || true
  dotnet tool install Outreach.Cli --tool-path "$LOCAL/bin" --add-source "$LOCAL/packages" --version "$version" --ignore-failed-sources >/dev/null
  [ -z "$state" ] || echo "$state" > "$LOCAL/packages/source-state"
fi
export PATH="$LOCAL/bin:$PATH"

outreach migrate
outreach run samples/prospects.csv --campaign samples/campaign.json --json > "$LOCAL/demo-batch.json"
outreach status "$(sed -n 's/^  "id": "\(.*\)",$/\1/p' "$LOCAL/demo-batch.json")"

status=$(sed -n 's/^  "status": "\(.*\)",$/\1/p' "$LOCAL/demo-batch.json")
if [ "$status" != "COMPLETED" ]; then
  log "the sample batch ended $status, not COMPLETED"
  exit 1
fi
log "done: the emails are in .local/results/. To use the outreach command yourself, and to open the review console:"
log "  export PATH=\"$LOCAL/bin:\$PATH\"; source .local/services.env; outreach batches"
log "  outreach serve        # prints the console's URL (127.0.0.1, with its token)"

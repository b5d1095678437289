#!/usr/bin/env bash
# Compiles and lints every Bicep file under infra/ with the Bicep CLI restored from NuGet
# (Azure.Bicep.CommandLine.linux-x64; no registry, no installer). Fails on any build or lint error
# (infra/bicepconfig.json sets which rules are errors). eng/test.sh runs it first.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
cd "$ROOT"

version=$(sed -n 's/.*Azure.Bicep.CommandLine.linux-x64" Version="\[\(.*\)\]".*/\1/p' eng/tools/bicep/bicep.proj)
out=$(dotnet restore eng/tools/bicep/bicep.proj -nologo -v quiet 2>&1) || { echo "$out" >&2; die "restoring the Bicep CLI failed"; }
packages="${NUGET_PACKAGES:-$HOME/.nuget/packages}"
bicep="$packages/azure.bicep.commandline.linux-x64/$version/tools/bicep"
[ -x "$bicep" ] || chmod +x "$bicep" 2>/dev/null || die "no Bicep CLI at $bicep"

mkdir -p "$LOCAL/bicep"
status=0
while IFS= read -r file; do
  "$bicep" build "$file" --outdir "$LOCAL/bicep" || status=1
  "$bicep" lint "$file" || status=1
done < <(find infra -name '*.bicep' | sort)
[ "$status" -eq 0 ] && log "bicep: $(find infra -name '*.bicep' | wc -l) files built and linted with Bicep $version" || die "bicep: build or lint failed"

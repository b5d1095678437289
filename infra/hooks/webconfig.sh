#!/bin/sh
# Before azd packages the console (service `web`): its /config.json — where the API is and how to sign in — written
# into Outreach.Web/public, which the build copies into dist. Values from the provisioned environment; no secrets.
set -eu
: "${AZURE_FUNCTION_APP_URL:?run azd provision first}" "${ENTRA_API_CLIENT_ID:?run azd provision first}" "${AZURE_TENANT_ID:?run azd provision first}"
dir="$(dirname "$0")/../../Outreach.Web/public"
mkdir -p "$dir"
cat > "$dir/config.json" <<JSON
{"apiBaseUrl": "${AZURE_FUNCTION_APP_URL}", "clientId": "${ENTRA_API_CLIENT_ID}", "tenantId": "${AZURE_TENANT_ID}", "scope": "api://${ENTRA_API_CLIENT_ID}/user_impersonation"}
JSON
echo "webconfig: the console calls ${AZURE_FUNCTION_APP_URL} and signs in with app ${ENTRA_API_CLIENT_ID}"

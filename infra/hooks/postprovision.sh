#!/bin/sh
# After `azd provision`: register the console's address with its sign-in client, then apply the EF Core migrations
# to the new server with `outreach migrate`. Migrations are never applied at app start-up. Needs CLIENT_IP_ADDRESS (this machine's public IP) in the azd environment so
# the PostgreSQL firewall lets it in; without it, run the command printed below from a machine that can connect.
set -eu

# The console's address is known now: it is the sign-in client's one redirect URI (a single-page app, PKCE).
if [ -n "${ENTRA_API_CLIENT_ID:-}" ] && [ -n "${AZURE_STATIC_WEB_APP_URL:-}" ]; then
  object_id=$(az ad app show --id "$ENTRA_API_CLIENT_ID" --query id -o tsv)
  az rest --method PATCH --uri "https://graph.microsoft.com/v1.0/applications/$object_id" --headers "Content-Type=application/json" \
    --body "{\"spa\": {\"redirectUris\": [\"${AZURE_STATIC_WEB_APP_URL}/\"]}}" --output none
  echo "postprovision: the console signs in at ${AZURE_STATIC_WEB_APP_URL}/"
fi

if [ -z "${CLIENT_IP_ADDRESS:-}" ]; then
  echo "postprovision: CLIENT_IP_ADDRESS is not set, so this machine is not allowed through the PostgreSQL firewall."
  echo "postprovision: apply the migrations from a machine that can reach ${POSTGRES_HOST}:"
  echo "  dotnet run --project Outreach.Cli -- migrate --connection \"Host=${POSTGRES_HOST};Database=${POSTGRES_DATABASE};Username=${POSTGRES_ADMIN_LOGIN};Password=...;SSL Mode=Require\""
  exit 0
fi
connection="Host=${POSTGRES_HOST};Port=5432;Database=${POSTGRES_DATABASE};Username=${POSTGRES_ADMIN_LOGIN};Password=${POSTGRES_ADMIN_PASSWORD};SSL Mode=Require"
echo "postprovision: applying migrations to ${POSTGRES_HOST}/${POSTGRES_DATABASE}"
dotnet run --project Outreach.Cli -c Release -- migrate --connection "$connection"

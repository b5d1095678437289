#!/bin/sh
# Before `azd provision`: the Entra ID app registration that is the API — and the console's sign-in client — made or
# brought up to date, so App Service authentication on the Function App has an audience to validate. It gets the
# identifier api://{appId}, v2 access tokens, one delegated scope (user_impersonation, what the console asks for),
# the app role Outreach.User (what the API requires, Access__RequiredRole) assigned to the deploying principal, and a
# service principal. Idempotent: a re-run finds the registration by ENTRA_API_CLIENT_ID (or its display name), keeps the
# scope's and the role's ids, and assigns the role once. Needs rights to create app registrations in the tenant.
set -eu
name="outreach-${AZURE_ENV_NAME}"
graph="https://graph.microsoft.com/v1.0"

new_id() { cat /proc/sys/kernel/random/uuid 2>/dev/null || uuidgen | tr 'A-Z' 'a-z'; }

app_id="${ENTRA_API_CLIENT_ID:-}"
[ -n "$app_id" ] || app_id=$(az ad app list --display-name "$name" --query "[0].appId" -o tsv)
if [ -z "$app_id" ]; then
  app_id=$(az ad app create --display-name "$name" --sign-in-audience AzureADMyOrg --query appId -o tsv)
  echo "preprovision: created the app registration $name ($app_id)"
else
  echo "preprovision: updating the app registration $name ($app_id)"
fi
object_id=$(az ad app show --id "$app_id" --query id -o tsv)

# The ids of an existing scope and role are kept: Graph refuses to replace an enabled scope with another id.
scope_id=$(az ad app show --id "$app_id" --query "api.oauth2PermissionScopes[?value=='user_impersonation'].id | [0]" -o tsv)
[ -n "$scope_id" ] || scope_id=$(new_id)
role_id=$(az ad app show --id "$app_id" --query "appRoles[?value=='Outreach.User'].id | [0]" -o tsv)
[ -n "$role_id" ] || role_id=$(new_id)

az rest --method PATCH --uri "$graph/applications/$object_id" --headers "Content-Type=application/json" --body "{
  \"identifierUris\": [\"api://$app_id\"],
  \"api\": {
    \"requestedAccessTokenVersion\": 2,
    \"oauth2PermissionScopes\": [{
      \"id\": \"$scope_id\", \"value\": \"user_impersonation\", \"type\": \"User\", \"isEnabled\": true,
      \"adminConsentDisplayName\": \"Use Outreach\", \"adminConsentDescription\": \"Lets the Outreach console call the Outreach API as the signed-in user.\",
      \"userConsentDisplayName\": \"Use Outreach\", \"userConsentDescription\": \"Lets the Outreach console call the Outreach API as you.\"
    }]
  },
  \"appRoles\": [{
    \"id\": \"$role_id\", \"value\": \"Outreach.User\", \"allowedMemberTypes\": [\"User\", \"Application\"], \"isEnabled\": true,
    \"displayName\": \"Outreach user\", \"description\": \"May use the Outreach console and API.\"
  }]
}" --output none

# Scripts get tokens for the API with the Azure CLI (README, HTTP API): it is pre-authorized for the scope, so no consent
# prompt stands in the way. A second PATCH, once the scope exists.
az rest --method PATCH --uri "$graph/applications/$object_id" --headers "Content-Type=application/json" --body "{
  \"api\": {\"preAuthorizedApplications\": [{\"appId\": \"04b07795-8ddb-461a-bbee-02f9e1bf7b46\", \"delegatedPermissionIds\": [\"$scope_id\"]}]}
}" --output none

sp_id=$(az ad sp show --id "$app_id" --query id -o tsv 2>/dev/null || true)
[ -n "$sp_id" ] || sp_id=$(az ad sp create --id "$app_id" --query id -o tsv)

if [ -n "${AZURE_PRINCIPAL_ID:-}" ]; then
  assigned=$(az rest --method GET --uri "$graph/servicePrincipals/$sp_id/appRoleAssignedTo" \
    --query "length(value[?principalId=='$AZURE_PRINCIPAL_ID' && appRoleId=='$role_id'])" -o tsv)
  if [ "$assigned" = "0" ]; then
    az rest --method POST --uri "$graph/servicePrincipals/$sp_id/appRoleAssignedTo" --headers "Content-Type=application/json" \
      --body "{\"principalId\": \"$AZURE_PRINCIPAL_ID\", \"resourceId\": \"$sp_id\", \"appRoleId\": \"$role_id\"}" --output none
    echo "preprovision: gave $AZURE_PRINCIPAL_ID the role Outreach.User"
  fi
fi

azd env set ENTRA_API_CLIENT_ID "$app_id"
echo "preprovision: ENTRA_API_CLIENT_ID=$app_id (assign Outreach.User to each person who uses the console)"

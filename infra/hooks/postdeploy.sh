#!/bin/sh
# After `azd deploy`: subscribe CsvUploadTrigger to BlobCreated events of prospect-uploads. Flex Consumption only
# runs Event Grid-sourced blob triggers, and the webhook needs the app's blobs_extension system key, which exists
# once the code is deployed — hence a hook rather than Bicep.
#
# Filters: the subscription takes BlobCreated events of .csv blobs in prospect-uploads. Event Grid's filters (a subject
# prefix and suffix; advanced filters that compare whole strings, prefixes, suffixes or substrings — no patterns)
# cannot tell a blob at the container's root (prospect-uploads/x.csv) from one in a campaign folder
# (prospect-uploads/{campaign}/x.csv), so root-level blobs are delivered too: the app records each as a FAILED upload
# naming the folder to use, and ignores a blob of any other container (BlobUploadProcessor).
#
# Undeliverable events: Event Grid retries a delivery for up to 24 hours (30 attempts), then writes the event as a
# blob into the dead-letter container, with the system topic's managed identity (infra/modules/eventgrid.bicep).
#
# Re-runs: the hook says whether the subscription exists, then creates it or updates it in place — the CLI's create
# is a PUT of the whole subscription, so a re-run replaces every setting with the ones below and touches nothing else.
set -eu
rg="${AZURE_RESOURCE_GROUP:?run azd provision first}"
app="${AZURE_FUNCTION_APP_NAME:?run azd provision first}"
topic="${AZURE_EVENTGRID_TOPIC_NAME:?run azd provision first}"
storage_id="${AZURE_STORAGE_ACCOUNT_ID:?run azd provision first}"
deadletter_container="${AZURE_EVENTGRID_DEADLETTER_CONTAINER:?run azd provision first}"
subscription=csv-uploads

# The app's own host name (a deployment output): Flex Consumption apps do not all live at {name}.azurewebsites.net.
app_url="${AZURE_FUNCTION_APP_URL:-}"
if [ -z "$app_url" ]; then
  app_url="https://$(az functionapp show -g "$rg" -n "$app" --query defaultHostName -o tsv)"
fi
app_url="${app_url%/}"

key=""
for attempt in 1 2 3 4 5 6; do
  key=$(az functionapp keys list -g "$rg" -n "$app" --query "systemKeys.blobs_extension" -o tsv 2>/dev/null || true)
  [ -n "$key" ] && break
  echo "postdeploy: waiting for the blobs_extension key (attempt $attempt)"
  sleep 10
done
if [ -z "$key" ]; then
  echo "postdeploy: the app has no blobs_extension key yet; run this hook again once the app has started (azd hooks run postdeploy)" >&2
  exit 1
fi

if az eventgrid system-topic event-subscription show --name "$subscription" -g "$rg" --system-topic-name "$topic" --query name -o tsv >/dev/null 2>&1; then
  echo "postdeploy: updating the $subscription subscription of $topic in place"
else
  echo "postdeploy: creating the $subscription subscription of $topic"
fi

# The endpoint carries the system key: it goes to az as an argument and is never printed.
az eventgrid system-topic event-subscription create \
  --name "$subscription" \
  --resource-group "$rg" \
  --system-topic-name "$topic" \
  --endpoint-type webhook \
  --endpoint "${app_url}/runtime/webhooks/blobs?functionName=Host.Functions.CsvUploadTrigger&code=${key}" \
  --included-event-types Microsoft.Storage.BlobCreated \
  --subject-begins-with /blobServices/default/containers/prospect-uploads/blobs/ \
  --subject-ends-with .csv \
  --max-delivery-attempts 30 \
  --event-ttl 1440 \
  --deadletter-identity systemassigned \
  --deadletter-identity-endpoint "${storage_id}/blobServices/default/containers/${deadletter_container}" \
  --output none
echo "postdeploy: blob uploads to prospect-uploads now reach ${app_url}; events undeliverable for 24 hours land in ${deadletter_container}"

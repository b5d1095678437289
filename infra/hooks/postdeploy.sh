#!/bin/sh
# After `azd deploy`: subscribe CsvUploadTrigger to BlobCreated events of prospect-uploads. Flex Consumption only
# runs Event Grid-sourced blob triggers, and the webhook needs the app's blobs_extension system key, which exists
# once the code is deployed — hence a hook rather than Bicep. Idempotent: the subscription is created or updated.
set -eu
rg="${AZURE_RESOURCE_GROUP}"
app="${AZURE_FUNCTION_APP_NAME}"
topic="${AZURE_EVENTGRID_TOPIC_NAME}"
key=""
for attempt in 1 2 3 4 5 6; do
  key=$(az functionapp keys list -g "$rg" -n "$app" --query "systemKeys.blobs_extension" -o tsv 2>/dev/null || true)
  [ -n "$key" ] && break
  echo "postdeploy: waiting for the blobs_extension key (attempt $attempt)"
  sleep 10
done
if [ -z "$key" ]; then
  echo "postdeploy: the app has no blobs_extension key yet; run this hook again once the app has started" >&2
  exit 1
fi
endpoint="https://${app}.azurewebsites.net/runtime/webhooks/blobs?functionName=Host.Functions.CsvUploadTrigger&code=${key}"
az eventgrid system-topic event-subscription create \
  --name csv-uploads \
  --resource-group "$rg" \
  --system-topic-name "$topic" \
  --endpoint-type webhook \
  --endpoint "$endpoint" \
  --included-event-types Microsoft.Storage.BlobCreated \
  --subject-begins-with /blobServices/default/containers/prospect-uploads/blobs/ \
  --subject-ends-with .csv \
  --max-delivery-attempts 30 \
  --event-ttl 1440 \
  --output none
echo "postdeploy: blob uploads to prospect-uploads now reach CsvUploadTrigger"

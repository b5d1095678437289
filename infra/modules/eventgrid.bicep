// The Event Grid system topic on the storage account. The subscription that delivers BlobCreated events for
// prospect-uploads to the CsvUploadTrigger webhook needs the app's blobs_extension system key, which exists only
// once the code is deployed: infra/hooks/postdeploy.sh creates it after `azd deploy`.
param name string
param location string
param tags object
param storageAccountName string

resource storage 'Microsoft.Storage/storageAccounts@2023-05-01' existing = {
  name: storageAccountName
}

resource topic 'Microsoft.EventGrid/systemTopics@2024-06-01-preview' = {
  name: name
  location: location
  tags: tags
  properties: {
    source: storage.id
    topicType: 'Microsoft.Storage.StorageAccounts'
  }
}

output name string = topic.name

// The app's user-assigned identity: Flex Consumption uses it for the deployment container, AzureWebJobsStorage,
// Key Vault references and Application Insights, so no keys or connection strings with secrets are needed.
param name string
param location string
param tags object

resource identity 'Microsoft.ManagedIdentity/userAssignedIdentities@2023-01-31' = {
  name: name
  location: location
  tags: tags
}

output id string = identity.id
output clientId string = identity.properties.clientId
output principalId string = identity.properties.principalId

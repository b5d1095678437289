// The Function App on Flex Consumption (.NET 10 isolated) with the user-assigned identity for everything:
// the deployment package container, AzureWebJobsStorage (identity-based), Key Vault references and telemetry.
param name string
param planName string
param location string
param tags object
param identityId string
param identityClientId string
param storageAccountName string
param storageBlobEndpoint string
param deploymentContainerName string
param appInsightsConnectionString string
param keyVaultUri string

@description('App setting → Key Vault secret name, for the settings that hold secrets.')
param keyVaultSettings array

@description('Further app settings (non-secret), e.g. the Azure OpenAI endpoint and deployment.')
param extraSettings object = {}

param maximumInstanceCount int
param instanceMemoryMB int = 2048

resource plan 'Microsoft.Web/serverfarms@2024-04-01' = {
  name: planName
  location: location
  tags: tags
  kind: 'functionapp'
  sku: {
    tier: 'FlexConsumption'
    name: 'FC1'
  }
  properties: {
    reserved: true
  }
}

resource app 'Microsoft.Web/sites@2024-04-01' = {
  name: name
  location: location
  tags: union(tags, { 'azd-service-name': 'api' })
  kind: 'functionapp,linux'
  identity: {
    type: 'UserAssigned'
    userAssignedIdentities: { '${identityId}': {} }
  }
  properties: {
    serverFarmId: plan.id
    httpsOnly: true
    keyVaultReferenceIdentity: identityId
    siteConfig: {
      minTlsVersion: '1.2'
      ftpsState: 'Disabled'
    }
    functionAppConfig: {
      deployment: {
        storage: {
          type: 'blobContainer'
          value: '${storageBlobEndpoint}${deploymentContainerName}'
          authentication: {
            type: 'UserAssignedIdentity'
            userAssignedIdentityResourceId: identityId
          }
        }
      }
      scaleAndConcurrency: {
        maximumInstanceCount: maximumInstanceCount
        instanceMemoryMB: instanceMemoryMB
      }
      runtime: {
        name: 'dotnet-isolated'
        version: '10.0'
      }
    }
  }
}

var secretSettings = toObject(keyVaultSettings, s => s.setting, s => '@Microsoft.KeyVault(SecretUri=${keyVaultUri}secrets/${s.secret}/)')

resource settings 'Microsoft.Web/sites/config@2024-04-01' = {
  parent: app
  name: 'appsettings'
  properties: union(secretSettings, extraSettings, {
    // DefaultAzureCredential (Azure OpenAI, keyless) signs in as this user-assigned identity.
    AZURE_CLIENT_ID: identityClientId
    AzureWebJobsStorage__accountName: storageAccountName
    AzureWebJobsStorage__credential: 'managedidentity'
    AzureWebJobsStorage__clientId: identityClientId
    APPLICATIONINSIGHTS_CONNECTION_STRING: appInsightsConnectionString
    APPLICATIONINSIGHTS_AUTHENTICATION_STRING: 'ClientId=${identityClientId};Authorization=AAD'
    TaskHubName: 'outreach'
    // Flex Consumption takes blob events from Event Grid; the container-scan trigger is for Azurite only.
    'AzureWebJobs.CsvUploadLocalTrigger.Disabled': 'true'
    Pipeline__ChunkSize: '500'
    Pipeline__MaxChunksInFlight: '4'
  })
}

output name string = app.name
output url string = 'https://${app.properties.defaultHostName}'

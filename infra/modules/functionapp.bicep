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

@description('Application (client) id of the Entra app registration that is this API (infra/hooks/preprovision.sh makes it).')
param apiClientId string

@description('The app role every caller must hold (Access__RequiredRole).')
param requiredRole string

@description('Origins allowed to call the API from a browser: the console\'s Static Web App.')
param allowedOrigins array

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
      // The console calls from its own origin with a bearer token (no cookies).
      cors: {
        allowedOrigins: allowedOrigins
        supportCredentials: false
      }
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
    // A chunk's prospects in flight: enough that one batch (4 chunks) fills every instance's 16 activity slots
    // (host.json maxConcurrentActivityFunctions), since instances are added by the work-item queue's length.
    Pipeline__MaxProspectsInFlightPerChunk: string(max(16, maximumInstanceCount * 16 / 4))
    // Every HTTP function is anonymous to the host; App Service authentication (below) and this role guard them.
    Access__RequiredRole: requiredRole
  })
}

// App Service authentication: every request needs a valid Entra ID token for this API (the console sends the signed-in
// user's); none gets a login redirect (an API answers 401). Open: the health probe, and the blob extension's webhook,
// which Event Grid calls with the system key (infra/hooks/postdeploy.sh).
resource auth 'Microsoft.Web/sites/config@2024-04-01' = {
  parent: app
  name: 'authsettingsV2'
  properties: {
    platform: {
      enabled: true
    }
    globalValidation: {
      requireAuthentication: true
      unauthenticatedClientAction: 'Return401'
      excludedPaths: [
        '/api/health'
        '/runtime/webhooks/blobs'
      ]
    }
    httpSettings: {
      requireHttps: true
    }
    identityProviders: {
      azureActiveDirectory: {
        enabled: true
        registration: {
          clientId: apiClientId
          openIdIssuer: '${environment().authentication.loginEndpoint}${tenant().tenantId}/v2.0'
        }
        validation: {
          allowedAudiences: [
            'api://${apiClientId}'
            apiClientId
          ]
        }
      }
    }
    login: {
      tokenStore: {
        enabled: false
      }
    }
  }
}

output name string = app.name
output url string = 'https://${app.properties.defaultHostName}'

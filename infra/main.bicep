// Outreach on Azure: a Flex Consumption Function App (.NET 10 isolated) with a user-assigned identity, Storage
// without shared keys, PostgreSQL Flexible Server, Key Vault for provider keys and the database connection
// string, Application Insights on Log Analytics, the Event Grid system topic the Flex blob trigger needs, and the
// console as a Static Web App whose users sign in with Entra ID (App Service authentication on the Function App).
// Local modules only (no registry), so `bicep build` runs offline and the whole review is in this folder.
targetScope = 'subscription'

@minLength(1)
@maxLength(40)
@description('azd environment name; names and tags derive from it.')
param environmentName string

@minLength(1)
@description('Region for every resource.')
param location string

@description('Object id of the deploying user or principal: gets blob upload and Key Vault secret rights for operations.')
param principalId string = ''

@description('Type of principalId.')
@allowed(['User', 'ServicePrincipal'])
param principalType string = 'User'

@description('PostgreSQL administrator login.')
param postgresAdminLogin string = 'outreachadmin'

@secure()
@description('PostgreSQL administrator password (azd env set POSTGRES_ADMIN_PASSWORD ...). Stored in Key Vault inside the app\'s connection string.')
param postgresAdminPassword string

@description('Public IPv4 address allowed through the PostgreSQL firewall for `outreach migrate` from the deploying machine; empty for none.')
param clientIpAddress string = ''

@secure()
@description('OpenAI API key (optional).')
param openAIApiKey string = ''

@secure()
@description('OpenRouter API key (optional).')
param openRouterApiKey string = ''

@secure()
@description('Gemini API key (optional).')
param geminiApiKey string = ''

@secure()
@description('Enrich Layer API key (optional).')
param enrichLayerApiKey string = ''

@secure()
@description('Firecrawl API key (optional).')
param firecrawlApiKey string = ''

@secure()
@description('BuiltWith API key (optional).')
param builtWithApiKey string = ''

@description('Deploy an Azure OpenAI account and model deployment that the app calls with its managed identity (no key); Providers__Llm=auto then picks it.')
param deployAzureOpenAI bool = false

@description('The Azure OpenAI model to deploy when deployAzureOpenAI is true.')
param azureOpenAIModel string = 'gpt-4o-mini'

@description('The model version to deploy.')
param azureOpenAIModelVersion string = '2024-07-18'

@description('Deployment capacity in thousands of tokens per minute.')
@minValue(1)
param azureOpenAICapacity int = 30

@description('Most instances the Function App scales out to; bounds connections to PostgreSQL (see README, Scaling).')
@minValue(1)
@maxValue(1000)
param maximumInstanceCount int = 20

@minLength(36)
@description('Application (client) id of the API\'s Entra app registration; infra/hooks/preprovision.sh creates it and sets ENTRA_API_CLIENT_ID.')
param entraApiClientId string

@description('Region of the console\'s Static Web App (a region Static Web Apps offers).')
@allowed(['westus2', 'centralus', 'eastus2', 'westeurope', 'eastasia'])
param staticWebAppLocation string = 'westeurope'

var abbrs = loadJsonContent('abbreviations.json')
var token = toLower(uniqueString(subscription().id, environmentName, location))
var tags = { 'azd-env-name': environmentName }
var appName = '${abbrs.functionApp}${token}'

resource rg 'Microsoft.Resources/resourceGroups@2024-03-01' = {
  name: '${abbrs.resourceGroup}${environmentName}'
  location: location
  tags: tags
}

module identity 'modules/identity.bicep' = {
  name: 'identity'
  scope: rg
  params: {
    name: '${abbrs.identity}${token}'
    location: location
    tags: tags
  }
}

module monitoring 'modules/monitoring.bicep' = {
  name: 'monitoring'
  scope: rg
  params: {
    logAnalyticsName: '${abbrs.logAnalytics}${token}'
    appInsightsName: '${abbrs.appInsights}${token}'
    location: location
    tags: tags
  }
}

module storage 'modules/storage.bicep' = {
  name: 'storage'
  scope: rg
  params: {
    name: '${abbrs.storageAccount}${token}'
    location: location
    tags: tags
    deploymentContainerName: 'app-package-${take(appName, 32)}'
  }
}

module database 'modules/postgres.bicep' = {
  name: 'postgres'
  scope: rg
  params: {
    name: '${abbrs.postgres}${token}'
    location: location
    tags: tags
    administratorLogin: postgresAdminLogin
    administratorPassword: postgresAdminPassword
    clientIpAddress: clientIpAddress
  }
}

// Secrets go to Key Vault only; the app reads them through Key Vault references with its identity.
var secretValues = {
  'outreach-db': 'Host=${database.outputs.host};Port=5432;Database=${database.outputs.databaseName};Username=${postgresAdminLogin};Password=${postgresAdminPassword};SSL Mode=Require;Maximum Pool Size=20'
  'openai-api-key': openAIApiKey
  'openrouter-api-key': openRouterApiKey
  'gemini-api-key': geminiApiKey
  'enrichlayer-api-key': enrichLayerApiKey
  'firecrawl-api-key': firecrawlApiKey
  'builtwith-api-key': builtWithApiKey
}

// Only keys that were given become settings: a missing key leaves its provider "not configured".
var keyVaultSettings = concat(
  [{ setting: 'ConnectionStrings__Outreach', secret: 'outreach-db' }],
  empty(openAIApiKey) ? [] : [{ setting: 'Providers__OpenAI__ApiKey', secret: 'openai-api-key' }],
  empty(openRouterApiKey) ? [] : [{ setting: 'Providers__OpenRouter__ApiKey', secret: 'openrouter-api-key' }],
  empty(geminiApiKey) ? [] : [{ setting: 'Providers__Gemini__ApiKey', secret: 'gemini-api-key' }],
  empty(enrichLayerApiKey) ? [] : [{ setting: 'Providers__EnrichLayer__ApiKey', secret: 'enrichlayer-api-key' }],
  empty(firecrawlApiKey) ? [] : [{ setting: 'Providers__Firecrawl__ApiKey', secret: 'firecrawl-api-key' }],
  empty(builtWithApiKey) ? [] : [{ setting: 'Providers__BuiltWith__ApiKey', secret: 'builtwith-api-key' }]
)

module vault 'modules/keyvault.bicep' = {
  name: 'keyvault'
  scope: rg
  params: {
    name: '${abbrs.keyVault}${token}'
    location: location
    tags: tags
    secrets: secretValues
  }
}

module roles 'modules/roles.bicep' = {
  name: 'roles'
  scope: rg
  params: {
    storageAccountName: storage.outputs.name
    keyVaultName: vault.outputs.name
    appInsightsName: monitoring.outputs.appInsightsName
    identityPrincipalId: identity.outputs.principalId
    principalId: principalId
    principalType: principalType
  }
}

module openai 'modules/openai.bicep' = if (deployAzureOpenAI) {
  name: 'openai'
  scope: rg
  params: {
    name: '${abbrs.openAi}${token}'
    location: location
    tags: tags
    deploymentName: azureOpenAIModel
    modelName: azureOpenAIModel
    modelVersion: azureOpenAIModelVersion
    capacity: azureOpenAICapacity
    identityPrincipalId: identity.outputs.principalId
  }
}

// DefaultAzureCredential picks the user-assigned identity by AZURE_CLIENT_ID.
var openAiSettings = deployAzureOpenAI ? {
  Providers__AzureOpenAI__BaseUrl: openai!.outputs.endpoint
  Providers__AzureOpenAI__Model: openai!.outputs.deploymentName
} : {}

module web 'modules/staticwebapp.bicep' = {
  name: 'staticwebapp'
  scope: rg
  params: {
    name: '${abbrs.staticWebApp}${token}'
    location: staticWebAppLocation
    tags: tags
  }
}

module app 'modules/functionapp.bicep' = {
  name: 'functionapp'
  scope: rg
  params: {
    name: appName
    planName: '${abbrs.appServicePlan}${token}'
    location: location
    tags: tags
    identityId: identity.outputs.id
    identityClientId: identity.outputs.clientId
    storageAccountName: storage.outputs.name
    storageBlobEndpoint: storage.outputs.blobEndpoint
    deploymentContainerName: storage.outputs.deploymentContainerName
    appInsightsConnectionString: monitoring.outputs.appInsightsConnectionString
    keyVaultUri: vault.outputs.uri
    keyVaultSettings: keyVaultSettings
    extraSettings: openAiSettings
    maximumInstanceCount: maximumInstanceCount
    apiClientId: entraApiClientId
    requiredRole: 'Outreach.User'
    allowedOrigins: [web.outputs.url]
  }
  dependsOn: [
    roles
  ]
}

module events 'modules/eventgrid.bicep' = {
  name: 'eventgrid'
  scope: rg
  params: {
    name: '${abbrs.eventGridTopic}${token}'
    location: location
    tags: tags
    storageAccountName: storage.outputs.name
    deadLetterContainerName: storage.outputs.deadLetterContainerName
  }
}

output AZURE_LOCATION string = location
output AZURE_RESOURCE_GROUP string = rg.name
output AZURE_FUNCTION_APP_NAME string = app.outputs.name
output AZURE_FUNCTION_APP_URL string = app.outputs.url
output AZURE_STORAGE_ACCOUNT_NAME string = storage.outputs.name
output AZURE_KEY_VAULT_NAME string = vault.outputs.name
output AZURE_EVENTGRID_TOPIC_NAME string = events.outputs.name
output AZURE_EVENTGRID_DEADLETTER_CONTAINER string = events.outputs.deadLetterContainerName
output AZURE_STORAGE_ACCOUNT_ID string = storage.outputs.id
output AZURE_OPENAI_ENDPOINT string = deployAzureOpenAI ? openai!.outputs.endpoint : ''
output AZURE_STATIC_WEB_APP_NAME string = web.outputs.name
output AZURE_STATIC_WEB_APP_URL string = web.outputs.url
output AZURE_TENANT_ID string = tenant().tenantId
output ENTRA_API_CLIENT_ID string = entraApiClientId
output POSTGRES_HOST string = database.outputs.host
output POSTGRES_DATABASE string = database.outputs.databaseName
output POSTGRES_ADMIN_LOGIN string = postgresAdminLogin

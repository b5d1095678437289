// The console (Outreach.Web) as an Azure Static Web App on the Standard plan. It is not linked to the Function App:
// Static Web Apps link Consumption, Premium and Dedicated apps, not Flex Consumption. The console signs the person in
// with Entra ID (MSAL) and calls the Function App with their token; the Function App's App Service authentication
// validates it (functionapp.bicep). azd deploys the built files (azure.yaml, service `web`).
param name string
param location string
param tags object

resource site 'Microsoft.Web/staticSites@2024-04-01' = {
  name: name
  location: location
  tags: union(tags, { 'azd-service-name': 'web' })
  sku: {
    name: 'Standard'
    tier: 'Standard'
  }
  properties: {
    // Deployed by azd from the local build, not from a repository.
    allowConfigFileUpdates: true
    stagingEnvironmentPolicy: 'Disabled'
  }
}

output name string = site.name
output hostName string = site.properties.defaultHostname
output url string = 'https://${site.properties.defaultHostname}'

// Key Vault (RBAC, purge protection) holding the database connection string and the provider keys. Empty values
// are not stored, so a provider without a key stays "not configured".
param name string
param location string
param tags object

@secure()
@description('Secret name → value.')
param secrets object

resource vault 'Microsoft.KeyVault/vaults@2023-07-01' = {
  name: name
  location: location
  tags: tags
  properties: {
    tenantId: subscription().tenantId
    sku: { family: 'A', name: 'standard' }
    enableRbacAuthorization: true
    enableSoftDelete: true
    softDeleteRetentionInDays: 7
    enablePurgeProtection: true
    publicNetworkAccess: 'Enabled'
  }
}

resource secret 'Microsoft.KeyVault/vaults/secrets@2023-07-01' = [for s in items(secrets): if (!empty(s.value)) {
  parent: vault
  name: s.key
  properties: {
    value: s.value
    contentType: 'text/plain'
  }
}]

output name string = vault.name
output uri string = vault.properties.vaultUri

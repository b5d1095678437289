// PostgreSQL Flexible Server and the `outreach` database.
// Network choice: public access with TLS required and the firewall limited to Azure services (the Function App on
// Flex Consumption has no fixed outbound IPs without VNet integration) plus, optionally, the deploying machine for
// `outreach migrate`. For private networking, put the Function App on a VNet (Flex supports VNet integration) and
// the server on a delegated subnet with public access disabled — see README, Deployment.
param name string
param location string
param tags object
param administratorLogin string

@secure()
param administratorPassword string

@description('Public IPv4 address of the deploying machine; empty for none.')
param clientIpAddress string

param databaseName string = 'outreach'

resource server 'Microsoft.DBforPostgreSQL/flexibleServers@2024-08-01' = {
  name: name
  location: location
  tags: tags
  sku: {
    name: 'Standard_B1ms'
    tier: 'Burstable'
  }
  properties: {
    version: '16'
    administratorLogin: administratorLogin
    administratorLoginPassword: administratorPassword
    storage: { storageSizeGB: 32, autoGrow: 'Enabled' }
    backup: { backupRetentionDays: 7, geoRedundantBackup: 'Disabled' }
    highAvailability: { mode: 'Disabled' }
    network: { publicNetworkAccess: 'Enabled' }
    authConfig: { passwordAuth: 'Enabled', activeDirectoryAuth: 'Disabled' }
  }
}

resource database 'Microsoft.DBforPostgreSQL/flexibleServers/databases@2024-08-01' = {
  parent: server
  name: databaseName
  properties: {
    charset: 'UTF8'
    collation: 'en_US.utf8'
  }
}

// 0.0.0.0 is Azure's convention for "allow Azure services".
resource azureServices 'Microsoft.DBforPostgreSQL/flexibleServers/firewallRules@2024-08-01' = {
  parent: server
  name: 'AllowAzureServices'
  properties: { startIpAddress: '0.0.0.0', endIpAddress: '0.0.0.0' }
}

resource deployer 'Microsoft.DBforPostgreSQL/flexibleServers/firewallRules@2024-08-01' = if (!empty(clientIpAddress)) {
  parent: server
  name: 'AllowDeployer'
  properties: { startIpAddress: clientIpAddress, endIpAddress: clientIpAddress }
}

output host string = server.properties.fullyQualifiedDomainName
output databaseName string = database.name

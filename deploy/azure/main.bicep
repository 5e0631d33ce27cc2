// Verdict on Azure App Service, with its Azure Bot and the Microsoft Teams channel.
//
//   az deployment group create -g <resource-group> -f deploy/azure/main.bicep \
//     -p @deploy/azure/main.parameters.json
//
// Creates: a user-assigned managed identity (the bot's Microsoft App ID, no password to rotate),
// a Linux App Service plan and Web App running the bot (built-in Node runtime, or the image from
// deploy/Dockerfile), and an Azure Bot (global, F0) pointing at https://<web app>/api/messages.
// MDE and Graph: with mdeAuth=managed-identity (recommended) the same identity signs in to them, and
// grantAppRoles=true grants it the app roles through the Microsoft Graph Bicep extension
// (mde-app-roles.bicep); otherwise deploy/README.md step 3 gives the commands. With a secret or a
// certificate, the MDE app registration is NOT created here: it needs admin consent (step 1).

targetScope = 'resourceGroup'

@minLength(3)
@maxLength(20)
@description('Prefix of resource names, e.g. verdict or verdict-prod.')
param resourceBaseName string = 'verdict'

@description('Region of the identity, plan and web app. The Azure Bot itself is always global.')
param location string = resourceGroup().location

@description('Web app name; it becomes <name>.azurewebsites.net, so it must be globally unique.')
param webAppName string = '${resourceBaseName}-${uniqueString(resourceGroup().id)}'

@description('Azure Bot resource name (the bot handle); globally unique.')
param botName string = webAppName

@maxLength(42)
param botDisplayName string = 'Verdict'

@description('App Service plan SKU. B1 or higher: Always On is not available on F1/D1.')
param appServicePlanSku string = 'B1'

@allowed(['F0', 'S1'])
@description('Azure Bot SKU. Teams is a standard channel, so F0 (free) is enough.')
param botSku string = 'F0'

@description('Built-in Node runtime, for code deployment (az webapp deploy). Ignored when containerImage is set. Node 22 LTS or later: Node 20 is past its end of life.')
@allowed(['22-lts', '24-lts'])
param nodeVersion string = '22-lts'

@description('Optional: run this image (built from deploy/Dockerfile) instead of deployed code, e.g. contoso.azurecr.io/verdict:0.1.0.')
param containerImage string = ''

@description('Pull containerImage with the managed identity (Azure Container Registry; grant it AcrPull). Set false for a public image.')
param containerRegistryUsesManagedIdentity bool = true

// ---- Defender for Endpoint: the app registration of deploy/README.md step 1 -------------------------

@description('Tenant of the MDE app registration (the tenant that runs Defender for Endpoint).')
param mdeTenantId string = tenant().tenantId

@allowed(['managed-identity', 'certificate', 'secret'])
@description('How Verdict signs in to MDE and Graph: the managed identity below (no secret to rotate; recommended), a certificate file, or a Key Vault secret.')
param mdeAuth string = 'managed-identity'

@description('Application (client) ID of the app registration holding the WindowsDefenderATP permissions. Not used with mdeAuth=managed-identity.')
param mdeClientId string = ''

@description('mdeAuth=managed-identity: grant the identity the app roles below with the Microsoft Graph Bicep extension (the deployer needs the right to grant app roles in Entra). False: grant them with deploy/README.md step 3\'s commands.')
param grantAppRoles bool = false

@description('WindowsDefenderATP application roles for the identity (deploy/README.md step 1 lists what each feature needs).')
param mdeAppRoles array = ['File.Read.All', 'Alert.Read.All', 'Machine.Read.All', 'Ti.ReadWrite.All', 'Machine.Isolate']

@description('Microsoft Graph application roles for the identity: hunting, and roles from Entra groups.')
param graphAppRoles array = ['ThreatHunting.Read.All', 'User.Read.All', 'GroupMember.Read.All']

@description('PEM with private key and certificate on the app\'s persistent storage, e.g. /home/verdict/secrets/verdict-mde.pem. Set this or mdeClientSecretUri, not both.')
param mdeClientCertificatePath string = ''

@description('Key Vault secret URI (versionless) of the client secret, read via a Key Vault reference with the managed identity. Set this or mdeClientCertificatePath, not both.')
param mdeClientSecretUri string = ''

@allowed(['commercial', 'gcc', 'gcc-high', 'dod'])
param mdeCloud string = 'commercial'

@description('Optional regional API host, e.g. https://eu.api.security.microsoft.com.')
param mdeApiBaseUrl string = ''

@description('Optional token scope override (US Government clouds: the docs do not confirm the scope).')
param mdeTokenScope string = ''

@description('Optional sign-in authority override, e.g. https://login.microsoftonline.us.')
param mdeAuthorityHost string = ''

@description('Create a Log Analytics workspace and Application Insights, and export Verdict\'s traces and metrics there (deploy/RUNBOOK.md). Ignored when applicationInsightsConnectionString is set.')
param createApplicationInsights bool = true

@description('Optional: an existing Application Insights resource\'s connection string to export to instead.')
param applicationInsightsConnectionString string = ''

// ---- Roles (deploy/README.md step 2): without a source, Verdict refuses everyone ----------------------

@description('Comma-separated Entra group object IDs per role (deploy/README.md step 2). Set these, or rolesFile.')
param roleGroupsReader string = ''
param roleGroupsResponder string = ''
param roleGroupsApprover string = ''

@description('Optional instead of the groups: a roles JSON file on the app\'s persistent storage, e.g. /home/verdict/roles.json (upload it like the certificate). Not with roleGroups*.')
param rolesFile string = ''

@allowed(['none', 'reader'])
@description('What a user of the tenant with no grant gets: none (refused) or reader (look-ups only; containment always needs a group).')
param rolesDefault string = 'none'

// ---- Audit channel (empty settings are left out) -----------------------------------------------------

@description('Optional: Teams channel ID for the audit trail (19:...@thread.tacv2) and its service URL (deploy/README.md, "The audit channel"). Empty: the General channel of the first team an approver adds Verdict to.')
param auditChannelId string = ''
param auditServiceUrl string = ''

// ---- Several instances (deploy/README.md, "One instance or several") ---------------------------------

@minValue(1)
@maxValue(10)
@description('Instances of the web app. Above 1, state and the audit journal move to a storage account this template creates, and MDE\'s limits are split between the instances (INSTANCE_COUNT). Do not autoscale: the split is by this number.')
param instanceCount int = 1

@allowed(['file', 'blob'])
@description('Where state and the journal live with one instance: file (/home/verdict) or blob (the storage account). Above one instance it is always blob.')
param stateStore string = 'file'

@minValue(0)
@maxValue(146000)
@description('Optional WORM for the audit journal: days of time-based retention on its container, with protected append writes (entries can be added, none changed or deleted). 0: none. Once locked in Azure, it cannot be shortened.')
param journalRetentionDays int = 0

@allowed(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'])
param logLevel string = 'info'

param tags object = {}

var useContainer = !empty(containerImage)
var useBlob = stateStore == 'blob' || instanceCount > 1
var stateContainerName = 'verdict-state'
var journalContainerName = 'verdict-journal'
var useManagedIdentity = mdeAuth == 'managed-identity'

// Settings that are omitted when empty, so config.ts applies its own defaults.
var optionalSettings = {
  MDE_CLIENT_CERTIFICATE_PATH: mdeClientCertificatePath
  MDE_CLIENT_SECRET: empty(mdeClientSecretUri) ? '' : '@Microsoft.KeyVault(SecretUri=${mdeClientSecretUri})'
  MDE_API_BASE_URL: mdeApiBaseUrl
  MDE_TOKEN_SCOPE: mdeTokenScope
  MDE_AUTHORITY_HOST: mdeAuthorityHost
  ROLE_GROUPS_READER: roleGroupsReader
  ROLE_GROUPS_RESPONDER: roleGroupsResponder
  ROLE_GROUPS_APPROVER: roleGroupsApprover
  ROLES_FILE: rolesFile
  ROLES_DEFAULT: rolesDefault
  AUDIT_CHANNEL_ID: auditChannelId
  AUDIT_SERVICE_URL: auditServiceUrl
  // Several instances: one state store, one journal, one leader (a blob lease), one MDE budget.
  STATE_STORE: useBlob ? 'blob' : ''
  STATE_BLOB_CONNECTION_STRING: useBlob ? 'DefaultEndpointsProtocol=https;AccountName=${storage.name};AccountKey=${storage.listKeys().keys[0].value};EndpointSuffix=${environment().suffixes.storage}' : ''
  STATE_BLOB_CONTAINER: useBlob ? stateContainerName : ''
  STATE_BLOB_JOURNAL_CONTAINER: useBlob ? journalContainerName : ''
  INSTANCE_COUNT: instanceCount > 1 ? string(instanceCount) : ''
  // Code deployment: mount the zip from `az webapp deploy` read-only, and do not build on the server.
  WEBSITE_RUN_FROM_PACKAGE: useContainer ? '' : '1'
  SCM_DO_BUILD_DURING_DEPLOYMENT: useContainer ? '' : 'false'
  // Container: the port the image listens on, and /home mounted as persistent storage.
  WEBSITES_PORT: useContainer ? '3978' : ''
  WEBSITES_ENABLE_APP_SERVICE_STORAGE: useContainer ? 'true' : ''
}

resource identity 'Microsoft.ManagedIdentity/userAssignedIdentities@2023-01-31' = {
  name: '${resourceBaseName}-identity'
  location: location
  tags: tags
}

var newApplicationInsights = createApplicationInsights && empty(applicationInsightsConnectionString)

resource logs 'Microsoft.OperationalInsights/workspaces@2023-09-01' = if (newApplicationInsights) {
  name: '${resourceBaseName}-logs'
  location: location
  tags: tags
  properties: {
    sku: {
      name: 'PerGB2018'
    }
    retentionInDays: 30
  }
}

resource appInsights 'Microsoft.Insights/components@2020-02-02' = if (newApplicationInsights) {
  name: '${resourceBaseName}-insights'
  location: location
  tags: tags
  kind: 'web'
  properties: {
    Application_Type: 'web'
    WorkspaceResourceId: logs.id
  }
}

resource plan 'Microsoft.Web/serverfarms@2023-12-01' = {
  name: '${resourceBaseName}-plan'
  location: location
  tags: tags
  kind: 'linux'
  // Several instances share the storage account below (deploy/README.md, "One instance or several").
  sku: {
    name: appServicePlanSku
    capacity: instanceCount
  }
  properties: {
    reserved: true // Linux
  }
}

// State (containment requests, outbox position, the leader lease) and the audit journal's append
// blobs, in two containers so that WORM can cover the journal alone. Created only for blob state.
resource storage 'Microsoft.Storage/storageAccounts@2023-05-01' = if (useBlob) {
  name: take('${replace(resourceBaseName, '-', '')}${uniqueString(resourceGroup().id)}', 24)
  location: location
  tags: tags
  kind: 'StorageV2'
  sku: {
    name: 'Standard_ZRS'
  }
  properties: {
    minimumTlsVersion: 'TLS1_2'
    supportsHttpsTrafficOnly: true
    allowBlobPublicAccess: false
  }
}

resource blobService 'Microsoft.Storage/storageAccounts/blobServices@2023-05-01' = if (useBlob) {
  parent: storage
  name: 'default'
}

resource stateContainer 'Microsoft.Storage/storageAccounts/blobServices/containers@2023-05-01' = if (useBlob) {
  parent: blobService
  name: stateContainerName
}

resource journalContainer 'Microsoft.Storage/storageAccounts/blobServices/containers@2023-05-01' = if (useBlob) {
  parent: blobService
  name: journalContainerName
}

// WORM [U]: an unlocked time-based retention policy allowing protected append writes (new blocks
// on the journal's append blobs, nothing overwritten or deleted). Lock it in the portal once
// checked; deploy/README.md says how to confirm it refuses a delete.
resource journalWorm 'Microsoft.Storage/storageAccounts/blobServices/containers/immutabilityPolicies@2023-05-01' = if (useBlob && journalRetentionDays > 0) {
  parent: journalContainer
  name: 'default'
  properties: {
    immutabilityPeriodSinceCreationInDays: journalRetentionDays
    allowProtectedAppendWrites: true
  }
}

resource webApp 'Microsoft.Web/sites@2023-12-01' = {
  name: webAppName
  location: location
  tags: tags
  kind: useContainer ? 'app,linux,container' : 'app,linux'
  identity: {
    type: 'UserAssigned'
    userAssignedIdentities: {
      '${identity.id}': {}
    }
  }
  properties: {
    serverFarmId: plan.id
    httpsOnly: true
    clientAffinityEnabled: false
    // Key Vault references (MDE_CLIENT_SECRET) resolve with this identity, not a system-assigned one.
    keyVaultReferenceIdentity: identity.id
    siteConfig: {
      // Container: the image's own CMD; code: the compiled entry point of the deployed zip, with the
      // image's node flags (--optimize-for-size keeps RSS near the live heap: deploy/Dockerfile).
      linuxFxVersion: useContainer ? 'DOCKER|${containerImage}' : 'NODE|${nodeVersion}'
      appCommandLine: useContainer ? '' : 'node --optimize-for-size dist/src/main.js'
      acrUseManagedIdentityCreds: useContainer && containerRegistryUsesManagedIdentity
      alwaysOn: true
      healthCheckPath: '/healthz'
      http20Enabled: true
      minTlsVersion: '1.2'
      ftpsState: 'Disabled'
      acrUserManagedIdentityID: useContainer && containerRegistryUsesManagedIdentity ? identity.properties.clientId : null
      appSettings: concat(
        [
          { name: 'MDE_MODE', value: 'live' }
          { name: 'MDE_TENANT_ID', value: mdeTenantId }
          { name: 'MDE_AUTH', value: mdeAuth }
          // managed-identity: the bot's own user-assigned identity (App Service sets IDENTITY_ENDPOINT for it).
          { name: 'MDE_CLIENT_ID', value: useManagedIdentity ? identity.properties.clientId : mdeClientId }
          { name: 'MDE_CLOUD', value: mdeCloud }
          // botbuilder's own names: the managed identity is the bot's app identity, no password.
          { name: 'MicrosoftAppType', value: 'UserAssignedMSI' }
          { name: 'MicrosoftAppId', value: identity.properties.clientId }
          { name: 'MicrosoftAppTenantId', value: identity.properties.tenantId }
          // /home is the persistent, backed-up storage of App Service.
          { name: 'STATE_DIR', value: '/home/verdict' }
          { name: 'LOG_LEVEL', value: logLevel }
          // Empty: telemetry off (config.ts reads an empty setting as unset).
          {
            name: 'APPLICATIONINSIGHTS_CONNECTION_STRING'
            value: newApplicationInsights ? appInsights.properties.ConnectionString : applicationInsightsConnectionString
          }
        ],
        map(filter(items(optionalSettings), s => !empty(s.value)), s => { name: s.key, value: s.value })
      )
    }
  }
}

module appRoles 'mde-app-roles.bicep' = if (useManagedIdentity && grantAppRoles) {
  name: 'verdict-app-roles'
  params: {
    principalId: identity.properties.principalId
    mdeRoles: mdeAppRoles
    graphRoles: graphAppRoles
  }
}

resource bot 'Microsoft.BotService/botServices@2022-09-15' = {
  name: botName
  location: 'global'
  tags: tags
  kind: 'azurebot'
  sku: {
    name: botSku
  }
  properties: {
    displayName: botDisplayName
    endpoint: 'https://${webApp.properties.defaultHostName}/api/messages'
    msaAppType: 'UserAssignedMSI'
    msaAppId: identity.properties.clientId
    msaAppTenantId: identity.properties.tenantId
    msaAppMSIResourceId: identity.id
  }
}

resource teamsChannel 'Microsoft.BotService/botServices/channels@2022-09-15' = {
  parent: bot
  name: 'MsTeamsChannel'
  location: 'global'
  properties: {
    channelName: 'MsTeamsChannel'
    properties: {
      isEnabled: true
    }
  }
}

@description('BOT_ID for `npm run package:teams`: the bot\'s Microsoft App ID (the identity\'s client ID).')
output botAppId string = identity.properties.clientId
output botTenantId string = identity.properties.tenantId
@description('Object ID of the managed identity: grant it the MDE and Graph app roles (deploy/README.md step 3), Key Vault Secrets User (secret) or AcrPull (image).')
output identityPrincipalId string = identity.properties.principalId
output webAppName string = webApp.name
output webAppHostName string = webApp.properties.defaultHostName
output messagingEndpoint string = 'https://${webApp.properties.defaultHostName}/api/messages'
output botResourceName string = bot.name
output storageAccountName string = useBlob ? storage.name : ''
output applicationInsightsName string = newApplicationInsights ? appInsights.name : ''

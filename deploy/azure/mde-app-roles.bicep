// Application roles for a managed identity's service principal: what step 1 of deploy/README.md
// grants an app registration, granted here to the identity instead (MDE_AUTH=managed-identity).
// Uses the Microsoft Graph Bicep extension (deploy/azure/bicepconfig.json). The deploying user
// needs to be allowed to grant app roles in Entra (Privileged Role Administrator, or Application
// Administrator plus the Graph resource's owner rights); otherwise leave grantAppRoles=false in
// main.bicep and run the `az rest` commands of deploy/README.md, step 3 instead.

extension microsoftGraphV1

@description('Object (principal) ID of the managed identity\'s service principal.')
param principalId string

@description('WindowsDefenderATP roles to grant (values, e.g. File.Read.All).')
param mdeRoles array

@description('Microsoft Graph roles to grant (values, e.g. ThreatHunting.Read.All).')
param graphRoles array

// WindowsDefenderATP's application id, as community scripts give it [U] (deploy/README.md, step 1).
resource mdeApi 'Microsoft.Graph/servicePrincipals@v1.0' existing = {
  appId: 'fc780465-2017-40d4-a0c5-307022471b92'
}

resource graphApi 'Microsoft.Graph/servicePrincipals@v1.0' existing = {
  appId: '00000003-0000-0000-c000-000000000000'
}

resource mdeGrants 'Microsoft.Graph/appRoleAssignedTo@v1.0' = [for role in mdeRoles: {
  principalId: principalId
  resourceId: mdeApi.id
  appRoleId: filter(mdeApi.appRoles, r => r.value == role)[0].id
}]

resource graphGrants 'Microsoft.Graph/appRoleAssignedTo@v1.0' = [for role in graphRoles: {
  principalId: principalId
  resourceId: graphApi.id
  appRoleId: filter(graphApi.appRoles, r => r.value == role)[0].id
}]

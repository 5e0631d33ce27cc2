import type { Logger } from 'pino';
import type { Config } from '../config';
import { createMsalTokenProvider } from '../mde/token-provider';
import { graphEndpoints } from '../mde/graph-cloud';
import type { RoleSource } from './build-role-resolver';
import { DEMO_GROUPS } from '../sandbox/demo-tenant';
import { liveTokenProvider, type MdeParts } from '../mde/create';

/**
 * Where roles come from: ROLES_FILE, else ROLE_GROUPS_* through Graph, else nothing (deny all).
 * The sandbox with neither runs the real Graph path against its own Graph with DEMO_GROUPS.
 */
export async function roleSource(config: Config, mde: MdeParts, logger: Logger): Promise<RoleSource> {
  const { rolesFile, readerGroups, responderGroups, approverGroups } = config.roles;
  if (rolesFile) return { kind: 'file', path: rolesFile };
  const configured = readerGroups.length + responderGroups.length + approverGroups.length > 0;
  const groups = { reader: readerGroups, responder: responderGroups, approver: approverGroups };
  const log = logger.child({ component: 'graph' });
  const { sandbox } = mde;
  if (sandbox) {
    const graph = graphEndpoints(config.mde.cloud, config.roles.graphBaseUrl ?? sandbox.graphBaseUrl);
    const demoGroups = { reader: [DEMO_GROUPS.reader], responder: [DEMO_GROUPS.responder], approver: [DEMO_GROUPS.approver] };
    const tokenProvider = createMsalTokenProvider({ ...sandbox.credentials, authorityHost: sandbox.authorityHost, scope: graph.scope, caCertPem: sandbox.caCertPem, logger: log });
    return { kind: 'graph', request: { baseUrl: graph.baseUrl, tokenProvider, timeoutMs: config.mde.timeoutMs, logger: log }, groups: configured ? groups : demoGroups };
  }
  if (!configured) return { kind: 'none' };
  // The same app registration as MDE, with a Graph token (User.Read.All + GroupMember.Read.All).
  const graph = graphEndpoints(config.mde.cloud, config.roles.graphBaseUrl);
  const tokenProvider = await liveTokenProvider(config, graph.scope, log);
  return { kind: 'graph', request: { baseUrl: graph.baseUrl, tokenProvider, timeoutMs: config.mde.timeoutMs, logger: log }, groups };
}

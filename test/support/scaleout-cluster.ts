import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Sandbox } from '../../src/sandbox';
import { DEMO_TENANT_ID, DEMO_USERS } from '../../src/sandbox/demo-tenant';
import { spawnScript, type BotProcess } from './bot-process';

/** Approvers besides Megan, so twenty clicks come from several people (Alex requests; four-eyes). */
export const APPROVERS = [
  DEMO_USERS.megan,
  { name: 'Nestor Wilke', aadObjectId: '3a8f1c52-6b0e-4d7a-9c21-5e4b7f0a1d11' },
  { name: 'Patti Fernandez', aadObjectId: '3a8f1c52-6b0e-4d7a-9c21-5e4b7f0a1d12' },
];

export interface Instance {
  proc: BotProcess;
  url: string;
}

export interface Cluster {
  instances: Instance[];
  /** The instance whose last leadership log line says it leads. */
  leader(): Instance | undefined;
  stop(): Promise<void>;
}

/**
 * Three Verdict processes on one Azurite and one sandbox: each runs MDE_MODE=live against the
 * test's sandbox (its Entra CA trusted through NODE_EXTRA_CA_CERTS), STATE_STORE=blob, roles
 * from a file, the audit channel on the loopback connector.
 */
export async function startCluster(opts: { count: number; sandbox: Sandbox; blob: string; connectorUrl: string; auditChannel: string; timeScale: number; instanceCount?: number }): Promise<Cluster> {
  const dir = mkdtempSync(join(tmpdir(), 'verdict-scaleout-'));
  const ca = join(dir, 'sandbox-ca.pem');
  writeFileSync(ca, opts.sandbox.caCertPem);
  const roles = join(dir, 'roles.json');
  writeFileSync(roles, JSON.stringify({ users: { [DEMO_USERS.alex.aadObjectId]: ['responder'], ...Object.fromEntries(APPROVERS.map((a) => [a.aadObjectId, ['approver']])) } }));
  const { credentials } = opts.sandbox;
  const env = {
    PORT: '0',
    HOST: '127.0.0.1',
    LOG_LEVEL: 'info',
    STATE_DIR: dir,
    MDE_MODE: 'live',
    MDE_TENANT_ID: credentials.tenantId,
    MDE_CLIENT_ID: credentials.clientId,
    MDE_CLIENT_SECRET: credentials.clientSecret,
    MDE_API_BASE_URL: opts.sandbox.apiBaseUrl,
    MDE_AUTHORITY_HOST: opts.sandbox.authorityHost,
    GRAPH_BASE_URL: opts.sandbox.graphBaseUrl,
    HUNTING_API: 'graph',
    NODE_EXTRA_CA_CERTS: ca,
    ROLES_FILE: roles,
    STATE_STORE: 'blob',
    STATE_BLOB_CONNECTION_STRING: opts.blob,
    INSTANCE_COUNT: String(opts.instanceCount ?? opts.count),
    AUDIT_CHANNEL_ID: opts.auditChannel,
    AUDIT_SERVICE_URL: opts.connectorUrl,
    VERDICT_TEST_TIME_SCALE: String(opts.timeScale),
  };
  const procs = Array.from({ length: opts.count }, () => spawnScript('scaleout-child.ts', env));
  const stopAll = async () => {
    for (const p of procs) p.kill('SIGKILL');
    await Promise.all(procs.map((p) => p.exited));
    rmSync(dir, { recursive: true, force: true });
  };
  let instances: Instance[];
  try {
    instances = await Promise.all(
      procs.map(async (proc) => {
        const line = await Promise.race([
          proc.waitForLog((l) => l.msg === 'verdict listening'),
          proc.exited.then(() => Promise.reject(new Error(`an instance exited before listening: ${proc.stderr().slice(-2000)}`))),
        ]);
        return { proc, url: String(line.url) };
      }),
    );
  } catch (err) {
    await stopAll();
    throw err;
  }
  const leads = (i: Instance) => {
    const said = i.proc.logs.filter((l) => l.msg === 'this instance now leads (audit outbox and sweeps run here)' || l.msg === 'this instance no longer leads');
    return i.proc.alive() && said.at(-1)?.msg?.startsWith('this instance now leads') === true;
  };
  return { instances, leader: () => instances.find(leads), stop: stopAll };
}

/** A personal-chat activity from `user` to an instance, as Teams posts it; replies go to `serviceUrl`. */
export function activityFrom(user: { name: string; aadObjectId: string }, serviceUrl: string, extra: Record<string, unknown>): Record<string, unknown> {
  return {
    channelId: 'msteams',
    serviceUrl,
    id: `act-${Math.random().toString(36).slice(2)}`,
    from: { id: `29:${user.aadObjectId}`, aadObjectId: user.aadObjectId, name: user.name },
    recipient: { id: '28:verdict', name: 'Verdict' },
    conversation: { id: `personal-${user.aadObjectId}`, conversationType: 'personal' },
    channelData: { tenant: { id: DEMO_TENANT_ID } },
    ...extra,
  };
}

/** POSTs an activity to an instance's door; resolves with the HTTP status. */
export async function send(instance: Instance, activity: Record<string, unknown>): Promise<number> {
  const res = await fetch(`${instance.url}/api/messages`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(activity) });
  await res.arrayBuffer();
  return res.status;
}

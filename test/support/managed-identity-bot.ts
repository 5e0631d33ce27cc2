import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import { startVerdict, type RunningVerdict } from '../../src/main';
import { startSandbox, type Sandbox } from '../../src/sandbox';
import { DEMO_FILES, DEMO_GROUPS, DEMO_TENANT_ID } from '../../src/sandbox/demo-tenant';
import { cardOf, cardText } from './card-text';
import { startConnectorRecorder } from './connector-recorder';
import { personalActivity } from './personal-activity';

/** The environment variables msal-node reads to find a managed-identity endpoint. */
const MSAL_MI_VARIABLES = ['AZURE_POD_IDENTITY_AUTHORITY_HOST', 'IDENTITY_ENDPOINT', 'IDENTITY_HEADER'] as const;

/**
 * Verdict in live mode against a sandbox started apart, signing in to MDE and Graph with
 * MDE_AUTH=managed-identity only (no secret exists in its configuration), msal-node finding the
 * sandbox's stand-in identity endpoint through `platform` (the variables Azure would set).
 */
export async function startManagedIdentityBot(platform: (sandbox: Sandbox) => Record<string, string>, clientId?: string) {
  const sandbox = await startSandbox();
  const saved = new Map(MSAL_MI_VARIABLES.map((name) => [name, process.env[name]]));
  for (const [name, value] of Object.entries(platform(sandbox))) process.env[name] = value;
  const connector = await startConnectorRecorder();
  const stateDir = mkdtempSync(join(tmpdir(), 'verdict-mi-'));
  let app: RunningVerdict;
  try {
    app = await startVerdict(
      {
        PORT: '0',
        HOST: '127.0.0.1',
        MDE_MODE: 'live',
        MDE_AUTH: 'managed-identity',
        MDE_TENANT_ID: DEMO_TENANT_ID,
        ...(clientId ? { MDE_CLIENT_ID: clientId } : {}),
        MDE_API_BASE_URL: sandbox.apiBaseUrl,
        GRAPH_BASE_URL: sandbox.graphBaseUrl,
        ROLE_GROUPS_READER: DEMO_GROUPS.reader,
        ROLE_GROUPS_RESPONDER: DEMO_GROUPS.responder,
        ROLE_GROUPS_APPROVER: DEMO_GROUPS.approver,
        STATE_DIR: stateDir,
      },
      { logger: pino({ level: 'silent' }) },
    );
  } catch (err) {
    await Promise.all([sandbox.stop(), connector.stop()]);
    throw err;
  }

  /** Alex (a reader, by Graph group membership) asks for a verdict; resolves with the posted card's text. */
  const hashTurn = async (): Promise<{ status: number; text: string }> => {
    const res = await fetch(`${app.url}/api/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(personalActivity(connector.url, { type: 'message', text: `/hash ${DEMO_FILES.malware.sha256}` })),
    });
    const call = await connector.next();
    return { status: res.status, text: cardText(cardOf(call.body as never)) };
  };

  const stop = async () => {
    await app.stop();
    await Promise.all([sandbox.stop(), connector.stop()]);
    rmSync(stateDir, { recursive: true, force: true });
    for (const [name, value] of saved) {
      if (value === undefined) delete process.env[name];
      else process.env[name] = value;
    }
  };
  return { sandbox, app, hashTurn, stop };
}

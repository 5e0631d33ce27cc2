/**
 * `npm start`: the bot (against the embedded MDE sandbox unless MDE_MODE=live), plus Microsoft's
 * Agents Playground as the Teams client, in one process tree that stops cleanly on Ctrl-C.
 */
import { ConfigError, startVerdict, type RunningVerdict } from '../main';
import { startPlayground } from './playground';
import { DEMO_FILES } from '../sandbox/demo-tenant';

const PLAYGROUND_PORT = Number(process.env.PLAYGROUND_PORT ?? 56150);
/** The "Verdict audit" channel of the team in .m365agentsplayground.yml. */
const PLAYGROUND_AUDIT_CHANNEL = '19:verdict-demo-audit@thread.tacv2';

function banner(app: RunningVerdict, playgroundUrl: string): string {
  const lines = [
    '',
    '  Verdict is running.',
    `  Bot:        ${app.url}/api/messages   (health: ${app.url}/healthz)`,
    `  MDE:        ${app.config.mde.mode === 'sandbox' ? `embedded sandbox at ${app.sandbox?.apiBaseUrl}` : `live tenant (${app.config.mde.cloud})`}`,
    `  Audit:      ${app.config.audit.channelId ? `channel ${app.config.audit.channelId}` : 'journal only (no AUDIT_CHANNEL_ID)'}; journal ${app.config.stateDir}/audit.jsonl`,
    '',
    `  Open the Teams Playground:  ${playgroundUrl}`,
  ];
  if (app.config.mde.mode === 'sandbox') {
    lines.push(
      '  and try:',
      `    /hash ${DEMO_FILES.malware.sha256}   (malicious: EICAR test file)`,
      `    /hash ${DEMO_FILES.clean.sha256}   (clean: Microsoft-signed binary)`,
      `    /hash ${DEMO_FILES.unknown.sha256}   (unknown to MDE's verdicts)`,
      '    /help',
    );
  }
  lines.push('', '  Press Ctrl-C to stop.', '');
  return lines.join('\n');
}

async function main(): Promise<void> {
  // Local runs listen on loopback by default; the Playground talks to the bot there.
  const sandbox = (process.env.MDE_MODE ?? 'sandbox') === 'sandbox';
  const env = {
    ...process.env,
    HOST: process.env.HOST ?? '127.0.0.1',
    // In the sandbox, the audit trail goes to the Playground team's "Verdict audit" channel,
    // through the Playground's mock Bot Connector.
    ...(sandbox && !process.env.AUDIT_CHANNEL_ID
      ? { AUDIT_CHANNEL_ID: PLAYGROUND_AUDIT_CHANNEL, AUDIT_SERVICE_URL: `http://127.0.0.1:${PLAYGROUND_PORT}/_connector` }
      : {}),
    // A demo isolation goes Pending → InProgress → Succeeded within half a minute, so a newcomer
    // sees the approval card follow it through (the sandbox alone defaults to 30 s + 60 s).
    SANDBOX_ACTION_PENDING_SECONDS: process.env.SANDBOX_ACTION_PENDING_SECONDS ?? '10',
    SANDBOX_ACTION_RUNNING_SECONDS: process.env.SANDBOX_ACTION_RUNNING_SECONDS ?? '15',
  };
  let app: RunningVerdict;
  try {
    app = await startVerdict(env);
  } catch (err) {
    if (err instanceof ConfigError) {
      console.error(`${err.message}\nSee .env.example and the README's configuration table.`);
      process.exit(1);
    }
    throw err;
  }
  let playground: { url: string; stop(): Promise<void> } | undefined;
  try {
    playground = await startPlayground({ botEndpoint: `${app.url}/api/messages`, port: PLAYGROUND_PORT });
  } catch (err) {
    await app.stop();
    throw err;
  }
  console.log(banner(app, playground.url));

  let stopping = false;
  const shutdown = (signal: string) => {
    if (stopping) return;
    stopping = true;
    console.log(`\n  ${signal}: stopping Verdict…`);
    Promise.allSettled([playground?.stop(), app.stop()]).then(() => process.exit(0));
  };
  process.once('SIGINT', () => shutdown('SIGINT'));
  process.once('SIGTERM', () => shutdown('SIGTERM'));
}

main().catch((err: unknown) => {
  console.error(`Verdict failed to start: ${err instanceof Error ? err.message : String(err)}`);
  process.exit(1);
});

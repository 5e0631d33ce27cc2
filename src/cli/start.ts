/**
 * `npm start`: the bot (against the embedded MDE sandbox unless MDE_MODE=live), plus Microsoft's
 * Agents Playground as the Teams client, in one process tree that stops cleanly on Ctrl-C.
 *
 * The Playground has no user switcher, so in sandbox mode there are two: one as Alex Wilber (a
 * responder: looks up, asks for containment) and one as Megan Bowen (an approver), whose team's
 * "Verdict audit" channel receives the audit trail, with Approve / Deny on each request. Asking in
 * one window and deciding in the other is the four-eyes flow as a SOC would live it.
 */
import { ConfigError, startVerdict, type RunningVerdict } from '../main';
import { startPlayground, type RunningPlayground } from './playground';
import { banner } from './start-banner';

/** The "Verdict audit" channel of the team in the Playground configs. */
const PLAYGROUND_AUDIT_CHANNEL = '19:verdict-demo-audit@thread.tacv2';
const REQUESTER_CONFIG = '.m365agentsplayground.yml';
const APPROVER_CONFIG = '.m365agentsplayground.approver.yml';

const port = (name: string, fallback: number): number => {
  const value = Number(process.env[name] ?? fallback);
  if (!Number.isInteger(value) || value < 0 || value > 65_535) throw new ConfigError([`${name}: must be a port number (0-65535)`]);
  return value;
};

async function main(): Promise<void> {
  const sandbox = (process.env.MDE_MODE ?? 'sandbox') === 'sandbox';
  const host = process.env.HOST ?? '127.0.0.1';
  let botPort: number;
  let playgroundPorts: [number, number];
  try {
    botPort = port('PORT', 3978);
    playgroundPorts = [port('PLAYGROUND_PORT', 56150), port('PLAYGROUND_APPROVER_PORT', 56151)];
  } catch (err) {
    console.error(err instanceof Error ? err.message : String(err));
    process.exit(1);
  }
  // The Playgrounds come first: they need the bot only once someone chats, and the audit channel
  // must name the port the approver's one really got (it moves to another when one is taken).
  const botEndpoint = `http://127.0.0.1:${botPort}/api/messages`;
  const playgrounds: RunningPlayground[] = [];
  const stopPlaygrounds = () => Promise.allSettled(playgrounds.map((p) => p.stop()));
  let requester: RunningPlayground;
  let approver: RunningPlayground | undefined;
  try {
    requester = await startPlayground({ botEndpoint, port: playgroundPorts[0], configPath: REQUESTER_CONFIG });
    playgrounds.push(requester);
    // In live mode there is no demo approver: people are the tenant's, and one window is enough.
    if (sandbox) {
      approver = await startPlayground({ botEndpoint, port: playgroundPorts[1], configPath: APPROVER_CONFIG });
      playgrounds.push(approver);
    }
  } catch (err) {
    await stopPlaygrounds();
    throw err;
  }

  const env = {
    ...process.env,
    HOST: host,
    PORT: String(botPort),
    // In the sandbox the audit trail goes to the approver's Playground, through its mock Bot Connector.
    ...(approver && !process.env.AUDIT_CHANNEL_ID ? { AUDIT_CHANNEL_ID: PLAYGROUND_AUDIT_CHANNEL, AUDIT_SERVICE_URL: `http://127.0.0.1:${approver.port}/_connector` } : {}),
    // A demo isolation goes Pending → InProgress → Succeeded within half a minute, so a newcomer
    // sees the approval card follow it through (the sandbox alone defaults to 30 s + 60 s).
    SANDBOX_ACTION_PENDING_SECONDS: process.env.SANDBOX_ACTION_PENDING_SECONDS ?? '10',
    SANDBOX_ACTION_RUNNING_SECONDS: process.env.SANDBOX_ACTION_RUNNING_SECONDS ?? '15',
  };
  let app: RunningVerdict;
  try {
    app = await startVerdict(env);
  } catch (err) {
    await stopPlaygrounds();
    if (err instanceof ConfigError) {
      console.error(`${err.message}\nSee .env.example and the README's configuration table.`);
      process.exit(1);
    }
    throw err;
  }
  console.log(banner(app, requester, approver));

  let stopping = false;
  const shutdown = (signal: string) => {
    if (stopping) return;
    stopping = true;
    console.log(`\n  ${signal}: stopping Verdict…`);
    // The bot first: a Playground stopped under a post in flight leaves the SDK retrying it.
    app
      .stop()
      .catch((err: unknown) => console.error(`stopping the bot failed: ${err instanceof Error ? err.message : String(err)}`))
      .then(stopPlaygrounds)
      .then(() => process.exit(0));
  };
  process.once('SIGINT', () => shutdown('SIGINT'));
  process.once('SIGTERM', () => shutdown('SIGTERM'));
}

main().catch((err: unknown) => {
  console.error(`Verdict failed to start: ${err instanceof Error ? err.message : String(err)}`);
  process.exit(1);
});

/**
 * Starts Verdict (sandbox) with this process's environment, then prints which OpenTelemetry SDK
 * and exporter modules are loaded, as one JSON line, and stops. See telemetry-off.test.ts.
 */
import pino from 'pino';
import { startVerdict } from '../../src/main';

const SDK_MODULE = /[\\/]node_modules[\\/](@opentelemetry[\\/](sdk-|exporter-|resources)|@azure[\\/]monitor-opentelemetry)/;

async function main(): Promise<void> {
  const app = await startVerdict({ ...process.env, PORT: '0', HOST: '127.0.0.1', MDE_MODE: 'sandbox' }, { logger: pino({ level: 'silent' }) });
  const loaded = [...new Set(Object.keys(require.cache).filter((p) => SDK_MODULE.test(p)).map((p) => SDK_MODULE.exec(p)?.[1] ?? p))];
  process.stdout.write(`${JSON.stringify({ msg: 'modules', loaded })}\n`);
  await app.stop();
  process.exit(0);
}

main().catch((err: unknown) => {
  process.stderr.write(`${String(err)}\n`);
  process.exit(1);
});

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawnScript } from '../support/bot-process';

/* Telemetry off costs nothing: no OpenTelemetry SDK or exporter is even loaded (issue 17). */
jest.setTimeout(60_000);

const stateDir = mkdtempSync(join(tmpdir(), 'verdict-otel-off-'));
afterAll(() => rmSync(stateDir, { recursive: true, force: true }));

async function loadedModules(env: Record<string, string>): Promise<string[]> {
  const child = spawnScript('telemetry-modules-child.ts', { STATE_DIR: stateDir, ...env });
  const line = await Promise.race([child.waitForLog((l) => l.msg === 'modules'), child.exited.then(() => Promise.reject(new Error(child.stderr())))]);
  await child.exited;
  return line.loaded as string[];
}

describe('telemetry off', () => {
  it('when neither Azure Monitor nor OTLP is configured, then no OpenTelemetry SDK module is loaded', async () => {
    expect(await loadedModules({})).toEqual([]);
  });

  it('when Azure Monitor and an OTLP endpoint are configured, then the SDK and both exporters are loaded', async () => {
    // Closed loopback ports and no statsbeat: nothing leaves the machine.
    const loaded = await loadedModules({
      OTEL_EXPORTER_OTLP_ENDPOINT: 'http://127.0.0.1:9',
      APPLICATIONINSIGHTS_CONNECTION_STRING: 'InstrumentationKey=00000000-0000-0000-0000-000000000000;IngestionEndpoint=http://127.0.0.1:9/',
      APPLICATION_INSIGHTS_NO_STATSBEAT: 'true',
      APPLICATIONINSIGHTS_STATSBEAT_DISABLED: 'true',
    });
    expect(loaded).toEqual(expect.arrayContaining(['@opentelemetry/sdk-', '@opentelemetry/exporter-', '@azure/monitor-opentelemetry']));
  });
});

import { banner } from '../../src/cli/start-banner';
import { configFrom } from '../../src/main';
import type { Sandbox } from '../../src/sandbox';
import { DEMO_ALERTS } from '../../src/sandbox/demo-alerts';
import { DEMO_FILES } from '../../src/sandbox/demo-tenant';

const app = (mode: 'sandbox' | 'live') => ({
  url: 'http://127.0.0.1:3978',
  sandbox: mode === 'sandbox' ? ({ apiBaseUrl: 'http://127.0.0.1:4000' } as Sandbox) : undefined,
  config: configFrom(mode === 'sandbox' ? { MDE_MODE: 'sandbox' } : { MDE_MODE: 'live', MDE_TENANT_ID: 't', MDE_CLIENT_ID: 'c', MDE_CLIENT_SECRET: 's' }),
});

describe('npm start banner', () => {
  it('when the sandbox runs, then the banner offers the /alertfiles demo with the demo alert that has files and a device', () => {
    const text = banner(app('sandbox'), { url: 'http://localhost:56150' }, { url: 'http://localhost:56151' });
    const alertId = DEMO_ALERTS.eicar.alert.id;
    expect(text).toContain(`/alertfiles ${alertId}`);
    expect(DEMO_ALERTS.eicar.files.length).toBeGreaterThan(0);
    expect(text).toContain(`/hash ${DEMO_FILES.malware.sha256}`);
    expect(text).toMatch(/http:\/\/localhost:56151 .*Megan Bowen/);
  });

  it('when the sandbox runs, then the banner offers a device query over its made-up fleet and /indicators', () => {
    const text = banner(app('sandbox'), { url: 'http://localhost:56150' }, undefined);
    expect(text).toContain('/devices query DeviceInfo | where DeviceName startswith "fleet-000"');
    expect(text).toMatch(/\/indicators\s/);
  });

  it('when a live tenant is used, then no demo commands are printed', () => {
    const text = banner(app('live'), { url: 'http://localhost:56150' }, undefined);
    expect(text).not.toMatch(/\/alertfiles|\/hash|\/devices|\/indicators/);
    expect(text).toMatch(/live tenant \(commercial\)/);
  });
});

import { createHash } from 'node:crypto';
import { startSandbox } from '../../src/sandbox';
import { DEMO_FILES } from '../../src/sandbox/demo-files';
import { clientFor } from './sandbox-http';

/** MD5 → SHA-1/SHA-256 through Graph hunting: the real client (msal-node + fetch) against the sandbox. */
jest.setTimeout(30_000);

const NEVER = createHash('md5').update('never-in-the-demo-tenant').digest('hex');

describe('resolving MD5s against the sandbox', () => {
  it('when MD5s of seen files and an unseen one are resolved, then each gets its files and devices in order, in one Graph query', async () => {
    const sb = await startSandbox({ mdeHuntingRetired: true });
    try {
      const results = await clientFor(sb).resolveMd5s([DEMO_FILES.clean.md5.toUpperCase(), NEVER, DEMO_FILES.malware.md5]);
      expect(results).toEqual([
        { md5: DEMO_FILES.clean.md5, files: [expect.objectContaining({ sha1: DEMO_FILES.clean.sha1, sha256: DEMO_FILES.clean.sha256, deviceCount: 3, seenIn: ['DeviceFileEvents', 'DeviceProcessEvents'] })] },
        { md5: NEVER, files: [] },
        {
          md5: DEMO_FILES.malware.md5,
          files: [{ sha1: DEMO_FILES.malware.sha1, sha256: DEMO_FILES.malware.sha256, deviceCount: 1, deviceNames: ['workstation-07.verdict-demo.example'], seenIn: ['DeviceFileEvents'], lastSeen: expect.any(String) }],
        },
      ]);
      expect(sb.stats().byFamily).toEqual({ 'graph-hunting': 1 });
    } finally {
      await sb.stop();
    }
  });

  it('when a value is not an MD5, then nothing is sent', async () => {
    const sb = await startSandbox();
    try {
      await expect(clientFor(sb).resolveMd5s([DEMO_FILES.malware.md5, `${NEVER.slice(0, 30)}")`])).rejects.toMatchObject({ kind: 'bad-request' });
      expect(sb.stats().apiCalls).toBe(0);
    } finally {
      await sb.stop();
    }
  });
});

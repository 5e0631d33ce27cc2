import { createHash } from 'node:crypto';
import { createCachingMdeClient } from '../../src/mde/caching-mde-client';
import type { MdeClient } from '../../src/mde/client';
import { describeMdeError } from '../../src/mde/describe-error';
import { isMdeError } from '../../src/mde/errors';
import type { MdeFile } from '../../src/mde/file';
import { startSandbox } from '../../src/sandbox';
import { DEMO_FILES, DEMO_PROFILE_ERROR_FILE } from '../../src/sandbox/demo-files';
import { DEMO_APP_ROLES } from '../../src/sandbox/demo-tenant';
import { clientFor } from './sandbox-http';

/** FileProfile via advanced hunting (Graph's runHuntingQuery, as wired), end to end, and the per-hash fallback callers are expected to do. */
jest.setTimeout(30_000);

const UNKNOWN_SHA256 = 'f'.repeat(64);

/** What a caller does: hunting first, getFile for the hashes hunting could not answer (or for all, if refused). */
async function profileWithFallback(client: MdeClient, hashes: string[]): Promise<(MdeFile | null)[]> {
  try {
    const results = await client.getFileProfiles(hashes);
    return Promise.all(results.map((r) => (r.unavailable ? client.getFile(r.hash) : r.file)));
  } catch (err) {
    if (!isMdeError(err) || (err.kind !== 'forbidden' && err.kind !== 'bad-request')) throw err;
    return Promise.all(hashes.map((h) => client.getFile(h)));
  }
}

describe('MDE client file profiles against the sandbox', () => {
  it('when known, unknown and unprofilable hashes of both kinds are profiled, then each gets its answer in order, in two hunting calls', async () => {
    const sb = await startSandbox();
    try {
      const results = await clientFor(sb).getFileProfiles([DEMO_FILES.malware.sha256, DEMO_FILES.pua.sha1.toUpperCase(), UNKNOWN_SHA256, DEMO_PROFILE_ERROR_FILE.sha1]);
      expect(results).toEqual([
        { hash: DEMO_FILES.malware.sha256, file: expect.objectContaining({ sha1: DEMO_FILES.malware.sha1, md5: DEMO_FILES.malware.md5, size: 68, threatName: 'Virus:DOS/EICAR_Test_File', signer: null }) },
        { hash: DEMO_FILES.pua.sha1, file: expect.objectContaining({ sha256: DEMO_FILES.pua.sha256, threatName: 'PUA:Win32/FusionCore', isValidCertificate: false, filePublisher: 'Northwind Download Tools Ltd.' }) },
        { hash: UNKNOWN_SHA256, file: null },
        { hash: DEMO_PROFILE_ERROR_FILE.sha1, file: null, unavailable: true },
      ]);
      expect(sb.stats().byFamily).toEqual({ 'graph-hunting': 2 });
    } finally {
      await sb.stop();
    }
  });

  it('when hunting cannot profile a file, then the fallback finds it with one Files API call', async () => {
    const sb = await startSandbox();
    try {
      const files = await profileWithFallback(clientFor(sb), [DEMO_FILES.clean.sha1, DEMO_PROFILE_ERROR_FILE.sha1]);
      expect(files.map((f) => f?.sha1)).toEqual([DEMO_FILES.clean.sha1, DEMO_PROFILE_ERROR_FILE.sha1]);
      expect(files[1]?.filePublisher).toBe('Contoso Reporting Ltd.');
      expect(sb.stats().byFamily).toEqual({ 'graph-hunting': 1, files: 1 });
    } finally {
      await sb.stop();
    }
  });

  it('when the app lacks both hunting permissions, then hunting fails forbidden naming ThreatHunting.Read.All, and the fallback still answers', async () => {
    const sb = await startSandbox({ appRoles: DEMO_APP_ROLES.filter((r) => r !== 'AdvancedQuery.Read.All' && r !== 'ThreatHunting.Read.All') });
    try {
      const client = clientFor(sb);
      const err = await client.getFileProfiles([DEMO_FILES.pua.sha1]).catch((e: unknown) => e);
      expect(err).toMatchObject({ kind: 'forbidden', status: 403, operation: 'hunting.graph', permissions: ['ThreatHunting.Read.All'] });
      expect(isMdeError(err) && describeMdeError(err).detail).toBe('The Verdict app registration lacks ThreatHunting.Read.All.');
      // auto: Graph refused, so the (not yet retired) MDE endpoint was asked too, and refused.
      expect(sb.stats().byFamily).toEqual({ 'graph-hunting': 1, hunting: 1 });
      expect((await profileWithFallback(client, [DEMO_FILES.pua.sha1]))[0]?.determinationType).toBe('Pua');
    } finally {
      await sb.stop();
    }
  });

  it('when 1,000 synthetic hashes are profiled, then one hunting call answers all of them with a mix of verdicts', async () => {
    const sb = await startSandbox({ syntheticFiles: true });
    try {
      const hashes = Array.from({ length: 1_000 }, (_, i) => createHash('sha1').update(`benchmark-${i}`).digest('hex'));
      const results = await clientFor(sb).getFileProfiles(hashes);
      expect(results).toHaveLength(1_000);
      expect(results.every((r, i) => r.hash === hashes[i] && !r.unavailable)).toBe(true);
      const found = results.filter((r) => r.file).length;
      expect(found).toBeGreaterThan(600);
      expect(found).toBeLessThan(900);
      expect(results.some((r) => r.file?.threatName?.startsWith('Trojan:'))).toBe(true);
      expect(sb.stats().byFamily).toEqual({ 'graph-hunting': 1 });
    } finally {
      await sb.stop();
    }
  });

  it('when the caching client profiles hashes, then a later getFile by the other hash kind costs no call', async () => {
    const sb = await startSandbox();
    try {
      const client = createCachingMdeClient(clientFor(sb));
      await client.getFileProfiles([DEMO_FILES.malware.sha1, DEMO_FILES.clean.sha1]);
      const again = await Promise.all([client.getFile(DEMO_FILES.malware.sha256), client.getFileProfiles([DEMO_FILES.clean.sha256])]);
      expect(again[0]?.threatName).toBe('Virus:DOS/EICAR_Test_File');
      expect(again[1][0]?.file?.sha1).toBe(DEMO_FILES.clean.sha1);
      expect(sb.stats().apiCalls).toBe(1);
    } finally {
      await sb.stop();
    }
  });
});

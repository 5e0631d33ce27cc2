import { startSandbox, type Sandbox } from '../../src/sandbox';
import { DEMO_FILES, DEMO_PROFILE_ERROR_FILE } from '../../src/sandbox/demo-files';
import { call, tokenFor } from './sandbox-http';

/** POST /api/advancedqueries/run over raw HTTP: the FileProfile lookup, its refusals, its limit and latency. */
const RUN = '/api/advancedqueries/run';
const COLUMNS = ['SHA1', 'SHA256', 'MD5', 'FileSize', 'GlobalPrevalence', 'GlobalFirstSeen', 'GlobalLastSeen', 'Signer', 'Issuer', 'SignerHash', 'IsCertificateValid', 'IsRootSignerMicrosoft', 'SignatureState', 'IsExecutable', 'ThreatName', 'Publisher', 'SoftwareName', 'ProfileAvailability'];
const profile = (column: 'SHA1' | 'SHA256', values: string[], limit = values.length) => ({ Query: `datatable(${column}:string)[${values.map((v) => `"${v}"`).join(',')}] | invoke FileProfile("${column}", ${limit})` });
const UNKNOWN = 'f'.repeat(40);

describe('sandbox advanced hunting', () => {
  let sb: Sandbox;
  let token: string;
  beforeAll(async () => {
    sb = await startSandbox();
    token = await tokenFor(sb);
  });
  afterAll(() => sb.stop());

  it('when known, unknown, unprofilable and invalid SHA-1s are profiled, then Available, Missing, Error and "" rows come back in order', async () => {
    const { status, json } = await call(sb, token, RUN, profile('SHA1', [DEMO_FILES.malware.sha1, UNKNOWN, DEMO_PROFILE_ERROR_FILE.sha1, 'abc']));
    expect(status).toBe(200);
    expect((json.Schema as { Name: string }[]).map((c) => c.Name)).toEqual(COLUMNS);
    const rows = json.Results as Record<string, unknown>[];
    expect(rows.map((r) => [r.SHA1, r.ProfileAvailability])).toEqual([
      [DEMO_FILES.malware.sha1, 'Available'],
      [UNKNOWN, 'Missing'],
      [DEMO_PROFILE_ERROR_FILE.sha1, 'Error'],
      ['abc', ''],
    ]);
    expect(Object.keys(rows[0] ?? {})).toEqual(COLUMNS);
    expect(rows[0]).toMatchObject({ SHA256: DEMO_FILES.malware.sha256, MD5: DEMO_FILES.malware.md5, FileSize: 68, ThreatName: 'Virus:DOS/EICAR_Test_File', SignatureState: 'Unsigned', Signer: '', IsCertificateValid: null });
    expect(rows[1]).toMatchObject({ SHA256: '', FileSize: null, ThreatName: '' });
  });

  it('when the clean file is profiled by SHA-256, then its signature columns reflect the Microsoft signer', async () => {
    const rows = (await call(sb, token, RUN, profile('SHA256', [DEMO_FILES.clean.sha256]))).json.Results as Record<string, unknown>[];
    expect(rows[0]).toMatchObject({ SHA1: DEMO_FILES.clean.sha1, Signer: 'Microsoft Windows', IsCertificateValid: true, IsRootSignerMicrosoft: true, SignatureState: 'SignedValid', IsExecutable: true, Publisher: 'Microsoft Corporation', ThreatName: '' });
  });

  it('when more values are given than the FileProfile limit, then the rows past it have an empty availability', async () => {
    const rows = (await call(sb, token, RUN, profile('SHA1', [DEMO_FILES.pua.sha1, DEMO_FILES.clean.sha1], 1))).json.Results as Record<string, unknown>[];
    expect(rows.map((r) => r.ProfileAvailability)).toEqual(['Available', '']);
  });

  it.each([
    ['another query', { Query: 'DeviceProcessEvents | take 10' }, 'BadRequest'],
    ['an injected stage', { Query: `${profile('SHA1', [UNKNOWN]).Query} | project AccountUpn` }, 'BadRequest'],
    ['the key in the wrong case', { query: profile('SHA1', [UNKNOWN]).Query }, 'InvalidRequestBody'],
    ['no query', {}, 'InvalidRequestBody'],
  ])('when the body has %s, then 400 with code %s', async (_label, body, code) => {
    const { status, json } = await call(sb, token, RUN, body);
    expect(status).toBe(400);
    expect(json.error?.code).toBe(code);
  });
});

describe('sandbox advanced hunting with other settings', () => {
  it('when the app lacks AdvancedQuery.Read.All, then 403 naming it', async () => {
    const sb = await startSandbox({ appRoles: ['File.Read.All'] });
    try {
      const { status, json } = await call(sb, await tokenFor(sb), RUN, profile('SHA1', [UNKNOWN]));
      expect(status).toBe(403);
      expect(json.error?.message).toContain('API required roles: AdvancedQuery.Read.All');
    } finally {
      await sb.stop();
    }
  });

  it('when hunting has its own limit, then the next query is 429 while file lookups still pass', async () => {
    const sb = await startSandbox({ familyLimits: { hunting: { perMinute: 1 } } });
    try {
      const token = await tokenFor(sb);
      expect((await call(sb, token, RUN, profile('SHA1', [UNKNOWN]))).status).toBe(200);
      const second = await call(sb, token, RUN, profile('SHA1', [UNKNOWN]));
      expect(second.status).toBe(429);
      expect(Number(second.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
      expect((await call(sb, token, `/api/files/${DEMO_FILES.pua.sha1}`)).status).toBe(200);
    } finally {
      await sb.stop();
    }
  });

  it('when a latency model is set, then hunting answers take its scaled time and file lookups theirs', async () => {
    const sb = await startSandbox({ timeScale: 0.1, latencyModel: { hunting: { baseMs: 2_000 }, files: { baseMs: 100 } }, random: () => 0 });
    try {
      const token = await tokenFor(sb);
      let started = performance.now();
      await call(sb, token, RUN, profile('SHA1', [UNKNOWN]));
      expect(performance.now() - started).toBeGreaterThanOrEqual(195);
      started = performance.now();
      await call(sb, token, `/api/files/${DEMO_FILES.pua.sha1}`);
      const files = performance.now() - started;
      expect(files).toBeGreaterThanOrEqual(9);
      expect(files).toBeLessThan(150);
    } finally {
      await sb.stop();
    }
  });

  it('when synthetic files are on, then random hashes are profiled with a mix of verdicts', async () => {
    const sb = await startSandbox({ syntheticFiles: true });
    try {
      const hashes = Array.from({ length: 200 }, (_, i) => (i * 0x1234567 + 0xabc).toString(16).padStart(8, '0').repeat(5).slice(0, 40));
      const rows = (await call(sb, await tokenFor(sb), RUN, profile('SHA1', hashes))).json.Results as Record<string, unknown>[];
      const seen = new Set(rows.map((r) => (r.ProfileAvailability === 'Available' ? (r.ThreatName === '' ? 'no threat' : String(r.ThreatName).split(':')[0]) : r.ProfileAvailability)));
      expect(seen).toEqual(new Set(['Trojan', 'PUA', 'no threat', 'Missing']));
    } finally {
      await sb.stop();
    }
  });
});

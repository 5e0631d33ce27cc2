import { startSandbox, type Sandbox } from '../../src/sandbox';
import { DEMO_FILES, DEMO_NOT_FOUND_SHA256 } from '../../src/sandbox/demo-tenant';
import { tokenFor } from './sandbox-http';

/** GET /api/files/{id} over real HTTP on loopback: auth, roles, the entity's exact shape, errors. */
const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const FILE_FIELDS = [
  '@odata.context',
  'sha1',
  'sha256',
  'md5',
  'globalPrevalence',
  'globalFirstObserved',
  'globalLastObserved',
  'size',
  'fileType',
  'isPeFile',
  'filePublisher',
  'fileProductName',
  'signer',
  'issuer',
  'signerHash',
  'isValidCertificate',
  'determinationType',
  'determinationValue',
];

async function get(sb: Sandbox, path: string, token?: string, method = 'GET') {
  const res = await fetch(`${sb.apiBaseUrl}${path}`, { method, headers: token ? { authorization: `Bearer ${token}` } : {} });
  return { status: res.status, headers: res.headers, json: (await res.json()) as Record<string, unknown> & { error?: { code: string; message: string; target: string } } };
}

describe('sandbox files API', () => {
  let sb: Sandbox;
  let token: string;

  beforeAll(async () => {
    sb = await startSandbox();
    token = await tokenFor(sb);
  });
  afterAll(() => sb.stop());

  it('when no token is sent, then 401 Unauthorized in MDE\'s error shape with a fresh GUID target', async () => {
    const first = await get(sb, `/api/files/${DEMO_FILES.malware.sha256}`);
    const second = await get(sb, `/api/files/${DEMO_FILES.malware.sha256}`);
    expect(first.status).toBe(401);
    expect(Object.keys(first.json)).toEqual(['error']);
    expect(first.json.error).toEqual({ code: 'Unauthorized', message: expect.any(String), target: expect.stringMatching(GUID) });
    expect(second.json.error?.target).not.toBe(first.json.error?.target);
  });

  it('when the token is unknown to the sandbox, then 401 Unauthorized', async () => {
    expect((await get(sb, `/api/files/${DEMO_FILES.malware.sha256}`, 'eyJ.forged.token')).json.error?.code).toBe('Unauthorized');
  });

  it('when the token was issued for Microsoft Graph, then MDE refuses it with 401', async () => {
    const graphToken = await tokenFor(sb, 'https://graph.microsoft.com/.default');
    const reply = await get(sb, `/api/files/${DEMO_FILES.malware.sha256}`, graphToken);
    expect(reply.status).toBe(401);
    expect(reply.json.error?.message).toMatch(/audience/);
  });

  it.each(Object.entries(DEMO_FILES))('when the %s file is looked up by SHA-256, then 200 with exactly MDE\'s fields and nulls', async (_key, demo) => {
    const reply = await get(sb, `/api/files/${demo.sha256}`, token);
    expect(reply.status).toBe(200);
    expect(reply.headers.get('content-type')).toMatch(/^application\/json/);
    expect(Object.keys(reply.json)).toEqual(FILE_FIELDS);
    expect(reply.json).toEqual({ '@odata.context': `${sb.apiBaseUrl}/api/$metadata#Files/$entity`, ...demo.file });
  });

  it('when the unknown file is read, then its signing fields and determinationValue are null, not missing', async () => {
    const { json } = await get(sb, `/api/files/${DEMO_FILES.unknown.sha256}`, token);
    for (const field of ['determinationValue', 'signer', 'issuer', 'filePublisher', 'signerHash', 'isValidCertificate', 'fileType']) {
      expect(json).toHaveProperty(field, null);
    }
  });

  it('when a file is looked up by upper-case SHA-1 under /api/v1.0, then the same entity comes back', async () => {
    const reply = await get(sb, `/api/v1.0/files/${DEMO_FILES.pua.sha1.toUpperCase()}`, token);
    expect(reply.status).toBe(200);
    expect(reply.json).toMatchObject({ sha256: DEMO_FILES.pua.sha256, determinationValue: 'PUA:Win32/FusionCore' });
  });

  it('when the hash is valid but unknown, then 404 NotFound', async () => {
    const reply = await get(sb, `/api/files/${DEMO_NOT_FOUND_SHA256}`, token);
    expect(reply.status).toBe(404);
    expect(reply.json.error).toMatchObject({ code: 'NotFound', target: expect.stringMatching(GUID) });
  });

  it.each([
    ['an MD5', DEMO_FILES.malware.md5],
    ['not hex', 'z'.repeat(64)],
    ['a 41-character id', `${DEMO_FILES.malware.sha1}a`],
  ])('when the id is %s, then 400 InvalidHashValue', async (_label, id) => {
    const reply = await get(sb, `/api/files/${id}`, token);
    expect(reply.status).toBe(400);
    expect(reply.json.error?.code).toBe('InvalidHashValue');
  });

  it('when the path is no API or the method is wrong, then 404 / 405 in MDE\'s error shape', async () => {
    expect((await get(sb, '/api/nothing-here', token)).json.error?.code).toBe('NotFound');
    const wrongMethod = await get(sb, `/api/files/${DEMO_FILES.malware.sha256}`, token, 'DELETE');
    expect(wrongMethod.status).toBe(405);
  });

  it('when calls were made, then stats count them overall and per family', async () => {
    const before = sb.stats();
    await get(sb, `/api/files/${DEMO_FILES.clean.sha1}`, token);
    await get(sb, `/api/files/${DEMO_FILES.clean.sha1}`);
    const after = sb.stats();
    expect(after.apiCalls).toBe(before.apiCalls + 2);
    // The unauthenticated call never reached an API, so only one counts for the family.
    expect(after.byFamily.files).toBe((before.byFamily.files ?? 0) + 1);
  });
});

describe('sandbox files API with other settings', () => {
  it('when the app lacks File.Read.All, then 403 Forbidden naming the missing role', async () => {
    const sb = await startSandbox({ appRoles: ['Alert.Read.All', 'Machine.Isolate'] });
    try {
      const reply = await get(sb, `/api/files/${DEMO_FILES.malware.sha256}`, await tokenFor(sb));
      expect(reply.status).toBe(403);
      expect(reply.json.error).toMatchObject({ code: 'Forbidden', message: expect.stringContaining('Missing application roles. API required roles: File.Read.All') });
    } finally {
      await sb.stop();
    }
  });

  it('when restify has patched node\'s ServerResponse in the same process (as npm start does), then answers still arrive', async () => {
    await import('restify'); // its writeHead returns undefined instead of the response
    const sb = await startSandbox();
    try {
      const reply = await get(sb, `/api/files/${DEMO_FILES.clean.sha256}`, await tokenFor(sb));
      expect(reply.status).toBe(200);
      expect(reply.json.sha256).toBe(DEMO_FILES.clean.sha256);
    } finally {
      await sb.stop();
    }
  });

  it('when latencyMs is set, then every MDE answer, errors included, takes at least that long', async () => {
    const sb = await startSandbox({ latencyMs: 150 });
    try {
      const started = performance.now();
      const reply = await get(sb, `/api/files/${DEMO_FILES.malware.sha256}`);
      expect(reply.status).toBe(401);
      expect(performance.now() - started).toBeGreaterThanOrEqual(140);
    } finally {
      await sb.stop();
    }
  });
});

import { createHash, X509Certificate } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import selfsigned from 'selfsigned';
import { parseClientCertificate, readClientCertificate } from '../../src/mde/client-certificate';

const attrs = [{ name: 'commonName', value: 'verdict-test' }];

describe('client certificate', () => {
  let rsa: { cert: string; private: string };
  let other: { cert: string; private: string };
  beforeAll(async () => {
    rsa = await selfsigned.generate(attrs, { keySize: 2048, algorithm: 'sha256' });
    other = await selfsigned.generate(attrs, { keySize: 2048, algorithm: 'sha256' });
  });

  it('when the PEM holds a key and a certificate, then the SHA-256 thumbprint, key and x5c are what msal-node needs', () => {
    const parsed = parseClientCertificate(`${rsa.private}\n${rsa.cert}`);
    const der = new X509Certificate(rsa.cert).raw;
    expect(parsed.thumbprintSha256).toBe(createHash('sha256').update(der).digest('hex'));
    expect(parsed.privateKey).toMatch(/^-----BEGIN (RSA )?PRIVATE KEY-----/);
    expect(parsed.privateKey).not.toContain('CERTIFICATE');
    expect(parsed.x5c).toBe(rsa.cert.trim());
  });

  it('when the file is read from disk, then the same values come back', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'verdict-cert-'));
    try {
      const path = join(dir, 'app.pem');
      await writeFile(path, `${rsa.cert}\n${rsa.private}`);
      expect(await readClientCertificate(path)).toEqual(parseClientCertificate(`${rsa.private}${rsa.cert}`));
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it.each([
    ['no certificate', () => rsa.private, 'no CERTIFICATE block'],
    ['no key', () => rsa.cert, 'expected one PRIVATE KEY block, found 0'],
    ['a key of another certificate', () => `${other.private}${rsa.cert}`, 'does not belong'],
    ['an encrypted key', () => `-----BEGIN ENCRYPTED PRIVATE KEY-----\nMIIB\n-----END ENCRYPTED PRIVATE KEY-----\n${rsa.cert}`, 'encrypted'],
  ])('when the PEM has %s, then it is refused with a reason and no key material', (_label, pem, reason) => {
    let message = '';
    try {
      parseClientCertificate(pem());
    } catch (err) {
      message = (err as Error).message;
    }
    expect(message).toContain(reason);
    expect(message).not.toContain('MII');
  });

  it('when the key is EC, then it is refused because msal-node signs with PS256', async () => {
    const ec = await selfsigned.generate(attrs, { keyType: 'ec', curve: 'P-256', algorithm: 'sha256' });
    expect(() => parseClientCertificate(`${ec.private}${ec.cert}`)).toThrow('an RSA key is required');
  });
});
